import { formatYuan } from '@sharecircle/shared';
import { describeError, isApiError } from '../../../services/errors';
import { strings } from '../../../strings';

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
