import { createDecipheriv } from 'node:crypto';
import { AppError } from '../http/app-error';
import type { PayVerifier } from './pay-verifier';

/** WeChat Pay refuses (and we refuse) messages whose timestamp is more than 5 minutes off. */
export const WECHATPAY_MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;

const GCM_TAG_BYTES = 16;

export type NotificationHeaders = Record<string, string | string[] | undefined>;

export interface VerifyNotificationInput {
  /** The request headers as received (any case; Node lower-cases them). */
  headers: NotificationHeaders;
  /** The body exactly as received: the signature covers these bytes, not re-serialised JSON. */
  rawBody: Buffer;
  nowMs: number;
  verifier: PayVerifier;
  apiV3Key: string;
}

export interface WechatPayNotification {
  id: string;
  /** e.g. TRANSACTION.SUCCESS, REFUND.SUCCESS, MCHTRANSFER.BILL.FINISHED */
  eventType: string;
  createTime: string;
  summary?: string;
  /** The decrypted resource, parsed as JSON. Callers validate its shape for their event type. */
  resource: unknown;
}

/** The encrypted part of a notification (and of each entry of GET /v3/certificates). */
export interface EncryptedResource {
  algorithm?: string;
  ciphertext: string;
  associated_data?: string;
  nonce: string;
}

/**
 * Authenticates a WeChat Pay notification and decrypts its resource.
 * Throws WECHATPAY_SIGNATURE_INVALID (missing headers, unknown serial, bad signature) or
 * WECHATPAY_TIMESTAMP_STALE; the HTTP layer then answers non-2xx, which makes WeChat retry,
 * so a transient key problem on our side loses nothing.
 */
export function verifyWechatPayNotification(input: VerifyNotificationInput): WechatPayNotification {
  const timestamp = header(input.headers, 'wechatpay-timestamp');
  const nonce = header(input.headers, 'wechatpay-nonce');
  const signature = header(input.headers, 'wechatpay-signature');
  const serial = header(input.headers, 'wechatpay-serial');
  if (!timestamp || !nonce || !signature || !serial) {
    throw new AppError('WECHATPAY_SIGNATURE_INVALID', 'the WeChat Pay signature headers are missing');
  }
  if (!input.verifier.hasSerial(serial)) {
    // Either WeChat rotated keys and our configuration lags, or the message is not from WeChat.
    throw new AppError('WECHATPAY_SIGNATURE_INVALID', `unknown WeChat Pay key serial ${serial}`);
  }

  // The signed message is TIMESTAMP\nNONCE\nBODY\n over the raw bytes. The signature is checked
  // before the timestamp: until it verifies, the timestamp is just attacker-supplied text.
  // (WeChat also sends deliberate probes signed "WECHATPAY/SIGNTEST/..." that must fail here.)
  const message = Buffer.concat([Buffer.from(`${timestamp}\n${nonce}\n`, 'utf8'), input.rawBody, Buffer.from('\n', 'utf8')]);
  if (!input.verifier.verify(serial, message, signature)) {
    throw new AppError('WECHATPAY_SIGNATURE_INVALID', 'the WeChat Pay notification signature does not verify');
  }

  // Replay protection: a captured, validly signed notification must not be accepted later.
  if (!/^\d{1,12}$/.test(timestamp) || Math.abs(input.nowMs - Number(timestamp) * 1000) > WECHATPAY_MAX_CLOCK_SKEW_MS) {
    throw new AppError('WECHATPAY_TIMESTAMP_STALE', 'the WeChat Pay notification timestamp is more than 5 minutes off');
  }

  const body = parseBody(input.rawBody);
  return {
    id: body.id,
    eventType: body.event_type,
    createTime: body.create_time,
    summary: body.summary,
    resource: parseJson(decryptWechatPayResource(body.resource, input.apiV3Key)),
  };
}

/**
 * AEAD_AES_256_GCM with the 32-byte APIv3 key; ciphertext is base64(encrypted || 16-byte tag).
 * Written on node:crypto rather than the SDK's decipher_gcm, which never calls final() and so
 * never checks the tag: it would return tampered plaintext as if it were genuine.
 */
export function decryptWechatPayResource(resource: EncryptedResource, apiV3Key: string): string {
  if (resource.algorithm !== undefined && resource.algorithm !== 'AEAD_AES_256_GCM') {
    throw new AppError('UNPROCESSABLE', `unsupported WeChat Pay resource algorithm ${resource.algorithm}`);
  }
  const key = Buffer.from(apiV3Key, 'utf8');
  if (key.length !== 32) throw new AppError('INTERNAL', 'the WeChat Pay APIv3 key must be 32 bytes');
  const sealed = Buffer.from(resource.ciphertext, 'base64');
  if (sealed.length < GCM_TAG_BYTES) throw new AppError('UNPROCESSABLE', 'the WeChat Pay resource ciphertext is too short');

  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(resource.nonce, 'utf8'));
  decipher.setAuthTag(sealed.subarray(sealed.length - GCM_TAG_BYTES));
  decipher.setAAD(Buffer.from(resource.associated_data ?? '', 'utf8'));
  try {
    return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - GCM_TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    // The signature already proved WeChat sent this, so a tag mismatch means our APIv3 key is
    // wrong: a server fault (500, WeChat retries) rather than a client one.
    throw new AppError('INTERNAL', 'the WeChat Pay resource does not decrypt; check the APIv3 key');
  }
}

interface NotificationBody {
  id: string;
  create_time: string;
  event_type: string;
  summary?: string;
  resource: EncryptedResource;
}

function parseBody(rawBody: Buffer): NotificationBody {
  const body = parseJson(rawBody.toString('utf8')) as Partial<NotificationBody> | null;
  const resource = body?.resource;
  if (
    typeof body?.id !== 'string' ||
    typeof body.event_type !== 'string' ||
    typeof body.create_time !== 'string' ||
    typeof resource?.ciphertext !== 'string' ||
    typeof resource.nonce !== 'string'
  ) {
    throw new AppError('UNPROCESSABLE', 'the WeChat Pay notification body is not in the documented shape');
  }
  return body as NotificationBody;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError('UNPROCESSABLE', 'the WeChat Pay notification is not JSON');
  }
}

/** Header lookup that does not depend on how the framework cased the names. */
function header(headers: NotificationHeaders, name: string): string | undefined {
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== name) continue;
    const text = Array.isArray(value) ? value[0] : value;
    return text === undefined || text === '' ? undefined : text.trim();
  }
  return undefined;
}
