import { integer, jsonb, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import type { NotificationKind, SubscribableKind } from '@sharecircle/shared';
import { at, id, ref } from '../../db/columns';

export const notifications = pgTable('notifications', {
  id: id(),
  userId: ref('user_id').notNull(),
  kind: text('kind').$type<NotificationKind>().notNull(),
  title: text('title').notNull(),
  body: text('body').notNull(),
  data: jsonb('data').$type<Record<string, unknown>>().notNull(),
  /** The causing event's key: a replay inserts nothing. */
  dedupeKey: text('dedupe_key').unique(),
  createdAt: at('created_at').notNull(),
  readAt: at('read_at'),
});

export type NotificationRow = typeof notifications.$inferSelect;

export const messageSubscriptions = pgTable(
  'message_subscriptions',
  {
    userId: ref('user_id').notNull(),
    templateKind: text('template_kind').$type<SubscribableKind>().notNull(),
    remaining: integer('remaining').notNull(),
    updatedAt: at('updated_at').notNull(),
  },
  (table) => [primaryKey({ columns: [table.userId, table.templateKind] })],
);

export type MessageSendStatus = 'sent' | 'skipped_no_subscription' | 'failed';

export const messageSends = pgTable('message_sends', {
  notificationId: ref('notification_id').primaryKey(),
  status: text('status').$type<MessageSendStatus>().notNull(),
  errcode: integer('errcode'),
  sentAt: at('sent_at').notNull(),
});
