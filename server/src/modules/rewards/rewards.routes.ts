import { z } from 'zod';
import {
  addressBodySchema,
  badgeSchema,
  codePoolBodySchema,
  codePoolSchema,
  codesBodySchema,
  GRANT_STATUSES,
  grantSchema,
  idParamsSchema,
  levelDefSchema,
  levelsBodySchema,
  myLevelSchema,
  okSchema,
  privilegeSchema,
  ruleBodySchema,
  rulePatchSchema,
  ruleSchema,
  shipBodySchema,
} from '@sharecircle/shared';
import type { Db } from '../../db/database';
import type { Clock } from '../../clock';
import { requireMember } from '../../http/principal';
import { route } from '../../http/route';
import type { GiftsService } from './gifts.service';
import type { GrantsService } from './grants.service';
import type { LevelsService } from './levels.service';
import type { RulesService } from './rules.service';

export interface RewardsRouteDeps {
  db: Db;
  clock: Clock;
  rules: RulesService;
  gifts: GiftsService;
  grants: GrantsService;
  levels: LevelsService;
  /** Rights other modules hold for a member, listed with the privileges (communities: group_admin over a group). */
  otherPrivileges?: (memberId: number, at: Date) => Promise<z.input<typeof privilegeSchema>[]>;
}

export function rewardsRoutes({ db, clock, rules, gifts, grants, levels, otherPrivileges }: RewardsRouteDeps) {
  const ladderView = async () => ({ levels: (await levels.ladder(db)).map(({ updatedAt: _updatedAt, ...level }) => level) });
  return [
    route({ method: 'get', path: '/admin/reward-rules', summary: 'Reward rules', tag: 'rewards', access: ['hq_admin'], response: z.object({ items: z.array(ruleSchema) }), handler: async () => ({ items: await rules.list() }) }),
    route({
      method: 'post',
      path: '/admin/reward-rules',
      summary: 'Create a reward rule (refused if it pays cash for recruiting alone)',
      tag: 'rewards',
      access: ['hq_admin'],
      body: ruleBodySchema,
      response: ruleSchema,
      status: 201,
      errors: ['RULE_PAYS_FOR_RECRUITING'],
      handler: ({ principal, body }) => rules.create(principal!.userId, body),
    }),
    route({ method: 'get', path: '/admin/reward-rules/:id', summary: 'One reward rule', tag: 'rewards', access: ['hq_admin'], params: idParamsSchema, response: ruleSchema, errors: ['RULE_NOT_FOUND'], handler: ({ params }) => rules.get(params.id) }),
    route({
      method: 'patch',
      path: '/admin/reward-rules/:id',
      summary: 'Change a rule, pause it ({"paused": true}) or resume it',
      tag: 'rewards',
      access: ['hq_admin'],
      params: idParamsSchema,
      body: rulePatchSchema,
      response: ruleSchema,
      errors: ['RULE_NOT_FOUND', 'RULE_PAYS_FOR_RECRUITING'],
      handler: ({ principal, params, body }) => rules.update(principal!.userId, params.id, body),
    }),
    route({
      method: 'get',
      path: '/admin/reward-grants',
      summary: 'Grants by status: gifts to ship (address_confirmed), empty pools (pool_empty), budget refusals (over_budget)',
      tag: 'rewards',
      access: ['hq_admin'],
      query: z.object({ status: z.enum(GRANT_STATUSES) }),
      response: z.object({ items: z.array(grantSchema.extend({ memberId: z.number().int().optional() })) }),
      handler: async ({ query }) => ({ items: await gifts.grantsByStatus(query.status) }),
    }),
    route({
      method: 'post',
      path: '/admin/reward-grants/:id/ship',
      summary: 'Mark a gift shipped with its tracking number',
      tag: 'rewards',
      access: ['hq_admin'],
      params: idParamsSchema,
      body: shipBodySchema,
      response: grantSchema,
      errors: ['REWARD_NOT_FOUND', 'REWARD_STATE_INVALID'],
      handler: ({ principal, params, body }) => gifts.ship(principal!.userId, params.id, body),
    }),
    route({ method: 'get', path: '/admin/code-pools', summary: 'Code pools and how many codes are left', tag: 'rewards', access: ['hq_admin'], response: z.object({ items: z.array(codePoolSchema) }), handler: async () => ({ items: await rules.pools() }) }),
    route({
      method: 'post',
      path: '/admin/code-pools',
      summary: 'Upload a pool of coupon or membership codes',
      tag: 'rewards',
      access: ['hq_admin'],
      body: codePoolBodySchema,
      response: z.object({ id: z.number().int() }),
      status: 201,
      errors: ['CONFLICT'],
      handler: async ({ principal, body }) => ({ id: await rules.createPool(principal!.userId, body) }),
    }),
    route({
      method: 'post',
      path: '/admin/code-pools/:id/codes',
      summary: 'Add codes to a pool (codes already there are skipped)',
      tag: 'rewards',
      access: ['hq_admin'],
      params: idParamsSchema,
      body: codesBodySchema,
      response: okSchema,
      errors: ['POOL_NOT_FOUND'],
      handler: async ({ params, body }) => {
        await rules.addCodes(params.id, body.codes);
        return { ok: true as const };
      },
    }),
    route({ method: 'get', path: '/admin/levels', summary: 'The level ladder (empty until HQ sets one)', tag: 'rewards', access: ['hq_admin'], response: z.object({ levels: z.array(levelDefSchema) }), handler: ladderView }),
    route({
      method: 'put',
      path: '/admin/levels',
      summary: 'Replace the level ladder (levels 1..n, promotion and keep conditions, rewards per level)',
      tag: 'rewards',
      access: ['hq_admin'],
      body: levelsBodySchema,
      response: levelsBodySchema,
      handler: async ({ body }) => {
        await levels.replace(body.levels.map((level) => levelDefSchema.parse(level)));
        return ladderView();
      },
    }),
    route({ method: 'get', path: '/me/level', summary: 'My level, the next one and my progress to it', tag: 'rewards', access: 'member', response: myLevelSchema, errors: ['MEMBER_NOT_FOUND'], handler: ({ principal }) => levels.myLevel(requireMember(principal!).id) }),
    route({ method: 'get', path: '/me/badges', summary: 'My badge wall', tag: 'rewards', access: 'member', response: z.object({ items: z.array(badgeSchema) }), handler: async ({ principal }) => ({ items: await gifts.badges(requireMember(principal!).id) }) }),
    route({ method: 'get', path: '/me/rewards', summary: 'Everything granted to me, with its state', tag: 'rewards', access: 'member', response: z.object({ items: z.array(grantSchema) }), handler: async ({ principal }) => ({ items: await gifts.rewards(requireMember(principal!).id) }) }),
    route({
      method: 'post',
      path: '/me/rewards/:id/address',
      summary: 'Confirm where a gift should go',
      tag: 'rewards',
      access: 'member',
      params: idParamsSchema,
      body: addressBodySchema,
      response: grantSchema,
      errors: ['REWARD_NOT_FOUND', 'REWARD_STATE_INVALID'],
      handler: ({ principal, params, body }) => gifts.confirmAddress(requireMember(principal!).id, params.id, body),
    }),
    route({
      method: 'post',
      path: '/me/rewards/:id/received',
      summary: 'Confirm a shipped gift arrived',
      tag: 'rewards',
      access: 'member',
      params: idParamsSchema,
      response: grantSchema,
      errors: ['REWARD_NOT_FOUND', 'REWARD_STATE_INVALID'],
      handler: ({ principal, params }) => gifts.received(requireMember(principal!).id, params.id),
    }),
    route({
      method: 'get',
      path: '/me/privileges',
      summary: 'My active privileges (e.g. group_admin_eligible) and rights (group_admin over a group) with their expiry',
      tag: 'rewards',
      access: 'member',
      response: z.object({ items: z.array(privilegeSchema) }),
      handler: async ({ principal }) => {
        const memberId = requireMember(principal!).id;
        const at = clock.now();
        const own = (await grants.activePrivileges(db, memberId, at)).map((row) => ({
          name: row.name,
          grantedAt: row.grantedAt.toISOString(),
          expiresAt: row.expiresAt?.toISOString() ?? null,
        }));
        return { items: [...own, ...(otherPrivileges ? await otherPrivileges(memberId, at) : [])] };
      },
    }),
  ];
}
