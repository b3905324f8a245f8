import { z } from 'zod';
import {
  devLoginBodySchema,
  okSchema,
  refreshBodySchema,
  roleGrantSchema,
  sessionSchema,
  staffRoleBodySchema,
  staffRoleSchema,
  idSchema,
  wechatLoginBodySchema,
} from '@sharecircle/shared';
import { route, type RouteDef } from '../../http/route';
import type { IdentityService } from './identity.service';

export function identityRoutes(identity: IdentityService, options: { devLogin: boolean }): RouteDef[] {
  const routes = [
    route({
      method: 'post',
      path: '/auth/wechat',
      summary: 'Sign in with a wx.login code; creates the user on first sight',
      tag: 'auth',
      access: 'public',
      body: wechatLoginBodySchema,
      response: sessionSchema,
      errors: ['WECHAT_CODE_INVALID', 'WECHAT_RATE_LIMITED', 'WECHAT_USER_BLOCKED', 'WECHAT_UNAVAILABLE'],
      handler: ({ body }) => identity.signInWithWechat(body.code),
    }),
    route({
      method: 'post',
      path: '/auth/refresh',
      summary: 'Trade a refresh token for a new session',
      tag: 'auth',
      access: 'public',
      body: refreshBodySchema,
      response: sessionSchema,
      errors: ['TOKEN_INVALID', 'USER_NOT_FOUND'],
      handler: ({ body }) => identity.refresh(body.refreshToken),
    }),
    route({
      method: 'post',
      path: '/admin/staff-roles',
      summary: 'Give a user a staff role (store manager of a store, community manager, HQ admin)',
      tag: 'admin',
      access: ['hq_admin'],
      body: staffRoleBodySchema,
      response: okSchema,
      errors: ['USER_NOT_FOUND', 'STORE_NOT_FOUND'],
      handler: async ({ body, principal }) => {
        await identity.grantRole(principal!.userId, body);
        return { ok: true as const };
      },
    }),
    route({
      method: 'delete',
      path: '/admin/staff-roles/:userId/:role',
      summary: 'Take a staff role away',
      tag: 'admin',
      access: ['hq_admin'],
      params: z.object({ userId: idSchema, role: staffRoleSchema }),
      response: okSchema,
      errors: ['NOT_FOUND'],
      handler: async ({ params, principal }) => {
        await identity.revokeRole(principal!.userId, params);
        return { ok: true as const };
      },
    }),
    route({
      method: 'get',
      path: '/admin/staff-roles/:userId',
      summary: "A user's staff roles",
      tag: 'admin',
      access: ['hq_admin'],
      params: z.object({ userId: idSchema }),
      response: z.object({ items: z.array(roleGrantSchema) }),
      handler: async ({ params }) => ({ items: await identity.rolesOf(params.userId) }),
    }),
  ];
  if (options.devLogin) {
    routes.push(
      route({
        method: 'post',
        path: '/auth/dev',
        summary: 'Sign in by openid without WeChat (demo and tests; absent in production)',
        tag: 'auth',
        access: 'public',
        body: devLoginBodySchema,
        response: sessionSchema,
        handler: ({ body }) => identity.signInDev(body.openid, body.nickname),
      }),
    );
  }
  return routes;
}
