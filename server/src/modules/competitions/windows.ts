import type { CompetitionMetric } from '@sharecircle/shared';
import { DAY_MS } from '../../clock';
// The counters' own calendar (China time), so that period keys here are the keys the counters write.
import { dayKey, monthKey, periodStart, weekKey } from '../rewards/periods';

/** Which period rows make up a window: one month or ISO week row, or a run of day rows (keys inclusive). */
export interface PeriodSelection {
  kind: 'day' | 'week' | 'month';
  fromKey: string;
  toKey: string;
}

/** Where each metric is counted per period; a fixed list, so table and column names never come from input. */
export const METRIC_SOURCE: Record<CompetitionMetric, { table: 'member_counter_periods' | 'member_customer_periods'; column: string; unit: 'fen' | 'count'; events: string[] }> = {
  gmv: { table: 'member_counter_periods', column: 'gmv_fen', unit: 'fen', events: ['sale.paid', 'sale.refunded'] },
  orders: { table: 'member_counter_periods', column: 'orders', unit: 'count', events: ['sale.paid', 'sale.refunded'] },
  group_growth: { table: 'member_counter_periods', column: 'fans_gained', unit: 'count', events: ['fans.reported'] },
  tasks: { table: 'member_counter_periods', column: 'tasks_completed', unit: 'count', events: ['task.completed'] },
  new_customers: { table: 'member_customer_periods', column: 'new_customers', unit: 'count', events: ['sale.paid', 'sale.refunded'] },
};

/** When the next ISO week or calendar month after the one containing `at` starts. */
export function nextPeriodStart(period: 'week' | 'month', at: Date): Date {
  const start = periodStart(period, at);
  return period === 'week' ? new Date(start.getTime() + 7 * DAY_MS) : periodStart('month', new Date(start.getTime() + 32 * DAY_MS));
}

/** [from, to) of the week or month containing `at`. */
export function periodWindow(period: 'week' | 'month', at: Date): { from: Date; to: Date; key: string } {
  return { from: periodStart(period, at), to: nextPeriodStart(period, at), key: period === 'week' ? weekKey(at) : monthKey(at) };
}

/** Whether [from, to) is exactly one calendar month or ISO week. */
export function isWholePeriod(period: 'week' | 'month', from: Date, to: Date): boolean {
  const whole = periodWindow(period, from);
  return whole.from.getTime() === from.getTime() && whole.to.getTime() === to.getTime();
}

/** A window aligned to China-time days, as the fewest period rows per member: a month, a week, or its days. */
export function periodsOf(from: Date, to: Date): PeriodSelection {
  if (isWholePeriod('month', from, to)) return { kind: 'month', fromKey: monthKey(from), toKey: monthKey(from) };
  if (isWholePeriod('week', from, to)) return { kind: 'week', fromKey: weekKey(from), toKey: weekKey(from) };
  return { kind: 'day', fromKey: dayKey(from), toKey: dayKey(new Date(to.getTime() - 1)) };
}
