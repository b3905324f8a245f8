import { GROUP_ADMIN_REQUIRED_LEVEL_DEFAULT, type GroupAdminScope, type RevokeCause } from '@sharecircle/shared';
import type { Db } from '../../db/database';
import { isUniqueViolation } from '../../db/errors';
import { AppError } from '../../http/app-error';
import { hasRole, type Principal } from '../../http/principal';
import type { OutboxEvent } from '../../outbox/outbox.tables';
import { recordAudit } from '../audit';
import type { RemovedMember } from '../discipline';
import * as repo from './communities.repository';
import { addAdminInstruction, grantedNotice, managerRevokedNotice, removeAdminInstruction, revokedNotice } from './communities-messages';
import type { ChecklistRow, RightRow } from './communities.tables';
import { nicknameOf, type CommunitiesDeps } from './deps';

export const ELIGIBILITY_PRIVILEGE = 'group_admin_eligible';

export interface GrantBody {
  memberId: number;
  scope: GroupAdminScope;
  expiresAt?: string;
  requiredLevel?: number;
}

interface Revocation {
  cause: RevokeCause;
  reason: string | null;
  /** null when the system acted (a job, a demotion). */
  actorUserId: number | null;
}

export const checklistView = (row: ChecklistRow) => ({
  id: row.id,
  kind: row.kind,
  assigneeUserId: row.assigneeUserId,
  groupId: row.groupId,
  trainingGroupId: row.trainingGroupId,
  groupName: row.groupName,
  memberId: row.memberId,
  newName: row.newName,
  instruction: row.instruction,
  createdAt: row.createdAt.toISOString(),
  doneAt: row.doneAt?.toISOString() ?? null,
});

/**
 * Group-admin rights over the brand's customer groups. WeChat has no API that sets group admins, so the
 * right is recorded and enforced here (an order through the group credits its holder) and every grant
 * and revocation lands on the granting manager's checklist of changes to make in the WeChat client.
 * One holder per group at a time (a unique index), so an order through a group has one seller.
 *
 * A right goes automatically, each time audited and told to the member and to the manager who granted
 * it: on removal or a confirmed violation (discipline's onRemoved), on a demotion below the level the
 * grant requires (level.changed with reason `demotion`), and when it expires (the group-admins.expire job).
 * Nothing brings a right back by itself (an upheld appeal, a promotion): a manager grants it again.
 */
export function createAdminRightsService(deps: CommunitiesDeps) {
  const { db, clock } = deps;

  async function rightView(tx: Db, right: RightRow) {
    const group = await repo.groupById(tx, right.groupId);
    const profile = await deps.members.sellerProfile(right.memberId, tx);
    return {
      id: right.id,
      groupId: right.groupId,
      groupName: group?.name ?? '',
      memberId: right.memberId,
      nickname: profile ? await nicknameOf(deps, tx, profile.userId) : '',
      scope: right.scope,
      requiredLevel: right.requiredLevel,
      grantedBy: right.grantedBy,
      grantedAt: right.grantedAt.toISOString(),
      expiresAt: right.expiresAt?.toISOString() ?? null,
      revokedAt: right.revokedAt?.toISOString() ?? null,
      revokeCause: right.revokeCause,
      revokeReason: right.revokeReason,
    };
  }

  /** The checks of a grant, in the order a manager can act on them. */
  async function assertGrantable(tx: Db, groupId: number, body: GrantBody) {
    const group = await repo.groupById(tx, groupId, true);
    if (!group) throw new AppError('GROUP_NOT_FOUND', `there is no group ${groupId}`);
    if (group.kind !== 'customer') throw new AppError('GROUP_NOT_CUSTOMER', 'admin rights are granted over the brand’s customer groups only');
    const member = await deps.members.lockMember(tx, body.memberId);
    if (!member) throw new AppError('MEMBER_NOT_FOUND', `there is no member ${body.memberId}`);
    // Good standing: an active distributor; warned or on probation is not, nor anyone removed or banned.
    if (member.status !== 'active') throw new AppError('MEMBER_NOT_IN_GOOD_STANDING', `member ${member.id} is ${member.status}, not in good standing`);
    const now = clock.now();
    const privileges = await deps.privileges.activePrivileges(tx, member.id, now);
    if (!privileges.some((privilege) => privilege.name === ELIGIBILITY_PRIVILEGE)) {
      throw new AppError('NOT_ELIGIBLE', `member ${member.id} does not hold ${ELIGIBILITY_PRIVILEGE} (the reward engine grants it)`);
    }
    const requiredLevel = body.requiredLevel ?? GROUP_ADMIN_REQUIRED_LEVEL_DEFAULT;
    if (member.level < requiredLevel) throw new AppError('NOT_ELIGIBLE', `member ${member.id} is level ${member.level}; this right requires level ${requiredLevel}`);
    const expiresAt = body.expiresAt ? new Date(body.expiresAt) : null;
    if (expiresAt && expiresAt.getTime() <= now.getTime()) {
      throw new AppError('VALIDATION_FAILED', 'invalid body: body.expiresAt must be in the future', [{ path: 'body.expiresAt', issue: 'must be in the future' }]);
    }
    const holder = await repo.activeRightOfGroup(tx, groupId, true);
    if (holder) throw taken(holder);
    return { group, member, requiredLevel, expiresAt, now };
  }

  const taken = (holder: RightRow) =>
    new AppError('GROUP_ADMIN_TAKEN', `member ${holder.memberId} holds admin rights over this group; revoke them first`, undefined, { holderMemberId: holder.memberId });

  async function grant(principal: Principal, groupId: number, body: GrantBody) {
    return db.transaction(async (tx) => {
      const { group, member, requiredLevel, expiresAt, now } = await assertGrantable(tx, groupId, body);
      let right: RightRow;
      try {
        right = await repo.insertRight(tx, {
          groupId,
          memberId: member.id,
          referralCode: member.referralCode,
          scope: body.scope,
          requiredLevel,
          grantedBy: principal.userId,
          grantedAt: now,
          expiresAt,
        });
      } catch (error) {
        // Two managers granting the same group at once: the unique index lets one through.
        if (isUniqueViolation(error)) throw new AppError('GROUP_ADMIN_TAKEN', 'someone was just granted admin rights over this group');
        throw error;
      }
      const nickname = await nicknameOf(deps, tx, member.userId);
      await recordAudit(tx, {
        actorUserId: principal.userId,
        action: 'group_admin.granted',
        subjectType: 'group',
        subjectId: groupId,
        data: { rightId: right.id, memberId: member.id, scope: body.scope, requiredLevel, expiresAt: expiresAt?.toISOString() ?? null },
        at: now,
      });
      await repo.insertChecklistItem(tx, { assigneeUserId: principal.userId, kind: 'add_admin', groupId, rightId: right.id, memberId: member.id, groupName: group.name, instruction: addAdminInstruction(group.name, nickname), createdAt: now });
      await deps.notifications.notify(tx, { userId: member.userId, kind: 'generic', ...grantedNotice(group.name, body.scope, expiresAt), data: { groupId, rightId: right.id }, dedupeKey: `group-admin:${right.id}:granted` });
      return rightView(tx, right);
    });
  }

  /**
   * Revokes one right in the caller's transaction, once: audit, a notice to the member and to the manager
   * who granted it, and the removal on that manager's WeChat checklist. Answers undefined when the right
   * was already revoked.
   */
  async function revokeRight(tx: Db, right: RightRow, revocation: Revocation): Promise<RightRow | undefined> {
    const at = clock.now();
    const revoked = await repo.markRevoked(tx, right.id, { revokedAt: at, revokedBy: revocation.actorUserId, revokeCause: revocation.cause, revokeReason: revocation.reason });
    if (!revoked) return undefined;
    const group = (await repo.groupById(tx, right.groupId))!;
    const profile = await deps.members.sellerProfile(right.memberId, tx);
    const nickname = profile ? await nicknameOf(deps, tx, profile.userId) : `#${right.memberId}`;
    await recordAudit(tx, {
      actorUserId: revocation.actorUserId,
      action: 'group_admin.revoked',
      subjectType: 'group',
      subjectId: right.groupId,
      data: { rightId: right.id, memberId: right.memberId, cause: revocation.cause },
      reason: revocation.reason,
      at,
    });
    await repo.insertChecklistItem(tx, { assigneeUserId: right.grantedBy, kind: 'remove_admin', groupId: right.groupId, rightId: right.id, memberId: right.memberId, groupName: group.name, instruction: removeAdminInstruction(group.name, nickname), createdAt: at });
    if (profile) {
      await deps.notifications.notify(tx, { userId: profile.userId, kind: 'generic', ...revokedNotice(group.name, revocation.cause, revocation.reason), data: { groupId: right.groupId, rightId: right.id, cause: revocation.cause }, dedupeKey: `group-admin:${right.id}:revoked:member` });
    }
    await deps.notifications.notify(tx, { userId: right.grantedBy, kind: 'generic', ...managerRevokedNotice(group.name, nickname, revocation.cause), data: { groupId: right.groupId, rightId: right.id, memberId: right.memberId, cause: revocation.cause }, dedupeKey: `group-admin:${right.id}:revoked:manager` });
    return revoked;
  }

  async function revokeWhere(tx: Db, memberId: number, keep: (right: RightRow) => boolean, revocation: Revocation): Promise<number> {
    let revoked = 0;
    for (const right of await repo.lockActiveRightsOfMember(tx, memberId)) {
      if (keep(right)) continue;
      if (await revokeRight(tx, right, revocation)) revoked += 1;
    }
    return revoked;
  }

  return {
    grant,

    /** A manager takes a member's right over a group back. */
    revoke: (principal: Principal, groupId: number, memberId: number, reason: string | null) =>
      db.transaction(async (tx) => {
        const group = await repo.groupById(tx, groupId);
        if (!group) throw new AppError('GROUP_NOT_FOUND', `there is no group ${groupId}`);
        const right = await repo.activeRightOfGroup(tx, groupId, true);
        if (!right || right.memberId !== memberId) throw new AppError('GROUP_ADMIN_NOT_FOUND', `member ${memberId} holds no admin rights over group ${groupId}`);
        const revoked = (await revokeRight(tx, right, { cause: 'manual', reason, actorUserId: principal.userId }))!;
        return rightView(tx, revoked);
      }),

    /** discipline.onRemoved: removal and confirmed violations take every right, in the removing transaction. */
    async onRemoved(tx: Db, removed: RemovedMember): Promise<void> {
      const cause: RevokeCause = removed.cause === 'violation' ? 'violation' : 'removal';
      await revokeWhere(tx, removed.memberId, () => false, { cause, reason: removed.reason, actorUserId: removed.actorUserId });
    },

    /** level.changed: a demotion takes the rights whose required level is now above the member's. */
    async onLevelChanged(tx: Db, event: OutboxEvent): Promise<void> {
      if (event.payload.reason !== 'demotion' || event.memberId === null) return;
      const level = Number(event.payload.to);
      if (!Number.isInteger(level)) return;
      await revokeWhere(tx, event.memberId, (right) => right.requiredLevel <= level, { cause: 'demotion', reason: `降至 ${level} 级`, actorUserId: null });
    },

    /** The expiry job: rights past their expiry, in batches (SKIP LOCKED, so concurrent runs share the work). */
    async expireDue(options: { batchSize: number }): Promise<{ expired: number }> {
      let expired = 0;
      for (;;) {
        const count = await db.transaction(async (tx) => {
          const due = await repo.lockExpiredRights(tx, clock.now(), options.batchSize);
          for (const right of due) await revokeRight(tx, right, { cause: 'expiry', reason: null, actorUserId: null });
          return due.length;
        });
        expired += count;
        if (count < options.batchSize) return { expired };
      }
    },

    /** A member's rights in force, as /me/privileges lists them next to the reward engine's privileges. */
    async asPrivileges(memberId: number, at: Date) {
      const rights = (await repo.activeRightsOfMember(db, memberId)).filter((right) => !right.expiresAt || right.expiresAt > at);
      const items = [];
      for (const right of rights) {
        const group = await repo.groupById(db, right.groupId);
        items.push({ name: 'group_admin', grantedAt: right.grantedAt.toISOString(), expiresAt: right.expiresAt?.toISOString() ?? null, group: { id: right.groupId, name: group?.name ?? '', scope: right.scope } });
      }
      return items;
    },

    /** Every right ever granted over a group, newest first. */
    async history(groupId: number) {
      if (!(await repo.groupById(db, groupId))) throw new AppError('GROUP_NOT_FOUND', `there is no group ${groupId}`);
      const rows = await repo.rightsOfGroup(db, groupId);
      return Promise.all(rows.map((row) => rightView(db, row)));
    },

    /** The WeChat-side changes waiting for the caller (HQ sees everyone's). */
    async checklist(principal: Principal, status: 'pending' | 'done') {
      const rows = await repo.checklistItems(db, { assigneeUserId: hasRole(principal, 'hq_admin') ? null : principal.userId, done: status === 'done' });
      return rows.map(checklistView);
    },

    /** The manager applied a change in WeChat; marking it again changes nothing. */
    checklistDone: (principal: Principal, itemId: number) =>
      db.transaction(async (tx) => {
        const item = await repo.checklistItem(tx, itemId, true);
        if (!item) throw new AppError('CHECKLIST_ITEM_NOT_FOUND', `there is no checklist item ${itemId}`);
        if (item.assigneeUserId !== principal.userId && !hasRole(principal, 'hq_admin')) throw new AppError('FORBIDDEN', 'this item is on another manager’s checklist');
        if (item.doneAt) return checklistView(item);
        const done = await repo.markChecklistDone(tx, itemId, principal.userId, clock.now());
        await recordAudit(tx, { actorUserId: principal.userId, action: 'wechat_checklist.done', subjectType: item.groupId !== null ? 'group' : 'training_group', subjectId: item.groupId ?? item.trainingGroupId ?? item.id, data: { itemId, kind: item.kind }, at: done.doneAt! });
        return checklistView(done);
      }),
  };
}

export type AdminRightsService = ReturnType<typeof createAdminRightsService>;
