import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { generateKeyPairSync, randomBytes, randomInt, type KeyObject } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { generateKeyMaterial, type FakeKeyMaterial, type FakeWechatPayMode } from './keys';
import { buildNotification, deliverNotification, type BuiltNotification, type NotificationOptions } from './notifications';
import {
  beijingTime,
  MAX_SKEW_SECONDS,
  parseAuthorization,
  privateKey,
  publicKey,
  requestMessage,
  rsaVerify,
  signatureHeaders,
} from './protocol';
import { routes, transactionBody } from './routes';
import {
  FINAL_TRANSFER_STATES,
  WechatError,
  type FakeOrder,
  type FakeRefund,
  type FakeRefundStatus,
  type FakeState,
  type FakeTransferBill,
  type IncomingCall,
  type Reply,
  type TransferBehaviour,
} from './state';

export interface FakeWechatPayOptions {
  mode: FakeWechatPayMode;
  appid?: string;
  mchid?: string;
  /** The fake's clock for signing and for checking request timestamps; defaults to Date.now. */
  now?: () => number;
}

/** Everything the server needs to talk to this fake; spreads straight into WechatPayClient options. */
export interface FakeWechatPayConfig {
  baseUrl: string;
  appid: string;
  mchid: string;
  merchantSerialNo: string;
  merchantPrivateKeyPem: string;
  apiV3Key: string;
  /** Certificate mode: serial -> platform certificate PEM. */
  platformCertificates?: Record<string, string>;
  /** Public-key mode: PUB_KEY_ID_... and the WeChat Pay public key PEM. */
  publicKey?: { id: string; pem: string };
  /** WeChat's key for encrypting sensitive request fields (user_name), in either mode. */
  encryptionKey: { serial: string; pem: string };
}

export interface RecordedRequest {
  method: string;
  /** Path and query exactly as sent (what the signature covers). */
  url: string;
  pathname: string;
  headers: IncomingMessage['headers'];
  rawBody: Buffer;
  /** Parsed JSON body, if any. */
  body: unknown;
  /** Whether the Authorization header verified against the merchant key. */
  signatureValid: boolean;
  /** Why it did not, if it did not. */
  signatureProblem?: string;
  responseStatus: number;
}

export interface DeliveredNotification {
  url: string;
  eventType: string;
  resource: unknown;
  status: number;
}

interface InjectedFailure {
  method?: string;
  path: string | RegExp;
  status: number;
  code: string;
  message: string;
  remaining: number;
}

/**
 * A WeChat Pay API v3 server for tests, speaking the real protocol: it verifies every request's
 * merchant signature, signs every response with its platform key, keeps orders, refunds and
 * transfer bills, and delivers encrypted, signed notifications.
 */
export class FakeWechatPay {
  readonly keys: FakeKeyMaterial;
  readonly requests: RecordedRequest[] = [];
  readonly deliveries: DeliveredNotification[] = [];
  readonly orders = new Map<string, FakeOrder>();
  readonly refunds = new Map<string, FakeRefund>();
  readonly transferBills = new Map<string, FakeTransferBill>();
  /** How the next POST transfer-bills answers. */
  transferBehaviour: TransferBehaviour = { kind: 'waitUserConfirm' };
  /** Sign responses with a key WeChat does not hold, to test that the client checks them. */
  forgeResponseSignatures = false;

  private readonly server: Server;
  private readonly now: () => number;
  private readonly merchantPublicKey: KeyObject;
  private readonly platformPrivateKey: KeyObject;
  private attackerPrivateKey?: KeyObject;
  private failures: InjectedFailure[] = [];
  private idCounter = 0;
  private port = 0;

  constructor(options: FakeWechatPayOptions) {
    this.keys = generateKeyMaterial(options);
    this.now = options.now ?? Date.now;
    this.merchantPublicKey = publicKey(this.keys.merchantPublicKeyPem);
    this.platformPrivateKey = privateKey(this.keys.platformPrivateKeyPem);
    this.server = createServer((request, response) => {
      this.handle(request, response).catch((error: unknown) => {
        response.statusCode = 500;
        response.end(JSON.stringify({ code: 'SYSTEM_ERROR', message: String(error) }));
      });
    });
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => resolve());
    });
    this.port = (this.server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  get config(): FakeWechatPayConfig {
    const { keys } = this;
    const encryptionKey = { serial: keys.platformSerial, pem: keys.platformCertificatePem ?? keys.platformPublicKeyPem };
    return {
      baseUrl: `http://127.0.0.1:${this.port}`,
      appid: keys.appid,
      mchid: keys.mchid,
      merchantSerialNo: keys.merchantSerialNo,
      merchantPrivateKeyPem: keys.merchantPrivateKeyPem,
      apiV3Key: keys.apiV3Key,
      ...(keys.platformCertificatePem
        ? { platformCertificates: { [keys.platformSerial]: keys.platformCertificatePem } }
        : { publicKey: { id: keys.platformSerial, pem: keys.platformPublicKeyPem } }),
      encryptionKey,
    };
  }

  /** Answers the next `times` matching requests (after the signature check) with a WeChat error. */
  failNext(
    match: { method?: string; path: string | RegExp },
    reply: { status: number; code: string; message?: string },
    times = 1,
  ): void {
    this.failures.push({ ...match, ...reply, message: reply.message ?? reply.code, remaining: times });
  }

  // ---- notifications, delivered exactly as WeChat does ----

  /** Builds a signed, encrypted notification without sending it (for unit-level verification tests). */
  buildNotification(eventType: string, resource: unknown, options: NotificationOptions = {}): BuiltNotification {
    return buildNotification(
      {
        platformKey: this.platformPrivateKey,
        attackerKey: () => this.attackerKey(),
        serial: this.keys.platformSerial,
        apiV3Key: this.keys.apiV3Key,
        nowMs: this.now(),
      },
      eventType,
      resource,
      options,
    );
  }

  /** POSTs an encrypted, signed notification to url; resolves to the HTTP status the merchant answered (0: lost on the way). */
  async sendNotification(url: string, eventType: string, resource: unknown, options: NotificationOptions = {}): Promise<number> {
    const status = options.lost ? 0 : await deliverNotification(url, this.buildNotification(eventType, resource, options));
    this.deliveries.push({ url, eventType, resource, status });
    return status;
  }

  /**
   * The payer pays: the order becomes SUCCESS and TRANSACTION.SUCCESS goes to its notify_url.
   * Calling it again re-sends the same notification, as WeChat's retries do.
   */
  async payOrder(outTradeNo: string, options: NotificationOptions & { url?: string } = {}): Promise<{ status: number; resource: Record<string, unknown> }> {
    const order = this.orders.get(outTradeNo);
    if (!order) throw new Error(`fake WeChat Pay: no order ${outTradeNo}`);
    if (order.tradeState === 'CLOSED') throw new Error(`fake WeChat Pay: order ${outTradeNo} is closed`);
    if (order.tradeState === 'NOTPAY') {
      order.tradeState = 'SUCCESS';
      order.transactionId = this.newId('42000', 28);
      order.successTime = beijingTime(this.now());
    }
    const resource = transactionBody({ ...order, tradeState: 'SUCCESS' });
    const status = await this.sendNotification(options.url ?? order.notifyUrl, 'TRANSACTION.SUCCESS', resource, options);
    return { status, resource };
  }

  /** The refund reaches a final status and REFUND.SUCCESS (or .ABNORMAL / .CLOSED) is delivered. */
  async completeRefund(
    outRefundNo: string,
    outcome: Exclude<FakeRefundStatus, 'PROCESSING'> = 'SUCCESS',
    options: NotificationOptions & { url?: string } = {},
  ): Promise<{ status: number; resource: Record<string, unknown> }> {
    const refund = this.refunds.get(outRefundNo);
    if (!refund) throw new Error(`fake WeChat Pay: no refund ${outRefundNo}`);
    if (refund.status !== 'PROCESSING' && refund.status !== outcome) {
      throw new Error(`fake WeChat Pay: refund ${outRefundNo} already ended ${refund.status}`);
    }
    refund.status = outcome;
    if (outcome === 'SUCCESS') refund.successTime ??= beijingTime(this.now());
    const url = options.url ?? refund.notifyUrl;
    if (!url) throw new Error(`fake WeChat Pay: refund ${outRefundNo} has no notify_url`);
    const resource = {
      mchid: this.keys.mchid,
      out_trade_no: refund.outTradeNo,
      transaction_id: refund.transactionId,
      out_refund_no: refund.outRefundNo,
      refund_id: refund.refundId,
      refund_status: outcome,
      ...(refund.successTime ? { success_time: refund.successTime } : {}),
      user_received_account: '支付用户零钱',
      amount: { total: refund.totalFen, refund: refund.refundFen, payer_total: refund.totalFen, payer_refund: refund.refundFen },
    };
    const status = await this.sendNotification(url, `REFUND.${outcome}`, resource, options);
    return { status, resource };
  }

  /** The transfer reaches a final state (member confirmed, it failed, or it was cancelled) and MCHTRANSFER.BILL.FINISHED is delivered. */
  async finishTransfer(
    outBillNo: string,
    outcome: 'SUCCESS' | 'FAIL' | 'CANCELLED',
    options: NotificationOptions & { url?: string; failReason?: string } = {},
  ): Promise<{ status: number; resource: Record<string, unknown> }> {
    const bill = this.transferBills.get(outBillNo);
    if (!bill) throw new Error(`fake WeChat Pay: no transfer bill ${outBillNo}`);
    if (FINAL_TRANSFER_STATES.includes(bill.state) && bill.state !== outcome) {
      throw new Error(`fake WeChat Pay: transfer ${outBillNo} already ended ${bill.state}`);
    }
    if (bill.state !== outcome) {
      bill.state = outcome;
      bill.updateTime = beijingTime(this.now());
      if (outcome === 'FAIL') bill.failReason = options.failReason ?? 'PAYEE_ACCOUNT_ABNORMAL';
    }
    const url = options.url ?? bill.notifyUrl;
    if (!url) throw new Error(`fake WeChat Pay: transfer ${outBillNo} has no notify_url`);
    const resource = {
      out_bill_no: bill.outBillNo,
      transfer_bill_no: bill.transferBillNo,
      state: bill.state,
      mch_id: this.keys.mchid,
      transfer_amount: bill.amountFen,
      openid: bill.openid,
      ...(bill.failReason ? { fail_reason: bill.failReason } : {}),
      create_time: bill.createTime,
      update_time: bill.updateTime,
    };
    const status = await this.sendNotification(url, 'MCHTRANSFER.BILL.FINISHED', resource, options);
    return { status, resource };
  }

  // ---- the HTTP side ----

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const rawBody = await readBody(request);
    const method = request.method ?? 'GET';
    const url = request.url ?? '/';
    const parsed = new URL(url, 'http://fake');
    const problem = this.checkAuthorization(method, url, request.headers.authorization, rawBody);
    const record: RecordedRequest = {
      method,
      url,
      pathname: parsed.pathname,
      headers: request.headers,
      rawBody,
      body: undefined,
      signatureValid: problem === undefined,
      signatureProblem: problem,
      responseStatus: 0,
    };
    this.requests.push(record);

    let reply: Reply;
    try {
      if (problem) throw new WechatError(401, 'SIGN_ERROR', `签名错误：${problem}`);
      record.body = parseJsonBody(rawBody);
      this.throwInjectedFailure(method, parsed.pathname);
      reply = this.route({ method, pathname: parsed.pathname, query: parsed.searchParams, headers: request.headers, body: record.body });
    } catch (error) {
      if (!(error instanceof WechatError)) throw error;
      reply = { status: error.status, body: { code: error.code, message: error.message } };
    }
    record.responseStatus = reply.status;
    this.respond(response, reply);
  }

  /** Returns why the Authorization header is not acceptable, or undefined when it is. */
  private checkAuthorization(method: string, url: string, header: string | undefined, rawBody: Buffer): string | undefined {
    const auth = parseAuthorization(header);
    if (!auth) return 'missing or malformed Authorization';
    if (auth.mchid !== this.keys.mchid) return `mchid ${auth.mchid} is not this merchant`;
    if (auth.serial_no.toUpperCase() !== this.keys.merchantSerialNo) return `unknown merchant certificate serial ${auth.serial_no}`;
    if (Math.abs(Math.floor(this.now() / 1000) - Number(auth.timestamp)) > MAX_SKEW_SECONDS) return 'timestamp too far from now';
    const message = requestMessage(method, url, auth.timestamp, auth.nonce_str, rawBody);
    if (!rsaVerify(this.merchantPublicKey, message, auth.signature)) return 'signature does not verify';
    return undefined;
  }

  private throwInjectedFailure(method: string, pathname: string): void {
    const failure = this.failures.find(
      (candidate) =>
        candidate.remaining > 0 &&
        (candidate.method === undefined || candidate.method === method) &&
        (typeof candidate.path === 'string' ? pathname.startsWith(candidate.path) : candidate.path.test(pathname)),
    );
    if (!failure) return;
    failure.remaining -= 1;
    throw new WechatError(failure.status, failure.code, failure.message);
  }

  private route(call: IncomingCall): Reply {
    for (const route of routes) {
      const match = route.method === call.method ? route.pattern.exec(call.pathname) : null;
      if (match) return route.handle(this.state(), call, match.slice(1).map(decodeURIComponent));
    }
    throw new WechatError(404, 'NOT_FOUND', `no such API: ${call.method} ${call.pathname}`);
  }

  /** Every answer, errors included, is signed with the platform key like WeChat's. */
  private respond(response: ServerResponse, reply: Reply): void {
    const body = reply.body === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(reply.body), 'utf8');
    const key = this.forgeResponseSignatures ? this.attackerKey() : this.platformPrivateKey;
    const headers: Record<string, string> = {
      ...signatureHeaders(key, this.keys.platformSerial, body, Math.floor(this.now() / 1000)),
      'Request-ID': randomBytes(16).toString('hex'),
    };
    if (body.length > 0) headers['Content-Type'] = 'application/json; charset=utf-8';
    response.writeHead(reply.status, headers);
    response.end(body);
  }

  private state(): FakeState {
    return {
      keys: this.keys,
      platformPrivateKey: this.platformPrivateKey,
      now: this.now,
      orders: this.orders,
      refunds: this.refunds,
      transferBills: this.transferBills,
      transferBehaviour: this.transferBehaviour,
      newId: (prefix, length) => this.newId(prefix, length),
    };
  }

  private newId(prefix: string, length: number): string {
    this.idCounter += 1;
    const counter = String(this.idCounter).padStart(6, '0');
    const fillerLength = Math.max(0, length - prefix.length - counter.length);
    const filler = Array.from({ length: fillerLength }, () => randomInt(0, 10)).join('');
    return `${prefix}${filler}${counter}`;
  }

  /** A key WeChat never held, generated on first use (key generation is slow-ish). */
  private attackerKey(): KeyObject {
    this.attackerPrivateKey ??= generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    return this.attackerPrivateKey;
  }
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function parseJsonBody(rawBody: Buffer): unknown {
  if (rawBody.length === 0) return undefined;
  try {
    return JSON.parse(rawBody.toString('utf8'));
  } catch {
    throw new WechatError(400, 'PARAM_ERROR', '请求体不是合法的JSON');
  }
}
