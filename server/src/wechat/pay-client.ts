import { constants as cryptoConstants, publicEncrypt, randomBytes, X509Certificate } from 'node:crypto';
import { z } from 'zod';
import WxPay = require('wechatpay-node-v3');
import type { Output } from 'wechatpay-node-v3/dist/lib/interface-v2';
import type { IPayRequest } from 'wechatpay-node-v3/dist/lib/pay-request.interface';
import { assertFen } from '@sharecircle/shared';
import { AppError } from '../http/app-error';
import { decryptWechatPayResource, WECHATPAY_MAX_CLOCK_SKEW_MS } from './pay-notifications';
import type { PayVerifier } from './pay-verifier';

/** The SDK hard-codes this origin in every URL it builds; other base URLs are swapped in below. */
export const WECHATPAY_ORIGIN = 'https://api.mch.weixin.qq.com';

export interface WechatPayClientOptions {
  appid: string;
  mchid: string;
  /** Serial number of the merchant API certificate the private key belongs to. */
  merchantSerialNo: string;
  merchantPrivateKeyPem: string;
  /** Optional; when given, its serial must match merchantSerialNo (catches mixed-up files early). */
  merchantCertificatePem?: string;
  apiV3Key: string;
  /** Defaults to the real API; tests point it at the fake server. */
  baseUrl?: string;
  /** When given, every 2xx answer must carry a valid Wechatpay-Signature (the SDK never checks). */
  responseVerifier?: PayVerifier;
  /** WeChat Pay public key (or platform certificate) for encrypting sensitive fields such as user_name. */
  encryptionKey?: { serial: string; pem: string };
  timeoutMs?: number;
  userAgent?: string;
}

/** What the mini-program passes to wx.requestPayment. */
export interface RequestPaymentParams {
  appId: string;
  timeStamp: string;
  nonceStr: string;
  package: string;
  signType: 'RSA';
  paySign: string;
}

const tradeStates = ['SUCCESS', 'REFUND', 'NOTPAY', 'CLOSED', 'REVOKED', 'USERPAYING', 'PAYERROR'] as const;
export type TradeState = (typeof tradeStates)[number];

const refundStatuses = ['SUCCESS', 'CLOSED', 'PROCESSING', 'ABNORMAL'] as const;
export type RefundStatus = (typeof refundStatuses)[number];

const transferStates = [
  'ACCEPTED',
  'PROCESSING',
  'WAIT_USER_CONFIRM',
  'TRANSFERING',
  'SUCCESS',
  'FAIL',
  'CANCELING',
  'CANCELLED',
] as const;
export type TransferBillState = (typeof transferStates)[number];

export interface TransferReportInfo {
  infoType: string;
  infoContent: string;
}

export interface CreateTransferBillInput {
  outBillNo: string;
  openid: string;
  amountFen: number;
  /** Shown to the member; at most 32 characters. */
  remark: string;
  notifyUrl: string;
  /** 1000 = 现金营销 (cash marketing), the scene our rewards are filed under. */
  transferSceneId?: string;
  /** Real name; WeChat requires it from 2,000 yuan up. Sent RSA-encrypted (needs encryptionKey). */
  userName?: string;
  /** Scene 1000 needs 活动名称 and 奖励说明; both default to the remark. */
  activityName?: string;
  rewardDescription?: string;
  /** For scenes other than 1000, the report infos WeChat requires for that scene. */
  reportInfos?: TransferReportInfo[];
  /** What the member sees as the reason, e.g. 现金奖励; WeChat picks a default when absent. */
  userRecvPerception?: string;
}

export interface TransferBill {
  outBillNo: string;
  transferBillNo: string;
  state: TransferBillState;
  /** Present in WAIT_USER_CONFIRM: the `package` for wx.requestMerchantTransfer. */
  packageInfo?: string;
}

/** Everything WeChat told us about a refused call, kept off the client-visible error body. */
export interface WechatPayFailure {
  /** HTTP status, or undefined when WeChat Pay was not reached at all. */
  httpStatus?: number;
  /** WeChat's error code, e.g. SIGN_ERROR, ORDER_NOT_EXIST, NOT_ENOUGH, FREQUENCY_LIMITED. */
  code?: string;
  message?: string;
}

/**
 * WECHATPAY_UNAVAILABLE with WeChat's own answer attached for callers that must tell, say,
 * ORDER_NOT_EXIST from an outage. Only AppError.data reaches clients, so this stays server-side.
 */
export class WechatPayError extends AppError {
  constructor(
    message: string,
    readonly wechatpay: WechatPayFailure,
  ) {
    super('WECHATPAY_UNAVAILABLE', message);
    this.name = 'WechatPayError';
  }
}

const requestPaymentSchema = z.object({
  appId: z.string(),
  timeStamp: z.string(),
  nonceStr: z.string(),
  package: z.string().startsWith('prepay_id='),
  signType: z.literal('RSA'),
  paySign: z.string(),
});
const orderSchema = z.object({
  trade_state: z.enum(tradeStates),
  transaction_id: z.string().optional(),
  success_time: z.string().optional(),
  amount: z.object({ total: z.number().int().optional() }).optional(),
});
const refundSchema = z.object({
  refund_id: z.string(),
  status: z.enum(refundStatuses),
  success_time: z.string().optional(),
  amount: z.object({ refund: z.number().int() }).optional(),
});
const transferBillSchema = z.object({
  out_bill_no: z.string(),
  transfer_bill_no: z.string(),
  state: z.enum(transferStates),
  package_info: z.string().optional(),
  fail_reason: z.string().optional(),
});
const certificatesSchema = z.object({
  data: z.array(
    z.object({
      serial_no: z.string(),
      encrypt_certificate: z.object({
        algorithm: z.string(),
        ciphertext: z.string(),
        associated_data: z.string().optional(),
        nonce: z.string(),
      }),
    }),
  ),
});

/**
 * WeChat Pay API v3 for the mini-program: JSAPI payment, refunds, and the 2025 merchant
 * transfer ("transfer-bills") API that pays members out.
 *
 * Extends the SDK for its request signing and jsapi/paySign code. Every method returns plain
 * objects in fen and throws WECHATPAY_UNAVAILABLE (a WechatPayError) on any non-2xx answer or
 * network failure, because the SDK itself resolves `{status, error}` instead of throwing.
 */
export class WechatPayClient extends WxPay {
  private readonly apiV3Key: string;
  private readonly encryptionKey?: { serial: string; pem: string };

  constructor(options: WechatPayClientOptions) {
    if (options.merchantCertificatePem) {
      const serial = new X509Certificate(options.merchantCertificatePem).serialNumber;
      if (serial.toUpperCase() !== options.merchantSerialNo.toUpperCase()) {
        throw new Error(`merchant certificate serial ${serial} does not match merchantSerialNo ${options.merchantSerialNo}`);
      }
    }
    super({
      appid: options.appid,
      mchid: options.mchid,
      serial_no: options.merchantSerialNo,
      // The SDK insists on a "publicKey" but only reads it to derive serial_no, which we pass.
      publicKey: Buffer.from(options.merchantCertificatePem ?? ''),
      privateKey: Buffer.from(options.merchantPrivateKeyPem),
      key: options.apiV3Key,
      userAgent: options.userAgent ?? 'sharecircle-server',
    });
    this.apiV3Key = options.apiV3Key;
    this.encryptionKey = options.encryptionKey;
    // Always our own HTTP layer, even against the real host, so that tests exercise the code that
    // runs in production, responses can be signature-checked (the SDK's layer drops headers) and
    // network failures surface (the SDK's layer turns them into {status: undefined}).
    this.createHttp(
      new WechatPayHttp({
        baseUrl: (options.baseUrl ?? WECHATPAY_ORIGIN).replace(/\/+$/, ''),
        timeoutMs: options.timeoutMs ?? 10_000,
        verifier: options.responseVerifier,
      }),
    );
  }

  /** Creates the prepay order and returns the signed parameters for wx.requestPayment. */
  async createJsapiPrepay(input: {
    outTradeNo: string;
    description: string;
    amountFen: number;
    payerOpenid: string;
    notifyUrl: string;
  }): Promise<RequestPaymentParams> {
    assertPositiveFen(input.amountFen, 'amountFen');
    const result = await this.transactions_jsapi({
      description: input.description,
      out_trade_no: input.outTradeNo,
      notify_url: input.notifyUrl,
      amount: { total: input.amountFen, currency: 'CNY' },
      payer: { openid: input.payerOpenid },
    });
    // On success the SDK has already replaced the data with the paySign-ed parameters.
    return parseReply(requestPaymentSchema, expectOk(result, 'create the payment'), 'create the payment');
  }

  async queryOrder(outTradeNo: string): Promise<{ tradeState: TradeState; transactionId?: string; amountFen?: number; successTime?: string }> {
    const result = await this.query({ out_trade_no: encodeURIComponent(outTradeNo) });
    const order = parseReply(orderSchema, expectOk(result, 'query the order'), 'query the order');
    return {
      tradeState: order.trade_state,
      transactionId: order.transaction_id,
      amountFen: order.amount?.total,
      successTime: order.success_time,
    };
  }

  /** Closes an unpaid order so it can no longer be paid (WeChat answers 204). */
  async closeOrder(outTradeNo: string): Promise<void> {
    expectOk(await this.close(encodeURIComponent(outTradeNo)), 'close the order');
  }

  async refund(input: {
    outTradeNo: string;
    outRefundNo: string;
    refundFen: number;
    totalFen: number;
    reason?: string;
    notifyUrl: string;
  }): Promise<{ refundId: string; status: RefundStatus }> {
    assertPositiveFen(input.refundFen, 'refundFen');
    assertPositiveFen(input.totalFen, 'totalFen');
    if (input.refundFen > input.totalFen) throw new AppError('INTERNAL', 'refundFen exceeds totalFen');
    const result = await this.refunds({
      out_trade_no: input.outTradeNo,
      out_refund_no: input.outRefundNo,
      reason: input.reason,
      notify_url: input.notifyUrl,
      amount: { refund: input.refundFen, total: input.totalFen, currency: 'CNY' },
    });
    const refund = parseReply(refundSchema, expectOk(result, 'refund'), 'refund');
    return { refundId: refund.refund_id, status: refund.status };
  }

  async queryRefund(outRefundNo: string): Promise<{ refundId: string; status: RefundStatus; refundFen?: number; successTime?: string }> {
    const result = await this.find_refunds(encodeURIComponent(outRefundNo));
    const refund = parseReply(refundSchema, expectOk(result, 'query the refund'), 'query the refund');
    return { refundId: refund.refund_id, status: refund.status, refundFen: refund.amount?.refund, successTime: refund.success_time };
  }

  /**
   * Starts a payout with the 2025 transfer-bills API (not in the SDK). It usually ends in
   * WAIT_USER_CONFIRM: the member must confirm in the mini-program with packageInfo.
   * Re-sending the same outBillNo returns the existing bill, so retries are safe.
   */
  async createTransferBill(input: CreateTransferBillInput): Promise<TransferBill> {
    assertPositiveFen(input.amountFen, 'amountFen');
    const sceneId = input.transferSceneId ?? '1000';
    const headers: Record<string, string> = {};
    let userName: string | undefined;
    if (input.userName !== undefined) {
      userName = this.encryptSensitive(input.userName);
      // Tells WeChat which of its keys we encrypted with.
      headers['Wechatpay-Serial'] = this.encryptionKey!.serial;
    }
    const body = {
      appid: this.appid,
      out_bill_no: input.outBillNo,
      transfer_scene_id: sceneId,
      openid: input.openid,
      user_name: userName,
      transfer_amount: input.amountFen,
      transfer_remark: input.remark,
      notify_url: input.notifyUrl,
      user_recv_perception: input.userRecvPerception,
      transfer_scene_report_infos: reportInfosFor(sceneId, input).map((info) => ({
        info_type: info.infoType,
        info_content: info.infoContent,
      })),
    };
    const result = await this.signedRequest('POST', '/v3/fund-app/mch-transfer/transfer-bills', withoutUndefined(body), headers);
    const bill = parseReply(transferBillSchema, expectOk(result, 'create the transfer'), 'create the transfer');
    return {
      outBillNo: bill.out_bill_no,
      transferBillNo: bill.transfer_bill_no,
      state: bill.state,
      packageInfo: bill.package_info,
    };
  }

  async queryTransferBill(outBillNo: string): Promise<{ state: TransferBillState; transferBillNo: string; failReason?: string }> {
    const path = `/v3/fund-app/mch-transfer/transfer-bills/out-bill-no/${encodeURIComponent(outBillNo)}`;
    const bill = parseReply(transferBillSchema, expectOk(await this.signedRequest('GET', path), 'query the transfer'), 'query the transfer');
    return { state: bill.state, transferBillNo: bill.transfer_bill_no, failReason: bill.fail_reason };
  }

  /** Withdraws a transfer the member has not confirmed yet; WeChat answers CANCELING, then notifies CANCELLED. */
  async cancelTransferBill(outBillNo: string): Promise<{ state: TransferBillState; transferBillNo: string }> {
    const path = `/v3/fund-app/mch-transfer/transfer-bills/out-bill-no/${encodeURIComponent(outBillNo)}/cancel`;
    const bill = parseReply(
      transferBillSchema.omit({ package_info: true, fail_reason: true }),
      expectOk(await this.signedRequest('POST', path), 'cancel the transfer'),
      'cancel the transfer',
    );
    return { state: bill.state, transferBillNo: bill.transfer_bill_no };
  }

  /**
   * Platform certificates (certificate mode only), serial -> PEM. They are trustworthy without a
   * prior certificate because each is AEAD-sealed with the APIv3 key only WeChat and we hold.
   */
  async downloadPlatformCertificates(): Promise<Record<string, string>> {
    const reply = parseReply(certificatesSchema, expectOk(await this.signedRequest('GET', '/v3/certificates'), 'download certificates'), 'download certificates');
    return Object.fromEntries(reply.data.map((item) => [item.serial_no, decryptWechatPayResource(item.encrypt_certificate, this.apiV3Key)]));
  }

  /**
   * Signs and sends a request for endpoints the SDK lacks. Not the SDK's buildAuthorization:
   * for a POST without a body it leaves out the empty body line (`...NONCE\n\n`), which WeChat
   * requires, and its nonces come from Math.random.
   */
  private signedRequest(method: 'GET' | 'POST', path: string, body?: object, extraHeaders: Record<string, string> = {}): Promise<Output> {
    const bodyText = body === undefined ? '' : JSON.stringify(body);
    const nonce = randomBytes(16).toString('hex');
    // Wall-clock time on purpose: WeChat compares it with its own clock, not with ours-under-test.
    const timestamp = Math.floor(Date.now() / 1000).toString();
    const signature = this.sha256WithRsa(`${method}\n${path}\n${timestamp}\n${nonce}\n${bodyText}\n`);
    const headers = this.getHeaders(this.getAuthorization(nonce, timestamp, signature), {
      'Content-Type': 'application/json',
      ...extraHeaders,
    });
    const url = `${WECHATPAY_ORIGIN}${path}`;
    // WechatPayHttp sends `JSON.stringify(body)`, the same text that was signed.
    return method === 'GET' ? this.httpService.get(url, headers) : this.httpService.post(url, body as Record<string, unknown>, headers);
  }

  /** RSA-OAEP (SHA-1, as WeChat specifies) with WeChat Pay's key, for fields like user_name. */
  private encryptSensitive(text: string): string {
    if (!this.encryptionKey) {
      throw new AppError('INTERNAL', 'sending a real name needs the WeChat Pay public key (encryptionKey)');
    }
    return publicEncrypt(
      { key: this.encryptionKey.pem, padding: cryptoConstants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' },
      Buffer.from(text, 'utf8'),
    ).toString('base64');
  }
}

/** Scene 1000 (现金营销) must report 活动名称 and 奖励说明; other scenes bring their own list. */
function reportInfosFor(sceneId: string, input: CreateTransferBillInput): TransferReportInfo[] {
  if (input.reportInfos) return input.reportInfos;
  if (sceneId !== '1000') throw new AppError('INTERNAL', `transfer scene ${sceneId} needs explicit reportInfos`);
  return [
    { infoType: '活动名称', infoContent: input.activityName ?? input.remark },
    { infoType: '奖励说明', infoContent: input.rewardDescription ?? input.remark },
  ];
}

function assertPositiveFen(amountFen: number, what: string): void {
  assertFen(amountFen, what);
  if (amountFen <= 0) throw new AppError('INTERNAL', `${what} must be positive, got ${amountFen}`);
}

/** JSON.stringify drops undefined anyway; doing it up front keeps the signed text obvious. */
function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function expectOk(result: Output, action: string): unknown {
  if (result.status >= 200 && result.status < 300) return result.data;
  const body = (result.data ?? {}) as { code?: unknown; message?: unknown };
  const code = typeof body.code === 'string' ? body.code : undefined;
  const message = typeof body.message === 'string' ? body.message : undefined;
  throw new WechatPayError(`WeChat Pay refused to ${action} (HTTP ${result.status}${code ? ` ${code}` : ''})`, {
    httpStatus: result.status,
    code,
    message,
  });
}

function parseReply<T extends z.ZodType>(schema: T, data: unknown, action: string): z.infer<T> {
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw new WechatPayError(`WeChat Pay answered ${action} in an unexpected shape`, {});
  return parsed.data;
}

/**
 * The SDK's pluggable HTTP layer (createHttp), on fetch. Rewrites the SDK's fixed origin to
 * baseUrl: the host is not part of the signed message, so signatures stay valid.
 */
class WechatPayHttp implements IPayRequest {
  constructor(private readonly options: { baseUrl: string; timeoutMs: number; verifier?: PayVerifier }) {}

  post(url: string, params: Record<string, unknown> | undefined, headers: Record<string, string>): Promise<Output> {
    return this.send('POST', url, headers, params === undefined ? undefined : JSON.stringify(params));
  }

  get(url: string, headers: Record<string, string>): Promise<Output> {
    return this.send('GET', url, headers);
  }

  upload(): Promise<Output> {
    // The SDK's upload_images is broken in 2.2.1 and we have no use for it.
    return Promise.reject(new Error('WeChat Pay image upload is not supported'));
  }

  private async send(method: string, url: string, headers: Record<string, string>, body?: string): Promise<Output> {
    const target = url.startsWith(WECHATPAY_ORIGIN) ? this.options.baseUrl + url.slice(WECHATPAY_ORIGIN.length) : url;
    let response: Response;
    let raw: Buffer;
    try {
      response = await fetch(target, { method, headers, body, signal: AbortSignal.timeout(this.options.timeoutMs) });
      raw = Buffer.from(await response.arrayBuffer());
    } catch {
      throw new WechatPayError('WeChat Pay could not be reached; try again', {});
    }
    if (response.ok && this.options.verifier) this.checkSignature(response.headers, raw);
    return { status: response.status, data: parseJsonOrUndefined(raw), error: response.ok ? undefined : raw.toString('utf8') };
  }

  /** Responses are signed like notifications: TIMESTAMP\nNONCE\nBODY\n with WeChat Pay's key. */
  private checkSignature(headers: Headers, raw: Buffer): void {
    const timestamp = headers.get('wechatpay-timestamp');
    const nonce = headers.get('wechatpay-nonce');
    const signature = headers.get('wechatpay-signature');
    const serial = headers.get('wechatpay-serial');
    const message = Buffer.concat([Buffer.from(`${timestamp}\n${nonce}\n`), raw, Buffer.from('\n')]);
    if (!timestamp || !nonce || !signature || !serial || !this.options.verifier!.verify(serial, message, signature)) {
      throw new WechatPayError('WeChat Pay answered with a signature that does not verify', {});
    }
    if (Math.abs(Date.now() - Number(timestamp) * 1000) > WECHATPAY_MAX_CLOCK_SKEW_MS) {
      throw new WechatPayError('WeChat Pay answered with a stale timestamp', {});
    }
  }
}

function parseJsonOrUndefined(raw: Buffer): unknown {
  if (raw.length === 0) return undefined;
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    return undefined;
  }
}
