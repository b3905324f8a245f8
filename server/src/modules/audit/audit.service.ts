import { and, desc, eq, lt } from 'drizzle-orm';
import type { Db } from '../../db/database';
import { auditLog } from './audit.tables';

export interface AuditRecord {
  /** null when the system acted (a scheduled job). */
  actorUserId: number | null;
  action: string;
  subjectType: string;
  subjectId: number;
  data?: Record<string, unknown>;
  reason?: string | null;
  at: Date;
}

/** Appends to the audit log inside the caller's transaction, so the change and its record commit together. */
export async function recordAudit(db: Db, record: AuditRecord): Promise<void> {
  await db.insert(auditLog).values({ ...record, data: record.data ?? {}, reason: record.reason ?? null });
}

/** Many records in one statement, for batch jobs. */
export async function recordAuditMany(db: Db, records: AuditRecord[]): Promise<void> {
  if (records.length === 0) return;
  await db.insert(auditLog).values(records.map((record) => ({ ...record, data: record.data ?? {}, reason: record.reason ?? null })));
}

export async function listAudit(db: Db, filter: { subjectType?: string; subjectId?: number; beforeId?: number; limit: number }) {
  const conditions = [
    filter.subjectType ? eq(auditLog.subjectType, filter.subjectType) : undefined,
    filter.subjectId ? eq(auditLog.subjectId, filter.subjectId) : undefined,
    filter.beforeId ? lt(auditLog.id, filter.beforeId) : undefined,
  ];
  return db
    .select()
    .from(auditLog)
    .where(and(...conditions))
    .orderBy(desc(auditLog.id))
    .limit(filter.limit);
}

