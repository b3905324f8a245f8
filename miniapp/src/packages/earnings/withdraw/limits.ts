import { errorStatus, formatYuan } from '@sharecircle/shared';
import type { WithdrawalQuote } from '../../../services/api';
import { ApiError, describeError, isApiError } from '../../../services/errors';
import { strings } from '../../../strings';
import type { QuoteState } from '../hooks/useWithdrawalQuote';

function fen(data: Record<string, unknown>, key: string): string | undefined {
  const value = data[key];
  return typeof value === 'number' && Number.isSafeInteger(value) ? formatYuan(value) : undefined;
}

/** Turns a refused withdrawal into the limit it ran into, with the figures the server sent along. */
export function explainWithdrawalError(error: unknown): string {
  if (!isApiError(error)) return describeError(error);
  const { data } = error;
  switch (error.code) {
    case 'WITHDRAWAL_BELOW_MINIMUM':
      return strings.withdraw.limits.belowMinimum(fen(data, 'minFen'));
    case 'WITHDRAWAL_ABOVE_MAXIMUM':
      return strings.withdraw.limits.aboveMaximum(fen(data, 'maxNetFen'));
    case 'WITHDRAWAL_LIMIT_REACHED':
      return data.limit === 'amount'
        ? strings.withdraw.limits.dailyAmount(fen(data, 'dailyAmountMaxFen'), fen(data, 'leftTodayFen'))
        : strings.withdraw.limits.dailyCount(typeof data.dailyCountMax === 'number' ? data.dailyCountMax : undefined);
    case 'INSUFFICIENT_BALANCE':
      return strings.withdraw.limits.insufficient;
    default:
      return describeError(error);
  }
}

/**
 * A quote's refusal is the error POST /me/withdrawals would answer now, so it is worded by the same
 * explainWithdrawalError. A code this build does not know is still a refusal, never a server fault: 422.
 */
function refusalAsError(refusal: NonNullable<WithdrawalQuote['refusal']>): ApiError {
  const status = (errorStatus as Record<string, number | undefined>)[refusal.code] ?? 422;
  return new ApiError(refusal.code, refusal.message, status, refusal.data);
}

/** What stands between the amount typed and a withdrawal: the client's check, the quote's refusal or its failure. */
export function explainQuote(state: QuoteState): string | null {
  switch (state.status) {
    case 'invalid':
      return state.problem;
    case 'error':
      return explainWithdrawalError(state.error);
    case 'ready':
      return state.quote.refusal ? explainWithdrawalError(refusalAsError(state.quote.refusal)) : null;
    default:
      return null;
  }
}
