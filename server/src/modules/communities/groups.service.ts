import { randomInt } from 'node:crypto';
import type { GroupBody, GroupKind, GroupView } from '@sharecircle/shared';
import type { Db } from '../../db/database';
import { codeForId } from '../../codes';
import { isUniqueViolation } from '../../db/errors';
import { AppError } from '../../http/app-error';
import { requireMember, type Principal } from '../../http/principal';
import { publish } from '../../outbox/outbox';
import { recordAudit } from '../audit';
import { isDistributing } from '../members';
import * as repo from './communities.repository';
import type { GroupRow, RightRow } from './communities.tables';
import type { CommunitiesDeps } from './deps';

/** Join codes are `g` + the group id in base 32 + 4 random characters: unique, short, inside WeChat's scene alphabet. */
const JOIN_CODE_PREFIX = 'g';
/** Binding refusals a group join reports instead of failing: the user still joined the group. */
const SOFT_BIND_REFUSALS = new Set(['SELF_REFERRAL', 'REFERRAL_CYCLE', 'UPLINE_INACTIVE', 'REFERRAL_CODE_UNKNOWN']);
/** How many linked customer groups one run of the WeCom sync reads. */
export const WECOM_SYNC_BATCH_MAX = 200;

export function groupView(group: GroupRow, right: RightRow | undefined): GroupView {
  return {
    id: group.id,
    kind: group.kind,
    name: group.name,
    joinCode: group.joinCode,
    referralCode: group.referralCode,
    ownerMemberId: group.ownerMemberId,
    size: group.size,
    sizeSource: group.sizeSource,
    sizeReportedAt: group.sizeReportedAt?.toISOString() ?? null,
    wecomChatId: group.wecomChatId,
    createdAt: group.createdAt.toISOString(),
    admin: right
      ? { rightId: right.id, memberId: right.memberId, scope: right.scope, grantedAt: right.grantedAt.toISOString(), expiresAt: right.expiresAt?.toISOString() ?? null }
      : null,
  };
}

/**
 * Groups members own (`own`: their private group of the brand's fans) or that serve the brand's
 * customers (`customer`, usually a WeCom customer group). A group's size is reported by its member or
 * read from WeCom; an own group's report publishes group.size.reported for the reward engine, carrying
 * the total of the member's own groups (the counter is "own group size", and two groups of ten are
 * twenty people reached). Each group has a join code: joining with it binds the user to the group's
 * member under the brand's binding policy.
 */
export function createGroupsService(deps: CommunitiesDeps) {
  const { db, clock } = deps;

  const viewsOf = async (tx: Db, groups: GroupRow[]) => {
    const rights = await repo.activeRightsOfGroups(tx, groups.map((group) => group.id));
    return groups.map((group) => groupView(group, rights.get(group.id)));
  };

  async function insert(tx: Db, input: { kind: GroupKind; name: string; owner: { id: number; referralCode: string } | null; wecomChatId: string | null; actorUserId: number }) {
    const id = await repo.nextGroupId(tx);
    const at = clock.now();
    try {
      const group = await repo.insertGroup(tx, {
        id,
        kind: input.kind,
        name: input.name,
        ownerMemberId: input.owner?.id ?? null,
        referralCode: input.owner?.referralCode ?? null,
        joinCode: codeForId(id, randomInt, JOIN_CODE_PREFIX),
        wecomChatId: input.wecomChatId,
        size: 0,
        createdBy: input.actorUserId,
        createdAt: at,
      });
      await recordAudit(tx, { actorUserId: input.actorUserId, action: 'group.registered', subjectType: 'group', subjectId: group.id, data: { kind: group.kind, ownerMemberId: group.ownerMemberId, wecomChatId: group.wecomChatId }, at });
      return group;
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError('CONFLICT', `the WeCom group ${input.wecomChatId} is already registered`);
      throw error;
    }
  }

  /** The member's own group, locked; another member's group is not found (it is none of their business). */
  async function ownedGroup(tx: Db, memberId: number, groupId: number): Promise<GroupRow> {
    const group = await repo.groupById(tx, groupId, true);
    if (!group || group.ownerMemberId !== memberId) throw new AppError('GROUP_NOT_FOUND', `you have no group ${groupId}`);
    return group;
  }

  async function recordSize(tx: Db, group: GroupRow, size: number, source: 'member' | 'wecom', reportedBy: number | null): Promise<GroupRow> {
    const updated = await repo.recordSize(tx, group.id, { size, source, reportedBy, at: clock.now() });
    if (updated.kind === 'own' && updated.ownerMemberId !== null) {
      const total = await repo.ownGroupsSize(tx, updated.ownerMemberId);
      await publish(tx, clock, { type: 'group.size.reported', memberId: updated.ownerMemberId, payload: { groupId: updated.id, groupSize: size, size: total } });
    }
    return updated;
  }

  async function syncOne(group: GroupRow) {
    if (!group.wecomChatId) throw new AppError('GROUP_NOT_LINKED', `group ${group.id} is not linked to a WeCom customer group`);
    if (!deps.wecom) throw new AppError('WECOM_UNAVAILABLE', 'WeCom is not configured (WECOM_CORP_ID, WECOM_SECRET)');
    const chat = await deps.wecom.groupChat(group.wecomChatId);
    return db.transaction(async (tx) => {
      const locked = (await repo.groupById(tx, group.id, true))!;
      const updated = await recordSize(tx, locked, chat.memberCount, 'wecom', null);
      return { group: updated, chat };
    });
  }

  return {
    /** A member registers a group they run. */
    register: (principal: Principal, body: GroupBody) =>
      db.transaction(async (tx) => {
        const member = await deps.members.lockMember(tx, requireMember(principal).id);
        if (!member || !isDistributing(member.status)) throw new AppError('MEMBER_NOT_ACTIVE', 'your membership is not active');
        const group = await insert(tx, { kind: body.kind, name: body.name, owner: { id: member.id, referralCode: member.referralCode }, wecomChatId: body.wecomChatId ?? null, actorUserId: principal.userId });
        return groupView(group, undefined);
      }),

    /** A community manager registers one of the brand's customer groups; no member owns it. */
    registerCustomerGroup: (actorUserId: number, body: { name: string; wecomChatId?: string }) =>
      db.transaction(async (tx) => groupView(await insert(tx, { kind: 'customer', name: body.name, owner: null, wecomChatId: body.wecomChatId ?? null, actorUserId }), undefined)),

    /** The group's member reports how many people it has. */
    reportSize: (principal: Principal, groupId: number, size: number) =>
      db.transaction(async (tx) => {
        const member = requireMember(principal);
        const group = await ownedGroup(tx, member.id, groupId);
        if (!isDistributing(member.status)) throw new AppError('MEMBER_NOT_ACTIVE', 'your membership is not active');
        const updated = await recordSize(tx, group, size, 'member', principal.userId);
        return groupView(updated, await repo.activeRightOfGroup(tx, groupId));
      }),

    /** Reads a linked customer group's size from WeCom (groupchat/get) and records it. */
    async syncFromWecom(groupId: number) {
      const group = await repo.groupById(db, groupId);
      if (!group) throw new AppError('GROUP_NOT_FOUND', `there is no group ${groupId}`);
      const { group: updated } = await syncOne(group);
      return groupView(updated, await repo.activeRightOfGroup(db, groupId));
    },

    /** The sync job: the least recently sized linked groups first; one failing group does not stop the rest. */
    async syncAllFromWecom(options: { batchSize: number }) {
      if (!deps.wecom) return { skipped: 'WeCom is not configured' };
      let synced = 0;
      const failed: { groupId: number; error: string }[] = [];
      for (const group of await repo.linkedGroups(db, Math.min(options.batchSize, WECOM_SYNC_BATCH_MAX))) {
        try {
          await syncOne(group);
          synced += 1;
        } catch (error) {
          failed.push({ groupId: group.id, error: (error as Error).message });
        }
      }
      return { synced, failed };
    },

    /**
     * Someone joins through a group's code: the join is recorded and the user is bound to the group's
     * member (an own group's owner; a customer group's admin, else its owner) with source `group`, under
     * the brand's policy (an earlier binding the policy keeps stays: `kept`). A binding the rules refuse
     * (their own code, a loop, an inactive member) is reported, not an error: they did join the group.
     */
    join: (userId: number, code: string) =>
      db.transaction(async (tx) => {
        const group = await repo.groupByJoinCode(tx, code);
        if (!group) throw new AppError('GROUP_NOT_FOUND', `no group has the join code ${code}`);
        const right = group.kind === 'customer' ? await repo.activeRightOfGroup(tx, group.id) : undefined;
        const target = right ? { memberId: right.memberId, code: right.referralCode } : group.ownerMemberId !== null && group.referralCode ? { memberId: group.ownerMemberId, code: group.referralCode } : null;
        let binding: { outcome: 'bound' | 'kept' | 'none' | 'refused'; memberId: number | null; code: string | null } = { outcome: 'none', memberId: null, code: null };
        if (target && (await deps.members.sellerProfile(target.memberId, tx))?.userId !== userId) {
          try {
            const outcome = await deps.bindings.bind(tx, { userId, referralCode: target.code, source: 'group', actorUserId: userId, reason: `joined group ${group.id}`, onKept: 'keep' });
            binding = outcome.binding.memberId === target.memberId ? { outcome: 'bound', memberId: target.memberId, code: null } : { outcome: 'kept', memberId: outcome.binding.memberId, code: null };
          } catch (error) {
            if (!(error instanceof AppError) || !SOFT_BIND_REFUSALS.has(error.code)) throw error;
            binding = { outcome: 'refused', memberId: null, code: error.code };
          }
        }
        await repo.recordJoin(tx, { groupId: group.id, userId, joinedAt: clock.now(), boundMemberId: binding.outcome === 'bound' ? binding.memberId : null });
        return { group: { id: group.id, name: group.name, kind: group.kind }, binding };
      }),

    async mine(memberId: number) {
      return viewsOf(db, await repo.groupsOfOwner(db, memberId));
    },

    async list(filter: { kind?: GroupKind }) {
      return viewsOf(db, await repo.groupsPage(db, filter));
    },
  };
}

export type GroupsService = ReturnType<typeof createGroupsService>;
