import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Limits, Reward } from '@sharecircle/shared';
import type { Db } from '../../db/database';
import { queryRows } from '../../db/database';
import { bulkRows } from '../../db/bulk';
import type { MembersService } from '../members';
import { addDays, type Clock } from '../../clock';
import type { LedgerService } from '../ledger';
import { periodKey, periodStart } from './periods';
import { drawCodes } from './pool-codes';
import { privileges, type GrantRow, type GrantStatus, type RuleRow } from './rewards.tables';

/** Issues certificates, a batch at a time (answers the serials in input order); provided by the certificates module when it is wired. */
export interface CertificateIssuer {
  issueMany(tx: Db, inputs: { memberId: number; memberName: string; title: string; achievement: string; grantId: number }[]): Promise<string[]>;
}

export interface GrantRequest {
  memberId: number;
  reward: Reward;
  /** Unique forever: a second request with the same key grants nothing. */
  sourceKey: string;
  rule?: RuleRow;
  level?: number;
  at: Date;
}

/** A grant just inserted, with the request (of one kind of reward) that made it. */
type Made<K extends Reward['kind']> = { request: GrantRequest & { reward: Extract<Reward, { kind: K }> }; row: GrantRow };
/** What a grant row becomes once its reward is made real. */
type Change = { row: GrantRow; status: GrantStatus; data: Record<string, unknown> };

/** Told of every grant made (over budget included), a batch at a time, in the granting transaction. */
export type GrantListener = (tx: Db, granted: { grant: GrantRow; reward: Reward }[]) => Promise<void>;

/** A reward_grants row read with raw SQL (bigints as text, timestamps as strings or dates). */
function grantRowOf(row: Record<string, unknown>): GrantRow {
  const date = (value: unknown) => (value instanceof Date ? value : new Date(String(value)));
  return {
    id: Number(row.id),
    ruleId: row.rule_id === null ? null : Number(row.rule_id),
    level: row.level === null ? null : Number(row.level),
    memberId: Number(row.member_id),
    sourceKey: String(row.source_key),
    periodKey: String(row.period_key),
    kind: row.kind as GrantRow['kind'],
    status: row.status as GrantStatus,
    amountFen: Number(row.amount_fen),
    data: (typeof row.data === 'string' ? JSON.parse(row.data) : row.data) as Record<string, unknown>,
    createdAt: date(row.created_at),
    updatedAt: date(row.updated_at),
  };
}

const privilegeExpiry = (reward: Extract<Reward, { kind: 'privilege' }>, at: Date) => (reward.days ? addDays(at, reward.days) : null);

/** What a grant row keeps of its reward; a privilege's expiry is known when it is granted. */
const grantData = (reward: Reward, at: Date): Record<string, unknown> =>
  reward.kind === 'privilege' ? { ...reward, expiresAt: privilegeExpiry(reward, at)?.toISOString() ?? null } : { ...reward };

const hasSharedLimit = (rule: RuleRow) => rule.limits.total !== undefined || (rule.limits.budget !== undefined && rule.reward.kind === 'cash');
const grantPeriodKey = (request: GrantRequest) => (request.rule?.limits.perPeriod ? periodKey(request.rule.limits.perPeriod.period, request.at) : periodKey('day', request.at));

/** What a batch of requests may still take under its rules' limits, counted once and kept up to date in memory. */
interface LimitBook {
  perMember: Map<string, number>;
  perPeriod: Map<string, number>;
  total: Map<number, number>;
  spentFen: Map<number, number>;
}

/**
 * Makes rewards real, exactly once: the grant row's unique source key makes a replayed event a no-op,
 * and the rules' limits are counted under a lock on the rule rows, so two workers cannot both take the
 * last grant or the last fen of a budget. Grants are made a batch at a time: the limits are read in
 * two queries and kept in memory in request order, and each kind of reward is written in one statement.
 */
export function createGrantsService(deps: { clock: Clock; ledger: LedgerService; members: MembersService; certificates?: CertificateIssuer }) {
  const listeners: GrantListener[] = [];

  /** Locks the rows of the rules whose limits all members share, in id order (a no-op for rows already locked). */
  async function lockSharedLimits(tx: Db, rules: RuleRow[]) {
    const ids = [...new Set(rules.filter(hasSharedLimit).map((rule) => rule.id))].sort((a, b) => a - b);
    if (ids.length > 0) await tx.execute(sql`SELECT id FROM reward_rules WHERE id = ANY(${sql.param(ids)}::bigint[]) ORDER BY id FOR UPDATE`);
  }

  /**
   * Per-member limits need no lock: one outbox worker handles all of a member's events, in order.
   * Limits shared by all members (total, budget) are read after locking the rules still open, all at
   * once in rule id order; the locks last to the end of the batch, so workers queue rather than deadlock.
   */
  async function readLimits(tx: Db, requests: GrantRequest[]): Promise<LimitBook> {
    const book: LimitBook = { perMember: new Map(), perPeriod: new Map(), total: new Map(), spentFen: new Map() };
    const limited = requests.filter((r) => r.rule && (r.rule.limits.perMember || r.rule.limits.perPeriod));
    if (limited.length > 0) {
      const rows = await queryRows<{ rule_id: string; member_id: string; period_key: string; n: string }>(
        tx,
        sql`SELECT rule_id::text, member_id::text, period_key, count(*)::text AS n FROM reward_grants
             WHERE status <> 'over_budget' AND rule_id = ANY(${sql.param([...new Set(limited.map((r) => r.rule!.id))])}::bigint[])
               AND member_id = ANY(${sql.param([...new Set(limited.map((r) => r.memberId))])}::bigint[])
             GROUP BY 1, 2, 3`,
      );
      for (const row of rows) {
        const member = `${row.rule_id}:${row.member_id}`;
        book.perMember.set(member, (book.perMember.get(member) ?? 0) + Number(row.n));
        book.perPeriod.set(`${member}:${row.period_key}`, Number(row.n));
      }
    }
    // A request its member's own limits already refuse never reaches the shared ones.
    const contenders = requests.filter((r) => r.rule && hasSharedLimit(r.rule) && ownLimitsAllow(book, r));
    const shared = [...new Map(contenders.map((r) => [r.rule!.id, r])).values()];
    if (shared.length > 0) {
      // Counts only grow: a rule already at its total or out of budget without the lock stays so, and
      // its requests need no lock (so workers do not queue behind a rule that is used up).
      const unlocked = await sharedUse(tx, shared);
      const open = shared.filter((r) => {
        const use = unlocked.find((u) => u.ruleId === r.rule!.id)!;
        const { total, budget } = r.rule!.limits;
        return !(total !== undefined && use.n >= total) && !(budget && r.rule!.reward.kind === 'cash' && use.fen + r.rule!.reward.amountFen > budget.amountFen);
      });
      await lockSharedLimits(tx, open.map((r) => r.rule!));
      // Read again under the locks: another worker may have granted in between.
      for (const use of open.length > 0 ? await sharedUse(tx, shared) : unlocked) {
        book.total.set(use.ruleId, use.n);
        book.spentFen.set(use.ruleId, use.fen);
      }
    }
    return book;
  }

  /** How many grants each rule has made, and the fen it spent in its budget's current period. */
  async function sharedUse(tx: Db, shared: GrantRequest[]) {
    const budgetStart = (r: GrantRequest) => {
      const budget = r.rule!.limits.budget;
      return budget && budget.period !== 'total' ? periodStart(budget.period, r.at) : new Date(0);
    };
    const rows = await queryRows<{ id: string; n: string; fen: string }>(
      tx,
      sql`SELECT r.id::text, count(g.id)::text AS n, coalesce(sum(g.amount_fen) FILTER (WHERE g.created_at >= r.since), 0)::text AS fen
           FROM unnest(${sql.param(shared.map((r) => r.rule!.id))}::bigint[], ${sql.param(shared.map((r) => budgetStart(r).toISOString()))}::timestamptz[]) AS r(id, since)
           LEFT JOIN reward_grants g ON g.rule_id = r.id AND g.status <> 'over_budget'
           GROUP BY r.id`,
    );
    return rows.map((row) => ({ ruleId: Number(row.id), n: Number(row.n), fen: Number(row.fen) }));
  }

  const ownKeys = (rule: RuleRow, request: GrantRequest) => {
    const member = `${rule.id}:${request.memberId}`;
    return { member, period: `${member}:${grantPeriodKey(request)}` };
  };

  /** Whether the member's own limits on the rule (once, per period) still allow this request. */
  function ownLimitsAllow(book: LimitBook, request: GrantRequest): boolean {
    const rule = request.rule!;
    const { member, period } = ownKeys(rule, request);
    if (rule.limits.perMember && (book.perMember.get(member) ?? 0) >= rule.limits.perMember) return false;
    return !(rule.limits.perPeriod && (book.perPeriod.get(period) ?? 0) >= rule.limits.perPeriod.count);
  }

  /** The verdict on one request, taking what it grants out of the book so later requests see it. */
  function judge(book: LimitBook, request: GrantRequest): 'ok' | 'limit' | 'over_budget' {
    const rule = request.rule;
    if (!rule) return 'ok';
    const limits: Limits = rule.limits;
    const { member, period } = ownKeys(rule, request);
    if (!ownLimitsAllow(book, request)) return 'limit';
    if (limits.total && (book.total.get(rule.id) ?? 0) >= limits.total) return 'limit';
    const amountFen = rule.reward.kind === 'cash' ? rule.reward.amountFen : 0;
    if (limits.budget && rule.reward.kind === 'cash' && (book.spentFen.get(rule.id) ?? 0) + amountFen > limits.budget.amountFen) return 'over_budget';
    book.perMember.set(member, (book.perMember.get(member) ?? 0) + 1);
    book.perPeriod.set(period, (book.perPeriod.get(period) ?? 0) + 1);
    book.total.set(rule.id, (book.total.get(rule.id) ?? 0) + 1);
    book.spentFen.set(rule.id, (book.spentFen.get(rule.id) ?? 0) + amountFen);
    return 'ok';
  }

  async function insertGrants(tx: Db, rows: { request: GrantRequest; status: GrantStatus; data: Record<string, unknown>; amountFen: number }[]) {
    if (rows.length === 0) return new Map<string, GrantRow>();
    const bulk = bulkRows(rows, [
      ['rule_id', 'bigint', (r) => r.request.rule?.id ?? null],
      ['level', 'int', (r) => r.request.level ?? null],
      ['member_id', 'bigint', (r) => r.request.memberId],
      ['source_key', 'text', (r) => r.request.sourceKey],
      ['period_key', 'text', (r) => grantPeriodKey(r.request)],
      ['kind', 'text', (r) => r.request.reward.kind],
      ['status', 'text', (r) => r.status],
      ['amount_fen', 'bigint', (r) => r.amountFen],
      ['data', 'jsonb', (r) => r.data],
      ['created_at', 'timestamptz', (r) => r.request.at],
      ['updated_at', 'timestamptz', (r) => r.request.at],
    ]);
    // Only the ids come back: the rest of each row is what was sent, and parsing a batch's rows and
    // jsonb back is worker CPU spent for nothing.
    const inserted = await queryRows<{ id: string; source_key: string }>(tx, sql`INSERT INTO reward_grants ${bulk.names} ${bulk.select} ON CONFLICT (source_key) DO NOTHING RETURNING id::text, source_key`);
    const sent = new Map(rows.map((row) => [row.request.sourceKey, row]));
    return new Map(
      inserted.map(({ id, source_key: sourceKey }): [string, GrantRow] => {
        const { request, status, data, amountFen } = sent.get(sourceKey)!;
        const origin = { ruleId: request.rule?.id ?? null, level: request.level ?? null, memberId: request.memberId };
        return [sourceKey, { id: Number(id), ...origin, sourceKey, periodKey: grantPeriodKey(request), kind: request.reward.kind, status, amountFen, data, createdAt: request.at, updatedAt: request.at }];
      }),
    );
  }

  /**
   * Grants rewards in request order, a batch at a time. Answers, per request, the grant, or undefined
   * when nothing was granted (a replay, or a limit reached); over budget answers the over_budget row.
   */
  async function grantMany(tx: Db, requests: GrantRequest[]): Promise<(GrantRow | undefined)[]> {
    if (requests.length === 0) return [];
    const book = await readLimits(tx, requests);
    const toInsert = [];
    for (const request of requests) {
      const verdict = judge(book, request);
      if (verdict === 'limit') continue;
      const reward = request.reward;
      if (verdict === 'over_budget') toInsert.push({ request, status: 'over_budget' as const, data: { reason: 'the rule’s budget for this period is spent' }, amountFen: 0 });
      else toInsert.push({ request, status: reward.kind === 'gift' ? ('awaiting_address' as const) : ('granted' as const), data: grantData(reward, request.at), amountFen: reward.kind === 'cash' ? reward.amountFen : 0 });
    }
    const inserted = await insertGrants(tx, toInsert);
    const made = toInsert.filter((r) => inserted.has(r.request.sourceKey)).map((r) => ({ request: r.request, row: inserted.get(r.request.sourceKey)! }));
    const fulfilled = await fulfilMany(tx, made.filter((m) => m.row.status !== 'over_budget'));
    const final = new Map(made.map((m) => [m.row.id, fulfilled.get(m.row.id) ?? m.row]));
    const granted = made.map((m) => ({ grant: final.get(m.row.id)!, reward: m.request.reward }));
    for (const listener of listeners) if (granted.length > 0) await listener(tx, granted);
    return requests.map((request) => {
      const row = inserted.get(request.sourceKey);
      return row ? final.get(row.id) : undefined;
    });
  }

  /** Each kind of reward made real in one statement (two for codes and certificates, whose grants say what was drawn or issued). */
  async function fulfilMany(tx: Db, made: { request: GrantRequest; row: GrantRow }[]): Promise<Map<number, GrantRow>> {
    const out = new Map<number, GrantRow>();
    const of = <K extends Reward['kind']>(kind: K) => made.filter((m) => m.request.reward.kind === kind) as Made<K>[];
    const badgesMade = of('badge');
    if (badgesMade.length > 0) {
      const bulk = bulkRows(badgesMade, [
        ['member_id', 'bigint', (m) => m.row.memberId],
        ['code', 'text', (m) => m.request.reward.code],
        ['name', 'text', (m) => m.request.reward.name],
        ['icon', 'text', (m) => m.request.reward.icon],
        ['tier', 'text', (m) => m.request.reward.tier],
        ['grant_id', 'bigint', (m) => m.row.id],
        ['earned_at', 'timestamptz', (m) => m.request.at],
      ]);
      await tx.execute(sql`INSERT INTO badges ${bulk.names} ${bulk.select} ON CONFLICT DO NOTHING`);
    }
    await deps.ledger.postMany(
      tx,
      of('cash').map(({ request, row }) => ({
        key: `reward:${row.id}`,
        kind: 'reward.cash',
        memberId: row.memberId,
        refType: 'reward_grant',
        refId: row.id,
        memo: `红包：${request.rule?.name ?? (request.level !== undefined ? `升至 ${request.level} 级` : '奖励')}`,
        postings: [
          { account: { platform: 'reward_expense' as const }, amountFen: -request.reward.amountFen },
          { account: { memberId: row.memberId, kind: 'available' as const }, amountFen: request.reward.amountFen },
        ],
        at: request.at,
      })),
    );
    const privilegesMade = of('privilege');
    if (privilegesMade.length > 0) {
      // One row per member and privilege in the statement (an upsert may not touch a row twice): the latest expiry, or none, wins.
      const merged = new Map<string, { memberId: number; name: string; at: Date; expiresAt: Date | null; grantId: number }>();
      for (const m of privilegesMade) {
        const key = `${m.row.memberId}:${m.request.reward.name}`;
        const seen = merged.get(key);
        const expiresAt = privilegeExpiry(m.request.reward, m.request.at);
        if (!seen) merged.set(key, { memberId: m.row.memberId, name: m.request.reward.name, at: m.request.at, expiresAt, grantId: m.row.id });
        else seen.expiresAt = seen.expiresAt === null || expiresAt === null ? null : new Date(Math.max(seen.expiresAt.getTime(), expiresAt.getTime()));
      }
      const bulk = bulkRows([...merged.values()], [
        ['member_id', 'bigint', (p) => p.memberId],
        ['name', 'text', (p) => p.name],
        ['granted_at', 'timestamptz', (p) => p.at],
        ['expires_at', 'timestamptz', (p) => p.expiresAt],
        ['grant_id', 'bigint', (p) => p.grantId],
      ]);
      await tx.execute(sql`
        INSERT INTO privileges ${bulk.names} ${bulk.select}
        ON CONFLICT (member_id, name) WHERE revoked_at IS NULL
        DO UPDATE SET expires_at = CASE WHEN privileges.expires_at IS NULL OR EXCLUDED.expires_at IS NULL THEN NULL
                                        ELSE GREATEST(privileges.expires_at, EXCLUDED.expires_at) END`);
    }
    // Codes and certificates are known only once drawn or issued: their grants are completed in one UPDATE.
    const completed = [...(await codesDrawn(tx, of('code'))), ...(await certificatesIssued(tx, of('certificate')))];
    for (const row of await updateMany(tx, completed)) out.set(row.id, row);
    return out;
  }

  /** A code for each grant, drawn for all of them in one statement (see drawCodes); a grant whose pool ran dry says so. */
  async function codesDrawn(tx: Db, made: Made<'code'>[]): Promise<Change[]> {
    const codes = await drawCodes(tx, made.map(({ request, row }) => ({ grantId: row.id, memberId: row.memberId, poolId: request.reward.poolId, at: request.at })));
    return made.map(({ request, row }) => {
      const code = codes.get(row.id);
      return code === undefined
        ? { row, status: 'pool_empty', data: { ...row.data, problem: `code pool ${request.reward.poolId} is empty` } }
        : { row, status: 'granted', data: { ...row.data, code } };
    });
  }

  /** Certificates in the member's name as it is now, issued in one statement; the grant keeps the serial. */
  async function certificatesIssued(tx: Db, made: Made<'certificate'>[]): Promise<Change[]> {
    if (made.length === 0) return [];
    if (!deps.certificates) throw new Error('certificates are not wired');
    const profiles = await deps.members.sellerProfiles(made.map(({ row }) => row.memberId), tx);
    const nicknames = await deps.members.nicknamesOf([...profiles.values()].map((profile) => profile.userId), tx);
    const nameOf = (memberId: number) => nicknames.get(profiles.get(memberId)?.userId ?? 0) ?? '';
    const serials = await deps.certificates.issueMany(
      tx,
      made.map(({ request, row }) => ({ memberId: row.memberId, memberName: nameOf(row.memberId), title: request.reward.title, achievement: request.reward.achievement, grantId: row.id })),
    );
    return made.map(({ row }, i) => ({ row, status: 'granted', data: { ...row.data, serial: serials[i] } }));
  }

  async function updateMany(tx: Db, changes: Change[]): Promise<GrantRow[]> {
    if (changes.length === 0) return [];
    const bulk = bulkRows(changes, [
      ['id', 'bigint', (c) => c.row.id],
      ['status', 'text', (c) => c.status],
      ['data', 'jsonb', (c) => c.data],
    ]);
    const rows = await queryRows<Record<string, unknown>>(
      tx,
      sql`UPDATE reward_grants g SET status = v.status, data = v.data, updated_at = ${deps.clock.now()}
           FROM (${bulk.select}) AS v ${bulk.names}
           WHERE g.id = v.id
           RETURNING g.id::text, g.rule_id::text, g.level, g.member_id::text, g.source_key, g.period_key, g.kind, g.status, g.amount_fen::text, g.data, g.created_at, g.updated_at`,
    );
    return rows.map(grantRowOf);
  }

  async function update(tx: Db, row: GrantRow, status: GrantStatus, data: Record<string, unknown>): Promise<GrantRow> {
    const [updated] = await updateMany(tx, [{ row, status, data }]);
    return updated;
  }

  /** One request; see grantMany. */
  async function grant(tx: Db, request: GrantRequest): Promise<GrantRow | undefined> {
    return (await grantMany(tx, [request]))[0];
  }

  return {
    grant,
    grantMany,
    update,
    onGranted(listener: GrantListener) {
      listeners.push(listener);
    },
    /** Active privileges of a member (not revoked, not expired). */
    async activePrivileges(db: Db, memberId: number, at: Date) {
      const rows = await db.select().from(privileges).where(and(eq(privileges.memberId, memberId), isNull(privileges.revokedAt)));
      return rows.filter((row) => row.expiresAt === null || row.expiresAt > at);
    },
    /** Revokes every privilege a member still holds (removal, confirmed violation); the rows stay as history. */
    async revokeAll(db: Db, memberId: number, at: Date, reason: string): Promise<number> {
      const rows = await db
        .update(privileges)
        .set({ revokedAt: at, reason })
        .where(and(eq(privileges.memberId, memberId), isNull(privileges.revokedAt)))
        .returning({ id: privileges.id });
      return rows.length;
    },
  };
}

export type GrantsService = ReturnType<typeof createGrantsService>;
