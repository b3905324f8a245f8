import { and, eq, inArray, sql } from 'drizzle-orm';
import { applyBasisPoints, type Condition, type CounterMetric } from '@sharecircle/shared';
import type { Db } from '../../db/database';
import { queryRows } from '../../db/database';
import type { Clock } from '../../clock';
import type { OutboxEvent } from '../../outbox/outbox.tables';
import { refundById, refundedUpTo, saleWithLines } from '../sales';
import { dayKey, lastDayKeys, monthKey, weekKey, wholeMonthsBetween } from './periods';
import { memberCounterPeriods, memberCounters, type CountersRow } from './rewards.tables';

type Delta = Partial<Record<'gmvFen' | 'orders' | 'l1Count' | 'l2Count' | 'fansGained' | 'tasksCompleted' | 'coursesCompleted', number>>;

const COLUMN: Record<keyof Delta, string> = {
  gmvFen: 'gmv_fen',
  orders: 'orders',
  l1Count: 'l1_count',
  l2Count: 'l2_count',
  fansGained: 'fans_gained',
  tasksCompleted: 'tasks_completed',
  coursesCompleted: 'courses_completed',
};
const PERIOD_FIELDS = ['gmvFen', 'orders', 'fansGained', 'tasksCompleted'] as const;

/**
 * Per-member counters the rules read: cumulative, and per day, ISO week and month (China time).
 * Each event changes them once (counter_applied_events), and a refund takes back what its sale added,
 * in the period the sale was paid.
 */
export function createCountersService(deps: { clock: Clock }) {
  async function ensureRow(tx: Db, memberId: number) {
    await tx
      .insert(memberCounters)
      .values({ memberId, gmvFen: 0, orders: 0, l1Count: 0, l2Count: 0, groupSize: 0, fansGained: 0, tasksCompleted: 0, activeDays: 0, streakDays: 0, updatedAt: deps.clock.now() })
      .onConflictDoNothing();
  }

  async function add(tx: Db, memberId: number, delta: Delta, at: Date, options: { active?: boolean; firstOrder?: boolean } = {}) {
    await ensureRow(tx, memberId);
    const sets = Object.entries(delta).map(([key, value]) => sql`${sql.raw(COLUMN[key as keyof Delta])} = ${sql.raw(COLUMN[key as keyof Delta])} + ${value}`);
    const today = dayKey(at);
    if (options.active) {
      // A day with a sale counts once; consecutive days build the streak.
      const yesterday = dayKey(new Date(at.getTime() - 86_400_000));
      sets.push(sql`active_days = active_days + CASE WHEN last_active_day = ${today}::date THEN 0 ELSE 1 END`);
      sets.push(sql`streak_days = CASE WHEN last_active_day = ${today}::date THEN streak_days WHEN last_active_day = ${yesterday}::date THEN streak_days + 1 ELSE 1 END`);
      sets.push(sql`last_active_day = GREATEST(coalesce(last_active_day, ${today}::date), ${today}::date)`);
    }
    if (options.firstOrder) sets.push(sql`first_order_at = coalesce(first_order_at, ${at})`);
    sets.push(sql`updated_at = ${deps.clock.now()}`);
    await tx.execute(sql`UPDATE member_counters SET ${sql.join(sets, sql`, `)} WHERE member_id = ${memberId}`);
    const periodDelta = PERIOD_FIELDS.filter((field) => delta[field]);
    if (periodDelta.length === 0) return;
    for (const [kind, key] of [['day', today], ['week', weekKey(at)], ['month', monthKey(at)]] as const) {
      const values = Object.fromEntries(PERIOD_FIELDS.map((field) => [field, delta[field] ?? 0]));
      await tx
        .insert(memberCounterPeriods)
        .values({ memberId, periodKind: kind, periodKey: key, ...(values as Record<(typeof PERIOD_FIELDS)[number], number>) })
        .onConflictDoUpdate({
          target: [memberCounterPeriods.memberId, memberCounterPeriods.periodKind, memberCounterPeriods.periodKey],
          set: Object.fromEntries(periodDelta.map((field) => [field, sql`${memberCounterPeriods[field]} + ${delta[field]}`])),
        });
    }
  }

  /** Applies an event's counter changes once; answers the members whose counters it changed. */
  async function apply(tx: Db, event: OutboxEvent): Promise<number[]> {
    const fresh = await queryRows(tx, sql`INSERT INTO counter_applied_events (event_id, applied_at) VALUES (${event.id}, ${deps.clock.now()}) ON CONFLICT DO NOTHING RETURNING event_id`);
    if (fresh.length === 0) return [];
    const payload = event.payload;
    switch (event.type) {
      case 'sale.paid': {
        const found = await saleWithLines(tx, Number(payload.saleId));
        if (!found?.sale.paidAt) return [];
        const sellers = found.sale.attribution?.sellers ?? [];
        for (const seller of sellers) {
          await add(tx, seller.memberId, { gmvFen: applyBasisPoints(found.sale.totalFen, seller.shareBp), orders: 1 }, found.sale.paidAt, { active: true, firstOrder: true });
        }
        return sellers.map((seller) => seller.memberId);
      }
      case 'sale.refunded': {
        const found = await saleWithLines(tx, Number(payload.saleId));
        const refund = await refundById(tx, Number(payload.refundId));
        if (!found?.sale.paidAt || !refund) return [];
        const sellers = found.sale.attribution?.sellers ?? [];
        // The refund that empties the sale also takes its order back.
        const fully = (await refundedUpTo(tx, found.sale.id, refund.id)) === found.sale.totalFen;
        for (const seller of sellers) {
          await add(tx, seller.memberId, { gmvFen: -applyBasisPoints(refund.amountFen, seller.shareBp), orders: fully ? -1 : 0 }, found.sale.paidAt);
        }
        return sellers.map((seller) => seller.memberId);
      }
      case 'downline.joined':
        await add(tx, event.memberId!, Number(payload.tier) === 2 ? { l2Count: 1 } : { l1Count: 1 }, event.createdAt);
        return [event.memberId!];
      case 'fans.reported':
        await add(tx, event.memberId!, { fansGained: Number(payload.gained) || 0 }, event.createdAt);
        return [event.memberId!];
      case 'task.completed':
        await add(tx, event.memberId!, { tasksCompleted: 1 }, event.createdAt);
        return [event.memberId!];
      case 'course.completed':
        await add(tx, event.memberId!, { coursesCompleted: 1 }, event.createdAt);
        return [event.memberId!];
      case 'group.size.reported':
        await ensureRow(tx, event.memberId!);
        await tx.update(memberCounters).set({ groupSize: Number(payload.size) || 0, updatedAt: deps.clock.now() }).where(eq(memberCounters.memberId, event.memberId!));
        return [event.memberId!];
      default:
        return event.memberId === null ? [] : [event.memberId];
    }
  }

  /** Everything the conditions in `needs` can ask about one member, read in at most three queries. */
  async function snapshot(tx: Db, member: { id: number; joinedAt: Date }, needs: Condition[], at: Date) {
    const [row] = await tx.select().from(memberCounters).where(eq(memberCounters.memberId, member.id));
    const rollingDays = Math.max(0, ...needs.map((c) => (c.source === 'counter' && typeof c.window === 'object' ? c.window.rollingDays : 0)));
    const keys = [dayKey(at), weekKey(at), monthKey(at), ...(rollingDays > 0 ? lastDayKeys(at, rollingDays) : [])];
    const periods = await tx
      .select()
      .from(memberCounterPeriods)
      .where(and(eq(memberCounterPeriods.memberId, member.id), inArray(memberCounterPeriods.periodKey, [...new Set(keys)])));
    const period = (kind: 'day' | 'week' | 'month', key: string) => periods.find((p) => p.periodKind === kind && p.periodKey === key);
    return (metric: CounterMetric, window: Extract<Condition, { source: 'counter' }>['window']): number => {
      if (metric === 'monthsActive') return wholeMonthsBetween(member.joinedAt, at);
      if (window === 'total' || !(PERIOD_FIELDS as readonly string[]).includes(metric)) return totalOf(row, metric);
      const field = metric as (typeof PERIOD_FIELDS)[number];
      if (typeof window === 'object') {
        const days = new Set(lastDayKeys(at, window.rollingDays));
        return periods.filter((p) => p.periodKind === 'day' && days.has(p.periodKey)).reduce((sum, p) => sum + p[field], 0);
      }
      const key = window === 'day' ? dayKey(at) : window === 'week' ? weekKey(at) : monthKey(at);
      return period(window, key)?.[field] ?? 0;
    };
  }

  return { apply, snapshot };
}

function totalOf(row: CountersRow | undefined, metric: CounterMetric): number {
  if (!row) return 0;
  const value = row[metric as keyof CountersRow];
  return typeof value === 'number' ? value : 0;
}

export type CountersService = ReturnType<typeof createCountersService>;
