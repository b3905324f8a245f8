import { PLATFORMS, QUIET_AFTER_DAYS, type Platform } from '@sharecircle/shared';
import { addDays } from '../../clock';
import { AppError } from '../../http/app-error';
import { assertManagesStore, managedStoreIds, requireMember, type Principal } from '../../http/principal';
import { recordAudit } from '../audit';
import * as repo from './tasks.repository';
import type { PlatformAccountRow } from './tasks.tables';
import type { TasksDeps } from './tasks.service';

/**
 * The KOS' accounts on Douyin, Xiaohongshu, Channels and Kuaishou. HQ sees the matrix by region and store;
 * an account whose last activity (an update by its KOS, or an approved post on its platform) is 30 days
 * old or more is flagged quiet. A store manager sees their store's accounts.
 */
export function createPlatformAccountsService(deps: Pick<TasksDeps, 'db' | 'clock'>) {
  const { db, clock } = deps;
  const isQuiet = (lastActivityAt: Date, now: Date) => addDays(lastActivityAt, QUIET_AFTER_DAYS).getTime() <= now.getTime();

  const view = (row: PlatformAccountRow, now: Date) => ({
    id: row.id,
    platform: row.platform,
    handle: row.handle,
    fans: row.fans,
    updatedAt: row.updatedAt.toISOString(),
    lastActivityAt: row.lastActivityAt.toISOString(),
    quiet: isQuiet(row.lastActivityAt, now),
  });

  return {
    /** A KOS registers an account, or updates its fans (the same platform and handle). */
    save: (principal: Principal, body: { platform: Platform; handle: string; fans: number }) =>
      db.transaction(async (tx) => {
        const member = requireMember(principal);
        if (member.type !== 'kos') throw new AppError('NOT_A_CLERK', 'platform accounts are kept for KOS (store clerks)');
        const at = clock.now();
        const saved = await repo.upsertAccount(tx, { memberId: member.id, platform: body.platform, handle: body.handle, fans: body.fans, at });
        await recordAudit(tx, { actorUserId: principal.userId, action: 'platform_account.saved', subjectType: 'member', subjectId: member.id, data: { accountId: saved.id, platform: saved.platform, handle: saved.handle, fans: saved.fans }, at });
        return view(saved, at);
      }),

    async mine(memberId: number) {
      const now = clock.now();
      return (await repo.accountsOf(db, memberId)).map((row) => view(row, now));
    },

    /** The matrix: accounts, then per region, store and platform how many, their fans and how many are quiet. */
    async matrix(principal: Principal, filter: { regionId?: number; storeId?: number }) {
      if (filter.storeId !== undefined) assertManagesStore(principal, filter.storeId);
      const rows = await repo.accountMatrix(db, { ...filter, storeIds: managedStoreIds(principal) });
      const now = clock.now();
      const items = rows.map((row) => {
        const lastActivityAt = new Date(row.last_activity_at);
        return {
          id: Number(row.id),
          memberId: Number(row.member_id),
          nickname: row.nickname,
          storeId: row.store_id === null ? null : Number(row.store_id),
          regionId: row.region_id === null ? null : Number(row.region_id),
          platform: row.platform,
          handle: row.handle,
          fans: Number(row.fans),
          updatedAt: new Date(row.updated_at).toISOString(),
          lastActivityAt: lastActivityAt.toISOString(),
          quiet: isQuiet(lastActivityAt, now),
        };
      });
      const cells = new Map<string, { regionId: number | null; storeId: number | null; platform: Platform; accounts: number; fans: number; quiet: number }>();
      for (const item of items) {
        const key = `${item.regionId}:${item.storeId}:${PLATFORMS.indexOf(item.platform)}`;
        const cell = cells.get(key) ?? { regionId: item.regionId, storeId: item.storeId, platform: item.platform, accounts: 0, fans: 0, quiet: 0 };
        cell.accounts += 1;
        cell.fans += item.fans;
        cell.quiet += item.quiet ? 1 : 0;
        cells.set(key, cell);
      }
      return { items, matrix: [...cells.values()] };
    },
  };
}

export type PlatformAccountsService = ReturnType<typeof createPlatformAccountsService>;
