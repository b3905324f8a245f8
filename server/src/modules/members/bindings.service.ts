import { sql } from 'drizzle-orm';
import type { Settings } from '@sharecircle/shared';
import type { Db } from '../../db/database';
import { addDays, type Clock } from '../../clock';
import { AppError } from '../../http/app-error';
import { recordAudit } from '../audit';
import type { SettingsService } from '../settings';
import * as repo from './members.repository';
import { isDistributing } from './member-rules';
import type { BindingRow, BindingSource } from './members.tables';

export interface BindRequest {
  userId: number;
  referralCode: string;
  source: BindingSource;
  actorUserId: number | null;
  reason?: string;
  /**
   * What to do when the policy keeps an existing binding to someone else: `error` answers ALREADY_BOUND
   * (an explicit bind request), `keep` quietly leaves it (joining keeps the upline you already had).
   * An HQ rebind ignores the policy.
   */
  onKept: 'error' | 'keep';
}

export type BindOutcome = { binding: BindingRow; changed: boolean };

/**
 * Referral binding: who brought a user in. The brand's policy decides whether a later code replaces
 * an earlier one (permanent / expiring / override); every change is audited; the tree never forms a cycle.
 */
export function createBindingsService(deps: { db: Db; clock: Clock; settings: SettingsService }) {
  const { db, clock } = deps;

  /** Runs inside the caller's transaction. */
  async function bind(tx: Db, request: BindRequest): Promise<BindOutcome> {
    const referrer = await repo.memberByReferralCode(tx, request.referralCode);
    if (!referrer) throw new AppError('REFERRAL_CODE_UNKNOWN', `no member has the referral code ${request.referralCode}`);
    if (referrer.userId === request.userId) throw new AppError('SELF_REFERRAL', 'you cannot use your own referral code');
    if (!isDistributing(referrer.status)) {
      throw new AppError('UPLINE_INACTIVE', 'the member whose code this is is not an active distributor');
    }
    const self = await repo.memberByUserId(tx, request.userId);
    if (self) {
      // Only an existing member can close a loop; one tree-wide lock makes the check and the write atomic.
      await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('sharecircle:referral-tree'))`);
      if (await repo.isInUplineChain(tx, referrer.id, self.id)) {
        throw new AppError('REFERRAL_CYCLE', 'that member is already in your own team; binding would make a loop');
      }
    }
    const settings = await deps.settings.get(tx);
    const now = clock.now();
    const wanted: BindingRow = {
      userId: request.userId,
      memberId: referrer.id,
      source: request.source,
      boundAt: now,
      expiresAt: settings.binding.policy === 'expiring' ? addDays(now, settings.binding.expiryDays) : null,
    };

    let existing = await repo.bindingOf(tx, request.userId, true);
    if (!existing) {
      const inserted = await repo.insertBindingIfAbsent(tx, wanted);
      if (inserted) {
        await audit(tx, request, undefined, inserted);
        return { binding: inserted, changed: true };
      }
      existing = (await repo.bindingOf(tx, request.userId, true))!;
    }
    if (existing.memberId === referrer.id) return { binding: existing, changed: false };
    if (request.source !== 'admin' && !policyAllowsRebind(settings, existing, now)) {
      if (request.onKept === 'keep') return { binding: existing, changed: false };
      throw new AppError('ALREADY_BOUND', 'you are already bound to another member', undefined, {
        boundTo: { memberId: existing.memberId, expiresAt: existing.expiresAt?.toISOString() ?? null },
      });
    }
    await repo.replaceBinding(tx, wanted);
    await audit(tx, request, existing, wanted);
    return { binding: wanted, changed: true };
  }

  async function audit(tx: Db, request: BindRequest, before: BindingRow | undefined, after: BindingRow) {
    await recordAudit(tx, {
      actorUserId: request.actorUserId,
      action: before ? 'binding.changed' : 'binding.created',
      subjectType: 'user',
      subjectId: request.userId,
      data: { fromMemberId: before?.memberId ?? null, toMemberId: after.memberId, source: request.source },
      reason: request.reason,
      at: after.boundAt,
    });
  }

  /** Deletes bindings whose time ran out, in batches; safe to run twice or concurrently. */
  async function expireBindings(options: { batchSize: number }): Promise<{ expired: number }> {
    let expired = 0;
    for (;;) {
      const count = await db.transaction(async (tx) => {
        const due = await repo.lockExpiredBindings(tx, clock.now(), options.batchSize);
        for (const binding of due) {
          await repo.deleteBinding(tx, binding.userId);
          await recordAudit(tx, {
            actorUserId: null,
            action: 'binding.expired',
            subjectType: 'user',
            subjectId: binding.userId,
            data: { fromMemberId: binding.memberId, expiresAt: binding.expiresAt!.toISOString() },
            at: clock.now(),
          });
        }
        return due.length;
      });
      expired += count;
      if (count < options.batchSize) return { expired };
    }
  }

  return {
    bind,
    expireBindings,
    /** A buyer binds themselves as a customer of the member whose code they scanned. */
    bindCustomer: (userId: number, referralCode: string) =>
      db.transaction((tx) => bind(tx, { userId, referralCode, source: 'scan', actorUserId: userId, onKept: 'error' })),
    /**
     * A buyer orders through a member's shared link, in the order's transaction: bound as that member's
     * customer where the policy allows (a binding the policy keeps is kept). A code that cannot bind
     * (unknown, their own, an inactive member, a loop) is passed over: it is never why an order fails.
     */
    async bindFromOrder(tx: Db, userId: number, referralCode: string): Promise<void> {
      try {
        // A savepoint: a refused code leaves the order's transaction as it was.
        await tx.transaction((savepoint) => bind(savepoint, { userId, referralCode, source: 'scan', actorUserId: userId, onKept: 'keep' }));
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
      }
    },
    /** HQ moves a user to another referrer by hand, whatever the policy. */
    adminRebind: (actorUserId: number, userId: number, referralCode: string, reason: string) =>
      db.transaction((tx) => bind(tx, { userId, referralCode, source: 'admin', actorUserId, reason, onKept: 'error' })),
    bindingOf: (userId: number) => repo.bindingOf(db, userId),
  };
}

export type BindingsService = ReturnType<typeof createBindingsService>;

function policyAllowsRebind(settings: Settings, existing: BindingRow, now: Date): boolean {
  switch (settings.binding.policy) {
    case 'permanent':
      return false;
    case 'override':
      return true;
    case 'expiring':
      return existing.expiresAt !== null && existing.expiresAt.getTime() <= now.getTime();
  }
}

