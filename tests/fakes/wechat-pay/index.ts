import { FakeWechatPay, type FakeWechatPayOptions } from './server';

/**
 * Starts a fake WeChat Pay API v3 server on 127.0.0.1 (random port) with fresh keys.
 *
 *   const fake = await startFakeWechatPay({ mode: 'publicKey' });
 *   const client = new WechatPayClient(fake.config);            // baseUrl points at the fake
 *   const verifier = createPayVerifier(fake.config);             // platformCertificates or publicKey
 *   ...
 *   await fake.close();
 */
export async function startFakeWechatPay(options: FakeWechatPayOptions): Promise<FakeWechatPay> {
  const fake = new FakeWechatPay(options);
  await fake.listen();
  return fake;
}

export { FakeWechatPay };
export type { FakeWechatPayOptions, FakeWechatPayConfig, RecordedRequest, DeliveredNotification } from './server';
export type { BuiltNotification, NotificationOptions, NotificationEnvelope } from './notifications';
export type { FakeOrder, FakeRefund, FakeTransferBill, TransferBehaviour } from './state';
export type { FakeWechatPayMode } from './keys';
