import { createPublicKey, verify as rsaVerify } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WechatPayClient } from '../../server/src/wechat/pay-client';
import { verifyWechatPayNotification } from '../../server/src/wechat/pay-notifications';
import { createPayVerifier } from '../../server/src/wechat/pay-verifier';
import { startFakeWechatPay, type FakeWechatPay } from '../fakes/wechat-pay';

/**
 * The WeChat Pay adapter (client, notification verifier) against a fake server that speaks the
 * real v3 protocol: signed requests, signed responses, AEAD-sealed notifications.
 */

/** Stands in for our notify_url: keeps what WeChat POSTed, byte for byte, and answers 204. */
interface NotifyReceiver {
  url: string;
  received: Array<{ headers: IncomingHttpHeaders; rawBody: Buffer }>;
  close(): Promise<void>;
}

async function startNotifyReceiver(): Promise<NotifyReceiver> {
  const received: NotifyReceiver['received'] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, rawBody: Buffer.concat(chunks) });
      response.statusCode = 204;
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/wechatpay/notify`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const OPENID = 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o';

let fakes: Record<'publicKey' | 'certificate', FakeWechatPay>;
let receiver: NotifyReceiver;

beforeAll(async () => {
  fakes = {
    publicKey: await startFakeWechatPay({ mode: 'publicKey' }),
    certificate: await startFakeWechatPay({ mode: 'certificate' }),
  };
  receiver = await startNotifyReceiver();
});

afterAll(async () => {
  await Promise.all([fakes.publicKey.close(), fakes.certificate.close(), receiver.close()]);
});

function clientFor(fake: FakeWechatPay): WechatPayClient {
  return new WechatPayClient({ ...fake.config, responseVerifier: createPayVerifier(fake.config) });
}

let sequence = 0;
/** Unique merchant-side numbers, so tests sharing a fake never collide. */
const nextNo = (prefix: string) => `${prefix}${Date.now()}${(sequence += 1)}`;

describe('WechatPayClient against the fake WeChat Pay', () => {
  const fake = () => fakes.publicKey;

  it('creates a JSAPI prepay with a correctly signed request and returns paySign-ed wx.requestPayment params', async () => {
    const outTradeNo = nextNo('PAY');
    const params = await clientFor(fake()).createJsapiPrepay({
      outTradeNo,
      description: '年度会员',
      amountFen: 12_345,
      payerOpenid: OPENID,
      notifyUrl: receiver.url,
    });

    const request = fake().requests.at(-1)!;
    expect(request).toMatchObject({ method: 'POST', pathname: '/v3/pay/transactions/jsapi', signatureValid: true, responseStatus: 200 });
    expect(request.headers.authorization).toMatch(/^WECHATPAY2-SHA256-RSA2048 /);
    expect(request.headers.authorization).toContain(`serial_no="${fake().config.merchantSerialNo}"`);
    expect(request.body).toEqual({
      appid: fake().config.appid,
      mchid: fake().config.mchid,
      description: '年度会员',
      out_trade_no: outTradeNo,
      notify_url: receiver.url,
      amount: { total: 12_345, currency: 'CNY' },
      payer: { openid: OPENID },
    });

    const order = fake().orders.get(outTradeNo)!;
    expect(params).toMatchObject({ appId: fake().config.appid, package: `prepay_id=${order.prepayId}`, signType: 'RSA' });
    // The mini-program's paySign: appId\ntimeStamp\nnonceStr\npackage\n with the merchant key.
    const signed = `${params.appId}\n${params.timeStamp}\n${params.nonceStr}\n${params.package}\n`;
    const merchantPublicKey = createPublicKey(fake().keys.merchantPublicKeyPem);
    expect(rsaVerify('RSA-SHA256', Buffer.from(signed), merchantPublicKey, Buffer.from(params.paySign, 'base64'))).toBe(true);
  });

  it('is refused with WECHATPAY_UNAVAILABLE when it signs with the wrong merchant key', async () => {
    const stranger = await startFakeWechatPay({ mode: 'publicKey' });
    const client = new WechatPayClient({ ...fake().config, merchantPrivateKeyPem: stranger.keys.merchantPrivateKeyPem });
    await stranger.close();

    await expect(
      client.createJsapiPrepay({ outTradeNo: nextNo('PAY'), description: 'x', amountFen: 100, payerOpenid: OPENID, notifyUrl: receiver.url }),
    ).rejects.toMatchObject({ code: 'WECHATPAY_UNAVAILABLE', status: 502, wechatpay: { httpStatus: 401, code: 'SIGN_ERROR' } });
    expect(fake().requests.at(-1)).toMatchObject({ signatureValid: false, signatureProblem: 'signature does not verify', responseStatus: 401 });
  });

  it('queries, refunds and closes orders, mapping WeChat refusals to WECHATPAY_UNAVAILABLE', async () => {
    const client = clientFor(fake());
    const outTradeNo = nextNo('PAY');
    await client.createJsapiPrepay({ outTradeNo, description: '课程', amountFen: 5_000, payerOpenid: OPENID, notifyUrl: receiver.url });
    await expect(client.queryOrder(outTradeNo)).resolves.toMatchObject({ tradeState: 'NOTPAY', amountFen: 5_000 });

    const paid = await fake().payOrder(outTradeNo);
    expect(paid.status).toBe(204);
    const order = await client.queryOrder(outTradeNo);
    expect(order).toMatchObject({ tradeState: 'SUCCESS', amountFen: 5_000, transactionId: paid.resource.transaction_id });

    await expect(client.closeOrder(outTradeNo)).rejects.toMatchObject({ code: 'WECHATPAY_UNAVAILABLE', wechatpay: { code: 'ORDERPAID' } });

    const outRefundNo = nextNo('RF');
    const refund = await client.refund({ outTradeNo, outRefundNo, refundFen: 2_000, totalFen: 5_000, reason: '退课', notifyUrl: receiver.url });
    expect(refund).toEqual({ refundId: fake().refunds.get(outRefundNo)!.refundId, status: 'PROCESSING' });
    await expect(
      client.refund({ outTradeNo, outRefundNo: nextNo('RF'), refundFen: 3_001, totalFen: 5_000, notifyUrl: receiver.url }),
    ).rejects.toMatchObject({ code: 'WECHATPAY_UNAVAILABLE', wechatpay: { httpStatus: 400, code: 'INVALID_REQUEST' } });

    await fake().completeRefund(outRefundNo);
    await expect(client.queryRefund(outRefundNo)).resolves.toMatchObject({ status: 'SUCCESS', refundFen: 2_000 });
    await expect(client.queryOrder(nextNo('NONE'))).rejects.toMatchObject({
      code: 'WECHATPAY_UNAVAILABLE',
      wechatpay: { httpStatus: 404, code: 'ORDER_NOT_EXIST' },
    });

    const unpaid = nextNo('PAY');
    await client.createJsapiPrepay({ outTradeNo: unpaid, description: '课程', amountFen: 100, payerOpenid: OPENID, notifyUrl: receiver.url });
    await client.closeOrder(unpaid);
    await expect(client.queryOrder(unpaid)).resolves.toMatchObject({ tradeState: 'CLOSED' });
  });

  it('refuses fractional fen before sending anything', async () => {
    const before = fake().requests.length;
    await expect(
      clientFor(fake()).createJsapiPrepay({ outTradeNo: nextNo('PAY'), description: 'x', amountFen: 12.5, payerOpenid: OPENID, notifyUrl: receiver.url }),
    ).rejects.toThrow(RangeError);
    expect(fake().requests.length).toBe(before);
  });

  it('creates, queries and cancels a transfer bill with the scene-1000 report infos', async () => {
    const client = clientFor(fake());
    const outBillNo = nextNo('TB');
    const bill = await client.createTransferBill({
      outBillNo,
      openid: OPENID,
      amountFen: 8_800,
      remark: '3月推广奖励',
      notifyUrl: receiver.url,
      activityName: '分享有礼',
      rewardDescription: '邀请好友入会奖励',
    });
    expect(bill).toMatchObject({ outBillNo, state: 'WAIT_USER_CONFIRM', packageInfo: expect.any(String) });
    expect(fake().requests.at(-1)).toMatchObject({
      method: 'POST',
      pathname: '/v3/fund-app/mch-transfer/transfer-bills',
      signatureValid: true,
      body: {
        appid: fake().config.appid,
        out_bill_no: outBillNo,
        transfer_scene_id: '1000',
        openid: OPENID,
        transfer_amount: 8_800,
        transfer_remark: '3月推广奖励',
        notify_url: receiver.url,
        transfer_scene_report_infos: [
          { info_type: '活动名称', info_content: '分享有礼' },
          { info_type: '奖励说明', info_content: '邀请好友入会奖励' },
        ],
      },
    });

    // Same out_bill_no again (a retry) gives back the same bill rather than paying twice.
    await expect(
      client.createTransferBill({ outBillNo, openid: OPENID, amountFen: 8_800, remark: '3月推广奖励', notifyUrl: receiver.url }),
    ).resolves.toMatchObject({ transferBillNo: bill.transferBillNo });
    expect(fake().transferBills.size).toBeGreaterThanOrEqual(1);

    await expect(client.queryTransferBill(outBillNo)).resolves.toEqual({ state: 'WAIT_USER_CONFIRM', transferBillNo: bill.transferBillNo });
    // The cancel is a POST with an empty body: its signature needs the empty body line.
    await expect(client.cancelTransferBill(outBillNo)).resolves.toEqual({ state: 'CANCELING', transferBillNo: bill.transferBillNo });
    expect(fake().requests.at(-1)).toMatchObject({ method: 'POST', rawBody: Buffer.alloc(0), signatureValid: true });

    const finished = await fake().finishTransfer(outBillNo, 'CANCELLED');
    expect(finished.status).toBe(204);
    await expect(client.queryTransferBill(outBillNo)).resolves.toMatchObject({ state: 'CANCELLED' });
    await expect(client.cancelTransferBill(outBillNo)).rejects.toMatchObject({ code: 'WECHATPAY_UNAVAILABLE', wechatpay: { code: 'INVALID_REQUEST' } });
    await expect(client.queryTransferBill(nextNo('TB'))).rejects.toMatchObject({ wechatpay: { httpStatus: 404, code: 'NOT_FOUND' } });
  });

  it('encrypts the real name for WeChat Pay and names the key in Wechatpay-Serial', async () => {
    const outBillNo = nextNo('TB');
    await clientFor(fake()).createTransferBill({ outBillNo, openid: OPENID, amountFen: 250_000, remark: '年度奖励', notifyUrl: receiver.url, userName: '张三' });
    expect(fake().transferBills.get(outBillNo)!.userName).toBe('张三');
    expect(fake().requests.at(-1)!.headers['wechatpay-serial']).toBe(fake().config.encryptionKey.serial);
    expect(JSON.stringify(fake().requests.at(-1)!.body)).not.toContain('张三');
  });

  it('reports a refused or failed transfer', async () => {
    const client = clientFor(fake());
    fake().transferBehaviour = { kind: 'refused', status: 403, code: 'NOT_ENOUGH', message: '资金不足' };
    await expect(
      client.createTransferBill({ outBillNo: nextNo('TB'), openid: OPENID, amountFen: 100, remark: '奖励', notifyUrl: receiver.url }),
    ).rejects.toMatchObject({ code: 'WECHATPAY_UNAVAILABLE', wechatpay: { httpStatus: 403, code: 'NOT_ENOUGH', message: '资金不足' } });

    fake().transferBehaviour = { kind: 'failed', failReason: 'OPENID_INVALID' };
    const outBillNo = nextNo('TB');
    await expect(
      client.createTransferBill({ outBillNo, openid: OPENID, amountFen: 100, remark: '奖励', notifyUrl: receiver.url }),
    ).resolves.toMatchObject({ state: 'FAIL', packageInfo: undefined });
    await expect(client.queryTransferBill(outBillNo)).resolves.toMatchObject({ state: 'FAIL', failReason: 'OPENID_INVALID' });
    fake().transferBehaviour = { kind: 'waitUserConfirm' };
  });

  it('turns outages, forged responses and unreachable hosts into WECHATPAY_UNAVAILABLE', async () => {
    const outTradeNo = nextNo('PAY');
    const prepay = { outTradeNo, description: 'x', amountFen: 100, payerOpenid: OPENID, notifyUrl: receiver.url };
    fake().failNext({ path: '/v3/pay/transactions/jsapi' }, { status: 500, code: 'SYSTEM_ERROR', message: '系统错误' });
    await expect(clientFor(fake()).createJsapiPrepay(prepay)).rejects.toMatchObject({
      code: 'WECHATPAY_UNAVAILABLE',
      wechatpay: { httpStatus: 500, code: 'SYSTEM_ERROR' },
    });

    fake().forgeResponseSignatures = true;
    await expect(clientFor(fake()).createJsapiPrepay(prepay)).rejects.toMatchObject({
      code: 'WECHATPAY_UNAVAILABLE',
      message: expect.stringContaining('signature'),
    });
    fake().forgeResponseSignatures = false;

    const gone = await startFakeWechatPay({ mode: 'publicKey' });
    const unreachable = new WechatPayClient(gone.config);
    await gone.close();
    await expect(unreachable.queryOrder(outTradeNo)).rejects.toMatchObject({
      code: 'WECHATPAY_UNAVAILABLE',
      message: expect.stringContaining('could not be reached'),
    });
  });

  it('downloads platform certificates (certificate mode) that then verify notifications', async () => {
    const certificates = await clientFor(fakes.certificate).downloadPlatformCertificates();
    expect(certificates).toEqual(fakes.certificate.config.platformCertificates);

    const notification = fakes.certificate.buildNotification('TRANSACTION.SUCCESS', { out_trade_no: 'X1' });
    expect(
      verifyWechatPayNotification({
        headers: notification.headers,
        rawBody: notification.rawBody,
        nowMs: Date.now(),
        verifier: createPayVerifier({ platformCertificates: certificates }),
        apiV3Key: fakes.certificate.config.apiV3Key,
      }).resource,
    ).toEqual({ out_trade_no: 'X1' });
  });
});

describe.each(['publicKey', 'certificate'] as const)('verifyWechatPayNotification (%s mode)', (mode) => {
  const fake = () => fakes[mode];
  const verifyInput = (notification: { headers: Record<string, string> | IncomingHttpHeaders; rawBody: Buffer }) => ({
    headers: notification.headers,
    rawBody: notification.rawBody,
    nowMs: Date.now(),
    verifier: createPayVerifier(fake().config),
    apiV3Key: fake().config.apiV3Key,
  });

  it('verifies and decrypts a TRANSACTION.SUCCESS delivered over HTTP', async () => {
    const client = clientFor(fake());
    const outTradeNo = nextNo('PAY');
    await client.createJsapiPrepay({ outTradeNo, description: '课程', amountFen: 990, payerOpenid: OPENID, notifyUrl: receiver.url });
    const before = receiver.received.length;
    await fake().payOrder(outTradeNo);
    const delivered = receiver.received[before];

    const notification = verifyWechatPayNotification(verifyInput(delivered));
    expect(notification).toMatchObject({ eventType: 'TRANSACTION.SUCCESS', id: expect.any(String), createTime: expect.stringMatching(/\+08:00$/) });
    expect(notification.resource).toMatchObject({
      out_trade_no: outTradeNo,
      transaction_id: fake().orders.get(outTradeNo)!.transactionId,
      trade_state: 'SUCCESS',
      amount: { total: 990, payer_total: 990, currency: 'CNY' },
      payer: { openid: OPENID },
      mchid: fake().config.mchid,
      appid: fake().config.appid,
      success_time: expect.any(String),
    });
  });

  it('verifies refund and transfer notifications', async () => {
    const refund = fake().buildNotification('REFUND.SUCCESS', { out_refund_no: 'R1', refund_status: 'SUCCESS' });
    expect(verifyWechatPayNotification(verifyInput(refund))).toMatchObject({ eventType: 'REFUND.SUCCESS', resource: { out_refund_no: 'R1' } });
    const transfer = fake().buildNotification('MCHTRANSFER.BILL.FINISHED', { out_bill_no: 'B1', state: 'SUCCESS' });
    expect(verifyWechatPayNotification(verifyInput(transfer))).toMatchObject({ resource: { out_bill_no: 'B1', state: 'SUCCESS' } });
  });

  it('refuses a forged signature', async () => {
    const forged = fake().buildNotification('TRANSACTION.SUCCESS', { out_trade_no: 'X' }, { forgeSignature: true });
    await expect(async () => verifyWechatPayNotification(verifyInput(forged))).rejects.toMatchObject({ code: 'WECHATPAY_SIGNATURE_INVALID' });
  });

  it('refuses a tampered body', async () => {
    const genuine = fake().buildNotification('REFUND.SUCCESS', { out_refund_no: 'R1' });
    const tampered = Buffer.from(genuine.rawBody.toString('utf8').replace('REFUND.SUCCESS', 'REFUND.CLOSED'), 'utf8');
    expect(tampered.equals(genuine.rawBody)).toBe(false);
    await expect(async () => verifyWechatPayNotification(verifyInput({ ...genuine, rawBody: tampered }))).rejects.toMatchObject({
      code: 'WECHATPAY_SIGNATURE_INVALID',
    });
    // Re-serialised JSON (a different byte sequence for the same object) is not what was signed either.
    const reserialised = Buffer.from(JSON.stringify(JSON.parse(genuine.rawBody.toString('utf8')), null, 1), 'utf8');
    await expect(async () => verifyWechatPayNotification(verifyInput({ ...genuine, rawBody: reserialised }))).rejects.toMatchObject({
      code: 'WECHATPAY_SIGNATURE_INVALID',
    });
  });

  it('refuses an unknown serial and missing signature headers', async () => {
    const unknown = fake().buildNotification('TRANSACTION.SUCCESS', { out_trade_no: 'X' }, { serialOverride: 'PUB_KEY_ID_0000000000000000000000000000' });
    await expect(async () => verifyWechatPayNotification(verifyInput(unknown))).rejects.toMatchObject({ code: 'WECHATPAY_SIGNATURE_INVALID' });

    const genuine = fake().buildNotification('TRANSACTION.SUCCESS', { out_trade_no: 'X' });
    const { 'Wechatpay-Signature': _dropped, ...withoutSignature } = genuine.headers;
    await expect(async () => verifyWechatPayNotification(verifyInput({ ...genuine, headers: withoutSignature }))).rejects.toMatchObject({
      code: 'WECHATPAY_SIGNATURE_INVALID',
    });
  });

  it('refuses a notification timestamped 6 minutes ago but accepts one 4 minutes old', async () => {
    const stale = fake().buildNotification('TRANSACTION.SUCCESS', { out_trade_no: 'X' }, { timestampOffsetSec: -6 * 60 });
    await expect(async () => verifyWechatPayNotification(verifyInput(stale))).rejects.toMatchObject({ code: 'WECHATPAY_TIMESTAMP_STALE' });

    const recent = fake().buildNotification('TRANSACTION.SUCCESS', { out_trade_no: 'X' }, { timestampOffsetSec: -4 * 60 });
    expect(verifyWechatPayNotification(verifyInput(recent)).resource).toEqual({ out_trade_no: 'X' });
  });

  it('fails as a server error when our APIv3 key cannot open a genuinely signed resource', async () => {
    const genuine = fake().buildNotification('TRANSACTION.SUCCESS', { out_trade_no: 'X' });
    await expect(async () => verifyWechatPayNotification({ ...verifyInput(genuine), apiV3Key: 'k'.repeat(32) })).rejects.toMatchObject({
      code: 'INTERNAL',
    });
  });
});
