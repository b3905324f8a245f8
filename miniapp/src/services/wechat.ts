import type { WithdrawalView } from './api';

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
