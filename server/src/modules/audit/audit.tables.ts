import { jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { at, id, ref } from '../../db/columns';

export const auditLog = pgTable('audit_log', {
  id: id(),
  actorUserId: ref('actor_user_id'),
  action: text('action').notNull(),
  subjectType: text('subject_type').notNull(),
  subjectId: ref('subject_id').notNull(),
  data: jsonb('data').$type<Record<string, unknown>>().notNull(),
  reason: text('reason'),
  at: at('at').notNull(),
});
