import { and, desc, eq, ne } from 'drizzle-orm';
import type { Db } from '../../db/database';
import type { Clock } from '../../clock';
import { AppError } from '../../http/app-error';
import { recordAudit } from '../audit';
import type { GrantsService } from './grants.service';
import { badges, rewardGrants, type GrantRow, type GrantStatus } from './rewards.tables';

export const grantView = (row: GrantRow) => ({
  id: row.id,
  ruleId: row.ruleId,
  level: row.level,
  kind: row.kind,
  status: row.status,
  amountFen: row.amountFen,
  data: row.data,
  createdAt: row.createdAt.toISOString(),
});

/** What members see of their rewards, and the physical gift workflow: address, shipping, receipt. */
export function createGiftsService(deps: { db: Db; clock: Clock; grants: GrantsService }) {
  const { db, clock } = deps;

  async function memberGrant(tx: Db, memberId: number, grantId: number) {
    const [row] = await tx.select().from(rewardGrants).where(and(eq(rewardGrants.id, grantId), eq(rewardGrants.memberId, memberId))).for('update');
    if (!row) throw new AppError('REWARD_NOT_FOUND', `you have no reward ${grantId}`);
    return row;
  }

  function expect(row: GrantRow, kind: GrantRow['kind'], from: GrantStatus[]) {
    if (row.kind !== kind || !from.includes(row.status)) {
      throw new AppError('REWARD_STATE_INVALID', `reward ${row.id} is a ${row.kind} that is ${row.status}`);
    }
  }

  return {
    async badges(memberId: number) {
      const rows = await db.select().from(badges).where(eq(badges.memberId, memberId)).orderBy(desc(badges.earnedAt));
      return rows.map((row) => ({ code: row.code, name: row.name, icon: row.icon, tier: row.tier, earnedAt: row.earnedAt.toISOString() }));
    },

    /** Everything granted, newest first; budget refusals are HQ's business, not shown to the member. */
    async rewards(memberId: number) {
      const rows = await db
        .select()
        .from(rewardGrants)
        .where(and(eq(rewardGrants.memberId, memberId), ne(rewardGrants.status, 'over_budget')))
        .orderBy(desc(rewardGrants.id))
        .limit(200);
      return rows.map(grantView);
    },

    async grantsByStatus(status: GrantStatus) {
      return (await db.select().from(rewardGrants).where(eq(rewardGrants.status, status)).orderBy(desc(rewardGrants.id)).limit(200)).map(grantView);
    },

    confirmAddress: (memberId: number, grantId: number, address: { recipient: string; phone: string; address: string }) =>
      db.transaction(async (tx) => {
        const row = await memberGrant(tx, memberId, grantId);
        expect(row, 'gift', ['awaiting_address', 'address_confirmed']);
        return grantView(await deps.grants.update(tx, row, 'address_confirmed', { ...row.data, shipTo: address }));
      }),

    ship: (actorUserId: number, grantId: number, shipment: { carrier: string; trackingNo: string }) =>
      db.transaction(async (tx) => {
        const [row] = await tx.select().from(rewardGrants).where(eq(rewardGrants.id, grantId)).for('update');
        if (!row) throw new AppError('REWARD_NOT_FOUND', `there is no reward ${grantId}`);
        expect(row, 'gift', ['address_confirmed']);
        const at = clock.now();
        await recordAudit(tx, { actorUserId, action: 'gift.shipped', subjectType: 'reward_grant', subjectId: grantId, data: shipment, at });
        return grantView(await deps.grants.update(tx, row, 'shipped', { ...row.data, shipment: { ...shipment, shippedAt: at.toISOString() } }));
      }),

    received: (memberId: number, grantId: number) =>
      db.transaction(async (tx) => {
        const row = await memberGrant(tx, memberId, grantId);
        expect(row, 'gift', ['shipped']);
        return grantView(await deps.grants.update(tx, row, 'received', { ...row.data, receivedAt: clock.now().toISOString() }));
      }),
  };
}

export type GiftsService = ReturnType<typeof createGiftsService>;
