import { createCipheriv, createPrivateKey, createPublicKey, randomBytes, sign, verify, type KeyObject } from 'node:crypto';
import { alphanumeric } from './keys';

/**
 * The wire-level pieces of WeChat Pay API v3, written independently of the server code under
 * test so that a shared bug cannot make both sides agree on something WeChat would refuse.
 */

export const AUTH_SCHEME = 'WECHATPAY2-SHA256-RSA2048';
export const MAX_SKEW_SECONDS = 5 * 60;

export interface ParsedAuthorization {
  mchid: string;
  nonce_str: string;
  timestamp: string;
  serial_no: string;
  signature: string;
}

/** `WECHATPAY2-SHA256-RSA2048 mchid="..",nonce_str="..",timestamp="..",serial_no="..",signature=".."` (any order). */
export function parseAuthorization(header: string | undefined): ParsedAuthorization | undefined {
  if (!header?.startsWith(`${AUTH_SCHEME} `)) return undefined;
  const fields: Record<string, string> = {};
  for (const match of header.slice(AUTH_SCHEME.length + 1).matchAll(/(\w+)="([^"]*)"/g)) fields[match[1]] = match[2];
  const { mchid, nonce_str, timestamp, serial_no, signature } = fields;
  if (!mchid || !nonce_str || !timestamp || !serial_no || !signature) return undefined;
  return { mchid, nonce_str, timestamp, serial_no, signature };
}

/** Request message: METHOD\nPATH?QUERY\nTIMESTAMP\nNONCE\nBODY\n (an empty body still gets its line). */
export function requestMessage(method: string, pathAndQuery: string, timestamp: string, nonce: string, body: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`${method}\n${pathAndQuery}\n${timestamp}\n${nonce}\n`), body, Buffer.from('\n')]);
}

/** Response and notification message: TIMESTAMP\nNONCE\nBODY\n. */
export function responseMessage(timestamp: string, nonce: string, body: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`${timestamp}\n${nonce}\n`), body, Buffer.from('\n')]);
}

export function rsaSign(privateKey: KeyObject, message: Buffer): string {
  return sign('RSA-SHA256', message, privateKey).toString('base64');
}

export function rsaVerify(publicKey: KeyObject, message: Buffer, signatureB64: string): boolean {
  return verify('RSA-SHA256', message, publicKey, Buffer.from(signatureB64, 'base64'));
}

export const privateKey = (pem: string) => createPrivateKey(pem);
export const publicKey = (pem: string) => createPublicKey(pem);

/** The signature headers WeChat puts on responses and notifications. */
export function signatureHeaders(
  key: KeyObject,
  serial: string,
  body: Buffer,
  timestampSeconds: number,
): Record<string, string> {
  const timestamp = String(timestampSeconds);
  const nonce = randomBytes(16).toString('hex').toUpperCase();
  return {
    'Wechatpay-Timestamp': timestamp,
    'Wechatpay-Nonce': nonce,
    'Wechatpay-Signature': rsaSign(key, responseMessage(timestamp, nonce, body)),
    'Wechatpay-Serial': serial,
    'Wechatpay-Signature-Type': AUTH_SCHEME,
  };
}

export interface SealedResource {
  algorithm: 'AEAD_AES_256_GCM';
  ciphertext: string;
  associated_data: string;
  nonce: string;
}

/** AEAD_AES_256_GCM with the APIv3 key; ciphertext = base64(encrypted || 16-byte tag); 12-character nonce. */
export function sealResource(plaintext: string, apiV3Key: string, associatedData: string): SealedResource {
  const nonce = alphanumeric(12);
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(apiV3Key, 'utf8'), Buffer.from(nonce, 'utf8'));
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  const encrypted = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return { algorithm: 'AEAD_AES_256_GCM', ciphertext: encrypted.toString('base64'), associated_data: associatedData, nonce };
}

/** WeChat's timestamps: RFC 3339 in Beijing time, e.g. 2025-03-01T10:34:56+08:00. */
export function beijingTime(ms: number): string {
  return `${new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;
}
