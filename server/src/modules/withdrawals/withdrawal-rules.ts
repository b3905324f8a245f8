import { applyBasisPoints, type WithdrawalStatus } from '@sharecircle/shared';
import type { EntryInput } from '../ledger';
import type { TransferBillState } from '../../wechat/pay-client';
import { WechatPayError } from '../../wechat/pay-client';

/** Pure leaves of the withdrawal story: no I/O, so each rule reads (and tests) on its own. */

/**
 * out_bill_no is the withdrawal id in a fixed form WeChat accepts (5-32 letters and digits):
 * `W` and 15 digits. A retry sends the same number, so WeChat never creates a second bill.
 */
export const outBillNoFor = (withdrawalId: number): string => `W${String(withdrawalId).padStart(15, '0')}`;

export function withdrawalIdOf(outBillNo: string): number | undefined {
  const match = /^W(\d{15,31})$/.exec(outBillNo);
  const id = match ? Number(match[1]) : NaN;
  return Number.isSafeInteger(id) && id > 0 ? id : undefined;
}

/** The fee is rounded down (in the member's favour); the payout is the rest. */
export function splitFee(amountFen: number, feeBp: number): { feeFen: number; netFen: number } {
  const feeFen = applyBasisPoints(amountFen, feeBp);
  return { feeFen, netFen: amountFen - feeFen };
}

const BEIJING_OFFSET_MS = 8 * 3_600_000; // China has one time zone and no daylight saving.
const DAY_MS = 86_400_000;

/** The Beijing calendar day `at` falls in, as [start, end) instants: daily limits reset at local midnight. */
export function beijingDay(at: Date): { start: Date; end: Date } {
  const startMs = Math.floor((at.getTime() + BEIJING_OFFSET_MS) / DAY_MS) * DAY_MS - BEIJING_OFFSET_MS;
  return { start: new Date(startMs), end: new Date(startMs + DAY_MS) };
}

/** Statuses whose money is back in available: they do not count towards the daily limits. */
export const RETURNED_STATUSES: readonly WithdrawalStatus[] = ['failed', 'cancelled', 'rejected'];
/** Statuses at WeChat Pay (or about to be) whose final notification we are waiting for. */
export const AT_WECHAT_STATUSES: readonly WithdrawalStatus[] = ['submitting', 'wait_user_confirm', 'processing'];
/** Of those, the ones WeChat Pay holds a bill for (submitting ones are withdrawals.submit's). */
export const AWAITING_OUTCOME_STATUSES: readonly WithdrawalStatus[] = ['wait_user_confirm', 'processing'];

/**
 * A state read from a reply (create, cancel) that is SUCCESS or CANCELING is still in flight for
 * us: the notification settles it, or, once that is overdue, the reconcile job's query.
 */
export const provisional = (state: TransferBillState): TransferBillState => (state === 'SUCCESS' || state === 'CANCELING' ? 'PROCESSING' : state);

/** Where a WeChat transfer state leaves the withdrawal. */
export function statusForState(state: TransferBillState): WithdrawalStatus {
  if (state === 'SUCCESS') return 'succeeded';
  if (state === 'FAIL') return 'failed';
  if (state === 'CANCELLED') return 'cancelled';
  if (state === 'WAIT_USER_CONFIRM') return 'wait_user_confirm';
  return 'processing';
}

/**
 * Why WeChat Pay definitely refused to create the bill, or undefined when the attempt may be
 * retried: no answer, a 5xx, rate limiting, or the merchant account lacking funds. A refused
 * request creates no bill, so giving the money back cannot pay twice.
 */
export function definitiveRefusal(error: unknown): string | undefined {
  if (!(error instanceof WechatPayError)) return undefined;
  const { httpStatus, code, message } = error.wechatpay;
  if (httpStatus === undefined || httpStatus >= 500 || httpStatus === 429) return undefined;
  if (code === 'SYSTEM_ERROR' || code === 'FREQUENCY_LIMITED' || code === 'NOT_ENOUGH') return undefined;
  if (httpStatus < 400) return undefined;
  return [code ?? `HTTP ${httpStatus}`, message].filter(Boolean).join(': ');
}

interface Money {
  id: number;
  memberId: number;
  amountFen: number;
  feeFen: number;
  netFen: number;
}

const ref = (w: Money) => ({ memberId: w.memberId, refType: 'withdrawal', refId: w.id });

/** Reserving: available -amount, withdrawing +net, fee income +fee (no fee posting when it is 0). */
export function reserveEntry(w: Money, at: Date): EntryInput {
  return {
    key: `withdraw:${w.id}`,
    kind: 'withdrawal',
    ...ref(w),
    memo: `提现申请 #${w.id}`,
    postings: [
      { account: { memberId: w.memberId, kind: 'available' }, amountFen: -w.amountFen },
      { account: { memberId: w.memberId, kind: 'withdrawing' }, amountFen: w.netFen },
      ...(w.feeFen > 0 ? [{ account: { platform: 'fee_income' as const }, amountFen: w.feeFen }] : []),
    ],
    at,
  };
}

/** Paid: the money left us; payout clearing matches it against WeChat Pay's statement. */
export function paidEntry(w: Money, at: Date): EntryInput {
  return {
    key: `withdraw:${w.id}:paid`,
    kind: 'withdrawal.paid',
    ...ref(w),
    memo: `提现到账 #${w.id}`,
    postings: [
      { account: { memberId: w.memberId, kind: 'withdrawing' }, amountFen: -w.netFen },
      { account: { platform: 'payout_clearing' }, amountFen: w.netFen },
    ],
    at,
  };
}

/** Failed, cancelled or rejected: the whole amount, fee included, goes back to available. */
export function reversalEntry(w: Money, at: Date): EntryInput {
  return {
    key: `withdraw:${w.id}:reversed`,
    kind: 'withdrawal.reversed',
    ...ref(w),
    memo: `提现退回 #${w.id}`,
    postings: [
      { account: { memberId: w.memberId, kind: 'withdrawing' }, amountFen: -w.netFen },
      { account: { memberId: w.memberId, kind: 'available' }, amountFen: w.amountFen },
      ...(w.feeFen > 0 ? [{ account: { platform: 'fee_income' as const }, amountFen: -w.feeFen }] : []),
    ],
    at,
  };
}
