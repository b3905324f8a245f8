import { constants as cryptoConstants, privateDecrypt, randomBytes } from 'node:crypto';
import { beijingTime, sealResource } from './protocol';
import {
  field,
  FINAL_TRANSFER_STATES,
  optionalString,
  paramError,
  requireFen,
  requireString,
  WechatError,
  type FakeOrder,
  type FakeRefund,
  type FakeState,
  type FakeTransferBill,
  type IncomingCall,
  type Reply,
} from './state';

/** The endpoints the fake serves, each checking what the real API checks that matters to us. */

interface Route {
  method: 'GET' | 'POST';
  pattern: RegExp;
  handle(state: FakeState, call: IncomingCall, params: string[]): Reply;
}

const TRANSFER_BILLS = '/v3/fund-app/mch-transfer/transfer-bills';

export const routes: Route[] = [
  { method: 'POST', pattern: /^\/v3\/pay\/transactions\/jsapi$/, handle: createJsapiOrder },
  { method: 'GET', pattern: /^\/v3\/pay\/transactions\/out-trade-no\/([^/]+)$/, handle: queryOrder },
  { method: 'POST', pattern: /^\/v3\/pay\/transactions\/out-trade-no\/([^/]+)\/close$/, handle: closeOrder },
  { method: 'POST', pattern: /^\/v3\/refund\/domestic\/refunds$/, handle: createRefund },
  { method: 'GET', pattern: /^\/v3\/refund\/domestic\/refunds\/([^/]+)$/, handle: queryRefund },
  { method: 'GET', pattern: /^\/v3\/certificates$/, handle: downloadCertificates },
  { method: 'POST', pattern: new RegExp(`^${TRANSFER_BILLS}$`), handle: createTransferBill },
  { method: 'GET', pattern: new RegExp(`^${TRANSFER_BILLS}/out-bill-no/([^/]+)$`), handle: queryTransferBill },
  { method: 'POST', pattern: new RegExp(`^${TRANSFER_BILLS}/out-bill-no/([^/]+)/cancel$`), handle: cancelTransferBill },
];

function createJsapiOrder(state: FakeState, call: IncomingCall): Reply {
  const { body } = call;
  const appid = requireString(body, 'appid');
  const mchid = requireString(body, 'mchid');
  if (appid !== state.keys.appid || mchid !== state.keys.mchid) {
    throw new WechatError(400, 'APPID_MCHID_NOT_MATCH', 'appid和mch_id不匹配');
  }
  const outTradeNo = requireString(body, 'out_trade_no', 32);
  if (!/^[0-9A-Za-z_\-|*]{6,32}$/.test(outTradeNo)) throw paramError('out_trade_no格式错误');
  const description = requireString(body, 'description', 127);
  const notifyUrl = requireString(body, 'notify_url', 255);
  const totalFen = requireFen(field(body, 'amount'), 'total');
  const currency = field(field(body, 'amount'), 'currency');
  if (currency !== undefined && currency !== 'CNY') throw paramError('currency只支持CNY');
  const payerOpenid = requireString(field(body, 'payer'), 'openid', 128);

  const existing = state.orders.get(outTradeNo);
  if (existing) {
    if (existing.tradeState === 'SUCCESS' || existing.tradeState === 'REFUND') throw new WechatError(400, 'ORDERPAID', '该订单已支付');
    if (existing.tradeState === 'CLOSED') throw new WechatError(400, 'ORDER_CLOSED', '订单已关闭');
    // Re-ordering with identical parameters returns the same prepay_id; anything else is a clash.
    if (existing.totalFen !== totalFen || existing.payerOpenid !== payerOpenid || existing.description !== description) {
      throw new WechatError(400, 'INVALID_REQUEST', '201 商户订单号重复');
    }
    return { status: 200, body: { prepay_id: existing.prepayId } };
  }
  const order: FakeOrder = {
    appid,
    mchid,
    outTradeNo,
    description,
    totalFen,
    payerOpenid,
    notifyUrl,
    prepayId: `wx${randomBytes(13).toString('hex')}`,
    tradeState: 'NOTPAY',
  };
  state.orders.set(outTradeNo, order);
  return { status: 200, body: { prepay_id: order.prepayId } };
}

function queryOrder(state: FakeState, call: IncomingCall, [outTradeNo]: string[]): Reply {
  if (call.query.get('mchid') !== state.keys.mchid) throw paramError('mchid与请求商户号不一致');
  const order = state.orders.get(outTradeNo);
  if (!order) throw new WechatError(404, 'ORDER_NOT_EXIST', '订单不存在');
  return { status: 200, body: transactionBody(order) };
}

/** The order as WeChat reports it in queries and in TRANSACTION.SUCCESS notifications. */
export function transactionBody(order: FakeOrder): Record<string, unknown> {
  const paid = order.tradeState === 'SUCCESS' || order.tradeState === 'REFUND';
  const descriptions = { NOTPAY: '未支付', SUCCESS: '支付成功', REFUND: '转入退款', CLOSED: '订单已关闭' };
  return {
    appid: order.appid,
    mchid: order.mchid,
    out_trade_no: order.outTradeNo,
    ...(paid ? { transaction_id: order.transactionId, trade_type: 'JSAPI', bank_type: 'OTHERS', success_time: order.successTime } : {}),
    trade_state: order.tradeState,
    trade_state_desc: descriptions[order.tradeState],
    attach: '',
    payer: { openid: order.payerOpenid },
    amount: paid
      ? { total: order.totalFen, payer_total: order.totalFen, currency: 'CNY', payer_currency: 'CNY' }
      : { total: order.totalFen, currency: 'CNY', payer_currency: 'CNY' },
  };
}

function closeOrder(state: FakeState, call: IncomingCall, [outTradeNo]: string[]): Reply {
  if (field(call.body, 'mchid') !== state.keys.mchid) throw paramError('mchid与请求商户号不一致');
  const order = state.orders.get(outTradeNo);
  if (!order) throw new WechatError(404, 'ORDER_NOT_EXIST', '订单不存在');
  if (order.tradeState === 'SUCCESS' || order.tradeState === 'REFUND') throw new WechatError(400, 'ORDERPAID', '该订单已支付');
  order.tradeState = 'CLOSED';
  return { status: 204 };
}

function createRefund(state: FakeState, call: IncomingCall): Reply {
  const { body } = call;
  const outTradeNo = requireString(body, 'out_trade_no', 32);
  const outRefundNo = requireString(body, 'out_refund_no', 64);
  const refundFen = requireFen(field(body, 'amount'), 'refund');
  const totalFen = requireFen(field(body, 'amount'), 'total');
  if (field(field(body, 'amount'), 'currency') !== 'CNY') throw paramError('currency只支持CNY');

  const order = state.orders.get(outTradeNo);
  if (!order) throw new WechatError(404, 'RESOURCE_NOT_EXISTS', '订单不存在');
  if (order.tradeState !== 'SUCCESS' && order.tradeState !== 'REFUND') throw new WechatError(400, 'INVALID_REQUEST', '订单未支付，不能退款');
  if (totalFen !== order.totalFen) throw paramError('订单金额与原订单不一致');

  const existing = state.refunds.get(outRefundNo);
  if (existing) {
    // Same out_refund_no is an idempotent retry; WeChat answers with the refund it already has.
    if (existing.refundFen !== refundFen || existing.outTradeNo !== outTradeNo) throw new WechatError(400, 'INVALID_REQUEST', '退款单号重复，参数不一致');
    return { status: 200, body: refundBody(existing, order) };
  }
  const alreadyRefunded = [...state.refunds.values()]
    .filter((refund) => refund.outTradeNo === outTradeNo && (refund.status === 'PROCESSING' || refund.status === 'SUCCESS'))
    .reduce((sum, refund) => sum + refund.refundFen, 0);
  if (alreadyRefunded + refundFen > order.totalFen) throw new WechatError(400, 'INVALID_REQUEST', '申请退款金额超过订单可退金额');

  const refund: FakeRefund = {
    outRefundNo,
    refundId: state.newId('50', 29),
    outTradeNo,
    transactionId: order.transactionId!,
    refundFen,
    totalFen,
    reason: optionalString(body, 'reason'),
    notifyUrl: optionalString(body, 'notify_url'),
    status: 'PROCESSING',
    createTime: beijingTime(state.now()),
  };
  state.refunds.set(outRefundNo, refund);
  order.tradeState = 'REFUND';
  return { status: 200, body: refundBody(refund, order) };
}

function queryRefund(state: FakeState, _call: IncomingCall, [outRefundNo]: string[]): Reply {
  const refund = state.refunds.get(outRefundNo);
  if (!refund) throw new WechatError(404, 'RESOURCE_NOT_EXISTS', '退款单不存在');
  return { status: 200, body: refundBody(refund, state.orders.get(refund.outTradeNo)!) };
}

function refundBody(refund: FakeRefund, order: FakeOrder): Record<string, unknown> {
  return {
    refund_id: refund.refundId,
    out_refund_no: refund.outRefundNo,
    transaction_id: refund.transactionId,
    out_trade_no: order.outTradeNo,
    channel: 'ORIGINAL',
    user_received_account: '支付用户零钱',
    ...(refund.successTime ? { success_time: refund.successTime } : {}),
    create_time: refund.createTime,
    status: refund.status,
    funds_account: 'AVAILABLE',
    amount: {
      total: refund.totalFen,
      refund: refund.refundFen,
      payer_total: refund.totalFen,
      payer_refund: refund.refundFen,
      settlement_total: refund.totalFen,
      settlement_refund: refund.refundFen,
      discount_refund: 0,
      currency: 'CNY',
    },
  };
}

/**
 * Platform certificates, each AEAD-sealed with the APIv3 key. A merchant in public-key mode has
 * no platform certificate; the fake then lists none (the real answer for such merchants is not
 * something we rely on).
 */
function downloadCertificates(state: FakeState): Reply {
  const { platformCertificatePem, platformSerial, apiV3Key } = state.keys;
  if (!platformCertificatePem) return { status: 200, body: { data: [] } };
  const now = state.now();
  return {
    status: 200,
    body: {
      data: [
        {
          serial_no: platformSerial,
          effective_time: beijingTime(now - 365 * 86_400_000),
          expire_time: beijingTime(now + 365 * 86_400_000),
          encrypt_certificate: sealResource(platformCertificatePem, apiV3Key, 'certificate'),
        },
      ],
    },
  };
}

function createTransferBill(state: FakeState, call: IncomingCall): Reply {
  const { body } = call;
  const appid = requireString(body, 'appid');
  if (appid !== state.keys.appid) throw new WechatError(400, 'APPID_MCHID_NOT_MATCH', 'appid和mch_id不匹配');
  const outBillNo = requireString(body, 'out_bill_no', 32);
  if (!/^[0-9A-Za-z]{5,32}$/.test(outBillNo)) throw paramError('out_bill_no只能由数字、大小写字母组成，长度5-32');
  const sceneId = requireString(body, 'transfer_scene_id', 36);
  const openid = requireString(body, 'openid', 64);
  const amountFen = requireFen(body, 'transfer_amount');
  const remark = requireString(body, 'transfer_remark', 32);
  const notifyUrl = optionalString(body, 'notify_url');
  const reportInfos = requireReportInfos(body, sceneId);
  const userName = decryptUserName(state, call);
  // From 2,000 yuan up WeChat checks the payee's real name.
  if (amountFen >= 200_000 && userName === undefined) throw paramError('转账金额 >= 2000元时，user_name必填');

  const existing = state.transferBills.get(outBillNo);
  if (existing) {
    if (existing.amountFen !== amountFen || existing.openid !== openid) throw new WechatError(400, 'INVALID_REQUEST', '商户单号重复，参数不一致');
    return { status: 200, body: createdBillBody(existing) };
  }
  const behaviour = state.transferBehaviour;
  if (behaviour.kind === 'refused') throw new WechatError(behaviour.status, behaviour.code, behaviour.message);

  const now = beijingTime(state.now());
  const bill: FakeTransferBill = {
    outBillNo,
    transferBillNo: state.newId('1330000', 40),
    appid,
    openid,
    amountFen,
    remark,
    sceneId,
    reportInfos,
    userName,
    userRecvPerception: optionalString(body, 'user_recv_perception'),
    notifyUrl,
    state: behaviour.kind === 'failed' ? 'FAIL' : 'WAIT_USER_CONFIRM',
    failReason: behaviour.kind === 'failed' ? behaviour.failReason : undefined,
    packageInfo: behaviour.kind === 'failed' ? undefined : `ABBQO+oYAAABAAAAAAA${randomBytes(24).toString('base64')}`,
    createTime: now,
    updateTime: now,
  };
  state.transferBills.set(outBillNo, bill);
  return { status: 200, body: createdBillBody(bill) };
}

function requireReportInfos(body: unknown, sceneId: string): Array<{ info_type: string; info_content: string }> {
  const infos = field(body, 'transfer_scene_report_infos');
  if (!Array.isArray(infos) || infos.length === 0) throw paramError('transfer_scene_report_infos必填');
  const parsed = infos.map((info) => ({ info_type: requireString(info, 'info_type'), info_content: requireString(info, 'info_content') }));
  if (sceneId === '1000') {
    for (const required of ['活动名称', '奖励说明']) {
      if (!parsed.some((info) => info.info_type === required)) throw paramError(`转账场景1000需报备“${required}”`);
    }
  }
  return parsed;
}

/** user_name must be RSA-OAEP encrypted for the platform key named by the Wechatpay-Serial header. */
function decryptUserName(state: FakeState, call: IncomingCall): string | undefined {
  const encrypted = optionalString(call.body, 'user_name');
  if (encrypted === undefined) return undefined;
  if (call.headers['wechatpay-serial'] !== state.keys.platformSerial) throw paramError('请求头Wechatpay-Serial与加密所用的微信支付公钥不一致');
  try {
    return privateDecrypt(
      { key: state.platformPrivateKey, padding: cryptoConstants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' },
      Buffer.from(encrypted, 'base64'),
    ).toString('utf8');
  } catch {
    throw paramError('user_name解密失败');
  }
}

function createdBillBody(bill: FakeTransferBill): Record<string, unknown> {
  return {
    out_bill_no: bill.outBillNo,
    transfer_bill_no: bill.transferBillNo,
    create_time: bill.createTime,
    state: bill.state,
    ...(bill.state === 'WAIT_USER_CONFIRM' ? { package_info: bill.packageInfo } : {}),
    ...(bill.failReason ? { fail_reason: bill.failReason } : {}),
  };
}

function queryTransferBill(state: FakeState, _call: IncomingCall, [outBillNo]: string[]): Reply {
  const bill = state.transferBills.get(outBillNo);
  if (!bill) throw new WechatError(404, 'NOT_FOUND', '记录不存在');
  return {
    status: 200,
    body: {
      mch_id: state.keys.mchid,
      out_bill_no: bill.outBillNo,
      transfer_bill_no: bill.transferBillNo,
      appid: bill.appid,
      state: bill.state,
      transfer_amount: bill.amountFen,
      transfer_remark: bill.remark,
      ...(bill.failReason ? { fail_reason: bill.failReason } : {}),
      openid: bill.openid,
      create_time: bill.createTime,
      update_time: bill.updateTime,
    },
  };
}

/** Cancelling is asynchronous at WeChat: CANCELING now, CANCELLED by notification (finishTransfer). */
function cancelTransferBill(state: FakeState, _call: IncomingCall, [outBillNo]: string[]): Reply {
  const bill = state.transferBills.get(outBillNo);
  if (!bill) throw new WechatError(404, 'NOT_FOUND', '记录不存在');
  if (bill.state !== 'CANCELING') {
    if (FINAL_TRANSFER_STATES.includes(bill.state) || bill.state === 'TRANSFERING') {
      throw new WechatError(400, 'INVALID_REQUEST', '当前状态不支持撤销');
    }
    bill.state = 'CANCELING';
    bill.updateTime = beijingTime(state.now());
  }
  return {
    status: 200,
    body: { out_bill_no: bill.outBillNo, transfer_bill_no: bill.transferBillNo, state: bill.state, update_time: bill.updateTime },
  };
}
