import { randomInt } from 'node:crypto';
import type { JoinBody, MemberStatus } from '@sharecircle/shared';
import type { Db } from '../../db/database';
import { addDays, type Clock } from '../../clock';
import { AppError } from '../../http/app-error';
import { assertManagesStore, hasRole, managedStoreIds, type Principal } from '../../http/principal';
import { recordAudit, recordAuditMany } from '../audit';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/database';
import { publish } from '../../outbox/outbox';
import type { IdentityService } from '../identity';
import type { OrgService } from '../org';
import type { SettingsService } from '../settings';
import type { BindingsService } from './bindings.service';
import * as repo from './members.repository';
import { isDistributing, maskNickname, referralCodeFor } from './member-rules';
import type { BindingRow, MemberRow } from './members.tables';

export interface MembersDeps {
  db: Db;
  clock: Clock;
  identity: IdentityService;
  org: OrgService;
  settings: SettingsService;
  bindings: BindingsService;
}

interface StatusChange {
  member: MemberRow;
  to: MemberStatus;
  actorUserId: number | null;
  reason: string | null;
  patch?: Partial<MemberRow>;
}

/** Per downline: their paid sales this month and the commission their upline earned through them. */
export type TeamFigures = (memberId: number, downlineIds: number[]) => Promise<Map<number, { monthGmvFen: number; earnedFen: number }>>;

export function createMembersService(deps: MembersDeps) {
  let teamFigures: TeamFigures = async () => new Map();
  const { db, clock } = deps;
  const principalMember = repo.principalMemberReader(db);

  /** Every status change goes through here: the row, its history and the audit log commit together. */
  async function changeStatus(tx: Db, change: StatusChange): Promise<MemberRow> {
    const at = clock.now();
    const updated = await repo.updateMember(tx, change.member.id, { ...change.patch, status: change.to, statusChangedAt: at });
    await repo.insertStatusHistory(tx, {
      memberId: change.member.id,
      fromStatus: change.member.status,
      toStatus: change.to,
      actorUserId: change.actorUserId,
      reason: change.reason,
      at,
    });
    await recordAudit(tx, {
      actorUserId: change.actorUserId,
      action: 'member.status_changed',
      subjectType: 'member',
      subjectId: change.member.id,
      data: { from: change.member.status, to: change.to },
      reason: change.reason,
      at,
    });
    return updated;
  }

  /** member.joined for the newcomer; downline.joined for the member who brought them in (tier 1) and theirs (tier 2). */
  async function announceJoin(tx: Db, member: MemberRow) {
    await publish(tx, clock, { type: 'member.joined', memberId: member.id, payload: { memberId: member.id, type: member.type } });
    const l1 = (await repo.bindingOf(tx, member.userId))?.memberId;
    if (!l1) return;
    await publish(tx, clock, { type: 'downline.joined', memberId: l1, payload: { newMemberId: member.id, tier: 1 } });
    const l1Member = await repo.memberById(tx, l1);
    const l2 = l1Member && (await repo.bindingOf(tx, l1Member.userId))?.memberId;
    if (l2) await publish(tx, clock, { type: 'downline.joined', memberId: l2, payload: { newMemberId: member.id, tier: 2 } });
  }

  async function join(userId: number, body: JoinBody): Promise<{ member: MemberRow; created: boolean }> {
    if (body.storeId !== undefined) await deps.org.getStore(body.storeId);
    return db.transaction(async (tx) => {
      const settings = await deps.settings.get(tx);
      const existing = await repo.memberByUserId(tx, userId, true);
      const startStatus: MemberStatus =
        body.type === 'koc' || settings.members.autoApproveApplications ? 'active' : 'applied';
      const fields = { type: body.type, storeId: body.storeId ?? null, application: body.application ?? null };
      let member: MemberRow;
      let created = false;
      if (existing) {
        if (!canJoinAgain(existing, settings.members.rejoinCooldownDays)) {
          if (existing.type !== body.type) {
            throw new AppError('MEMBER_TYPE_CONFLICT', `you already joined as ${existing.type}`);
          }
          return { member: existing, created: false };
        }
        member = await changeStatus(tx, { member: existing, to: startStatus, actorUserId: userId, reason: 'joined again', patch: fields });
      } else {
        const id = await repo.nextMemberId(tx);
        const at = clock.now();
        member = await repo.insertMember(tx, {
          id,
          userId,
          ...fields,
          status: startStatus,
          level: 1,
          referralCode: referralCodeFor(id, randomInt),
          joinedAt: at,
          statusChangedAt: at,
        });
        await repo.insertStatusHistory(tx, { memberId: id, fromStatus: null, toStatus: startStatus, actorUserId: userId, reason: 'joined', at });
        created = true;
      }
      if (body.referralCode) {
        await deps.bindings.bind(tx, { userId, referralCode: body.referralCode, source: 'join', actorUserId: userId, onKept: 'keep' });
      }
      if (created) await announceJoin(tx, member);
      return { member, created };
    });

    function canJoinAgain(existing: MemberRow, cooldownDays: number): boolean {
      if (existing.status === 'rejected') return true;
      if (existing.status === 'banned') throw new AppError('MEMBER_NOT_ACTIVE', 'this account is banned from the community');
      if (existing.status !== 'removed') return false;
      const until = addDays(existing.statusChangedAt, cooldownDays);
      if (until.getTime() > clock.now().getTime()) {
        throw new AppError('REJOIN_COOLDOWN', `you can join again after ${until.toISOString().slice(0, 10)}`, undefined, {
          rejoinAfter: until.toISOString(),
        });
      }
      return true;
    }
  }

  /** The upline as others see it: id and masked nickname. */
  async function referrerView(userId: number) {
    return referrerOf(await deps.bindings.bindingOf(userId));
  }

  async function referrerOf(binding: { memberId: number } | undefined) {
    if (!binding) return null;
    const referrer = await repo.memberById(db, binding.memberId);
    const user = referrer && (await deps.identity.getUser(referrer.userId));
    return user ? { id: binding.memberId, nickname: maskNickname(user.nickname) } : null;
  }

  function memberView(member: MemberRow, upline: { id: number; nickname: string } | null) {
    return {
      id: member.id,
      type: member.type,
      status: member.status,
      level: member.level,
      referralCode: member.referralCode,
      storeId: member.storeId,
      joinedAt: member.joinedAt.toISOString(),
      upline,
    };
  }

  /** Seller profiles of many members in one query (a batch of sales), keyed by member id. */
  async function sellerProfiles(memberIds: number[], tx: Db = db) {
    const rows = await repo.membersWithUpline(tx, [...new Set(memberIds)]);
    return new Map(
      rows.map(({ member, uplineMemberId }) => [
        member.id,
        {
          id: member.id,
          userId: member.userId,
          type: member.type,
          level: member.level,
          status: member.status,
          storeId: member.storeId,
          joinedAt: member.joinedAt,
          uplineMemberId,
        },
      ]),
    );
  }

  return {
    referrerView: referrerOf,
    join: async (userId: number, body: JoinBody) => {
      const { member, created } = await join(userId, body);
      return { created, member: memberView(member, await referrerView(userId)) };
    },

    async me(userId: number) {
      const [user, roles, member, referrer] = await Promise.all([
        deps.identity.getUser(userId),
        deps.identity.rolesOf(userId),
        repo.memberByUserId(db, userId),
        referrerView(userId),
      ]);
      return {
        id: user.id,
        nickname: user.nickname,
        customerCode: user.customerCode ?? '',
        roles,
        member: member ? memberView(member, referrer) : null,
        customerOf: member ? null : referrer,
      };
    },

    /** A user's nickname (for certificates and messages), in the caller's transaction. */
    async nicknameOf(userId: number, tx: Db = db): Promise<string> {
      return (await deps.identity.usersByIds([userId], tx)).get(userId)?.nickname ?? '';
    },

    /** Users' nicknames by user id, in one query, in the caller's transaction. */
    async nicknamesOf(userIds: number[], tx: Db = db): Promise<Map<number, string>> {
      return new Map([...(await deps.identity.usersByIds(userIds, tx))].map(([userId, user]) => [userId, user.nickname]));
    },

    /**
     * For the auth layer (which keeps what it gets, see http/principal-cache.ts): the caller's staff
     * roles and member record, each a prepared one-table lookup owned by its module, sent at once.
     */
    async principalOf(userId: number): Promise<Principal> {
      const [roles, member] = await Promise.all([deps.identity.rolesOf(userId), principalMember(userId)]);
      return { userId, roles, member: member ?? null };
    },

    /** Writes to members in this process so far (see http/principal-cache.ts). */
    writeCount: repo.memberWriteCount,

    async team(memberId: number, tier: 1 | 2, after: repo.TeamCursor | undefined, limit: number) {
      const rows = await repo.teamPage(db, memberId, tier, after, limit + 1);
      const ids = rows.map((row) => row.id);
      const [users, figures] = await Promise.all([deps.identity.usersByIds(rows.map((row) => row.userId)), teamFigures(memberId, ids)]);
      return rows.map((row) => ({
        id: row.id,
        nickname: maskNickname(users.get(row.userId)?.nickname ?? ''),
        type: row.type,
        status: row.status,
        joinedAt: row.joinedAt.toISOString(),
        monthGmvFen: figures.get(row.id)?.monthGmvFen ?? 0,
        earnedFen: figures.get(row.id)?.earnedFen ?? 0,
      }));
    },

    /** Where a team's sales and commission figures come from (commission and rewards, wired after them). */
    useTeamFigures(source: TeamFigures) {
      teamFigures = source;
    },

    /** Store managers see their own store's KOS applications; HQ sees every application. */
    async listApplications(principal: Principal, filter: { status: MemberStatus; storeId?: number }) {
      const storeIds = managedStoreIds(principal);
      if (filter.storeId !== undefined) assertManagesStore(principal, filter.storeId);
      const rows = await repo.membersByStatus(db, {
        status: filter.status,
        types: storeIds === null ? ['kos', 'external'] : ['kos'],
        storeIds: filter.storeId !== undefined ? [filter.storeId] : storeIds,
      });
      const users = await deps.identity.usersByIds(rows.map((row) => row.userId));
      return rows.map((row) => ({
        memberId: row.id,
        userId: row.userId,
        nickname: users.get(row.userId)?.nickname ?? '',
        type: row.type,
        status: row.status,
        storeId: row.storeId,
        application: row.application,
        appliedAt: row.statusChangedAt.toISOString(),
      }));
    },

    /** Approve or reject an application: a KOS by their store's manager or HQ, an external distributor by HQ. */
    decideApplication: (principal: Principal, memberId: number, approve: boolean, reason: string | null) =>
      db.transaction(async (tx) => {
        const member = await repo.memberById(tx, memberId, true);
        if (!member) throw new AppError('MEMBER_NOT_FOUND', `there is no member ${memberId}`);
        if (member.type === 'external' && !hasRole(principal, 'hq_admin')) {
          throw new AppError('FORBIDDEN', 'external distributors are approved by HQ');
        }
        assertManagesStore(principal, member.storeId);
        if (member.status !== 'applied') throw new AppError('APPLICATION_NOT_PENDING', `the application is ${member.status}, not pending`);
        const updated = await changeStatus(tx, {
          member,
          to: approve ? 'active' : 'rejected',
          actorUserId: principal.userId,
          reason: reason ?? (approve ? 'application approved' : null),
        });
        if (approve) await publish(tx, clock, { type: 'member.approved', memberId: member.id, payload: { memberId: member.id } });
        return memberView(updated, null);
      }),

    /** HQ sets a status by hand (warn, probation, remove, ban, reinstate). */
    setStatus: (actorUserId: number, memberId: number, to: MemberStatus, reason: string) =>
      db.transaction(async (tx) => {
        const member = await repo.memberById(tx, memberId, true);
        if (!member) throw new AppError('MEMBER_NOT_FOUND', `there is no member ${memberId}`);
        if (member.status === 'applied' || member.status === 'rejected') {
          throw new AppError('STATUS_TRANSITION_INVALID', `decide the application first (the member is ${member.status})`);
        }
        const updated = member.status === to ? member : await changeStatus(tx, { member, to, actorUserId, reason });
        return memberView(updated, null);
      }),

    async statusHistory(memberId: number) {
      const member = await repo.memberById(db, memberId);
      if (!member) throw new AppError('MEMBER_NOT_FOUND', `there is no member ${memberId}`);
      const rows = await repo.statusHistory(db, memberId);
      return rows.map((row) => ({ from: row.fromStatus, to: row.toStatus, actorUserId: row.actorUserId, reason: row.reason, at: row.at.toISOString() }));
    },

    async clerksOfStore(principal: Principal, storeId: number) {
      await deps.org.getStore(storeId);
      assertManagesStore(principal, storeId);
      const rows = await repo.clerksOfStore(db, storeId);
      const users = await deps.identity.usersByIds(rows.map((row) => row.userId));
      return rows.map((row) => ({
        memberId: row.id,
        nickname: users.get(row.userId)?.nickname ?? '',
        status: row.status,
        joinedAt: row.joinedAt.toISOString(),
      }));
    },

    async memberIdByUserId(userId: number, tx: Db = db): Promise<number | undefined> {
      return (await repo.memberByUserId(tx, userId))?.id;
    },

    /** What commission needs of a seller: type and level for the rate, status, and the upline for L2. */
    async sellerProfile(memberId: number, tx: Db = db) {
      return (await sellerProfiles([memberId], tx)).get(memberId);
    },

    sellerProfiles,

    /** The member a user is bound to (their upline, or whose customer they are), if any. */
    async boundMemberOfUser(userId: number, tx: Db = db): Promise<number | null> {
      return (await repo.bindingOf(tx, userId))?.memberId ?? null;
    },

    /**
     * A status change inside the caller's transaction (assessments, discipline), with history and audit.
     * Answers the member as it was before, or undefined when it is unknown; no change when already there.
     */
    async setStatusIn(tx: Db, change: { memberId: number; to: MemberStatus; reason: string; actorUserId: number | null }): Promise<MemberRow | undefined> {
      const member = await repo.memberById(tx, change.memberId, true);
      if (!member || member.status === change.to) return member;
      await changeStatus(tx, { member, to: change.to, actorUserId: change.actorUserId, reason: change.reason });
      return member;
    },

    /** For discipline: the member row, locked for the rest of the caller's transaction. */
    lockMember: (tx: Db, memberId: number) => repo.memberById(tx, memberId, true),

    memberByReferralCode: (code: string, tx: Db = db) => repo.memberByReferralCode(tx, code),

    /** The owner of a referral code as a newcomer sees them: masked, and whether bind would accept them (UPLINE_INACTIVE). */
    async inviter(code: string) {
      const member = await repo.memberByReferralCode(db, code);
      if (!member) throw new AppError('REFERRAL_CODE_UNKNOWN', `no member has the referral code ${code}`);
      const user = await deps.identity.getUser(member.userId);
      return { nickname: maskNickname(user.nickname), type: member.type, acceptsReferrals: isDistributing(member.status) };
    },

    /**
     * For discipline, which hands a removed member's downlines and customers over and back: takes the
     * referral-tree lock bind takes (no concurrent bind can close a loop meanwhile) and answers the
     * bindings pointing at a member, or those of the given users, locked. The caller audits each change.
     */
    async lockBindings(tx: Db, filter: { memberId: number } | { userIds: number[] }): Promise<BindingRow[]> {
      await repo.lockReferralTree(tx);
      return repo.lockBindingsWhere(tx, filter);
    },

    /** Sets a user's binding (inserted or replaced), or removes it when `row` is null. */
    async putBinding(tx: Db, userId: number, row: Omit<BindingRow, 'userId'> | null): Promise<void> {
      if (row === null) return repo.deleteBinding(tx, userId);
      const binding = { ...row, userId };
      if (!(await repo.insertBindingIfAbsent(tx, binding))) await repo.replaceBinding(tx, binding);
    },

    /** True when `ancestorMemberId` is `memberId` or above it in the referral tree. */
    isInUplineChain: (tx: Db, memberId: number, ancestorMemberId: number) => repo.isInUplineChain(tx, memberId, ancestorMemberId),

    /**
     * The same for a batch of members moving to one status (an assessment page): three statements
     * whatever the batch size. Members already there are left alone. Answers the ids that changed.
     */
    async setStatusMany(tx: Db, change: { memberIds: number[]; to: MemberStatus; reason: string; actorUserId: number | null; onlyFrom?: MemberStatus[] }): Promise<number[]> {
      if (change.memberIds.length === 0) return [];
      const at = clock.now();
      repo.noteMemberWrite();
      const changed = await queryRows<{ id: string; from_status: MemberStatus }>(
        tx,
        sql`WITH old AS (
              SELECT id, status FROM members
               WHERE id IN (${sql.join(change.memberIds.map((id) => sql`${id}`), sql`, `)}) AND status <> ${change.to}
                 ${change.onlyFrom ? sql`AND status IN (${sql.join(change.onlyFrom.map((status) => sql`${status}`), sql`, `)})` : sql``}
               FOR UPDATE)
            UPDATE members m SET status = ${change.to}, status_changed_at = ${at} FROM old WHERE m.id = old.id
            RETURNING m.id::text AS id, old.status AS from_status`,
      );
      if (changed.length === 0) return [];
      await repo.insertStatusHistoryMany(tx, changed.map((row) => ({ memberId: Number(row.id), fromStatus: row.from_status, toStatus: change.to, actorUserId: change.actorUserId, reason: change.reason, at })));
      await recordAuditMany(
        tx,
        changed.map((row) => ({ actorUserId: change.actorUserId, action: 'member.status_changed', subjectType: 'member', subjectId: Number(row.id), data: { from: row.from_status, to: change.to }, reason: change.reason, at })),
      );
      return changed.map((row) => Number(row.id));
    },

    /** The level ladder moves members; the caller publishes level.changed in the same transaction. */
    setLevels: (tx: Db, changes: { memberId: number; level: number }[]) => repo.setLevels(tx, changes),

    /** A buyer's code as a clerk scans it: a customer code, or a member's referral code. */
    async userIdByCode(code: string, tx: Db = db): Promise<number | undefined> {
      return (await deps.identity.userIdByCustomerCode(code, tx)) ?? (await repo.memberByReferralCode(tx, code))?.userId;
    },
  };
}

export type MembersService = ReturnType<typeof createMembersService>;
