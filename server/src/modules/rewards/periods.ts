/** Calendar periods in China time (UTC+8, no daylight saving): the keys counters and limits use. */
const CHINA_OFFSET_MS = 8 * 3_600_000;

const chinaDate = (at: Date) => new Date(at.getTime() + CHINA_OFFSET_MS);

/** The last instant converted, kept: a batch of events asks the keys of one instant thousands of times. */
let lastIso = { time: Number.NaN, iso: '' };
function chinaIso(at: Date): string {
  const time = at.getTime();
  if (time !== lastIso.time) lastIso = { time, iso: new Date(time + CHINA_OFFSET_MS).toISOString() };
  return lastIso.iso;
}

export function dayKey(at: Date): string {
  return chinaIso(at).slice(0, 10);
}

export function monthKey(at: Date): string {
  return chinaIso(at).slice(0, 7);
}

/** Calendar quarter, e.g. 2026-Q4. */
export function quarterKey(at: Date): string {
  const month = monthKey(at);
  return `${month.slice(0, 4)}-Q${Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1}`;
}

/** ISO 8601 week, e.g. 2026-W48. */
export function weekKey(at: Date): string {
  const d = chinaDate(at);
  const day = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  const weekday = day.getUTCDay() || 7;
  day.setUTCDate(day.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(day.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((day.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${day.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

export function periodKey(period: 'day' | 'week' | 'month' | 'total', at: Date): string {
  if (period === 'day') return dayKey(at);
  if (period === 'week') return weekKey(at);
  if (period === 'month') return monthKey(at);
  return 'total';
}

/** The day keys of the last `days` days up to and including `at`'s day. */
export function lastDayKeys(at: Date, days: number): string[] {
  return Array.from({ length: days }, (_, i) => dayKey(new Date(at.getTime() - i * 86_400_000)));
}

/** The keys of one instant's periods, each worked out once: a batch's rules ask them for every event. */
export interface PeriodKeys {
  day: string;
  week: string;
  month: string;
  /** lastDayKeys(at, days), as a set. */
  lastDays(days: number): ReadonlySet<string>;
}

export function periodKeysAt(at: Date): PeriodKeys {
  const rolling = new Map<number, ReadonlySet<string>>();
  return {
    day: dayKey(at),
    week: weekKey(at),
    month: monthKey(at),
    lastDays(days) {
      let keys = rolling.get(days);
      if (!keys) rolling.set(days, (keys = new Set(lastDayKeys(at, days))));
      return keys;
    },
  };
}

/** Whole months from `from` to `to` (joined 1 Jan, 1 Apr is 3). */
export function wholeMonthsBetween(from: Date, to: Date): number {
  const a = chinaDate(from);
  const b = chinaDate(to);
  let months = (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + (b.getUTCMonth() - a.getUTCMonth());
  if (b.getUTCDate() < a.getUTCDate()) months -= 1;
  return Math.max(months, 0);
}

/** When the day, ISO week or month containing `at` began, China time. */
export function periodStart(period: 'day' | 'week' | 'month', at: Date): Date {
  const d = chinaDate(at);
  const start = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), period === 'month' ? 1 : d.getUTCDate()));
  if (period === 'week') start.setUTCDate(start.getUTCDate() - ((start.getUTCDay() || 7) - 1));
  return new Date(start.getTime() - CHINA_OFFSET_MS);
}
