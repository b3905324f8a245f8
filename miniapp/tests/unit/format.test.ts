import { describeCondition, formatConditionValue, progressPercent } from '../../src/components/conditions';
import { formatDate, formatDateTime, formatPercent, formatSignedYuan } from '../../src/components/format';
import { explainWithdrawalError } from '../../src/packages/earnings/withdraw/limits';
import { validateAmount } from '../../src/packages/earnings/hooks/useWithdrawalQuote';
import { ApiError } from '../../src/services/errors';
import { strings } from '../../src/strings';

describe('display helpers', () => {
  test('basis points become exact percentages', () => {
    expect(formatPercent(1000)).toBe('10%');
    expect(formatPercent(1250)).toBe('12.5%');
    expect(formatPercent(1)).toBe('0.01%');
    expect(formatPercent(10000)).toBe('100%');
  });

  test('dates are shown in Beijing time', () => {
    expect(formatDate('2026-11-30T16:00:00.000Z')).toBe('2026-12-01');
    expect(formatDateTime('2026-11-20T04:05:00.000Z')).toBe('2026-11-20 12:05');
  });

  test('signed yuan for ledger lines', () => {
    expect(formatSignedYuan(2590)).toBe('+25.90');
    expect(formatSignedYuan(-5)).toBe('-0.05');
    expect(formatSignedYuan(0)).toBe('0.00');
  });

  test('level conditions read in Chinese, money metrics in yuan', () => {
    const gmv = { source: 'counter' as const, metric: 'gmvFen' as const, window: 'month' as const, op: 'gte' as const, value: 100000 };
    expect(describeCondition(gmv)).toBe('累计销售额（本月）');
    expect(describeCondition({ ...gmv, metric: 'fansGained', window: { rollingDays: 7 } })).toBe('新增粉丝（近7天）');
    expect(formatConditionValue(gmv, 100000)).toBe('¥1000.00');
    expect(progressPercent(3, 4)).toBe(75);
    expect(progressPercent(9, 4)).toBe(100);
  });

  test('the amount typed in yuan becomes fen without floats', () => {
    expect(validateAmount('0.1', 1000)).toEqual({ amountFen: 10 });
    expect(validateAmount('19.99', 1999)).toEqual({ amountFen: 1999 });
    expect(validateAmount('abc', 1000)).toEqual({ problem: strings.withdraw.amountInvalid });
    expect(validateAmount('0', 1000)).toEqual({ problem: strings.withdraw.amountZero });
    expect(validateAmount('10.01', 1000)).toEqual({ problem: strings.withdraw.amountOverAvailable });
  });

  test('limit errors without figures still read sensibly', () => {
    expect(explainWithdrawalError(new ApiError('WITHDRAWAL_BELOW_MINIMUM', 'x', 422))).toBe(strings.withdraw.limits.belowMinimum());
    expect(explainWithdrawalError(new Error('boom'))).toBe(strings.errors.generic);
  });
});
