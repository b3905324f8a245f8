import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Platform } from '@sharecircle/shared';
import { queryRows, type Db } from '../../db/database';
import { contentTasks, platformAccounts, taskSubmissions, type PlatformAccountRow, type SubmissionRow, type SubmissionStatus, type TaskRow, type Tier } from './tasks.tables';

/** Queries only: tasks, submissions and platform accounts. Listing queries read members and stores (read-only joins). */

/** A list never grows past this, whatever the caller asks. */
export const ROWS_MAX = 500;

export async function insertTask(db: Db, row: typeof contentTasks.$inferInsert): Promise<TaskRow> {
  const [inserted] = await db.insert(contentTasks).values(row).returning();
  return inserted;
}

export async function taskById(db: Db, id: number): Promise<TaskRow | undefined> {
  const [row] = await db.select().from(contentTasks).where(eq(contentTasks.id, id));
  return row;
}

/** The audience test: a KOS of `store` in `region` with `tier` (null: not yet tiered) is in it. */
function reaches(place: { storeId: number; regionId: number; tier?: Tier | null }): SQL {
  const tier = place.tier === undefined ? sql`true` : place.tier === null ? sql`${contentTasks.audienceTiers} IS NULL` : sql`(${contentTasks.audienceTiers} IS NULL OR ${contentTasks.audienceTiers} @> jsonb_build_array(${place.tier}::text))`;
  return sql`(${contentTasks.audienceStoreId} IS NULL OR ${contentTasks.audienceStoreId} = ${place.storeId})
         AND (${contentTasks.audienceRegionId} IS NULL OR ${contentTasks.audienceRegionId} = ${place.regionId})
         AND ${tier}`;
}

/** Tasks reaching a store (whatever the tier) or, without one, every task; latest due first. */
export function tasksReaching(db: Db, place: { storeId: number; regionId: number } | null): Promise<TaskRow[]> {
  return db
    .select()
    .from(contentTasks)
    .where(place ? reaches(place) : undefined)
    .orderBy(desc(contentTasks.dueAt), desc(contentTasks.id))
    .limit(ROWS_MAX);
}

/** Tasks handed to one KOS. */
export function tasksForKos(db: Db, place: { storeId: number; regionId: number; tier: Tier | null }): Promise<TaskRow[]> {
  return db.select().from(contentTasks).where(reaches(place)).orderBy(desc(contentTasks.dueAt), desc(contentTasks.id)).limit(ROWS_MAX);
}

export async function isTaskFor(db: Db, taskId: number, place: { storeId: number; regionId: number; tier: Tier | null }): Promise<boolean> {
  const [row] = await db.select({ id: contentTasks.id }).from(contentTasks).where(and(eq(contentTasks.id, taskId), reaches(place)));
  return row !== undefined;
}

/** A member's submissions per task and status. */
export async function progressOf(db: Db, memberId: number, taskIds: number[]): Promise<Map<number, Record<SubmissionStatus, number>>> {
  const progress = new Map<number, Record<SubmissionStatus, number>>();
  if (taskIds.length === 0) return progress;
  const rows = await db
    .select({ taskId: taskSubmissions.taskId, status: taskSubmissions.status, n: sql<string>`count(*)::text` })
    .from(taskSubmissions)
    .where(and(eq(taskSubmissions.memberId, memberId), inArray(taskSubmissions.taskId, taskIds)))
    .groupBy(taskSubmissions.taskId, taskSubmissions.status);
  for (const row of rows) {
    const counts = progress.get(row.taskId) ?? { pending: 0, approved: 0, rejected: 0 };
    counts[row.status] = Number(row.n);
    progress.set(row.taskId, counts);
  }
  return progress;
}

export async function insertSubmission(db: Db, row: typeof taskSubmissions.$inferInsert): Promise<SubmissionRow> {
  const [inserted] = await db.insert(taskSubmissions).values(row).returning();
  return inserted;
}

export async function submissionById(db: Db, id: number, lock = false): Promise<SubmissionRow | undefined> {
  const query = db.select().from(taskSubmissions).where(eq(taskSubmissions.id, id));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

export async function updateSubmission(db: Db, id: number, patch: Partial<SubmissionRow>): Promise<SubmissionRow> {
  const [row] = await db.update(taskSubmissions).set(patch).where(eq(taskSubmissions.id, id)).returning();
  return row;
}

/** Submissions for review: by status, task and store (null stores: every store), newest first, with nicknames. */
export function submissionsPage(db: Db, filter: { status: SubmissionStatus; taskId?: number; storeIds: number[] | null }) {
  const stores = filter.storeIds === null ? sql`true` : filter.storeIds.length === 0 ? sql`false` : sql`s.store_id IN (${sql.join(filter.storeIds.map((id) => sql`${id}`), sql`, `)})`;
  return queryRows<{ id: string; nickname: string }>(
    db,
    sql`SELECT s.id::text AS id, u.nickname
          FROM task_submissions s JOIN members m ON m.id = s.member_id JOIN users u ON u.id = m.user_id
         WHERE s.status = ${filter.status} AND ${filter.taskId === undefined ? sql`true` : sql`s.task_id = ${filter.taskId}`} AND ${stores}
         ORDER BY s.id DESC LIMIT ${ROWS_MAX}`,
  );
}

/** One member's submissions for a task, newest first. */
export function submissionsOfMember(db: Db, memberId: number, taskId: number): Promise<SubmissionRow[]> {
  return db
    .select()
    .from(taskSubmissions)
    .where(and(eq(taskSubmissions.memberId, memberId), eq(taskSubmissions.taskId, taskId)))
    .orderBy(desc(taskSubmissions.id))
    .limit(ROWS_MAX);
}

export function submissionsByIds(db: Db, ids: number[]): Promise<SubmissionRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.select().from(taskSubmissions).where(inArray(taskSubmissions.id, ids)).orderBy(desc(taskSubmissions.id));
}

/** Registers an account or updates its fans; either way it is active now. */
export async function upsertAccount(db: Db, row: { memberId: number; platform: Platform; handle: string; fans: number; at: Date }): Promise<PlatformAccountRow> {
  const [saved] = await db
    .insert(platformAccounts)
    .values({ memberId: row.memberId, platform: row.platform, handle: row.handle, fans: row.fans, createdAt: row.at, updatedAt: row.at, lastActivityAt: row.at })
    .onConflictDoUpdate({
      target: [platformAccounts.memberId, platformAccounts.platform, platformAccounts.handle],
      set: { fans: row.fans, updatedAt: row.at, lastActivityAt: sql`GREATEST(${platformAccounts.lastActivityAt}, ${row.at})` },
    })
    .returning();
  return saved;
}

/** An approved post keeps the member's accounts on that platform from going quiet. */
export async function touchAccounts(db: Db, memberId: number, platform: Platform, at: Date): Promise<void> {
  await db
    .update(platformAccounts)
    .set({ lastActivityAt: sql`GREATEST(${platformAccounts.lastActivityAt}, ${at})` })
    .where(and(eq(platformAccounts.memberId, memberId), eq(platformAccounts.platform, platform)));
}

export function accountsOf(db: Db, memberId: number): Promise<PlatformAccountRow[]> {
  return db.select().from(platformAccounts).where(eq(platformAccounts.memberId, memberId)).orderBy(platformAccounts.platform, platformAccounts.id);
}

export interface MatrixRow {
  id: string;
  member_id: string;
  nickname: string;
  store_id: string | null;
  region_id: string | null;
  platform: Platform;
  handle: string;
  fans: string;
  updated_at: string | Date;
  last_activity_at: string | Date;
}

/** HQ's account matrix: every account with its member's store and region, filtered; at most ROWS_MAX * 4 rows. */
export function accountMatrix(db: Db, filter: { regionId?: number; storeId?: number; storeIds: number[] | null }) {
  const stores = filter.storeIds === null ? sql`true` : filter.storeIds.length === 0 ? sql`false` : sql`m.store_id IN (${sql.join(filter.storeIds.map((id) => sql`${id}`), sql`, `)})`;
  return queryRows<MatrixRow>(
    db,
    sql`SELECT a.id::text AS id, a.member_id::text AS member_id, u.nickname, m.store_id::text AS store_id, st.region_id::text AS region_id,
               a.platform, a.handle, a.fans::text AS fans, a.updated_at, a.last_activity_at
          FROM platform_accounts a
          JOIN members m ON m.id = a.member_id
          JOIN users u ON u.id = m.user_id
          LEFT JOIN stores st ON st.id = m.store_id
         WHERE ${stores}
           AND ${filter.storeId === undefined ? sql`true` : sql`m.store_id = ${filter.storeId}`}
           AND ${filter.regionId === undefined ? sql`true` : sql`st.region_id = ${filter.regionId}`}
         ORDER BY st.region_id NULLS LAST, m.store_id NULLS LAST, a.platform, a.id
         LIMIT ${ROWS_MAX * 4}`,
  );
}
