import { sql } from 'drizzle-orm';
import { bigint, integer, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import type { Platform } from '@sharecircle/shared';
import { at, id, ref } from '../../db/columns';

export type Tier = 'S' | 'A' | 'B' | 'C';
export type SubmissionStatus = 'pending' | 'approved' | 'rejected';
export interface SubmissionMetrics {
  views: number;
  likes: number;
  comments: number;
  leads: number;
}

export const contentTasks = pgTable('content_tasks', {
  id: id(),
  topic: text('topic').notNull(),
  hashtag: text('hashtag').notNull(),
  platform: text('platform').$type<Platform>().notNull(),
  dueAt: at('due_at').notNull(),
  target: integer('target').notNull(),
  audienceRegionId: ref('audience_region_id'),
  audienceStoreId: ref('audience_store_id'),
  audienceTiers: jsonb('audience_tiers').$type<Tier[]>(),
  createdBy: ref('created_by').notNull(),
  createdAt: at('created_at').notNull(),
});

export const taskSubmissions = pgTable('task_submissions', {
  id: id(),
  taskId: ref('task_id').notNull(),
  memberId: ref('member_id').notNull(),
  storeId: ref('store_id'),
  url: text('url'),
  imageNames: text('image_names').array().notNull().default(sql`'{}'`),
  note: text('note'),
  metrics: jsonb('metrics').$type<SubmissionMetrics>(),
  status: text('status').$type<SubmissionStatus>().notNull(),
  reviewReason: text('review_reason'),
  reviewedBy: ref('reviewed_by'),
  reviewedAt: at('reviewed_at'),
  createdAt: at('created_at').notNull(),
});

export const platformAccounts = pgTable('platform_accounts', {
  id: id(),
  memberId: ref('member_id').notNull(),
  platform: text('platform').$type<Platform>().notNull(),
  handle: text('handle').notNull(),
  fans: bigint('fans', { mode: 'number' }).notNull(),
  createdAt: at('created_at').notNull(),
  updatedAt: at('updated_at').notNull(),
  lastActivityAt: at('last_activity_at').notNull(),
});

/** Proof images as uploaded; `submissionId` once a submission names one. */
export const uploads = pgTable('uploads', {
  name: text('name').primaryKey(),
  memberId: ref('member_id').notNull(),
  contentType: text('content_type').$type<UploadContentType>().notNull(),
  sizeBytes: integer('size_bytes').notNull(),
  createdAt: at('created_at').notNull(),
  submissionId: ref('submission_id'),
});

export type UploadContentType = 'image/png' | 'image/jpeg';
export type TaskRow = typeof contentTasks.$inferSelect;
export type SubmissionRow = typeof taskSubmissions.$inferSelect;
export type PlatformAccountRow = typeof platformAccounts.$inferSelect;
