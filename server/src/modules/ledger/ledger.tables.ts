import { pgTable, text } from 'drizzle-orm/pg-core';
import { at, fen, id, ref } from '../../db/columns';

export const MEMBER_ACCOUNT_KINDS = ['pending', 'available', 'withdrawing', 'debt'] as const;
export type MemberAccountKind = (typeof MEMBER_ACCOUNT_KINDS)[number];
export const PLATFORM_ACCOUNT_KINDS = ['commission_expense', 'payout_clearing', 'forfeiture_income', 'reward_expense', 'fee_income'] as const;
export type PlatformAccountKind = (typeof PLATFORM_ACCOUNT_KINDS)[number];

export const ledgerAccounts = pgTable('ledger_accounts', {
  id: id(),
  memberId: ref('member_id'),
  kind: text('kind').$type<MemberAccountKind | PlatformAccountKind>().notNull(),
  balance: fen('balance').notNull(),
  updatedAt: at('updated_at').notNull(),
});

export const ledgerEntries = pgTable('ledger_entries', {
  id: id(),
  idempotencyKey: text('idempotency_key').notNull().unique(),
  kind: text('kind').notNull(),
  memberId: ref('member_id'),
  refType: text('ref_type'),
  refId: ref('ref_id'),
  memo: text('memo').notNull(),
  createdAt: at('created_at').notNull(),
});

export const ledgerPostings = pgTable('ledger_postings', {
  id: id(),
  entryId: ref('entry_id').notNull(),
  accountId: ref('account_id').notNull(),
  amount: fen('amount').notNull(),
  createdAt: at('created_at').notNull(),
});
