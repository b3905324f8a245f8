import type { Db } from '../../db/database';
import { isDistributing, type MembersService } from '../members';
import * as repo from './communities.repository';

/**
 * What sales asks of communities when an order came through a group: the group behind a join code, and
 * the seller of record of a customer group at a time — the member holding admin rights over it then (not
 * expired, even before the expiry job has run), if they still distribute. Needs only the members module,
 * so the sales service can be given it before the rest of communities is built.
 */
export function createGroupAttribution(deps: { members: Pick<MembersService, 'sellerProfile'> }) {
  return {
    async groupIdByCode(tx: Db, code: string): Promise<number | null> {
      return (await repo.groupByJoinCode(tx, code))?.id ?? null;
    },
    async groupSeller(tx: Db, groupId: number, at: Date): Promise<number | null> {
      const group = await repo.groupById(tx, groupId);
      if (!group || group.kind !== 'customer') return null;
      const right = await repo.activeRightOfGroup(tx, groupId);
      if (!right || (right.expiresAt && right.expiresAt.getTime() <= at.getTime())) return null;
      const profile = await deps.members.sellerProfile(right.memberId, tx);
      return profile && isDistributing(profile.status) ? right.memberId : null;
    },
  };
}

export type GroupAttribution = ReturnType<typeof createGroupAttribution>;
