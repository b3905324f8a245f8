import type { Db } from '../../db/database';
import type { Clock } from '../../clock';
import type { CommissionService } from '../commission';
import type { IdentityService } from '../identity';
import type { LedgerService } from '../ledger';
import type { MembersService } from '../members';
import type { NotificationsService } from '../notifications';
import type { Rewards } from '../rewards';
import * as repo from './discipline.repository';
import { createAppealsService } from './appeals.service';
import { createRemovalsService } from './removals.service';
import { createReportsService } from './reports.service';

export { disciplineRoutes } from './discipline.routes';
export type { RemoveInput, RemovedMember, RemovalListener } from './removals.service';

export interface DisciplineDeps {
  db: Db;
  clock: Clock;
  members: MembersService;
  identity: Pick<IdentityService, 'usersByIds'>;
  notifications: Pick<NotificationsService, 'notify'>;
  ledger: LedgerService;
  commission: Pick<CommissionService, 'forfeitPending'>;
  /** Privileges live in the rewards module; removal revokes them. */
  privileges: Pick<Rewards['grants'], 'revokeAll'>;
}

/** Removal with handover, appeals against it, and fans' reports of violations. */
export function createDiscipline(deps: DisciplineDeps) {
  const removals = createRemovalsService(deps);
  const appeals = createAppealsService({ ...deps, removals });
  const reports = createReportsService({ ...deps, removals });
  return {
    /** Removes a working distributor inside the caller's transaction; see RemovalsService.remove. */
    remove: removals.remove,
    /** Listeners run inside every removing transaction (removal, confirmed violation). */
    onRemoved: removals.onRemoved,
    /** HQ removes a member by hand, in a transaction of its own. */
    removeByHand: (actorUserId: number, memberId: number, reason: string) =>
      deps.db.transaction(async (tx) => {
        const { removal } = await removals.remove(tx, { memberId, reason, actorUserId, cause: 'manual' });
        return {
          id: removal.id,
          memberId: removal.memberId,
          cause: removal.cause,
          reason: removal.reason,
          removedAt: removal.removedAt.toISOString(),
          reversedAt: removal.reversedAt?.toISOString() ?? null,
          toMemberId: removal.toMemberId,
          storeId: removal.storeId,
          handedOver: await repo.countHandovers(tx, removal.id),
        };
      }),
    appeals,
    reports,
  };
}

export type Discipline = ReturnType<typeof createDiscipline>;
