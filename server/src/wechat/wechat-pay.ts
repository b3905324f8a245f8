import { readFileSync } from 'node:fs';
import { X509Certificate } from 'node:crypto';
import type { Config } from '../config';
import { AppError } from '../http/app-error';
import { WechatPayClient } from './pay-client';
import { createPayVerifier, type PayVerifier } from './pay-verifier';

/** Everything the payment and payout code needs from WeChat Pay, in one place. */
export interface WechatPay {
  client: WechatPayClient;
  verifier: PayVerifier;
  apiV3Key: string;
  appid: string;
  mchid: string;
  notifyUrl: string;
}

/** Builds the adapter from configuration; undefined when WeChat Pay is not configured. */
export function wechatPayFromConfig(config: Config): WechatPay | undefined {
  const pay = config.wechatPay;
  if (!pay || !config.wechat.appId) return undefined;
  const platformCertificates = Object.fromEntries(
    pay.platformCertPaths.map((path) => {
      const pem = readFileSync(path, 'utf8');
      return [new X509Certificate(pem).serialNumber, pem];
    }),
  );
  const publicKey = pay.publicKey ? { id: pay.publicKey.id, pem: readFileSync(pay.publicKey.path, 'utf8') } : undefined;
  const verifier = createPayVerifier({ platformCertificates, publicKey });
  const encryptionKey = publicKey
    ? { serial: publicKey.id, pem: publicKey.pem }
    : Object.entries(platformCertificates).map(([serial, pem]) => ({ serial, pem }))[0];
  return {
    client: new WechatPayClient({
      appid: config.wechat.appId,
      mchid: pay.mchid,
      merchantSerialNo: pay.merchantSerialNo,
      merchantPrivateKeyPem: readFileSync(pay.privateKeyPath, 'utf8'),
      apiV3Key: pay.apiV3Key,
      baseUrl: pay.baseUrl,
      responseVerifier: verifier,
      encryptionKey,
    }),
    verifier,
    apiV3Key: pay.apiV3Key,
    appid: config.wechat.appId,
    mchid: pay.mchid,
    notifyUrl: pay.notifyUrl,
  };
}

export function requireWechatPay(pay: WechatPay | undefined): WechatPay {
  if (!pay) throw new AppError('WECHATPAY_UNAVAILABLE', 'WeChat Pay is not configured on this server');
  return pay;
}
