import Taro from '@tarojs/taro';
import type { PaymentParams, WithdrawalView } from './api';

export type MerchantTransferParams = NonNullable<WithdrawalView['requestMerchantTransfer']>;
export type MerchantTransferOutcome = 'confirmed' | 'cancelled' | 'unavailable' | 'failed';

interface WxMerchantTransfer {
  requestMerchantTransfer?: (options: {
    mchId: string;
    appId: string;
    package: string;
    success: () => void;
    fail: (error: { errMsg?: string }) => void;
  }) => void;
}

/** Taro 4.2 does not wrap wx.requestMerchantTransfer (2025); it exists only in WeChat, never on H5. */
function wechatApi(): WxMerchantTransfer | undefined {
  const scope = globalThis as unknown as { wx?: WxMerchantTransfer };
  return scope.wx;
}

export function canConfirmTransfer(): boolean {
  return typeof wechatApi()?.requestMerchantTransfer === 'function';
}

/**
 * Opens WeChat's "confirm receipt" sheet for a transfer waiting on the member. WeChat Pay then
 * notifies the server, which moves the withdrawal on; the page only reloads it.
 */
export function confirmMerchantTransfer(params: MerchantTransferParams): Promise<MerchantTransferOutcome> {
  const wx = wechatApi();
  if (!wx || typeof wx.requestMerchantTransfer !== 'function') return Promise.resolve('unavailable');
  const request = wx.requestMerchantTransfer;
  return new Promise((resolve) => {
    request({
      mchId: params.mchId,
      appId: params.appId,
      package: params.package,
      success: () => resolve('confirmed'),
      fail: (error) => resolve(/cancel/i.test(error?.errMsg ?? '') ? 'cancelled' : 'failed'),
    });
  });
}

/** What the WeChat Pay sheet ended in; `succeeded` is WeChat's word, the order is paid once the server hears from WeChat Pay. */
export type WechatPaymentOutcome = 'succeeded' | 'cancelled' | 'unavailable' | 'failed';

/**
 * WeChat Pay exists only inside WeChat. Taro's H5 requestPayment is a "not supported" stub that, in a
 * production build, reports success without paying: it must never be called there.
 */
export function canRequestPayment(): boolean {
  return process.env.TARO_ENV !== 'h5';
}

/** Opens WeChat Pay's sheet with the parameters the server answered (POST /orders or /orders/{id}/payment). */
export async function requestWechatPayment(params: PaymentParams): Promise<WechatPaymentOutcome> {
  if (!canRequestPayment()) return 'unavailable';
  try {
    await Taro.requestPayment({ ...params });
    return 'succeeded';
  } catch (error) {
    // "requestPayment:fail cancel" when the buyer closes the sheet; anything else is a failure.
    return /cancel/i.test((error as { errMsg?: string })?.errMsg ?? '') ? 'cancelled' : 'failed';
  }
}
