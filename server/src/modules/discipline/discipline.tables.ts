import { pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import type { RemovalCause, ReportReason } from '@sharecircle/shared';
import { at, fen, id, ref } from '../../db/columns';

export const removals = pgTable('removals', {
  id: id(),
  memberId: ref('member_id').notNull(),
  cause: text('cause').$type<RemovalCause>().notNull(),
  reason: text('reason').notNull(),
  actorUserId: ref('actor_user_id'),
  removedAt: at('removed_at').notNull(),
  toMemberId: ref('to_member_id'),
  storeId: ref('store_id'),
  reversedAt: at('reversed_at'),
});

export const removalHandovers = pgTable(
  'removal_handovers',
  {
    removalId: ref('removal_id').notNull(),
    userId: ref('user_id').notNull(),
    fromMemberId: ref('from_member_id').notNull(),
    fromSource: text('from_source').notNull(),
    fromBoundAt: at('from_bound_at').notNull(),
    expiresAt: at('expires_at'),
    toMemberId: ref('to_member_id'),
    restoredAt: at('restored_at'),
  },
  (table) => [primaryKey({ columns: [table.removalId, table.userId] })],
);

export type AppealStatus = 'open' | 'upheld' | 'rejected';

export const appeals = pgTable('appeals', {
  id: id(),
  removalId: ref('removal_id').notNull(),
  memberId: ref('member_id').notNull(),
  reason: text('reason').notNull(),
  status: text('status').$type<AppealStatus>().notNull(),
  decisionNote: text('decision_note'),
  decidedBy: ref('decided_by'),
  createdAt: at('created_at').notNull(),
  decidedAt: at('decided_at'),
});

export type ReportStatus = 'open' | 'confirmed' | 'dismissed';

export const reports = pgTable('reports', {
  id: id(),
  reporterUserId: ref('reporter_user_id').notNull(),
  memberId: ref('member_id').notNull(),
  memberCode: text('member_code').notNull(),
  reason: text('reason').$type<ReportReason>().notNull(),
  evidence: text('evidence'),
  status: text('status').$type<ReportStatus>().notNull(),
  note: text('note'),
  decidedBy: ref('decided_by'),
  decidedAt: at('decided_at'),
  forfeitedPendingFen: fen('forfeited_pending_fen'),
  forfeitedAvailableFen: fen('forfeited_available_fen'),
  createdAt: at('created_at').notNull(),
});

export type RemovalRow = typeof removals.$inferSelect;
export type HandoverRow = typeof removalHandovers.$inferSelect;
export type AppealRow = typeof appeals.$inferSelect;
export type ReportRow = typeof reports.$inferSelect;
