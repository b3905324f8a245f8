import { and, desc, eq, inArray, isNotNull, lte, lt, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { MemberStatus } from '@sharecircle/shared';
import { anyId, bulkRows } from '../../db/bulk';
import { queryRows, type Db } from '../../db/database';
import { bindings, memberStatusHistory, members, type BindingRow, type MemberRow } from './members.tables';

/** Queries only; every function takes the transaction it should run in. */

export async function memberByUserId(db: Db, userId: number, lock = false): Promise<MemberRow | undefined> {
  const query = db.select().from(members).where(eq(members.userId, userId));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

/** The member fields a request's principal carries, by user; prepared once per database handle (it runs on every principal-cache miss). */
export function principalMemberReader(db: Db) {
  const query = db
    .select({ id: members.id, type: members.type, status: members.status, storeId: members.storeId })
    .from(members)
    .where(eq(members.userId, sql.placeholder('userId')))
    .prepare('members_principal_member');
  return async (userId: number) => (await query.execute({ userId }))[0];
}

export async function memberById(db: Db, memberId: number, lock = false): Promise<MemberRow | undefined> {
  const query = db.select().from(members).where(eq(members.id, memberId));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

/** Members with the member id of their referrer (null when unbound), in one query. */
export async function membersWithUpline(db: Db, memberIds: number[]) {
  if (memberIds.length === 0) return [];
  return db
    .select({ member: members, uplineMemberId: bindings.memberId })
    .from(members)
    .leftJoin(bindings, eq(bindings.userId, members.userId))
    .where(anyId(members.id, memberIds));
}

export async function memberByReferralCode(db: Db, code: string): Promise<MemberRow | undefined> {
  const [row] = await db.select().from(members).where(eq(members.referralCode, code));
  return row;
}

export async function nextMemberId(db: Db): Promise<number> {
  const [row] = await queryRows<{ id: string }>(db, sql`SELECT nextval(pg_get_serial_sequence('members', 'id'))::text AS id`);
  return Number(row.id);
}

let memberWrites = 0;
/** Writes to members in this process so far: cached principals older than the last one are not used. */
export const memberWriteCount = () => memberWrites;
export const noteMemberWrite = () => void (memberWrites += 1);

export async function insertMember(db: Db, row: typeof members.$inferInsert): Promise<MemberRow> {
  noteMemberWrite();
  const [member] = await db.insert(members).values(row).returning();
  return member;
}

export async function updateMember(db: Db, memberId: number, patch: Partial<typeof members.$inferInsert>): Promise<MemberRow> {
  noteMemberWrite();
  const [member] = await db.update(members).set(patch).where(eq(members.id, memberId)).returning();
  return member;
}

/**
 * Moves each member to their new level, in one statement. Not counted as a member write: the cached
 * principals carry no level, so a promotion need not drop them.
 */
export async function setLevels(db: Db, changes: { memberId: number; level: number }[]): Promise<void> {
  if (changes.length === 0) return;
  const rows = bulkRows(changes, [
    ['id', 'bigint', (change) => change.memberId],
    ['level', 'int', (change) => change.level],
  ]);
  await db.execute(sql`UPDATE members SET level = c.level FROM (${rows.select}) AS c ${rows.names} WHERE members.id = c.id`);
}

export async function insertStatusHistory(db: Db, row: typeof memberStatusHistory.$inferInsert): Promise<void> {
  await db.insert(memberStatusHistory).values(row);
}

export async function insertStatusHistoryMany(db: Db, rows: (typeof memberStatusHistory.$inferInsert)[]): Promise<void> {
  if (rows.length > 0) await db.insert(memberStatusHistory).values(rows);
}

export async function statusHistory(db: Db, memberId: number) {
  return db.select().from(memberStatusHistory).where(eq(memberStatusHistory.memberId, memberId)).orderBy(memberStatusHistory.id);
}

export async function bindingOf(db: Db, userId: number, lock = false): Promise<BindingRow | undefined> {
  const query = db.select().from(bindings).where(eq(bindings.userId, userId));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

/** Inserts a first binding; answers undefined when another request bound the user first. */
export async function insertBindingIfAbsent(db: Db, row: BindingRow): Promise<BindingRow | undefined> {
  const [inserted] = await db.insert(bindings).values(row).onConflictDoNothing().returning();
  return inserted;
}

export async function replaceBinding(db: Db, row: BindingRow): Promise<void> {
  await db
    .update(bindings)
    .set({ memberId: row.memberId, source: row.source, boundAt: row.boundAt, expiresAt: row.expiresAt })
    .where(eq(bindings.userId, row.userId));
}

/** Expired bindings, oldest first, locked and skipped by a concurrent run. */
export async function lockExpiredBindings(db: Db, now: Date, batchSize: number): Promise<BindingRow[]> {
  return db
    .select()
    .from(bindings)
    .where(and(isNotNull(bindings.expiresAt), lte(bindings.expiresAt, now)))
    .orderBy(bindings.expiresAt)
    .limit(batchSize)
    .for('update', { skipLocked: true });
}

export async function deleteBinding(db: Db, userId: number): Promise<void> {
  await db.delete(bindings).where(eq(bindings.userId, userId));
}

/** True when `ancestorMemberId` is `memberId` or above it in the referral tree. */
export async function isInUplineChain(db: Db, memberId: number, ancestorMemberId: number): Promise<boolean> {
  const rows = await queryRows<{ found: number }>(
    db,
    sql`WITH RECURSIVE chain(member_id, depth) AS (
          SELECT ${memberId}::bigint, 0
          UNION
          SELECT b.member_id, c.depth + 1
            FROM chain c
            JOIN members m ON m.id = c.member_id
            JOIN bindings b ON b.user_id = m.user_id
           WHERE c.depth < 10000
        )
        SELECT 1 AS found FROM chain WHERE member_id = ${ancestorMemberId} LIMIT 1`,
  );
  return rows.length > 0;
}

export interface TeamCursor {
  joinedAt: string;
  id: number;
}

/** A member's downlines at tier 1 (brought in by them) or tier 2 (brought in by their tier 1), newest first. */
export async function teamPage(db: Db, memberId: number, tier: 1 | 2, after: TeamCursor | undefined, limit: number) {
  const tier1 = alias(members, 'tier1');
  const tier1Binding = alias(bindings, 'tier1_binding');
  const keyset = after
    ? or(lt(members.joinedAt, new Date(after.joinedAt)), and(eq(members.joinedAt, new Date(after.joinedAt)), lt(members.id, after.id)))
    : undefined;
  const base = db.select({ member: members }).from(members).innerJoin(bindings, eq(bindings.userId, members.userId));
  const query =
    tier === 1
      ? base.where(and(eq(bindings.memberId, memberId), keyset))
      : base
          .innerJoin(tier1, eq(tier1.id, bindings.memberId))
          .innerJoin(tier1Binding, eq(tier1Binding.userId, tier1.userId))
          .where(and(eq(tier1Binding.memberId, memberId), keyset));
  const rows = await query.orderBy(desc(members.joinedAt), desc(members.id)).limit(limit);
  return rows.map((row) => row.member);
}

export async function membersByStatus(db: Db, filter: { status: MemberStatus; types: MemberRow['type'][]; storeIds: number[] | null }) {
  return db
    .select()
    .from(members)
    .where(
      and(
        eq(members.status, filter.status),
        inArray(members.type, filter.types),
        filter.storeIds === null ? undefined : inArray(members.storeId, filter.storeIds.length ? filter.storeIds : [-1]),
      ),
    )
    .orderBy(members.joinedAt, members.id)
    .limit(500);
}

export async function clerksOfStore(db: Db, storeId: number) {
  return db
    .select()
    .from(members)
    .where(and(eq(members.storeId, storeId), eq(members.type, 'kos')))
    .orderBy(members.id);
}

/** Serialises every change to the shape of the referral tree (bind takes the same lock before its loop check). */
export async function lockReferralTree(db: Db): Promise<void> {
  await db.execute(sql`SELECT pg_advisory_xact_lock(hashtext('sharecircle:referral-tree'))`);
}

/** The bindings pointing at a member (their downlines and customers), or those of the given users; locked, in user order. */
export async function lockBindingsWhere(db: Db, filter: { memberId: number } | { userIds: number[] }): Promise<BindingRow[]> {
  const where = 'memberId' in filter ? eq(bindings.memberId, filter.memberId) : inArray(bindings.userId, filter.userIds.length ? filter.userIds : [-1]);
  return db.select().from(bindings).where(where).orderBy(bindings.userId).for('update');
}
