import { and, asc, desc, eq, inArray, isNotNull, isNull, lte, sql } from 'drizzle-orm';
import type { GroupKind } from '@sharecircle/shared';
import { queryRows, type Db } from '../../db/database';
import {
  communityGroups,
  groupAdminRights,
  groupJoins,
  groupSizeReports,
  wechatChecklist,
  type ChecklistRow,
  type GroupRow,
  type RightRow,
  type SizeSource,
} from './communities.tables';

/** Queries only: groups, join records, size reports, admin rights and the WeChat checklist. */

/** A page of rows never grows past this, whatever the caller asks. */
export const ROWS_MAX = 500;

export async function groupById(db: Db, groupId: number, lock = false): Promise<GroupRow | undefined> {
  const query = db.select().from(communityGroups).where(eq(communityGroups.id, groupId));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

export async function groupByJoinCode(db: Db, code: string): Promise<GroupRow | undefined> {
  const [row] = await db.select().from(communityGroups).where(eq(communityGroups.joinCode, code));
  return row;
}

export async function nextGroupId(db: Db): Promise<number> {
  const [row] = await queryRows<{ id: string }>(db, sql`SELECT nextval(pg_get_serial_sequence('community_groups', 'id'))::text AS id`);
  return Number(row.id);
}

export async function insertGroup(db: Db, row: typeof communityGroups.$inferInsert): Promise<GroupRow> {
  const [inserted] = await db.insert(communityGroups).values(row).returning();
  return inserted;
}

export function groupsOfOwner(db: Db, memberId: number): Promise<GroupRow[]> {
  return db.select().from(communityGroups).where(eq(communityGroups.ownerMemberId, memberId)).orderBy(asc(communityGroups.id)).limit(ROWS_MAX);
}

export function groupsPage(db: Db, filter: { kind?: GroupKind }): Promise<GroupRow[]> {
  return db
    .select()
    .from(communityGroups)
    .where(filter.kind ? eq(communityGroups.kind, filter.kind) : undefined)
    .orderBy(desc(communityGroups.id))
    .limit(ROWS_MAX);
}

/** Linked customer groups, the least recently sized first (a sync job's batch). */
export function linkedGroups(db: Db, limit: number): Promise<GroupRow[]> {
  return db
    .select()
    .from(communityGroups)
    .where(isNotNull(communityGroups.wecomChatId))
    .orderBy(sql`${communityGroups.sizeReportedAt} ASC NULLS FIRST`, asc(communityGroups.id))
    .limit(limit);
}

export async function recordSize(db: Db, groupId: number, input: { size: number; source: SizeSource; reportedBy: number | null; at: Date }): Promise<GroupRow> {
  await db.insert(groupSizeReports).values({ groupId, size: input.size, source: input.source, reportedBy: input.reportedBy, reportedAt: input.at });
  const [updated] = await db
    .update(communityGroups)
    .set({ size: input.size, sizeSource: input.source, sizeReportedAt: input.at })
    .where(eq(communityGroups.id, groupId))
    .returning();
  return updated;
}

/** The total size of a member's own groups: what group.size.reported carries as `size`. */
export async function ownGroupsSize(db: Db, memberId: number): Promise<number> {
  const [row] = await db
    .select({ total: sql<string>`coalesce(sum(${communityGroups.size}), 0)::text` })
    .from(communityGroups)
    .where(and(eq(communityGroups.ownerMemberId, memberId), eq(communityGroups.kind, 'own')));
  return Number(row.total);
}

/** Records that a user came in through a group; a second join keeps the first record. */
export async function recordJoin(db: Db, row: typeof groupJoins.$inferInsert): Promise<void> {
  await db.insert(groupJoins).values(row).onConflictDoNothing();
}

export async function activeRightOfGroup(db: Db, groupId: number, lock = false): Promise<RightRow | undefined> {
  const query = db
    .select()
    .from(groupAdminRights)
    .where(and(eq(groupAdminRights.groupId, groupId), isNull(groupAdminRights.revokedAt)));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

export async function activeRightsOfGroups(db: Db, groupIds: number[]): Promise<Map<number, RightRow>> {
  if (groupIds.length === 0) return new Map();
  const rows = await db
    .select()
    .from(groupAdminRights)
    .where(and(inArray(groupAdminRights.groupId, groupIds), isNull(groupAdminRights.revokedAt)));
  return new Map(rows.map((row) => [row.groupId, row]));
}

/** A member's rights still in force, locked: the caller is about to revoke some of them. */
export function lockActiveRightsOfMember(db: Db, memberId: number): Promise<RightRow[]> {
  return db
    .select()
    .from(groupAdminRights)
    .where(and(eq(groupAdminRights.memberId, memberId), isNull(groupAdminRights.revokedAt)))
    .orderBy(asc(groupAdminRights.id))
    .for('update');
}

export function activeRightsOfMember(db: Db, memberId: number): Promise<RightRow[]> {
  return db
    .select()
    .from(groupAdminRights)
    .where(and(eq(groupAdminRights.memberId, memberId), isNull(groupAdminRights.revokedAt)))
    .orderBy(asc(groupAdminRights.id));
}

/** Rights whose expiry has come, locked and skipping rows another worker holds. */
export function lockExpiredRights(db: Db, at: Date, limit: number): Promise<RightRow[]> {
  return db
    .select()
    .from(groupAdminRights)
    .where(and(isNull(groupAdminRights.revokedAt), isNotNull(groupAdminRights.expiresAt), lte(groupAdminRights.expiresAt, at)))
    .orderBy(asc(groupAdminRights.expiresAt), asc(groupAdminRights.id))
    .limit(limit)
    .for('update', { skipLocked: true });
}

export function rightsOfGroup(db: Db, groupId: number): Promise<RightRow[]> {
  return db.select().from(groupAdminRights).where(eq(groupAdminRights.groupId, groupId)).orderBy(desc(groupAdminRights.id)).limit(ROWS_MAX);
}

export async function insertRight(db: Db, row: typeof groupAdminRights.$inferInsert): Promise<RightRow> {
  const [inserted] = await db.insert(groupAdminRights).values(row).returning();
  return inserted;
}

/** Marks a right revoked unless someone else did first; answers the revoked row, or undefined. */
export async function markRevoked(db: Db, rightId: number, fields: Pick<RightRow, 'revokedAt' | 'revokedBy' | 'revokeCause' | 'revokeReason'>): Promise<RightRow | undefined> {
  const [row] = await db
    .update(groupAdminRights)
    .set(fields)
    .where(and(eq(groupAdminRights.id, rightId), isNull(groupAdminRights.revokedAt)))
    .returning();
  return row;
}

/** Adds to a manager's checklist; a right's add or remove is listed once (answers undefined the second time). */
export async function insertChecklistItem(db: Db, row: typeof wechatChecklist.$inferInsert): Promise<ChecklistRow | undefined> {
  const [inserted] = await db.insert(wechatChecklist).values(row).onConflictDoNothing().returning();
  return inserted;
}

export async function checklistItem(db: Db, itemId: number, lock = false): Promise<ChecklistRow | undefined> {
  const query = db.select().from(wechatChecklist).where(eq(wechatChecklist.id, itemId));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

/** Pending (or done) items, oldest first: for one assignee, or everyone's when assignee is null (HQ). */
export function checklistItems(db: Db, filter: { assigneeUserId: number | null; done: boolean }): Promise<ChecklistRow[]> {
  return db
    .select()
    .from(wechatChecklist)
    .where(
      and(
        filter.assigneeUserId === null ? undefined : eq(wechatChecklist.assigneeUserId, filter.assigneeUserId),
        filter.done ? isNotNull(wechatChecklist.doneAt) : isNull(wechatChecklist.doneAt),
      ),
    )
    .orderBy(filter.done ? desc(wechatChecklist.id) : asc(wechatChecklist.id))
    .limit(ROWS_MAX);
}

export async function markChecklistDone(db: Db, itemId: number, userId: number, at: Date): Promise<ChecklistRow> {
  const [row] = await db.update(wechatChecklist).set({ doneAt: at, doneBy: userId }).where(eq(wechatChecklist.id, itemId)).returning();
  return row;
}
