import { monthKey, periodStart } from '../rewards/periods';

/** Assessment periods in China time: months ('2026-11') and quarters ('2026-Q4'). */

export function periodKeyAt(period: 'month' | 'quarter', at: Date): string {
  const month = monthKey(at);
  if (period === 'month') return month;
  return `${month.slice(0, 4)}-Q${Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1}`;
}

/** The months a period covers, as counter period keys. */
export function monthsOf(periodKey: string): string[] {
  const quarter = /^(\d{4})-Q([1-4])$/.exec(periodKey);
  if (!quarter) return [periodKey];
  const first = (Number(quarter[2]) - 1) * 3 + 1;
  return [0, 1, 2].map((i) => `${quarter[1]}-${String(first + i).padStart(2, '0')}`);
}

/** [start, end) of a period as instants. */
export function boundsOf(periodKey: string): { start: Date; end: Date } {
  const months = monthsOf(periodKey);
  const startOf = (month: string) => periodStart('month', new Date(`${month}-15T00:00:00+08:00`));
  const last = startOf(months[months.length - 1]);
  return { start: startOf(months[0]), end: periodStart('month', new Date(last.getTime() + 32 * 86_400_000)) };
}

/** The period before `periodKey` (same kind). */
export function previousPeriod(periodKey: string): string {
  const { start } = boundsOf(periodKey);
  return periodKeyAt(/Q/.test(periodKey) ? 'quarter' : 'month', new Date(start.getTime() - 86_400_000));
}

export const isPeriodKey = (period: 'month' | 'quarter', key: string) => (period === 'month' ? /^\d{4}-(0[1-9]|1[0-2])$/ : /^\d{4}-Q[1-4]$/).test(key);
