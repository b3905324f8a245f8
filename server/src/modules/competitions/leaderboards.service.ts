import type { BoardQuery, Cohort, Leaderboard } from '@sharecircle/shared';
import type { Db } from '../../db/database';
import type { Clock } from '../../clock';
import { AppError } from '../../http/app-error';
import type { Principal } from '../../http/principal';
import { maskNickname } from '../members';
import type { OrgService } from '../org';
import type { BoardCache } from './board-cache';
import * as repo from './competitions.repository';
import { METRIC_SOURCE, periodWindow } from './windows';

/** Names kept with a board: enough for the longest page a client may ask for. */
export const TOP_NAMES_MAX = 100;
/** Rows of one board kept in memory; a member ranked below is looked up in SQL. */
export const BOARD_ROWS_MAX = 500_000;

/** A computed board: rank order (flat columns, see repo.standings), with an index by member for "my rank". */
export interface Standings extends repo.StandingColumns {
  byMember: Map<number, number>;
  names: Map<number, string>;
  truncated: boolean;
  asOf: Date;
}

export interface Viewer {
  memberId: number | null;
  /** Staff see member ids and unmasked nicknames. */
  staff: boolean;
}

/** Standings read live (cached for seconds, see board-cache.ts) and shaped for one viewer. */
export function createLeaderboards(deps: { db: Db; clock: Clock; org: OrgService; cache: BoardCache<Standings> }) {
  const { db, clock } = deps;

  async function compute(spec: repo.BoardSpec): Promise<Standings> {
    const asOf = clock.now();
    const found = await repo.standings(db, spec, BOARD_ROWS_MAX + 1);
    const kept = Math.min(found.memberIds.length, BOARD_ROWS_MAX);
    const memberIds = found.memberIds.subarray(0, kept);
    const byMember = new Map<number, number>();
    for (let index = 0; index < kept; index += 1) byMember.set(memberIds[index], index);
    return {
      memberIds,
      values: found.values.subarray(0, kept),
      ranks: found.ranks.subarray(0, kept),
      byMember,
      names: await repo.nicknames(db, [...memberIds.subarray(0, TOP_NAMES_MAX)]),
      truncated: found.memberIds.length > BOARD_ROWS_MAX,
      asOf,
    };
  }

  const keyOf = (spec: repo.BoardSpec) => JSON.stringify([spec.metric, spec.periods, spec.cohort]);

  /** The top `limit` of a live board and the viewer's own place, if they are in its cohort. */
  async function live(spec: repo.BoardSpec, viewer: Viewer, limit: number, facts?: repo.MemberFacts) {
    const board = await deps.cache.get(keyOf(spec), () => compute(spec));
    const items = [...board.memberIds.subarray(0, limit)].map((memberId, index) => ({
      rank: board.ranks[index],
      nickname: viewer.staff ? board.names.get(memberId) ?? '' : maskNickname(board.names.get(memberId) ?? ''),
      value: board.values[index],
      isMe: memberId === viewer.memberId,
      ...(viewer.staff ? { memberId } : {}),
    }));
    let me: Leaderboard['me'] = null;
    if (viewer.memberId !== null) {
      const index = board.byMember.get(viewer.memberId);
      if (index !== undefined) me = { rank: board.ranks[index], value: board.values[index] };
      else {
        const member = facts ?? (await repo.memberFacts(db, viewer.memberId));
        if (member && repo.inCohort(member, spec.cohort)) {
          const deep = board.truncated ? await repo.standingOfMember(db, spec, viewer.memberId) : undefined;
          me = deep ? { rank: deep.rank, value: deep.value } : { rank: null, value: 0 };
        }
      }
    }
    return { items, me, ranked: board.truncated ? BOARD_ROWS_MAX : board.memberIds.length, asOf: board.asOf.toISOString() };
  }

  /** Which region or store a scoped board is about: the one asked for, else the viewer's own. */
  async function resolveScope(query: BoardQuery, principal: Principal, facts: repo.MemberFacts | undefined): Promise<{ cohort: Cohort; id: number | null }> {
    if (query.scope === 'all') return { cohort: {}, id: null };
    const managed = principal.roles.find((grant) => grant.role === 'store_manager')?.storeId ?? null;
    const ownStore = facts?.storeId ?? managed;
    if (query.scope === 'store') {
      const storeId = query.scopeId ?? ownStore;
      if (storeId === null) throw new AppError('VALIDATION_FAILED', 'name the store: scopeId', [{ path: 'query.scopeId', issue: 'required: you belong to no store' }]);
      await deps.org.getStore(storeId);
      return { cohort: { storeId }, id: storeId };
    }
    const regionId = query.scopeId ?? facts?.regionId ?? (ownStore === null ? null : (await deps.org.getStore(ownStore)).regionId);
    if (regionId === null) throw new AppError('VALIDATION_FAILED', 'name the region: scopeId', [{ path: 'query.scopeId', issue: 'required: you belong to no region' }]);
    if (!(await repo.regionExists(db, regionId))) throw new AppError('REGION_NOT_FOUND', `there is no region ${regionId}`);
    return { cohort: { regionId }, id: regionId };
  }

  return {
    live,
    invalidate: () => deps.cache.invalidate(),

    /**
     * The standing board of the current ISO week or month (China time): GMV from the counters' period
     * rows, new customers from the customers projection; all members, a region's or a store's.
     */
    async board(principal: Principal, query: BoardQuery, staff: boolean): Promise<Leaderboard> {
      const memberId = principal.member?.id ?? null;
      const needsFacts = query.scope !== 'all' && query.scopeId === undefined && memberId !== null;
      const facts = needsFacts ? await repo.memberFacts(db, memberId!) : undefined;
      const scope = await resolveScope(query, principal, facts);
      const window = periodWindow(query.period, clock.now());
      const spec: repo.BoardSpec = { metric: query.metric, periods: { kind: query.period, fromKey: window.key, toKey: window.key }, cohort: scope.cohort };
      const view = await live(spec, { memberId, staff }, query.limit, facts);
      return {
        metric: query.metric,
        unit: METRIC_SOURCE[query.metric].unit,
        from: window.from.toISOString(),
        to: window.to.toISOString(),
        periodKey: window.key,
        scope: { kind: query.scope, id: scope.id },
        final: false,
        ...view,
      };
    },
  };
}

export type Leaderboards = ReturnType<typeof createLeaderboards>;
