import { pgTable, text } from 'drizzle-orm/pg-core';
import type { WithdrawalStatus } from '@sharecircle/shared';
import { at, fen, id, ref } from '../../db/columns';

export const withdrawals = pgTable('withdrawals', {
  id: id(),
  memberId: ref('member_id').notNull(),
  /** What left available; feeFen + netFen. */
  amountFen: fen('amount_fen').notNull(),
  feeFen: fen('fee_fen').notNull(),
  /** What WeChat Pay is asked to pay. */
  netFen: fen('net_fen').notNull(),
  status: text('status').$type<WithdrawalStatus>().notNull(),
  transferBillNo: text('transfer_bill_no'),
  packageInfo: text('package_info'),
  failReason: text('fail_reason'),
  createdAt: at('created_at').notNull(),
  updatedAt: at('updated_at').notNull(),
});

export type WithdrawalRow = typeof withdrawals.$inferSelect;
