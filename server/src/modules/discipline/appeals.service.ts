import { APPEAL_WINDOW_DAYS } from '@sharecircle/shared';
import type { Db } from '../../db/database';
import { addDays, type Clock } from '../../clock';
import { AppError } from '../../http/app-error';
import { recordAudit } from '../audit';
import type { IdentityService } from '../identity';
import type { MembersService } from '../members';
import type { NotificationsService } from '../notifications';
import * as repo from './discipline.repository';
import { appealDecidedNotice } from './discipline-messages';
import type { AppealRow, AppealStatus, RemovalRow } from './discipline.tables';
import type { RemovalsService } from './removals.service';

export interface AppealsDeps {
  db: Db;
  clock: Clock;
  members: MembersService;
  identity: Pick<IdentityService, 'usersByIds'>;
  notifications: Pick<NotificationsService, 'notify'>;
  removals: RemovalsService;
}

/** The member's own appeals are few; they see them all, newest first, up to this many. */
const MY_APPEALS_MAX = 50;

const appealUntil = (removal: RemovalRow) => addDays(removal.removedAt, APPEAL_WINDOW_DAYS);

const appealView = (row: AppealRow) => ({
  id: row.id,
  removalId: row.removalId,
  status: row.status,
  reason: row.reason,
  decisionNote: row.decisionNote,
  createdAt: row.createdAt.toISOString(),
  decidedAt: row.decidedAt?.toISOString() ?? null,
});

/**
 * A removed member appeals once per removal, within APPEAL_WINDOW_DAYS; HQ decides. Upheld restores the
 * status and the handed-over bindings; rejected leaves the removal, and the rejoin cool-down keeps
 * counting from the removal.
 */
export function createAppealsService(deps: AppealsDeps) {
  const { db, clock } = deps;

  function file(memberId: number, reason: string) {
    return db.transaction(async (tx) => {
      const member = await deps.members.lockMember(tx, memberId);
      const removal = member?.status === 'removed' ? await repo.standingRemoval(tx, memberId) : undefined;
      if (!removal) throw new AppError('NOT_REMOVED', 'only a removed member can appeal, against a removal on record');
      const until = appealUntil(removal);
      if (clock.now().getTime() > until.getTime()) {
        throw new AppError('APPEAL_WINDOW_CLOSED', `appeals close ${APPEAL_WINDOW_DAYS} days after the removal`, undefined, { appealUntil: until.toISOString() });
      }
      const existing = await repo.appealOfRemoval(tx, removal.id);
      const appeal = existing ? undefined : await repo.insertAppeal(tx, { removalId: removal.id, memberId, reason, status: 'open', createdAt: clock.now() });
      if (!appeal) throw new AppError('APPEAL_EXISTS', 'you already appealed against this removal', undefined, { appealId: existing?.id });
      return appealView(appeal);
    });
  }

  async function mine(memberId: number) {
    const [rows, member] = await Promise.all([repo.appealsOfMember(db, memberId, MY_APPEALS_MAX), deps.members.sellerProfile(memberId)]);
    const removal = member?.status === 'removed' ? await repo.standingRemoval(db, memberId) : undefined;
    return {
      items: rows.map(appealView),
      removal: removal
        ? { id: removal.id, reason: removal.reason, cause: removal.cause, removedAt: removal.removedAt.toISOString(), appealUntil: appealUntil(removal).toISOString() }
        : null,
    };
  }

  async function list(status: AppealStatus, beforeId: number | undefined, limit: number) {
    const rows = await repo.appealsPage(db, status, beforeId, limit);
    const profiles = await Promise.all(rows.map((row) => deps.members.sellerProfile(row.appeal.memberId)));
    const users = await deps.identity.usersByIds(profiles.flatMap((p) => (p ? [p.userId] : [])));
    return rows.map(({ appeal, removal }, index) => ({
      ...appealView(appeal),
      memberId: appeal.memberId,
      nickname: users.get(profiles[index]?.userId ?? -1)?.nickname ?? '',
      removal: { reason: removal.reason, cause: removal.cause, removedAt: removal.removedAt.toISOString() },
    }));
  }

  function decide(actorUserId: number, appealId: number, upheld: boolean, note: string) {
    return db.transaction(async (tx) => {
      const appeal = await repo.appealById(tx, appealId, true);
      if (!appeal) throw new AppError('APPEAL_NOT_FOUND', `there is no appeal ${appealId}`);
      if (appeal.status !== 'open') throw new AppError('APPEAL_ALREADY_DECIDED', `the appeal was already ${appeal.status}`);
      const member = await deps.members.lockMember(tx, appeal.memberId);
      const removal = (await repo.removalById(tx, appeal.removalId))!;
      let restored = 0;
      if (upheld) {
        if (member?.status !== 'removed' || removal.reversedAt) {
          throw new AppError('NOT_REMOVED', `the member is ${member?.status ?? 'gone'} now; only a removal can be reversed`);
        }
        ({ restored } = await deps.removals.reverse(tx, removal, { actorUserId, reason: `appeal #${appeal.id} upheld: ${note}`, appealId: appeal.id }));
      }
      const at = clock.now();
      const decided = await repo.updateAppeal(tx, appeal.id, { status: upheld ? 'upheld' : 'rejected', decisionNote: note, decidedBy: actorUserId, decidedAt: at });
      await recordAudit(tx, {
        actorUserId,
        action: 'appeal.decided',
        subjectType: 'member',
        subjectId: appeal.memberId,
        data: { appealId: appeal.id, removalId: removal.id, upheld, restoredBindings: restored },
        reason: note,
        at,
      });
      if (member) {
        await deps.notifications.notify(tx, {
          userId: member.userId,
          kind: 'generic',
          ...appealDecidedNotice(upheld, note),
          data: { appealId: appeal.id, upheld },
          dedupeKey: `appeal:${appeal.id}:decided`,
        });
      }
      return appealView(decided);
    });
  }

  return { file, mine, list, decide };
}

export type AppealsService = ReturnType<typeof createAppealsService>;
