import { z } from 'zod';
import {
  adminRebindBodySchema,
  applicationsQuerySchema,
  applicationViewSchema,
  bindBodySchema,
  bindingSchema,
  clerkSchema,
  decisionBodySchema,
  idParamsSchema,
  idSchema,
  inviterSchema,
  joinBodySchema,
  memberSchema,
  meSchema,
  optionalReasonBodySchema,
  referralParamsSchema,
  statusChangeBodySchema,
  statusHistoryItemSchema,
  teamPageSchema,
  teamQuerySchema,
} from '@sharecircle/shared';
import { decodeCursor, pageFrom } from '../../http/cursor';
import { requireMember } from '../../http/principal';
import { route } from '../../http/route';
import type { BindingsService } from './bindings.service';
import type { MembersService } from './members.service';

export function membersRoutes(members: MembersService, bindings: BindingsService) {
  const bindingView = async (userId: number) => {
    const binding = (await bindings.bindingOf(userId))!;
    return {
      member: (await members.referrerView(binding))!,
      boundAt: binding.boundAt.toISOString(),
      expiresAt: binding.expiresAt?.toISOString() ?? null,
    };
  };

  return [
    route({
      method: 'post',
      path: '/members/join',
      summary: 'Join as KOC, KOS (with a store) or external distributor; idempotent',
      tag: 'members',
      access: 'user',
      body: joinBodySchema,
      response: memberSchema,
      errors: ['REFERRAL_CODE_UNKNOWN', 'SELF_REFERRAL', 'REFERRAL_CYCLE', 'UPLINE_INACTIVE', 'STORE_NOT_FOUND', 'MEMBER_TYPE_CONFLICT', 'REJOIN_COOLDOWN', 'MEMBER_NOT_ACTIVE'],
      handler: async ({ body, principal }) => (await members.join(principal!.userId, body)).member,
    }),
    route({
      method: 'get',
      path: '/me',
      summary: 'The signed-in user: roles, member record, upline',
      tag: 'members',
      access: 'user',
      response: meSchema,
      handler: ({ principal }) => members.me(principal!.userId),
    }),
    route({
      method: 'get',
      path: '/me/team',
      summary: 'My downlines at tier 1 or 2, newest first, nicknames masked',
      tag: 'members',
      access: 'member',
      query: teamQuerySchema,
      response: teamPageSchema,
      handler: async ({ query, principal }) => {
        const after = decodeCursor(query.cursor, { joinedAt: 'string', id: 'number' });
        const rows = await members.team(requireMember(principal!).id, query.tier as 1 | 2, after, query.limit);
        return pageFrom(rows, query.limit, (row) => ({ joinedAt: row.joinedAt, id: row.id }));
      },
    }),
    route({
      method: 'get',
      path: '/referrals/:code',
      summary: 'Who a referral code belongs to (masked) and whether joining through it works now',
      tag: 'members',
      access: 'user',
      params: referralParamsSchema,
      response: inviterSchema,
      errors: ['REFERRAL_CODE_UNKNOWN'],
      handler: ({ params }) => members.inviter(params.code),
    }),
    route({
      method: 'post',
      path: '/bindings',
      summary: "Bind the signed-in user as a customer of the member whose code they scanned",
      tag: 'members',
      access: 'user',
      body: bindBodySchema,
      response: bindingSchema,
      errors: ['REFERRAL_CODE_UNKNOWN', 'SELF_REFERRAL', 'REFERRAL_CYCLE', 'UPLINE_INACTIVE', 'ALREADY_BOUND'],
      handler: async ({ body, principal }) => {
        await bindings.bindCustomer(principal!.userId, body.referralCode);
        return bindingView(principal!.userId);
      },
    }),
    route({
      method: 'put',
      path: '/admin/bindings/:userId',
      summary: 'Rebind a user to another referrer by hand (audited)',
      tag: 'admin',
      access: ['hq_admin'],
      params: z.object({ userId: idSchema }),
      body: adminRebindBodySchema,
      response: bindingSchema,
      errors: ['REFERRAL_CODE_UNKNOWN', 'SELF_REFERRAL', 'REFERRAL_CYCLE', 'UPLINE_INACTIVE'],
      handler: async ({ params, body, principal }) => {
        await bindings.adminRebind(principal!.userId, params.userId, body.referralCode, body.reason);
        return bindingView(params.userId);
      },
    }),
    route({
      method: 'get',
      path: '/admin/applications',
      summary: 'Applications to review: KOS of my store (store manager) or all (HQ)',
      tag: 'admin',
      access: ['store_manager', 'hq_admin'],
      query: applicationsQuerySchema,
      response: z.object({ items: z.array(applicationViewSchema) }),
      handler: async ({ query, principal }) => ({ items: await members.listApplications(principal!, query) }),
    }),
    route({
      method: 'post',
      path: '/admin/applications/:id/approve',
      summary: 'Approve an application (member id)',
      tag: 'admin',
      access: ['store_manager', 'hq_admin'],
      params: idParamsSchema,
      body: optionalReasonBodySchema,
      response: memberSchema,
      errors: ['MEMBER_NOT_FOUND', 'APPLICATION_NOT_PENDING'],
      handler: ({ params, body, principal }) => members.decideApplication(principal!, params.id, true, body.reason ?? null),
    }),
    route({
      method: 'post',
      path: '/admin/applications/:id/reject',
      summary: 'Reject an application (member id) with a reason',
      tag: 'admin',
      access: ['store_manager', 'hq_admin'],
      params: idParamsSchema,
      body: decisionBodySchema,
      response: memberSchema,
      errors: ['MEMBER_NOT_FOUND', 'APPLICATION_NOT_PENDING'],
      handler: ({ params, body, principal }) => members.decideApplication(principal!, params.id, false, body.reason),
    }),
    route({
      method: 'post',
      path: '/admin/members/:id/status',
      summary: "Set a member's status (warn, probation, remove, ban, reinstate) with a reason",
      tag: 'admin',
      access: ['hq_admin'],
      params: idParamsSchema,
      body: statusChangeBodySchema,
      response: memberSchema,
      errors: ['MEMBER_NOT_FOUND', 'STATUS_TRANSITION_INVALID'],
      handler: ({ params, body, principal }) => members.setStatus(principal!.userId, params.id, body.status, body.reason),
    }),
    route({
      method: 'get',
      path: '/admin/members/:id/status-history',
      summary: "A member's status history: who changed it, when and why",
      tag: 'admin',
      access: ['hq_admin'],
      params: idParamsSchema,
      response: z.object({ items: z.array(statusHistoryItemSchema) }),
      errors: ['MEMBER_NOT_FOUND'],
      handler: async ({ params }) => ({ items: await members.statusHistory(params.id) }),
    }),
    route({
      method: 'get',
      path: '/stores/:id/clerks',
      summary: "A store's clerks (its own store manager, or HQ)",
      tag: 'org',
      access: ['store_manager', 'hq_admin'],
      params: idParamsSchema,
      response: z.object({ items: z.array(clerkSchema) }),
      errors: ['STORE_NOT_FOUND'],
      handler: async ({ params, principal }) => ({ items: await members.clerksOfStore(principal!, params.id) }),
    }),
  ];
}
