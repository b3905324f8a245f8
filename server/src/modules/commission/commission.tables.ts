import { jsonb, pgTable, smallint, text } from 'drizzle-orm/pg-core';
import { at, fen, id, ref } from '../../db/columns';
import type { LineRule, Tier } from './commission-rules';

export interface Explanation {
  sellerMemberId: number;
  shareBp: number;
  lines: LineRule[];
}

export const commissions = pgTable('commissions', {
  id: id(),
  saleId: ref('sale_id').notNull(),
  memberId: ref('member_id').notNull(),
  tier: smallint('tier').$type<Tier>().notNull(),
  amountFen: fen('amount_fen').notNull(),
  reversedFen: fen('reversed_fen').notNull(),
  status: text('status').$type<'pending' | 'settled'>().notNull(),
  settleAt: at('settle_at').notNull(),
  settledAt: at('settled_at'),
  explanation: jsonb('explanation').$type<Explanation>().notNull(),
  createdAt: at('created_at').notNull(),
  /** Set when a confirmed violation forfeited this (still pending) commission; settlement skips it. */
  forfeitedAt: at('forfeited_at'),
});

export type CommissionRow = typeof commissions.$inferSelect;
