import type { RemovalCause } from '@sharecircle/shared';
import type { Db } from '../../db/database';
import type { Clock } from '../../clock';
import { AppError } from '../../http/app-error';
import { recordAudit } from '../audit';
import { isDistributing, type MembersService } from '../members';
import type { NotificationsService } from '../notifications';
import type { Rewards } from '../rewards';
import * as repo from './discipline.repository';
import { handoverNotice, removalNotice, restoredNotice } from './discipline-messages';
import type { HandoverRow, RemovalRow } from './discipline.tables';

export interface RemoveInput {
  memberId: number;
  /** Shown to the member in the removal notice. */
  reason: string;
  /** null when the system acted (an assessment). */
  actorUserId: number | null;
  cause: RemovalCause;
}

/** What listeners hear when a member stops being a distributor (removal, or a confirmed violation). */
export interface RemovedMember {
  /** null when a violation banned a member who had no standing removal. */
  removalId: number | null;
  memberId: number;
  userId: number;
  cause: RemovalCause;
  reason: string;
  actorUserId: number | null;
  at: Date;
}

/** Runs inside the removing transaction, e.g. to revoke group-admin rights. */
export type RemovalListener = (tx: Db, removed: RemovedMember) => Promise<void>;

export interface RemovalsDeps {
  clock: Clock;
  members: MembersService;
  notifications: Pick<NotificationsService, 'notify'>;
  privileges: Pick<Rewards['grants'], 'revokeAll'>;
}

type BindingFields = NonNullable<Parameters<MembersService['putBinding']>[2]>;

/** How far up a chain of inactive uplines the handover looks for a working distributor. */
const HANDOVER_SEARCH_HOPS_MAX = 20;

/**
 * Removal ends a member's distributor status, in the caller's transaction: the status (with history),
 * a removal row with the handover snapshot, every binding that pointed at the member handed to the
 * member's own nearest working upline (or dropped: a KOS's customers stay with the store), each handover
 * audited and its user told, the member told why, privileges revoked and the listeners run. Commission
 * already earned stays pending and settles; the commission module pays no distributor who is not working.
 * Since L2 is the L1's own binding, moving a downline one step up keeps every chain at two tiers.
 */
export function createRemovalsService(deps: RemovalsDeps) {
  const { clock } = deps;
  const listeners: RemovalListener[] = [];

  /** The removed member's nearest upline who is still a working distributor, if any. */
  async function handoverTarget(tx: Db, memberId: number): Promise<{ id: number; userId: number } | null> {
    const seen = new Set([memberId]);
    let uplineId = (await deps.members.sellerProfile(memberId, tx))?.uplineMemberId ?? null;
    for (let hops = 0; hops < HANDOVER_SEARCH_HOPS_MAX && uplineId !== null && !seen.has(uplineId); hops += 1) {
      seen.add(uplineId);
      const upline = await deps.members.sellerProfile(uplineId, tx);
      if (!upline) return null;
      if (isDistributing(upline.status)) return { id: upline.id, userId: upline.userId };
      uplineId = upline.uplineMemberId;
    }
    return null;
  }

  /** Privileges go and every listener (group-admin rights, ...) runs, in the caller's transaction. */
  async function revokeRights(tx: Db, removed: RemovedMember): Promise<void> {
    await deps.privileges.revokeAll(tx, removed.memberId, removed.at, removed.reason);
    for (const listener of listeners) await listener(tx, removed);
  }

  async function removeMember(tx: Db, input: RemoveInput, options: { notifyMember: boolean }): Promise<{ removal: RemovalRow; created: boolean }> {
    const member = await deps.members.lockMember(tx, input.memberId);
    if (!member) throw new AppError('MEMBER_NOT_FOUND', `there is no member ${input.memberId}`);
    if (!isDistributing(member.status)) {
      const standing = await repo.standingRemoval(tx, member.id);
      if (standing && (member.status === 'removed' || member.status === 'banned')) return { removal: standing, created: false };
      throw new AppError('STATUS_TRANSITION_INVALID', `member ${member.id} is ${member.status}, not a working distributor`);
    }
    const at = clock.now();
    await deps.members.setStatusIn(tx, { memberId: member.id, to: 'removed', reason: input.reason, actorUserId: input.actorUserId });
    const target = await handoverTarget(tx, member.id);
    const storeId = target === null && member.type === 'kos' ? member.storeId : null;
    const removal = await repo.insertRemoval(tx, {
      memberId: member.id,
      cause: input.cause,
      reason: input.reason,
      actorUserId: input.actorUserId,
      removedAt: at,
      toMemberId: target?.id ?? null,
      storeId,
    });

    const bound = await deps.members.lockBindings(tx, { memberId: member.id });
    const handovers: HandoverRow[] = [];
    for (const binding of bound) {
      // A binding to the target's own user would be a self-referral: drop it instead (it cannot happen without a loop).
      const toMemberId = target && target.userId !== binding.userId ? target.id : null;
      await deps.members.putBinding(tx, binding.userId, toMemberId === null ? null : { memberId: toMemberId, source: 'handover', boundAt: at, expiresAt: binding.expiresAt });
      handovers.push({
        removalId: removal.id,
        userId: binding.userId,
        fromMemberId: member.id,
        fromSource: binding.source,
        fromBoundAt: binding.boundAt,
        expiresAt: binding.expiresAt,
        toMemberId,
        restoredAt: null,
      });
      await recordAudit(tx, {
        actorUserId: input.actorUserId,
        action: 'binding.handover',
        subjectType: 'user',
        subjectId: binding.userId,
        data: { removalId: removal.id, fromMemberId: member.id, toMemberId, storeId, cause: input.cause },
        reason: input.reason,
        at,
      });
      await deps.notifications.notify(tx, {
        userId: binding.userId,
        kind: 'generic',
        ...handoverNotice(toMemberId !== null ? 'upline' : storeId !== null ? 'store' : 'none'),
        data: { removalId: removal.id, toMemberId, storeId },
        dedupeKey: `removal:${removal.id}:handover:${binding.userId}`,
      });
    }
    await repo.insertHandovers(tx, handovers);
    await recordAudit(tx, {
      actorUserId: input.actorUserId,
      action: 'member.removed',
      subjectType: 'member',
      subjectId: member.id,
      data: { removalId: removal.id, cause: input.cause, toMemberId: target?.id ?? null, storeId, handedOver: handovers.length },
      reason: input.reason,
      at,
    });
    if (options.notifyMember) {
      await deps.notifications.notify(tx, {
        userId: member.userId,
        kind: 'generic',
        ...removalNotice(input.reason, input.cause !== 'violation'),
        data: { removalId: removal.id, cause: input.cause },
        dedupeKey: `removal:${removal.id}:notice`,
      });
    }
    await revokeRights(tx, { removalId: removal.id, memberId: member.id, userId: member.userId, cause: input.cause, reason: input.reason, actorUserId: input.actorUserId, at });
    return { removal, created: true };
  }

  /**
   * An upheld appeal: the member is active again and every handed-over binding still pointing where the
   * handover put it comes back (one that would now close a loop stays); each audited and its user told.
   * The caller has locked the member and checked they are removed.
   */
  async function reverse(tx: Db, removal: RemovalRow, input: { actorUserId: number; reason: string; appealId: number }) {
    const at = clock.now();
    await deps.members.setStatusIn(tx, { memberId: removal.memberId, to: 'active', reason: input.reason, actorUserId: input.actorUserId });
    const handovers = await repo.handoversOf(tx, removal.id);
    const current = new Map((await deps.members.lockBindings(tx, { userIds: handovers.map((h) => h.userId) })).map((b) => [b.userId, b]));
    let restored = 0;
    for (const handover of handovers) {
      const now = current.get(handover.userId);
      const untouched = handover.toMemberId === null ? now === undefined : now?.memberId === handover.toMemberId;
      if (!untouched || handover.restoredAt) continue;
      const ownMemberId = await deps.members.memberIdByUserId(handover.userId, tx);
      if (ownMemberId !== undefined && (await deps.members.isInUplineChain(tx, removal.memberId, ownMemberId))) continue;
      await deps.members.putBinding(tx, handover.userId, {
        memberId: removal.memberId,
        source: handover.fromSource as BindingFields['source'],
        boundAt: handover.fromBoundAt,
        expiresAt: handover.expiresAt,
      });
      await repo.markHandoverRestored(tx, removal.id, handover.userId, at);
      await recordAudit(tx, {
        actorUserId: input.actorUserId,
        action: 'binding.restored',
        subjectType: 'user',
        subjectId: handover.userId,
        data: { removalId: removal.id, appealId: input.appealId, fromMemberId: handover.toMemberId, toMemberId: removal.memberId },
        reason: input.reason,
        at,
      });
      await deps.notifications.notify(tx, {
        userId: handover.userId,
        kind: 'generic',
        ...restoredNotice(),
        data: { removalId: removal.id, memberId: removal.memberId },
        dedupeKey: `removal:${removal.id}:restored:${handover.userId}`,
      });
      restored += 1;
    }
    await repo.markRemovalReversed(tx, removal.id, at);
    return { restored, skipped: handovers.length - restored };
  }

  return {
    /**
     * Removes a working distributor inside the caller's transaction (assessments, HQ, violations).
     * A member already removed or banned answers their standing removal with created: false;
     * any other non-working status is STATUS_TRANSITION_INVALID.
     */
    remove: (tx: Db, input: RemoveInput) => removeMember(tx, input, { notifyMember: true }),
    removeMember,
    revokeRights,
    reverse,
    /** Registers a listener run in every removing transaction (e.g. communities revoking group-admin rights). */
    onRemoved(listener: RemovalListener): void {
      listeners.push(listener);
    },
  };
}

export type RemovalsService = ReturnType<typeof createRemovalsService>;
