import { dayKey, monthKey, periodStart, quarterKey } from '../modules/rewards/periods';

/**
 * How often a job's work falls due. A continuous job is an idempotent batch that may run at any time
 * (nothing is recorded per run); the others run once per calendar period, China time, once it has ended.
 */
export type Cadence = 'continuous' | 'day' | 'month' | 'quarter';
export type PeriodCadence = Exclude<Cadence, 'continuous'>;

/** The format of each cadence's period keys, for error messages and --help. */
export const PERIOD_FORMAT: Record<PeriodCadence, string> = { day: 'YYYY-MM-DD', month: 'YYYY-MM', quarter: 'YYYY-Qn' };

const keyAt: Record<PeriodCadence, (at: Date) => string> = { day: dayKey, month: monthKey, quarter: quarterKey };

/** When the period containing `at` began. */
function startOf(cadence: PeriodCadence, at: Date): Date {
  if (cadence === 'day') return periodStart('day', at);
  let start = periodStart('month', at);
  if (cadence === 'quarter') {
    while ((Number(monthKey(start).slice(5, 7)) - 1) % 3 !== 0) start = periodStart('month', new Date(start.getTime() - 1));
  }
  return start;
}

/** The period a run at `now` is for: the last complete one (at 2026-12-01 00:00 China time, month 2026-11). */
export function periodToRun(cadence: PeriodCadence, now: Date): string {
  return keyAt[cadence](new Date(startOf(cadence, now).getTime() - 1));
}

/** The last `count` complete periods at `now`, oldest first. */
export function lastCompletePeriods(cadence: PeriodCadence, now: Date, count: number): string[] {
  const keys: string[] = [];
  let end = startOf(cadence, now);
  for (let i = 0; i < count; i += 1) {
    const inside = new Date(end.getTime() - 1);
    keys.unshift(keyAt[cadence](inside));
    end = startOf(cadence, inside);
  }
  return keys;
}

/** Whether `key` names a real period of this cadence ('2026-02-30' does not). */
export function isPeriodKey(cadence: PeriodCadence, key: string): boolean {
  if (cadence === 'quarter') return /^\d{4}-Q[1-4]$/.test(key);
  if (cadence === 'month') return /^\d{4}-(0[1-9]|1[0-2])$/.test(key);
  return /^\d{4}-\d{2}-\d{2}$/.test(key) && !Number.isNaN(Date.parse(`${key}T12:00:00+08:00`)) && dayKey(new Date(`${key}T12:00:00+08:00`)) === key;
}

/** Whether the period is over at `now` (keys of one cadence sort in time order). */
export function hasEnded(cadence: PeriodCadence, key: string, now: Date): boolean {
  return key <= periodToRun(cadence, now);
}
