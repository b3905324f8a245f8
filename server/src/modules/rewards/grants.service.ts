import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Limits, Reward } from '@sharecircle/shared';
import type { Db } from '../../db/database';
import { queryRows } from '../../db/database';
import { addDays, type Clock } from '../../clock';
import type { LedgerService } from '../ledger';
import { periodKey, periodStart } from './periods';
import { RetryLater } from '../../outbox/outbox';
import { isLockNotAvailable } from '../../db/errors';
import { badges, poolCodes, privileges, rewardGrants, type GrantRow, type GrantStatus, type RuleRow } from './rewards.tables';

/** Issues certificates; provided by the certificates module when it is wired. */
export interface CertificateIssuer {
  issue(tx: Db, input: { memberId: number; memberName: string; title: string; achievement: string; grantId: number }): Promise<{ serial: string }>;
}

export interface GrantRequest {
  memberId: number;
  memberName: string;
  reward: Reward;
  /** Unique forever: a second request with the same key grants nothing. */
  sourceKey: string;
  rule?: RuleRow;
  level?: number;
  at: Date;
}

export type GrantListener = (tx: Db, grant: GrantRow, reward: Reward) => Promise<void>;

/**
 * Makes one reward real, exactly once: the grant row's unique source key makes a replayed event a
 * no-op, and the rule's limits are counted under a lock on the rule row, so two workers cannot both
 * take the last grant or the last fen of a budget.
 */
export function createGrantsService(deps: { clock: Clock; ledger: LedgerService; certificates?: CertificateIssuer }) {
  const listeners: GrantListener[] = [];

  /**
   * Per-member limits need no lock: one outbox worker handles all of a member's events, in order.
   * Limits shared by all members (total, budget) lock the rule row, without waiting: under contention
   * the event is retried on the next dispatch instead of two workers deadlocking on each other's rules.
   */
  async function withinLimits(tx: Db, rule: RuleRow, memberId: number, at: Date): Promise<'ok' | 'limit' | 'over_budget'> {
    const limits: Limits = rule.limits;
    if (Object.keys(limits).length === 0) return 'ok';
    const counted = (where: ReturnType<typeof sql>) =>
      queryRows<{ n: string; fen: string }>(
        tx,
        sql`SELECT count(*)::text AS n, coalesce(sum(amount_fen), 0)::text AS fen FROM reward_grants WHERE rule_id = ${rule.id} AND status <> 'over_budget' AND ${where}`,
      ).then(([row]) => ({ n: Number(row.n), fen: Number(row.fen) }));
    if (limits.perMember && (await counted(sql`member_id = ${memberId}`)).n >= limits.perMember) return 'limit';
    if (limits.perPeriod && (await counted(sql`member_id = ${memberId} AND period_key = ${periodKey(limits.perPeriod.period, at)}`)).n >= limits.perPeriod.count) return 'limit';
    const shared = limits.total !== undefined || (limits.budget !== undefined && rule.reward.kind === 'cash');
    if (!shared) return 'ok';
    try {
      await tx.transaction((savepoint) => savepoint.execute(sql`SELECT id FROM reward_rules WHERE id = ${rule.id} FOR UPDATE NOWAIT`));
    } catch (error) {
      if (isLockNotAvailable(error)) throw new RetryLater(`reward rule ${rule.id} is busy`);
      throw error;
    }
    if (limits.total && (await counted(sql`true`)).n >= limits.total) return 'limit';
    if (limits.budget && rule.reward.kind === 'cash') {
      const spent = limits.budget.period === 'total' ? await counted(sql`true`) : await counted(sql`created_at >= ${periodStart(limits.budget.period, at)}`);
      if (spent.fen + rule.reward.amountFen > limits.budget.amountFen) return 'over_budget';
    }
    return 'ok';
  }

  async function insertGrant(tx: Db, request: GrantRequest, status: GrantStatus, data: Record<string, unknown>, amountFen: number) {
    const [row] = await tx
      .insert(rewardGrants)
      .values({
        ruleId: request.rule?.id ?? null,
        level: request.level ?? null,
        memberId: request.memberId,
        sourceKey: request.sourceKey,
        periodKey: request.rule?.limits.perPeriod ? periodKey(request.rule.limits.perPeriod.period, request.at) : periodKey('day', request.at),
        kind: request.reward.kind,
        status,
        amountFen,
        data,
        createdAt: request.at,
        updatedAt: request.at,
      })
      .onConflictDoNothing({ target: rewardGrants.sourceKey })
      .returning();
    return row;
  }

  /** Answers the grant, or undefined when nothing was granted (a replay, or a limit reached). */
  async function grant(tx: Db, request: GrantRequest): Promise<GrantRow | undefined> {
    if (request.rule) {
      const verdict = await withinLimits(tx, request.rule, request.memberId, request.at);
      if (verdict === 'limit') return undefined;
      if (verdict === 'over_budget') return insertGrant(tx, request, 'over_budget', { reason: 'the rule’s budget for this period is spent' }, 0);
    }
    const reward = request.reward;
    const initial: GrantStatus = reward.kind === 'gift' ? 'awaiting_address' : 'granted';
    const row = await insertGrant(tx, request, initial, { ...reward }, reward.kind === 'cash' ? reward.amountFen : 0);
    if (!row) return undefined;
    const fulfilled = await fulfil(tx, row, request);
    for (const listener of listeners) await listener(tx, fulfilled, reward);
    return fulfilled;
  }

  async function fulfil(tx: Db, row: GrantRow, request: GrantRequest): Promise<GrantRow> {
    const reward = request.reward;
    const at = request.at;
    switch (reward.kind) {
      case 'badge':
        await tx
          .insert(badges)
          .values({ memberId: row.memberId, code: reward.code, name: reward.name, icon: reward.icon, tier: reward.tier, grantId: row.id, earnedAt: at })
          .onConflictDoNothing();
        return row;
      case 'cash':
        await deps.ledger.post(tx, {
          key: `reward:${row.id}`,
          kind: 'reward.cash',
          memberId: row.memberId,
          refType: 'reward_grant',
          refId: row.id,
          memo: `Red packet: ${request.rule?.name ?? (request.level !== undefined ? `level ${request.level}` : request.sourceKey)}`,
          postings: [
            { account: { platform: 'reward_expense' }, amountFen: -reward.amountFen },
            { account: { memberId: row.memberId, kind: 'available' }, amountFen: reward.amountFen },
          ],
          at,
        });
        return row;
      case 'code': {
        // The next free code, locked so two grants never draw the same one; a code goes to one member only.
        const [free] = await tx
          .select({ id: poolCodes.id, code: poolCodes.code })
          .from(poolCodes)
          .where(and(eq(poolCodes.poolId, reward.poolId), isNull(poolCodes.memberId)))
          .orderBy(asc(poolCodes.id))
          .limit(1)
          .for('update', { skipLocked: true });
        if (!free) return update(tx, row, 'pool_empty', { ...row.data, problem: `code pool ${reward.poolId} is empty` });
        await tx.update(poolCodes).set({ memberId: row.memberId, grantId: row.id, grantedAt: at }).where(eq(poolCodes.id, free.id));
        return update(tx, row, 'granted', { ...row.data, code: free.code });
      }
      case 'gift':
        return row;
      case 'certificate': {
        if (!deps.certificates) throw new Error('certificates are not wired');
        const { serial } = await deps.certificates.issue(tx, { memberId: row.memberId, memberName: request.memberName, title: reward.title, achievement: reward.achievement, grantId: row.id });
        return update(tx, row, 'granted', { ...row.data, serial });
      }
      case 'privilege': {
        const expiresAt = reward.days ? addDays(at, reward.days) : null;
        await tx.execute(sql`
          INSERT INTO privileges (member_id, name, granted_at, expires_at, grant_id)
          VALUES (${row.memberId}, ${reward.name}, ${at}, ${expiresAt}, ${row.id})
          ON CONFLICT (member_id, name) WHERE revoked_at IS NULL
          DO UPDATE SET expires_at = CASE WHEN privileges.expires_at IS NULL OR EXCLUDED.expires_at IS NULL THEN NULL
                                          ELSE GREATEST(privileges.expires_at, EXCLUDED.expires_at) END`);
        return update(tx, row, 'granted', { ...row.data, expiresAt: expiresAt?.toISOString() ?? null });
      }
    }
  }

  async function update(tx: Db, row: GrantRow, status: GrantStatus, data: Record<string, unknown>): Promise<GrantRow> {
    const [updated] = await tx.update(rewardGrants).set({ status, data, updatedAt: deps.clock.now() }).where(eq(rewardGrants.id, row.id)).returning();
    return updated;
  }

  return {
    grant,
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
