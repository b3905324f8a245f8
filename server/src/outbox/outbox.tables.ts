import { integer, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { at, id, ref } from '../db/columns';

export const outboxEvents = pgTable('outbox_events', {
  id: id(),
  type: text('type').notNull(),
  memberId: ref('member_id'),
  payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
  status: text('status').$type<'pending' | 'done' | 'dead'>().notNull(),
  attempts: integer('attempts').notNull(),
  availableAt: at('available_at').notNull(),
  lastError: text('last_error'),
  createdAt: at('created_at').notNull(),
  processedAt: at('processed_at'),
});

export type OutboxEvent = typeof outboxEvents.$inferSelect;
