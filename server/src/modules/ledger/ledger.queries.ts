import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/database';

/** Reads over the whole book: member history, liability, and the full consistency check. */

export async function memberHistory(db: Db, memberId: number, beforePostingId: number | undefined, limit: number) {
  const rows = await queryRows<{
    posting_id: string;
    entry_id: string;
    account: string;
    amount: string;
    kind: string;
    memo: string;
    ref_type: string | null;
    ref_id: string | null;
    created_at: Date | string;
  }>(
    db,
    sql`SELECT p.id::text AS posting_id, e.id::text AS entry_id, a.kind AS account, p.amount::text AS amount,
               e.kind, e.memo, e.ref_type, e.ref_id::text AS ref_id, p.created_at
          FROM ledger_postings p
          JOIN ledger_accounts a ON a.id = p.account_id
          JOIN ledger_entries e ON e.id = p.entry_id
         WHERE a.member_id = ${memberId} ${beforePostingId ? sql`AND p.id < ${beforePostingId}` : sql``}
         ORDER BY p.id DESC
         LIMIT ${limit}`,
  );
  return rows.map((row) => ({
    postingId: Number(row.posting_id),
    entryId: Number(row.entry_id),
    account: row.account as 'pending' | 'available' | 'withdrawing' | 'debt',
    amountFen: Number(row.amount),
    kind: row.kind,
    reason: row.memo,
    refType: row.ref_type,
    refId: row.ref_id === null ? null : Number(row.ref_id),
    at: new Date(row.created_at).toISOString(),
  }));
}

export async function liability(db: Db) {
  const [row] = await queryRows<Record<string, string>>(
    db,
    sql`SELECT coalesce(sum(balance) FILTER (WHERE kind = 'pending'), 0)::text AS pending,
               coalesce(sum(balance) FILTER (WHERE kind = 'available'), 0)::text AS available,
               coalesce(sum(balance) FILTER (WHERE kind = 'withdrawing'), 0)::text AS withdrawing,
               coalesce(-sum(balance) FILTER (WHERE kind = 'debt'), 0)::text AS debt,
               count(DISTINCT member_id)::text AS members
          FROM ledger_accounts WHERE member_id IS NOT NULL`,
  );
  const [pending, available, withdrawing, debt] = [row.pending, row.available, row.withdrawing, row.debt].map(Number);
  return { pending, available, withdrawing, debt, total: pending + available + withdrawing - debt, members: Number(row.members) };
}

export interface VerifyReport {
  ok: boolean;
  entries: number;
  accounts: number;
  unbalancedEntries: { entryId: number; sumFen: number }[];
  balanceMismatches: { accountId: number; memberId: number; kind: string; storedFen: number; postedFen: number }[];
  ruleViolations: { accountId: number; kind: string; balanceFen: number }[];
}

/** Recomputes every member balance from its postings and checks every entry sums to zero. */
export async function verifyLedger(db: Db): Promise<VerifyReport> {
  const unbalanced = await queryRows<{ entry_id: string; total: string }>(
    db,
    sql`SELECT e.id::text AS entry_id, coalesce(sum(p.amount), 0)::text AS total
          FROM ledger_entries e LEFT JOIN ledger_postings p ON p.entry_id = e.id
         GROUP BY e.id HAVING coalesce(sum(p.amount), 0) <> 0 OR count(p.id) < 2`,
  );
  const mismatches = await queryRows<{ id: string; member_id: string; kind: string; balance: string; posted: string }>(
    db,
    sql`SELECT a.id::text, a.member_id::text, a.kind, a.balance::text, coalesce(s.posted, 0)::text AS posted
          FROM ledger_accounts a
          LEFT JOIN (SELECT account_id, sum(amount) AS posted FROM ledger_postings GROUP BY account_id) s ON s.account_id = a.id
         WHERE a.member_id IS NOT NULL AND a.balance <> coalesce(s.posted, 0)`,
  );
  const violations = await queryRows<{ id: string; kind: string; balance: string }>(
    db,
    sql`SELECT a.id::text, a.kind, coalesce(sum(p.amount), 0)::text AS balance
          FROM ledger_accounts a LEFT JOIN ledger_postings p ON p.account_id = a.id
         WHERE a.member_id IS NOT NULL
         GROUP BY a.id, a.kind
        HAVING (a.kind = 'debt' AND coalesce(sum(p.amount), 0) > 0) OR (a.kind <> 'debt' AND coalesce(sum(p.amount), 0) < 0)`,
  );
  const [counts] = await queryRows<{ entries: string; accounts: string }>(
    db,
    sql`SELECT (SELECT count(*) FROM ledger_entries)::text AS entries, (SELECT count(*) FROM ledger_accounts)::text AS accounts`,
  );
  const report: VerifyReport = {
    ok: unbalanced.length === 0 && mismatches.length === 0 && violations.length === 0,
    entries: Number(counts.entries),
    accounts: Number(counts.accounts),
    unbalancedEntries: unbalanced.map((r) => ({ entryId: Number(r.entry_id), sumFen: Number(r.total) })),
    balanceMismatches: mismatches.map((r) => ({
      accountId: Number(r.id),
      memberId: Number(r.member_id),
      kind: r.kind,
      storedFen: Number(r.balance),
      postedFen: Number(r.posted),
    })),
    ruleViolations: violations.map((r) => ({ accountId: Number(r.id), kind: r.kind, balanceFen: Number(r.balance) })),
  };
  return report;
}
