import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FakeWechatPay } from '../fakes/wechat-pay';

/**
 * The environment that points a server process at the fake WeChat Pay, as an operator would set it for the
 * real one: the merchant key and WeChat Pay's public key written to files in `dir`, the rest as variables.
 * The fake must run in public-key mode.
 */
export function wechatPayEnv(fake: FakeWechatPay, dir: string, notifyUrl: string): Record<string, string> {
  const config = fake.config;
  if (!config.publicKey) throw new Error('wechatPayEnv needs a fake started with { mode: "publicKey" }');
  const privateKeyPath = join(dir, 'apiclient_key.pem');
  const publicKeyPath = join(dir, 'pub_key.pem');
  writeFileSync(privateKeyPath, config.merchantPrivateKeyPem, { mode: 0o600 });
  writeFileSync(publicKeyPath, config.publicKey.pem);
  return {
    WECHAT_APP_ID: config.appid,
    WECHATPAY_MCHID: config.mchid,
    WECHATPAY_MERCHANT_SERIAL_NO: config.merchantSerialNo,
    WECHATPAY_PRIVATE_KEY_PATH: privateKeyPath,
    WECHATPAY_APIV3_KEY: config.apiV3Key,
    WECHATPAY_PUBLIC_KEY_ID: config.publicKey.id,
    WECHATPAY_PUBLIC_KEY_PATH: publicKeyPath,
    WECHATPAY_BASE_URL: config.baseUrl,
    WECHATPAY_NOTIFY_URL: notifyUrl,
  };
}
