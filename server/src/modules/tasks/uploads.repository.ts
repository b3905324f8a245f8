import { and, count, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/database';
import { uploads } from './tasks.tables';

/** Queries only: proof images as uploaded, and which submission each one proves. */

export async function insertUpload(db: Db, row: typeof uploads.$inferInsert): Promise<void> {
  await db.insert(uploads).values(row);
}

export async function uploadsSince(db: Db, memberId: number, since: Date): Promise<number> {
  const [row] = await db.select({ n: count() }).from(uploads).where(and(eq(uploads.memberId, memberId), gt(uploads.createdAt, since)));
  return row.n;
}

/** Ties the member's own, not yet used uploads to a submission; answers the names it took. */
export async function attachUploads(db: Db, filter: { memberId: number; names: string[]; submissionId: number }): Promise<string[]> {
  const rows = await db
    .update(uploads)
    .set({ submissionId: filter.submissionId })
    .where(and(inArray(uploads.name, filter.names), eq(uploads.memberId, filter.memberId), isNull(uploads.submissionId)))
    .returning({ name: uploads.name });
  return rows.map((row) => row.name);
}

/**
 * Deletes up to `limit` uploads never attached and made before `before`, oldest first; answers their
 * names. Rows another transaction holds (a submission attaching them) are skipped, not waited for.
 */
export async function deleteUnattached(db: Db, before: Date, limit: number): Promise<string[]> {
  const rows = await queryRows<{ name: string }>(
    db,
    sql`DELETE FROM uploads WHERE name IN (
          SELECT name FROM uploads WHERE submission_id IS NULL AND created_at < ${before}
           ORDER BY created_at LIMIT ${limit} FOR UPDATE SKIP LOCKED)
        RETURNING name`,
  );
  return rows.map((row) => row.name);
}
