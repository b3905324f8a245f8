import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/database';
import { queryRows } from '../../db/database';
import { bulkRows } from '../../db/bulk';
import { AppError } from '../../http/app-error';
import { isCheckViolation } from '../../db/errors';
import { ledgerAccounts, ledgerEntries, type MemberAccountKind, type PlatformAccountKind } from './ledger.tables';

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

const accountKey = (memberId: number, kind: string) => `${memberId}:${kind}`;

/** A member's account rows as the four balances; an account not opened yet is zero. */
function balancesFrom(rows: { kind: string; balance: number }[]): Balances {
  const balances: Balances = { pending: 0, available: 0, withdrawing: 0, debt: 0 };
  for (const row of rows) {
    if (row.kind === 'debt') balances.debt = -row.balance;
    else balances[row.kind as Exclude<MemberAccountKind, 'debt'>] = row.balance;
  }
  return balances;
}

/**
 * The members' own balance reads (GET /me/balances), outside any transaction: prepared once, so each
 * call skips drizzle's query building and PostgreSQL's parse and plan (a named statement per pooled
 * connection).
 */
export function memberBalancesReader(db: Db): (memberId: number) => Promise<Balances> {
  const query = db
    .select({ kind: ledgerAccounts.kind, balance: ledgerAccounts.balance })
    .from(ledgerAccounts)
    .where(eq(ledgerAccounts.memberId, sql.placeholder('memberId')))
    .prepare('ledger_member_balances');
  return async (memberId) => balancesFrom(await query.execute({ memberId }));
}

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

  async function accountIds(tx: Db, wanted: { memberId: number; kind: MemberAccountKind }[]) {
    const rows = await queryRows<{ id: string; member_id: string; kind: string }>(
      tx,
      sql`SELECT a.id::text AS id, a.member_id::text AS member_id, a.kind FROM ledger_accounts a
           JOIN unnest(${sql.param(wanted.map((w) => w.memberId))}::bigint[], ${sql.param(wanted.map((w) => w.kind))}::text[]) AS w(member_id, kind)
             ON a.member_id = w.member_id AND a.kind = w.kind`,
    );
    return new Map(rows.map((row) => [accountKey(Number(row.member_id), row.kind), Number(row.id)]));
  }

  /** The ids of these member accounts, creating (at zero) those used for the first time. */
  async function ensureAccounts(tx: Db, wanted: { memberId: number; kind: MemberAccountKind }[], at: Date) {
    const ids = await accountIds(tx, wanted);
    const missing = wanted.filter((w) => !ids.has(accountKey(w.memberId, w.kind))).sort((a, b) => a.memberId - b.memberId || a.kind.localeCompare(b.kind));
    if (missing.length === 0) return ids;
    await tx.execute(
      sql`INSERT INTO ledger_accounts (member_id, kind, balance, updated_at)
           SELECT m, k, 0, ${at} FROM unnest(${sql.param(missing.map((w) => w.memberId))}::bigint[], ${sql.param(missing.map((w) => w.kind))}::text[]) AS w(m, k)
           ON CONFLICT (member_id, kind) DO NOTHING`,
    );
    return new Map([...ids, ...(await accountIds(tx, missing))]);
  }

  /**
   * Adds each amount to its account in one statement, which locks the rows in one global order
   * (member, then kind) so two transactions never deadlock. Done after the entries and postings are
   * written, so a busy account (a top KOC's pending) is locked as late as the caller allows. NO KEY
   * UPDATE, the lock an UPDATE itself takes: it does not wait for the KEY SHARE locks that inserting
   * postings (their foreign key) takes on the same accounts in other transactions. The CHECK constraints judge each
   * account's net change: a member balance leaving its allowed range throws INSUFFICIENT_BALANCE.
   */
  async function applyAmounts(tx: Db, amounts: { accountId: number; amountFen: number }[], at: Date) {
    const changed = amounts.filter((a) => a.amountFen !== 0);
    if (changed.length === 0) return;
    await tx
      .execute(
        sql`UPDATE ledger_accounts a SET balance = a.balance + d.amount, updated_at = ${at}
             FROM (SELECT id FROM ledger_accounts WHERE id = ANY(${sql.param(changed.map((c) => c.accountId))}::bigint[]) ORDER BY member_id, kind FOR NO KEY UPDATE) l
             JOIN unnest(${sql.param(changed.map((c) => c.accountId))}::bigint[], ${sql.param(changed.map((c) => c.amountFen))}::bigint[]) AS d(id, amount) ON d.id = l.id
             WHERE a.id = l.id`,
      )
      .catch((error) => {
        if (isCheckViolation(error)) throw new InsufficientFundsError();
        throw error;
      });
  }

  /**
   * Posts balanced entries inside the caller's transaction, in a fixed number of statements however
   * many there are (an outbox batch posts hundreds at once). An entry whose key was posted before
   * writes nothing and answers created: false. Member balances change last, under row locks taken in
   * one global order; one that would leave its allowed range throws INSUFFICIENT_BALANCE (the
   * database's CHECK decides, so concurrency cannot get past it), and the caller's transaction rolls back.
   */
  async function postMany(tx: Db, inputs: EntryInput[]): Promise<{ key: string; entryId: number; created: boolean }[]> {
    if (inputs.length === 0) return [];
    for (const input of inputs) assertBalanced(input);
    if (new Set(inputs.map((input) => input.key)).size !== inputs.length) throw new Error('ledger entries in one call need distinct keys');
    const entries = bulkRows(inputs, [
      ['idempotency_key', 'text', (i) => i.key],
      ['kind', 'text', (i) => i.kind],
      ['member_id', 'bigint', (i) => i.memberId],
      ['ref_type', 'text', (i) => i.refType ?? null],
      ['ref_id', 'bigint', (i) => i.refId ?? null],
      ['memo', 'text', (i) => i.memo],
      ['created_at', 'timestamptz', (i) => i.at],
    ]);
    const inserted = (
      await queryRows<{ id: string; key: string }>(
        tx,
        sql`INSERT INTO ledger_entries ${entries.names} ${entries.select} ON CONFLICT (idempotency_key) DO NOTHING RETURNING id::text, idempotency_key AS key`,
      )
    ).map((row) => ({ id: Number(row.id), key: row.key }));
    const created = new Map(inserted.map((row) => [row.key, row.id]));
    const replayedKeys = inputs.filter((input) => !created.has(input.key)).map((input) => input.key);
    const replayed = replayedKeys.length
      ? new Map((await tx.select({ id: ledgerEntries.id, key: ledgerEntries.idempotencyKey }).from(ledgerEntries).where(inArray(ledgerEntries.idempotencyKey, replayedKeys))).map((row) => [row.key, row.id]))
      : new Map<string, number>();
    const fresh = inputs.filter((input) => created.has(input.key));
    if (fresh.length > 0) {
      const deltas = new Map<string, { memberId: number; kind: MemberAccountKind; amountFen: number }>();
      for (const posting of fresh.flatMap((input) => input.postings)) {
        if ('platform' in posting.account) continue;
        const { memberId, kind } = posting.account;
        const delta = deltas.get(accountKey(memberId, kind)) ?? { memberId, kind, amountFen: 0 };
        delta.amountFen += posting.amountFen;
        deltas.set(accountKey(memberId, kind), delta);
      }
      const memberAccountIds = deltas.size > 0 ? await ensureAccounts(tx, [...deltas.values()], fresh[0].at) : new Map<string, number>();
      const rows = [];
      for (const input of fresh) {
        for (const posting of input.postings) {
          const accountId =
            'platform' in posting.account
              ? await platformAccountId(tx, posting.account.platform)
              : memberAccountIds.get(accountKey(posting.account.memberId, posting.account.kind))!;
          rows.push({ entryId: created.get(input.key)!, accountId, amount: posting.amountFen, createdAt: input.at });
        }
      }
      const postings = bulkRows(rows, [
        ['entry_id', 'bigint', (r) => r.entryId],
        ['account_id', 'bigint', (r) => r.accountId],
        ['amount', 'bigint', (r) => r.amount],
        ['created_at', 'timestamptz', (r) => r.createdAt],
      ]);
      await tx.execute(sql`INSERT INTO ledger_postings ${postings.names} ${postings.select}`);
      await applyAmounts(
        tx,
        [...deltas.entries()].map(([key, delta]) => ({ accountId: memberAccountIds.get(key)!, amountFen: delta.amountFen })),
        fresh[0].at,
      );
    }
    return inputs.map((input) => ({ key: input.key, entryId: created.get(input.key) ?? replayed.get(input.key)!, created: created.has(input.key) }));
  }

  /** One entry; see postMany. */
  async function post(tx: Db, input: EntryInput): Promise<{ entryId: number; created: boolean }> {
    const [result] = await postMany(tx, [input]);
    return { entryId: result.entryId, created: result.created };
  }

  async function balancesOf(db: Db, memberId: number, options: { lock?: boolean } = {}): Promise<Balances> {
    const query = db
      .select({ kind: ledgerAccounts.kind, balance: ledgerAccounts.balance })
      .from(ledgerAccounts)
      .where(eq(ledgerAccounts.memberId, memberId));
    // Locked in kind order, the order postMany locks them in.
    return balancesFrom(options.lock ? await query.orderBy(asc(ledgerAccounts.kind)).for('no key update') : await query);
  }

  return { post, postMany, balancesOf };
}

export type LedgerService = ReturnType<typeof createLedgerService>;
