import { randomUUID, type KeyObject } from 'node:crypto';
import { beijingTime, sealResource, signatureHeaders } from './protocol';

/** How WeChat Pay builds and signs the notifications it POSTs to a merchant's notify_url. */

export interface NotificationOptions {
  /** Sign with a key WeChat does not hold (as an attacker would). */
  forgeSignature?: boolean;
  /** Shift Wechatpay-Timestamp, e.g. -360 for a 6-minute-old (replayed) notification. */
  timestampOffsetSec?: number;
  /** Send a Wechatpay-Serial other than the platform key's. */
  serialOverride?: string;
  /** The notification never arrives (WeChat gave up retrying, the merchant was down): the state changes, nothing is sent. */
  lost?: boolean;
}

export interface BuiltNotification {
  headers: Record<string, string>;
  /** The exact bytes signed and sent. */
  rawBody: Buffer;
  body: NotificationEnvelope;
}

export interface NotificationEnvelope {
  id: string;
  create_time: string;
  event_type: string;
  resource_type: 'encrypt-resource';
  summary: string;
  resource: { original_type: string; algorithm: string; ciphertext: string; associated_data: string; nonce: string };
}

/** original_type (also used as associated_data) and summary per event family, as WeChat sends them. */
function describe(eventType: string): { originalType: string; summary: string } {
  if (eventType.startsWith('TRANSACTION.')) return { originalType: 'transaction', summary: '支付成功' };
  if (eventType.startsWith('REFUND.')) {
    const summaries: Record<string, string> = { 'REFUND.SUCCESS': '退款成功', 'REFUND.ABNORMAL': '退款异常', 'REFUND.CLOSED': '退款关闭' };
    return { originalType: 'refund', summary: summaries[eventType] ?? '退款通知' };
  }
  if (eventType.startsWith('MCHTRANSFER.')) return { originalType: 'mch_payment', summary: '商家转账单据终态通知' };
  return { originalType: 'unknown', summary: eventType };
}

export function buildNotification(
  signing: { platformKey: KeyObject; attackerKey: () => KeyObject; serial: string; apiV3Key: string; nowMs: number },
  eventType: string,
  resource: unknown,
  options: NotificationOptions = {},
): BuiltNotification {
  const { originalType, summary } = describe(eventType);
  const body: NotificationEnvelope = {
    id: randomUUID(),
    create_time: beijingTime(signing.nowMs),
    event_type: eventType,
    resource_type: 'encrypt-resource',
    summary,
    resource: { original_type: originalType, ...sealResource(JSON.stringify(resource), signing.apiV3Key, originalType) },
  };
  const rawBody = Buffer.from(JSON.stringify(body), 'utf8');
  const key = options.forgeSignature ? signing.attackerKey() : signing.platformKey;
  const timestamp = Math.floor(signing.nowMs / 1000) + (options.timestampOffsetSec ?? 0);
  const headers = {
    'Content-Type': 'application/json',
    ...signatureHeaders(key, options.serialOverride ?? signing.serial, rawBody, timestamp),
  };
  return { headers, rawBody, body };
}

/** POSTs like WeChat does and reports the merchant's HTTP status (2xx = acknowledged). */
export async function deliverNotification(url: string, notification: BuiltNotification): Promise<number> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { ...notification.headers, 'User-Agent': 'Mozilla/4.0' },
    body: notification.rawBody,
  });
  await response.arrayBuffer();
  return response.status;
}
