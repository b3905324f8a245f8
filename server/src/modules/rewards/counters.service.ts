import { and, asc, inArray, sql } from 'drizzle-orm';
import { applyBasisPoints, type Condition, type CounterMetric } from '@sharecircle/shared';
import type { Db } from '../../db/database';
import { queryRows } from '../../db/database';
import { anyId, bulkRows } from '../../db/bulk';
import type { Clock } from '../../clock';
import type { OutboxEvent } from '../../outbox/outbox.tables';
import { refundById, refundedUpTo, salesWithLines } from '../sales';
import { dayKey, lastDayKeys, monthKey, periodKeysAt, weekKey, wholeMonthsBetween, type PeriodKeys } from './periods';
import { memberCounterPeriods, memberCounters, type CountersRow, type CounterPeriodRow } from './rewards.tables';

type Delta = Partial<Record<'gmvFen' | 'orders' | 'l1Count' | 'l2Count' | 'fansGained' | 'tasksCompleted' | 'coursesCompleted', number>>;

const PERIOD_FIELDS = ['gmvFen', 'orders', 'fansGained', 'tasksCompleted'] as const;
type PeriodField = (typeof PERIOD_FIELDS)[number];

/** One member's counters change by one event. */
interface Change {
  memberId: number;
  delta: Delta;
  /** When it happened: the day, week and month it counts in. */
  at: Date;
  /** A day with a sale: counts once toward active days and builds the streak. */
  active?: boolean;
  firstOrder?: boolean;
  /** The group's reported size replaces the last one. */
  groupSize?: number;
}

/** A member's counters as they stand, with the period rows a snapshot may read. */
interface CounterState {
  row: CountersRow;
  periods: CounterPeriodRow[];
}

export type CounterReader = (metric: CounterMetric, window: Extract<Condition, { source: 'counter' }>['window']) => number;

const emptyRow = (memberId: number, at: Date): CountersRow => ({
  memberId,
  gmvFen: 0,
  orders: 0,
  firstOrderAt: null,
  l1Count: 0,
  l2Count: 0,
  groupSize: 0,
  fansGained: 0,
  tasksCompleted: 0,
  coursesCompleted: 0,
  activeDays: 0,
  streakDays: 0,
  lastActiveDay: null,
  updatedAt: at,
});

const periodKeysOf = (at: Date) => [['day', dayKey(at)], ['week', weekKey(at)], ['month', monthKey(at)]] as const;

/** The change applied to a member's state in memory: the one definition of how counters move. */
function applyChange(state: CounterState, change: Change, now: Date) {
  const { row } = state;
  for (const [field, value] of Object.entries(change.delta) as [keyof Delta, number][]) row[field] += value;
  if (change.groupSize !== undefined) row.groupSize = change.groupSize;
  if (change.active) {
    const today = dayKey(change.at);
    const yesterday = dayKey(new Date(change.at.getTime() - 86_400_000));
    if (row.lastActiveDay !== today) {
      row.activeDays += 1;
      row.streakDays = row.lastActiveDay === yesterday ? row.streakDays + 1 : 1;
    }
    if (row.lastActiveDay === null || row.lastActiveDay < today) row.lastActiveDay = today;
  }
  if (change.firstOrder) row.firstOrderAt ??= change.at;
  row.updatedAt = now;
  if (!PERIOD_FIELDS.some((field) => change.delta[field])) return;
  for (const [kind, key] of periodKeysOf(change.at)) {
    let period = state.periods.find((p) => p.periodKind === kind && p.periodKey === key);
    if (!period) {
      period = { memberId: row.memberId, periodKind: kind, periodKey: key, gmvFen: 0, orders: 0, fansGained: 0, tasksCompleted: 0 };
      state.periods.push(period);
    }
    for (const field of PERIOD_FIELDS) period[field] += change.delta[field] ?? 0;
  }
}

/** What rules and levels ask of a member's counters at `at` (whose period keys are `keys`), answered from a state already read. */
function readerOf(state: CounterState, joinedAt: Date, at: Date, keys: PeriodKeys): CounterReader {
  return (metric, window) => {
    if (metric === 'monthsActive') return wholeMonthsBetween(joinedAt, at);
    if (window === 'total' || !(PERIOD_FIELDS as readonly string[]).includes(metric)) {
      const value = state.row[metric as keyof CountersRow];
      return typeof value === 'number' ? value : 0;
    }
    const field = metric as PeriodField;
    if (typeof window === 'object') {
      const days = keys.lastDays(window.rollingDays);
      return state.periods.filter((p) => p.periodKind === 'day' && days.has(p.periodKey)).reduce((sum, p) => sum + p[field], 0);
    }
    const key = keys[window];
    return state.periods.find((p) => p.periodKind === window && p.periodKey === key)?.[field] ?? 0;
  };
}

const rollingDaysOf = (needs: Condition[]) => Math.max(0, ...needs.map((c) => (c.source === 'counter' && typeof c.window === 'object' ? c.window.rollingDays : 0)));

/**
 * Per-member counters the rules read: cumulative, and per day, ISO week and month (China time).
 * Each event changes them once (counter_applied_events), and a refund takes back what its sale added,
 * in the period the sale was paid. A batch of events is applied in memory in event order and written
 * in a few statements; rules see each event's own "after" state.
 */
export function createCountersService(deps: { clock: Clock }) {
  /** Counter rows (created when missing, locked in member order) and the period rows a snapshot at `at` reads. */
  async function loadStates(tx: Db, memberIds: number[], at: Date, rollingDays: number, lock: boolean): Promise<Map<number, CounterState>> {
    const ids = [...new Set(memberIds)].sort((a, b) => a - b);
    const states = new Map<number, CounterState>();
    if (ids.length === 0) return states;
    if (lock) {
      await tx.execute(sql`INSERT INTO member_counters (member_id, gmv_fen, orders, l1_count, l2_count, group_size, fans_gained, tasks_completed, courses_completed, active_days, streak_days, updated_at)
        SELECT m, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, ${deps.clock.now()} FROM unnest(${sql.param(ids)}::bigint[]) AS m ON CONFLICT DO NOTHING`);
    }
    const query = tx.select().from(memberCounters).where(anyId(memberCounters.memberId, ids)).orderBy(asc(memberCounters.memberId));
    for (const row of lock ? await query.for('update') : await query) states.set(row.memberId, { row, periods: [] });
    for (const id of ids) if (!states.has(id)) states.set(id, { row: emptyRow(id, at), periods: [] });
    const keys = [...new Set([dayKey(at), weekKey(at), monthKey(at), ...(rollingDays > 0 ? lastDayKeys(at, rollingDays) : [])])];
    const periods = await tx
      .select()
      .from(memberCounterPeriods)
      .where(and(anyId(memberCounterPeriods.memberId, ids), inArray(memberCounterPeriods.periodKey, keys)));
    for (const period of periods) states.get(period.memberId)!.periods.push(period);
    return states;
  }

  async function saveStates(tx: Db, states: CounterState[], changes: Change[]) {
    if (states.length === 0) return;
    const col = <T>(pick: (row: CountersRow) => T) => states.map((state) => pick(state.row));
    await tx.execute(sql`UPDATE member_counters c SET
        gmv_fen = v.gmv_fen, orders = v.orders, first_order_at = v.first_order_at, l1_count = v.l1_count, l2_count = v.l2_count,
        group_size = v.group_size, fans_gained = v.fans_gained, tasks_completed = v.tasks_completed, courses_completed = v.courses_completed,
        active_days = v.active_days, streak_days = v.streak_days, last_active_day = v.last_active_day, updated_at = v.updated_at
      FROM unnest(${sql.param(col((r) => r.memberId))}::bigint[], ${sql.param(col((r) => r.gmvFen))}::bigint[], ${sql.param(col((r) => r.orders))}::int[],
                  ${sql.param(col((r) => r.firstOrderAt?.toISOString() ?? null))}::timestamptz[], ${sql.param(col((r) => r.l1Count))}::int[], ${sql.param(col((r) => r.l2Count))}::int[],
                  ${sql.param(col((r) => r.groupSize))}::int[], ${sql.param(col((r) => r.fansGained))}::int[], ${sql.param(col((r) => r.tasksCompleted))}::int[],
                  ${sql.param(col((r) => r.coursesCompleted))}::int[], ${sql.param(col((r) => r.activeDays))}::int[], ${sql.param(col((r) => r.streakDays))}::int[],
                  ${sql.param(col((r) => r.lastActiveDay))}::date[], ${sql.param(col((r) => r.updatedAt.toISOString()))}::timestamptz[])
        AS v(member_id, gmv_fen, orders, first_order_at, l1_count, l2_count, group_size, fans_gained, tasks_completed, courses_completed,
             active_days, streak_days, last_active_day, updated_at)
      WHERE c.member_id = v.member_id`);
    // Periods by increment: a replayed old sale lands in its own period, which the batch did not read.
    const sums = new Map<string, CounterPeriodRow>();
    for (const change of changes) {
      if (!PERIOD_FIELDS.some((field) => change.delta[field])) continue;
      for (const [kind, key] of periodKeysOf(change.at)) {
        const id = `${change.memberId}:${kind}:${key}`;
        const sum = sums.get(id) ?? { memberId: change.memberId, periodKind: kind, periodKey: key, gmvFen: 0, orders: 0, fansGained: 0, tasksCompleted: 0 };
        for (const field of PERIOD_FIELDS) sum[field] += change.delta[field] ?? 0;
        sums.set(id, sum);
      }
    }
    if (sums.size === 0) return;
    const ordered = [...sums.values()].sort((a, b) => a.memberId - b.memberId || a.periodKind.localeCompare(b.periodKind) || a.periodKey.localeCompare(b.periodKey));
    const bulk = bulkRows(ordered, [
      ['member_id', 'bigint', (p) => p.memberId],
      ['period_kind', 'text', (p) => p.periodKind],
      ['period_key', 'text', (p) => p.periodKey],
      ['gmv_fen', 'bigint', (p) => p.gmvFen],
      ['orders', 'int', (p) => p.orders],
      ['fans_gained', 'int', (p) => p.fansGained],
      ['tasks_completed', 'int', (p) => p.tasksCompleted],
    ]);
    await tx.execute(sql`INSERT INTO member_counter_periods ${bulk.names} ${bulk.select}
      ON CONFLICT (member_id, period_kind, period_key) DO UPDATE SET
        gmv_fen = member_counter_periods.gmv_fen + excluded.gmv_fen, orders = member_counter_periods.orders + excluded.orders,
        fans_gained = member_counter_periods.fans_gained + excluded.fans_gained, tasks_completed = member_counter_periods.tasks_completed + excluded.tasks_completed`);
  }

  /** What one event changes, for whom (sales read in one query for the whole batch). */
  async function changesOf(tx: Db, events: OutboxEvent[]): Promise<Map<number, Change[]>> {
    const saleIds = events.filter((e) => e.type === 'sale.paid' || e.type === 'sale.refunded').map((e) => Number(e.payload.saleId));
    const sales = await salesWithLines(tx, saleIds);
    const out = new Map<number, Change[]>();
    for (const event of events) {
      const payload = event.payload;
      const own = (delta: Delta, extra: Partial<Change> = {}): Change[] => [{ memberId: event.memberId!, delta, at: event.createdAt, ...extra }];
      let changes: Change[] = [];
      switch (event.type) {
        case 'sale.paid': {
          const sale = sales.get(Number(payload.saleId))?.sale;
          if (!sale?.paidAt) break;
          changes = (sale.attribution?.sellers ?? []).map((seller) => ({
            memberId: seller.memberId,
            delta: { gmvFen: applyBasisPoints(sale.totalFen, seller.shareBp), orders: 1 },
            at: sale.paidAt!,
            active: true,
            firstOrder: true,
          }));
          break;
        }
        case 'sale.refunded': {
          const sale = sales.get(Number(payload.saleId))?.sale;
          const refund = await refundById(tx, Number(payload.refundId));
          if (!sale?.paidAt || !refund) break;
          // The refund that empties the sale also takes its order back.
          const fully = (await refundedUpTo(tx, sale.id, refund.id)) === sale.totalFen;
          changes = (sale.attribution?.sellers ?? []).map((seller) => ({
            memberId: seller.memberId,
            delta: { gmvFen: -applyBasisPoints(refund.amountFen, seller.shareBp), orders: fully ? -1 : 0 },
            at: sale.paidAt!,
          }));
          break;
        }
        case 'downline.joined':
          changes = own(Number(payload.tier) === 2 ? { l2Count: 1 } : { l1Count: 1 });
          break;
        case 'fans.reported':
          changes = own({ fansGained: Number(payload.gained) || 0 });
          break;
        case 'task.completed':
          changes = own({ tasksCompleted: 1 });
          break;
        case 'course.completed':
          changes = own({ coursesCompleted: 1 });
          break;
        case 'group.size.reported':
          changes = own({}, { groupSize: Number(payload.size) || 0 });
          break;
        default:
          changes = event.memberId === null ? [] : own({});
      }
      out.set(event.id, changes);
    }
    return out;
  }

  /**
   * Applies the counter changes of events not applied before, in event order; answers, per fresh event,
   * the members it concerns with a reader of their counters right after it (for rules that need
   * `needs`). Events already applied (a replay) answer nothing.
   */
  async function applyMany(tx: Db, events: OutboxEvent[], needs: Condition[]) {
    const now = deps.clock.now();
    const fresh = await queryRows<{ event_id: string }>(
      tx,
      sql`INSERT INTO counter_applied_events (event_id, applied_at) SELECT unnest(${sql.param(events.map((e) => e.id))}::bigint[]), ${now}
           ON CONFLICT DO NOTHING RETURNING event_id::text`,
    );
    const freshIds = new Set(fresh.map((row) => Number(row.event_id)));
    const freshEvents = events.filter((event) => freshIds.has(event.id));
    if (freshEvents.length === 0) return [];
    const changes = await changesOf(tx, freshEvents);
    const all = [...changes.values()].flat();
    const states = await loadStates(tx, all.map((c) => c.memberId), now, rollingDaysOf(needs), true);
    const keys = periodKeysAt(now);
    const result = freshEvents.map((event) => {
      const mine = changes.get(event.id)!;
      for (const change of mine) applyChange(states.get(change.memberId)!, change, now);
      return {
        event,
        members: mine.map((change) => {
          const state = states.get(change.memberId)!;
          const frozen: CounterState = { row: { ...state.row }, periods: state.periods.map((p) => ({ ...p })) };
          return { memberId: change.memberId, counterFor: (joinedAt: Date) => readerOf(frozen, joinedAt, now, keys) };
        }),
      };
    });
    await saveStates(tx, [...states.values()], all);
    return result;
  }

  /** Everything the conditions in `needs` can ask about each member, read in two queries for all of them. */
  async function snapshots(tx: Db, members: { id: number; joinedAt: Date }[], needs: Condition[], at: Date): Promise<Map<number, CounterReader>> {
    const states = await loadStates(tx, members.map((m) => m.id), at, rollingDaysOf(needs), false);
    const keys = periodKeysAt(at);
    return new Map(members.map((m) => [m.id, readerOf(states.get(m.id)!, m.joinedAt, at, keys)]));
  }

  async function snapshot(tx: Db, member: { id: number; joinedAt: Date }, needs: Condition[], at: Date): Promise<CounterReader> {
    return (await snapshots(tx, [member], needs, at)).get(member.id)!;
  }

  /** Each member's paid sales in the month containing `at` (China time), net of refunds. */
  async function monthGmv(tx: Db, memberIds: number[], at: Date): Promise<Map<number, number>> {
    const states = await loadStates(tx, memberIds, at, 0, false);
    return new Map([...states].map(([id, state]) => [id, state.periods.find((p) => p.periodKind === 'month' && p.periodKey === monthKey(at))?.gmvFen ?? 0]));
  }

  return { applyMany, snapshot, snapshots, monthGmv };
}

export type CountersService = ReturnType<typeof createCountersService>;
