import { api, type OrderCreated, type SaleView } from '../../services/api';
import { canRequestPayment, requestWechatPayment } from '../../services/wechat';

/**
 * After WeChat's sheet says paid, the order turns paid when WeChat Pay's notification reaches the server,
 * usually within seconds: ask this many times, this far apart, then say it is being confirmed.
 */
export const CONFIRM_ATTEMPTS = 4;
export const CONFIRM_INTERVAL_MS = 1500;

export type PaymentOutcome =
  /** Not inside WeChat: nothing was ordered, since an order no one can pay here would only wait to be closed. */
  | { kind: 'unavailable' }
  /** paid: the server has it; confirming: WeChat said paid, the server not yet; cancelled / failed: still 待支付. */
  | { kind: 'paid' | 'confirming' | 'cancelled' | 'failed'; order: SaleView };

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function confirmPaid(order: SaleView): Promise<PaymentOutcome> {
  let latest = order;
  for (let attempt = 0; attempt < CONFIRM_ATTEMPTS; attempt++) {
    if (attempt > 0) await wait(CONFIRM_INTERVAL_MS);
    // A failed look is only a missed look: the money has left, the next one (or My orders) will tell.
    latest = await api.sale(order.id).catch(() => latest);
    if (latest.status === 'paid') return { kind: 'paid', order: latest };
  }
  return { kind: 'confirming', order: latest };
}

/**
 * One payment: `start` makes the order or asks for fresh parameters for an unpaid one (an API refusal
 * rejects), WeChat Pay's sheet, then the server's word on it.
 */
export async function payForOrder(start: () => Promise<OrderCreated>): Promise<PaymentOutcome> {
  if (!canRequestPayment()) return { kind: 'unavailable' };
  const { order, payment } = await start();
  const outcome = await requestWechatPayment(payment);
  if (outcome === 'succeeded') return confirmPaid(order);
  return { kind: outcome === 'cancelled' ? 'cancelled' : 'failed', order };
}
