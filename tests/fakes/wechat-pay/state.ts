import type { IncomingHttpHeaders } from 'node:http';
import type { KeyObject } from 'node:crypto';
import type { FakeKeyMaterial } from './keys';

/** What the fake remembers between calls; tests may read (and, to set up odd cases, edit) it. */

export type FakeTradeState = 'NOTPAY' | 'SUCCESS' | 'REFUND' | 'CLOSED';

export interface FakeOrder {
  appid: string;
  mchid: string;
  outTradeNo: string;
  description: string;
  totalFen: number;
  payerOpenid: string;
  notifyUrl: string;
  prepayId: string;
  tradeState: FakeTradeState;
  transactionId?: string;
  successTime?: string;
}

export type FakeRefundStatus = 'PROCESSING' | 'SUCCESS' | 'ABNORMAL' | 'CLOSED';

export interface FakeRefund {
  outRefundNo: string;
  refundId: string;
  outTradeNo: string;
  transactionId: string;
  refundFen: number;
  totalFen: number;
  reason?: string;
  notifyUrl?: string;
  status: FakeRefundStatus;
  createTime: string;
  successTime?: string;
}

export type FakeTransferState =
  | 'ACCEPTED'
  | 'PROCESSING'
  | 'WAIT_USER_CONFIRM'
  | 'TRANSFERING'
  | 'SUCCESS'
  | 'FAIL'
  | 'CANCELING'
  | 'CANCELLED';

export const FINAL_TRANSFER_STATES: readonly FakeTransferState[] = ['SUCCESS', 'FAIL', 'CANCELLED'];

export interface FakeTransferBill {
  outBillNo: string;
  transferBillNo: string;
  appid: string;
  openid: string;
  amountFen: number;
  remark: string;
  sceneId: string;
  reportInfos: Array<{ info_type: string; info_content: string }>;
  /** Decrypted with the platform key, to prove the client encrypted it for WeChat. */
  userName?: string;
  userRecvPerception?: string;
  notifyUrl?: string;
  state: FakeTransferState;
  failReason?: string;
  packageInfo?: string;
  createTime: string;
  updateTime: string;
}

/** How POST transfer-bills answers: the usual WAIT_USER_CONFIRM, an immediate FAIL, or an HTTP error. */
export type TransferBehaviour =
  | { kind: 'waitUserConfirm' }
  | { kind: 'failed'; failReason: string }
  | { kind: 'refused'; status: number; code: string; message: string };

export interface FakeState {
  keys: FakeKeyMaterial;
  platformPrivateKey: KeyObject;
  now(): number;
  orders: Map<string, FakeOrder>;
  refunds: Map<string, FakeRefund>;
  transferBills: Map<string, FakeTransferBill>;
  transferBehaviour: TransferBehaviour;
  /** Digits-only ids of the given length, unique within this fake. */
  newId(prefix: string, length: number): string;
}

export interface IncomingCall {
  method: string;
  pathname: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: unknown;
}

export interface Reply {
  status: number;
  body?: unknown;
}

/** An error answered in WeChat's shape: HTTP status plus `{code, message}`. */
export class WechatError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const paramError = (message: string) => new WechatError(400, 'PARAM_ERROR', message);

export function field(body: unknown, name: string): unknown {
  return body !== null && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
}

export function requireString(body: unknown, name: string, maxChars = 256): string {
  const value = field(body, name);
  if (typeof value !== 'string' || value.length === 0) throw paramError(`输入源“/body/${name}”映射到字段“${name}”必填性规则校验失败，此字段为必填项`);
  if ([...value].length > maxChars) throw paramError(`${name}长度超过${maxChars}`);
  return value;
}

export function optionalString(body: unknown, name: string): string | undefined {
  const value = field(body, name);
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw paramError(`${name}类型错误`);
  return value;
}

/** Amounts are integer fen on the wire; a float or string is refused like WeChat does. */
export function requireFen(body: unknown, name: string): number {
  const value = field(body, name);
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) throw paramError(`${name}必须为正整数（单位：分）`);
  return value;
}
