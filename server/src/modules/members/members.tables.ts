import { jsonb, pgTable, smallint, text } from 'drizzle-orm/pg-core';
import type { Application, MemberStatus, MemberType } from '@sharecircle/shared';
import { at, id, ref } from '../../db/columns';

export const members = pgTable('members', {
  id: id(),
  userId: ref('user_id').notNull().unique(),
  type: text('type').$type<MemberType>().notNull(),
  status: text('status').$type<MemberStatus>().notNull(),
  level: smallint('level').notNull(),
  referralCode: text('referral_code').notNull().unique(),
  storeId: ref('store_id'),
  application: jsonb('application').$type<Application>(),
  joinedAt: at('joined_at').notNull(),
  statusChangedAt: at('status_changed_at').notNull(),
});

export const memberStatusHistory = pgTable('member_status_history', {
  id: id(),
  memberId: ref('member_id').notNull(),
  fromStatus: text('from_status').$type<MemberStatus>(),
  toStatus: text('to_status').$type<MemberStatus>().notNull(),
  actorUserId: ref('actor_user_id'),
  reason: text('reason'),
  at: at('at').notNull(),
});

export type BindingSource = 'join' | 'scan' | 'admin' | 'group' | 'handover';

export const bindings = pgTable('bindings', {
  userId: ref('user_id').primaryKey(),
  memberId: ref('member_id').notNull(),
  source: text('source').$type<BindingSource>().notNull(),
  boundAt: at('bound_at').notNull(),
  expiresAt: at('expires_at'),
});

export type MemberRow = typeof members.$inferSelect;
export type BindingRow = typeof bindings.$inferSelect;
