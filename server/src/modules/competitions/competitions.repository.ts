import { MEMBER_STATUSES, type Cohort, type CompetitionMetric } from '@sharecircle/shared';
import { queryRows, sql, type Db } from '../../db/database';
import { isDistributing } from '../members';
import { METRIC_SOURCE, type PeriodSelection } from './windows';

/**
 * Queries only. Boards read other modules' rows read-only, in SQL, because ranking 100,000 members is
 * one query or it is too slow: the counters' period rows (rewards), members, stores and users.
 */

export interface BoardSpec {
  metric: CompetitionMetric;
  periods: PeriodSelection;
  cohort: Cohort;
}

const DISTRIBUTING = MEMBER_STATUSES.filter(isDistributing);

/** Who is in a board: working distributors, narrowed by the cohort. `m` is members. */
function cohortWhere(cohort: Cohort) {
  const parts = [sql`m.status IN (${sql.join(DISTRIBUTING.map((status) => sql`${status}`), sql`, `)})`];
  if (cohort.types?.length) parts.push(sql`m.type IN (${sql.join(cohort.types.map((type) => sql`${type}`), sql`, `)})`);
  if (cohort.level !== undefined) parts.push(sql`m.level = ${cohort.level}`);
  if (cohort.storeId !== undefined) parts.push(sql`m.store_id = ${cohort.storeId}`);
  if (cohort.regionId !== undefined) parts.push(sql`m.store_id IN (SELECT st.id FROM stores st WHERE st.region_id = ${cohort.regionId})`);
  return sql.join(parts, sql` AND `);
}

/**
 * Every member of the board with a value above zero and their rank (tied values share one: 1, 2, 2, 4),
 * from the period rows that make up the window.
 */
export function rankedSql(spec: BoardSpec) {
  const source = METRIC_SOURCE[spec.metric];
  const column = sql.raw(`p.${source.column}`);
  return sql`SELECT s.member_id, s.value, rank() OVER (ORDER BY s.value DESC) AS rank
               FROM (SELECT p.member_id, sum(${column})::bigint AS value
                       FROM ${sql.raw(source.table)} p JOIN members m ON m.id = p.member_id
                      WHERE p.period_kind = ${spec.periods.kind} AND p.period_key BETWEEN ${spec.periods.fromKey} AND ${spec.periods.toKey}
                        AND ${cohortWhere(spec.cohort)}
                      GROUP BY p.member_id
                     HAVING sum(${column}) > 0) s`;
}

export interface StandingRow {
  memberId: number;
  value: number;
  rank: number;
}

const standingOf = (row: { member_id: string; value: string; rank: number | string }): StandingRow => ({
  memberId: Number(row.member_id),
  value: Number(row.value),
  rank: Number(row.rank),
});

/** A board in rank order as three columns: entry i is one member (ties share a rank). */
export interface StandingColumns {
  memberIds: Float64Array;
  values: Float64Array;
  ranks: Int32Array;
}

/**
 * The board in rank order, at most `limit` members. It comes as three comma-joined strings and is kept
 * as three flat arrays: 100,000 row objects took the event loop 50-70 ms to build (every request
 * waiting meanwhile) and left that many objects for the collector to walk while the board lived.
 */
export async function standings(db: Db, spec: BoardSpec, limit: number): Promise<StandingColumns> {
  const [row] = await queryRows<{ ids: string | null; vals: string | null; ranks: string | null }>(
    db,
    sql`SELECT string_agg(member_id::text, ',' ORDER BY rank, member_id) AS ids,
               string_agg(value::text, ',' ORDER BY rank, member_id) AS vals,
               string_agg(rank::text, ',' ORDER BY rank, member_id) AS ranks
          FROM (SELECT r.member_id, r.value, r.rank FROM (${rankedSql(spec)}) r ORDER BY r.rank, r.member_id LIMIT ${limit}) top`,
  );
  const numbers = (joined: string | null) => (joined ? joined.split(',').map(Number) : []);
  return { memberIds: Float64Array.from(numbers(row.ids)), values: Float64Array.from(numbers(row.vals)), ranks: Int32Array.from(numbers(row.ranks)) };
}

/** One member's place on a board (for boards too long to keep whole in memory). */
export async function standingOfMember(db: Db, spec: BoardSpec, memberId: number): Promise<StandingRow | undefined> {
  const [row] = await queryRows<{ member_id: string; value: string; rank: number }>(
    db,
    sql`SELECT r.member_id::text AS member_id, r.value::text AS value, r.rank::int AS rank FROM (${rankedSql(spec)}) r WHERE r.member_id = ${memberId}`,
  );
  return row ? standingOf(row) : undefined;
}

/** Nicknames of members, unmasked (callers mask them for members). */
export async function nicknames(db: Db, memberIds: number[]): Promise<Map<number, string>> {
  if (memberIds.length === 0) return new Map();
  const rows = await queryRows<{ id: string; nickname: string }>(
    db,
    sql`SELECT m.id::text AS id, u.nickname FROM members m JOIN users u ON u.id = m.user_id WHERE m.id IN (${sql.join(memberIds.map((id) => sql`${id}`), sql`, `)})`,
  );
  return new Map(rows.map((row) => [Number(row.id), row.nickname]));
}

export interface MemberFacts {
  id: number;
  type: 'koc' | 'kos' | 'external';
  level: number;
  status: (typeof MEMBER_STATUSES)[number];
  storeId: number | null;
  regionId: number | null;
}

/** What cohorts and scopes ask of a member: type, level, status, store and its region. */
export async function memberFacts(db: Db, memberId: number): Promise<MemberFacts | undefined> {
  const [row] = await queryRows<{ id: string; type: MemberFacts['type']; level: number; status: MemberFacts['status']; store_id: string | null; region_id: string | null }>(
    db,
    sql`SELECT m.id::text AS id, m.type, m.level::int AS level, m.status, m.store_id::text AS store_id, st.region_id::text AS region_id
          FROM members m LEFT JOIN stores st ON st.id = m.store_id WHERE m.id = ${memberId}`,
  );
  if (!row) return undefined;
  const num = (value: string | null) => (value === null ? null : Number(value));
  return { id: Number(row.id), type: row.type, level: Number(row.level), status: row.status, storeId: num(row.store_id), regionId: num(row.region_id) };
}

export function inCohort(member: MemberFacts, cohort: Cohort): boolean {
  return (
    isDistributing(member.status) &&
    (!cohort.types?.length || cohort.types.includes(member.type)) &&
    (cohort.level === undefined || member.level === cohort.level) &&
    (cohort.storeId === undefined || member.storeId === cohort.storeId) &&
    (cohort.regionId === undefined || member.regionId === cohort.regionId)
  );
}

export async function regionExists(db: Db, regionId: number): Promise<boolean> {
  return (await queryRows(db, sql`SELECT 1 FROM regions WHERE id = ${regionId}`)).length > 0;
}

/** Freezes the standings of a competition; answers how many members were ranked. */
export async function insertResults(tx: Db, competitionId: number, spec: BoardSpec): Promise<number> {
  await tx.execute(sql`INSERT INTO competition_results (competition_id, member_id, rank, value)
                       SELECT ${competitionId}, r.member_id, r.rank, r.value FROM (${rankedSql(spec)}) r
                       ON CONFLICT (competition_id, member_id) DO NOTHING`);
  const [row] = await queryRows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM competition_results WHERE competition_id = ${competitionId}`);
  return Number(row.n);
}

/** Frozen results between two ranks (inclusive), in rank order. */
export async function resultsBetween(db: Db, competitionId: number, fromRank: number, toRank: number, limit: number): Promise<StandingRow[]> {
  const rows = await queryRows<{ member_id: string; value: string; rank: number }>(
    db,
    sql`SELECT member_id::text AS member_id, value::text AS value, rank FROM competition_results
         WHERE competition_id = ${competitionId} AND rank BETWEEN ${fromRank} AND ${toRank}
         ORDER BY rank, member_id LIMIT ${limit}`,
  );
  return rows.map(standingOf);
}

/** Frozen results in rank order after a (rank, member) position: pages over a whole board. */
export async function resultsAfter(db: Db, competitionId: number, after: { rank: number; memberId: number } | null, limit: number): Promise<StandingRow[]> {
  const rows = await queryRows<{ member_id: string; value: string; rank: number }>(
    db,
    sql`SELECT member_id::text AS member_id, value::text AS value, rank FROM competition_results
         WHERE competition_id = ${competitionId} AND (rank, member_id) > (${after?.rank ?? 0}, ${after?.memberId ?? 0})
         ORDER BY rank, member_id LIMIT ${limit}`,
  );
  return rows.map(standingOf);
}

export async function resultOf(db: Db, competitionId: number, memberId: number): Promise<StandingRow | undefined> {
  const [row] = await queryRows<{ member_id: string; value: string; rank: number }>(
    db,
    sql`SELECT member_id::text AS member_id, value::text AS value, rank FROM competition_results WHERE competition_id = ${competitionId} AND member_id = ${memberId}`,
  );
  return row ? standingOf(row) : undefined;
}

/**
 * Whether events that feed a metric and happened before `before` are still waiting for the outbox
 * worker: until they are handled, the counters do not hold the whole window yet.
 */
export async function eventsPendingBefore(db: Db, types: string[], before: Date): Promise<boolean> {
  const rows = await queryRows(
    db,
    sql`SELECT 1 FROM outbox_events WHERE status = 'pending' AND created_at < ${before}
           AND type IN (${sql.join(types.map((type) => sql`${type}`), sql`, `)}) LIMIT 1`,
  );
  return rows.length > 0;
}
