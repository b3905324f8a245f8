import { z } from 'zod';
import {
  boardQuerySchema,
  cancelCompetitionBodySchema,
  competitionBodySchema,
  competitionLeaderboardQuerySchema,
  competitionLeaderboardSchema,
  competitionPageSchema,
  competitionSchema,
  idParamsSchema,
  leaderboardSchema,
  memberCompetitionSchema,
  pageQuerySchema,
} from '@sharecircle/shared';
import { decodeCursor, pageFrom } from '../../http/cursor';
import { requireMember } from '../../http/principal';
import { route } from '../../http/route';
import type { CompetitionsService } from './competitions.service';
import type { Leaderboards } from './leaderboards.service';

export function competitionsRoutes(deps: { competitions: CompetitionsService; leaderboards: Leaderboards }) {
  const { competitions, leaderboards } = deps;
  return [
    route({
      method: 'post',
      path: '/admin/competitions',
      summary: 'Create a competition: a window (the current month by default), a cohort, a metric (GMV by default) and prizes per rank',
      tag: 'competitions',
      access: ['hq_admin'],
      body: competitionBodySchema,
      response: competitionSchema,
      status: 201,
      errors: ['STORE_NOT_FOUND', 'REGION_NOT_FOUND', 'RULE_PAYS_FOR_RECRUITING'],
      handler: ({ principal, body }) => competitions.create(principal!.userId, body),
    }),
    route({
      method: 'get',
      path: '/admin/competitions',
      summary: 'Every competition, newest first',
      tag: 'competitions',
      access: ['hq_admin'],
      query: pageQuerySchema,
      response: competitionPageSchema,
      handler: async ({ query }) => {
        const before = decodeCursor(query.cursor, { id: 'number' });
        const rows = await competitions.list({ beforeId: before?.id, limit: query.limit + 1 });
        return pageFrom(rows, query.limit, (row) => ({ id: row.id }));
      },
    }),
    route({
      method: 'post',
      path: '/admin/competitions/:id/cancel',
      summary: 'Call a competition off before it closes: no results, no prizes',
      tag: 'competitions',
      access: ['hq_admin'],
      params: idParamsSchema,
      body: cancelCompetitionBodySchema,
      response: competitionSchema,
      errors: ['COMPETITION_NOT_FOUND', 'COMPETITION_CLOSED'],
      handler: ({ principal, params, body }) => competitions.cancel(principal!.userId, params.id, body.reason),
    }),
    route({
      method: 'get',
      path: '/admin/competitions/:id/leaderboard',
      summary: 'A competition’s standings with member ids and names: live while it runs, frozen once closed',
      tag: 'competitions',
      access: ['hq_admin'],
      params: idParamsSchema,
      query: competitionLeaderboardQuerySchema,
      response: competitionLeaderboardSchema,
      errors: ['COMPETITION_NOT_FOUND'],
      handler: ({ principal, params, query }) => competitions.leaderboard(params.id, { memberId: principal!.member?.id ?? null, staff: true }, query.limit),
    }),
    route({
      method: 'get',
      path: '/competitions',
      summary: 'Competitions to come, running, or closed in the last month, and whether I take part',
      tag: 'competitions',
      access: 'member',
      response: z.object({ items: z.array(memberCompetitionSchema) }),
      handler: async ({ principal }) => ({ items: await competitions.listForMember(requireMember(principal!).id) }),
    }),
    route({
      method: 'get',
      path: '/competitions/:id/leaderboard',
      summary: 'The top of a competition (nicknames masked) and my own rank: live while it runs, frozen once closed',
      tag: 'competitions',
      access: 'member',
      params: idParamsSchema,
      query: competitionLeaderboardQuerySchema,
      response: competitionLeaderboardSchema,
      errors: ['COMPETITION_NOT_FOUND'],
      handler: ({ principal, params, query }) => competitions.leaderboard(params.id, { memberId: requireMember(principal!).id, staff: false }, query.limit),
    }),
    route({
      method: 'get',
      path: '/leaderboards',
      summary: 'This ISO week’s or month’s board (China time) by GMV or new customers: everyone, my region or my store; with my rank',
      tag: 'competitions',
      access: 'member',
      query: boardQuerySchema,
      response: leaderboardSchema,
      errors: ['STORE_NOT_FOUND', 'REGION_NOT_FOUND'],
      handler: ({ principal, query }) => leaderboards.board(principal!, query, false),
    }),
    route({
      method: 'get',
      path: '/admin/leaderboards',
      summary: 'The same boards for staff, with member ids and names (a store manager’s store by default for scope=store)',
      tag: 'competitions',
      access: ['store_manager', 'community_manager', 'hq_admin'],
      query: boardQuerySchema,
      response: leaderboardSchema,
      errors: ['STORE_NOT_FOUND', 'REGION_NOT_FOUND'],
      handler: ({ principal, query }) => leaderboards.board(principal!, query, true),
    }),
  ];
}
