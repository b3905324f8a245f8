import { and, count, desc, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/database';
import { appeals, removalHandovers, removals, reports, type AppealStatus, type HandoverRow, type ReportStatus } from './discipline.tables';

/** Queries only; every function takes the transaction it should run in. */

export async function insertRemoval(db: Db, row: typeof removals.$inferInsert) {
  const [removal] = await db.insert(removals).values(row).returning();
  return removal;
}

/** The member's latest removal that no appeal reversed. */
export async function standingRemoval(db: Db, memberId: number) {
  const [row] = await db
    .select()
    .from(removals)
    .where(and(eq(removals.memberId, memberId), isNull(removals.reversedAt)))
    .orderBy(desc(removals.id))
    .limit(1);
  return row;
}

export async function removalById(db: Db, removalId: number) {
  const [row] = await db.select().from(removals).where(eq(removals.id, removalId));
  return row;
}

export async function markRemovalReversed(db: Db, removalId: number, at: Date): Promise<void> {
  await db.update(removals).set({ reversedAt: at }).where(eq(removals.id, removalId));
}

export async function insertHandovers(db: Db, rows: HandoverRow[]): Promise<void> {
  if (rows.length > 0) await db.insert(removalHandovers).values(rows);
}

export async function countHandovers(db: Db, removalId: number): Promise<number> {
  const [row] = await db.select({ n: count() }).from(removalHandovers).where(eq(removalHandovers.removalId, removalId));
  return Number(row.n);
}

export async function handoversOf(db: Db, removalId: number): Promise<HandoverRow[]> {
  return db.select().from(removalHandovers).where(eq(removalHandovers.removalId, removalId)).orderBy(removalHandovers.userId);
}

export async function markHandoverRestored(db: Db, removalId: number, userId: number, at: Date): Promise<void> {
  await db
    .update(removalHandovers)
    .set({ restoredAt: at })
    .where(and(eq(removalHandovers.removalId, removalId), eq(removalHandovers.userId, userId)));
}

export async function insertAppeal(db: Db, row: typeof appeals.$inferInsert) {
  const [appeal] = await db.insert(appeals).values(row).onConflictDoNothing().returning();
  return appeal;
}

export async function appealOfRemoval(db: Db, removalId: number) {
  const [row] = await db.select().from(appeals).where(eq(appeals.removalId, removalId));
  return row;
}

export async function appealById(db: Db, appealId: number, lock = false) {
  const query = db.select().from(appeals).where(eq(appeals.id, appealId));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

export async function appealsOfMember(db: Db, memberId: number, limit: number) {
  return db.select().from(appeals).where(eq(appeals.memberId, memberId)).orderBy(desc(appeals.id)).limit(limit);
}

export async function appealsPage(db: Db, status: AppealStatus, beforeId: number | undefined, limit: number) {
  return db
    .select({ appeal: appeals, removal: removals })
    .from(appeals)
    .innerJoin(removals, eq(removals.id, appeals.removalId))
    .where(and(eq(appeals.status, status), beforeId ? lt(appeals.id, beforeId) : undefined))
    .orderBy(desc(appeals.id))
    .limit(limit);
}

export async function updateAppeal(db: Db, appealId: number, patch: Partial<typeof appeals.$inferInsert>) {
  const [row] = await db.update(appeals).set(patch).where(eq(appeals.id, appealId)).returning();
  return row;
}

/** Serialises one reporter's reports, so the rolling-window count cannot be raced past. */
export async function lockReporter(db: Db, reporterUserId: number): Promise<void> {
  await db.execute(sql`SELECT pg_advisory_xact_lock(hashtext('sharecircle:reports:' || ${String(reporterUserId)}))`);
}

/** The reporter's reports since `since`, oldest first. */
export async function reportTimesSince(db: Db, reporterUserId: number, since: Date): Promise<Date[]> {
  const rows = await db
    .select({ createdAt: reports.createdAt })
    .from(reports)
    .where(and(eq(reports.reporterUserId, reporterUserId), gt(reports.createdAt, since)))
    .orderBy(reports.createdAt);
  return rows.map((row) => row.createdAt);
}

export async function insertReport(db: Db, row: typeof reports.$inferInsert) {
  const [report] = await db.insert(reports).values(row).returning();
  return report;
}

export async function reportById(db: Db, reportId: number, lock = false) {
  const query = db.select().from(reports).where(eq(reports.id, reportId));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

export async function reportsOfReporter(db: Db, reporterUserId: number, beforeId: number | undefined, limit: number) {
  return db
    .select()
    .from(reports)
    .where(and(eq(reports.reporterUserId, reporterUserId), beforeId ? lt(reports.id, beforeId) : undefined))
    .orderBy(desc(reports.id))
    .limit(limit);
}

export async function reportsPage(db: Db, status: ReportStatus, beforeId: number | undefined, limit: number) {
  return db
    .select()
    .from(reports)
    .where(and(eq(reports.status, status), beforeId ? lt(reports.id, beforeId) : undefined))
    .orderBy(desc(reports.id))
    .limit(limit);
}

export async function updateReport(db: Db, reportId: number, patch: Partial<typeof reports.$inferInsert>) {
  const [row] = await db.update(reports).set(patch).where(eq(reports.id, reportId)).returning();
  return row;
}
