import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/database';
import { queryRows } from '../../db/database';
import { AppError } from '../../http/app-error';
import { isCheckViolation } from '../../db/errors';
import { ledgerAccounts, ledgerEntries, ledgerPostings, type MemberAccountKind, type PlatformAccountKind } from './ledger.tables';

export type AccountRef = { memberId: number; kind: MemberAccountKind } | { platform: PlatformAccountKind };

export interface Posting {
  account: AccountRef;
  /** Positive adds to the account's balance, negative takes from it. */
  amountFen: number;
}

export interface EntryInput {
  /** Unique forever: `sale:{id}:L1:{memberId}`, `settle:{commissionId}`, `withdraw:{id}` ... */
  key: string;
  kind: string;
  memberId: number | null;
  refType?: string;
  refId?: number;
  /** The reason a member sees on the ledger line. */
  memo: string;
  postings: Posting[];
  at: Date;
}

export interface Balances {
  pending: number;
  available: number;
  withdrawing: number;
  /** What the member owes (a positive number); the debt account itself runs below zero. */
  debt: number;
}

export class InsufficientFundsError extends AppError {
  constructor() {
    super('INSUFFICIENT_BALANCE', 'the balance does not cover this');
  }
}

/** Refuses an entry that does not balance, before anything is written. */
export function assertBalanced(input: EntryInput): void {
  if (input.postings.length < 2) throw new Error(`ledger entry ${input.key} needs at least two postings`);
  let sum = 0;
  for (const posting of input.postings) {
    if (!Number.isSafeInteger(posting.amountFen) || posting.amountFen === 0) {
      throw new Error(`ledger entry ${input.key} has a posting of ${posting.amountFen} fen`);
    }
    sum += posting.amountFen;
  }
  if (sum !== 0) throw new Error(`ledger entry ${input.key} does not balance: postings sum to ${sum} fen`);
}

/** Member accounts are locked in one global order (member, then kind) so two entries never deadlock. */
const accountOrder = (ref: AccountRef) => ('platform' in ref ? `0:${ref.platform}` : `1:${String(ref.memberId).padStart(16, '0')}:${ref.kind}`);

export function createLedgerService() {
  const platformIds = new Map<PlatformAccountKind, number>();

  async function platformAccountId(tx: Db, kind: PlatformAccountKind): Promise<number> {
    const cached = platformIds.get(kind);
    if (cached) return cached;
    const [row] = await tx
      .select({ id: ledgerAccounts.id })
      .from(ledgerAccounts)
      .where(and(isNull(ledgerAccounts.memberId), eq(ledgerAccounts.kind, kind)));
    platformIds.set(kind, row.id);
    return row.id;
  }

  /**
   * Applies an amount to a member account under the row lock the UPDATE takes; the account is created
   * (at zero) on first use. Not an upsert: PostgreSQL checks CHECK constraints on the row an upsert
   * proposes to insert, so a first debit would be refused even when the account already exists.
   */
  async function applyToMemberAccount(tx: Db, memberId: number, kind: MemberAccountKind, amountFen: number, at: Date): Promise<number> {
    const update = () =>
      queryRows<{ id: string }>(
        tx,
        sql`UPDATE ledger_accounts SET balance = balance + ${amountFen}, updated_at = ${at}
             WHERE member_id = ${memberId} AND kind = ${kind} RETURNING id::text AS id`,
      );
    let [row] = await update();
    if (!row) {
      await tx.execute(sql`INSERT INTO ledger_accounts (member_id, kind, balance, updated_at) VALUES (${memberId}, ${kind}, 0, ${at}) ON CONFLICT (member_id, kind) DO NOTHING`);
      [row] = await update();
    }
    return Number(row.id);
  }

  /**
   * Posts one balanced entry inside the caller's transaction. A second post with the same key writes
   * nothing and answers created: false. A member balance that would leave its allowed range throws
   * INSUFFICIENT_BALANCE (the database's CHECK decides, so concurrency cannot get past it).
   */
  async function post(tx: Db, input: EntryInput): Promise<{ entryId: number; created: boolean }> {
    assertBalanced(input);
      const [entry] = await tx
        .insert(ledgerEntries)
        .values({
          idempotencyKey: input.key,
          kind: input.kind,
          memberId: input.memberId,
          refType: input.refType ?? null,
          refId: input.refId ?? null,
          memo: input.memo,
          createdAt: input.at,
        })
        .onConflictDoNothing({ target: ledgerEntries.idempotencyKey })
        .returning({ id: ledgerEntries.id });
      if (!entry) {
        const [existing] = await tx.select({ id: ledgerEntries.id }).from(ledgerEntries).where(eq(ledgerEntries.idempotencyKey, input.key));
        return { entryId: existing.id, created: false };
      }
      const ordered = [...input.postings].sort((a, b) => accountOrder(a.account).localeCompare(accountOrder(b.account)));
      const rows = [];
      for (const posting of ordered) {
        const accountId =
          'platform' in posting.account
            ? await platformAccountId(tx, posting.account.platform)
            : await applyToMemberAccount(tx, posting.account.memberId, posting.account.kind, posting.amountFen, input.at).catch((error) => {
                if (isCheckViolation(error)) throw new InsufficientFundsError();
                throw error;
              });
        rows.push({ entryId: entry.id, accountId, amount: posting.amountFen, createdAt: input.at });
      }
      await tx.insert(ledgerPostings).values(rows);
      return { entryId: entry.id, created: true };
  }

  async function balancesOf(db: Db, memberId: number, options: { lock?: boolean } = {}): Promise<Balances> {
    const query = db
      .select({ kind: ledgerAccounts.kind, balance: ledgerAccounts.balance })
      .from(ledgerAccounts)
      .where(eq(ledgerAccounts.memberId, memberId));
    const rows = options.lock ? await query.for('update') : await query;
    const balances: Balances = { pending: 0, available: 0, withdrawing: 0, debt: 0 };
    for (const row of rows) {
      if (row.kind === 'debt') balances.debt = -row.balance;
      else balances[row.kind as Exclude<MemberAccountKind, 'debt'>] = row.balance;
    }
    return balances;
  }

  return { post, balancesOf };
}

export type LedgerService = ReturnType<typeof createLedgerService>;
