import Router from '@koa/router';
import type { ParameterizedContext } from 'koa';
import type { z } from 'zod';
import { AppError } from './app-error';
import { authorize, type Principal } from './principal';
import type { RawReply, RouteDef } from './route';

export interface AuthHooks {
  /** Verifies a bearer access token and answers the user id; throws TOKEN_INVALID. */
  verifyAccessToken(token: string): Promise<number>;
  loadPrincipal(userId: number): Promise<Principal>;
}

export const API_PREFIX = '/api/v1';

/** Mounts every route declaration: authenticate, authorize, validate, call, validate the reply shape. */
export function buildRouter(routes: RouteDef[], auth: AuthHooks): Router {
  const router = new Router({ prefix: API_PREFIX });
  for (const def of routes) {
    router[def.method](def.path, async (ctx) => {
      const principal = await authenticate(ctx, def, auth);
      authorize(principal, def.access);
      const input = {
        params: parse(def.params, ctx.params, 'params'),
        query: parse(def.query, ctx.query, 'query'),
        body: parse(def.body, ctx.state.body, 'body'),
        principal,
        rawBody: ctx.state.rawBody ?? Buffer.alloc(0),
        headers: ctx.req.headers,
        requestId: ctx.state.requestId,
      };
      const result = await def.handler(input as never);
      if (def.response === null) {
        const raw = result as RawReply;
        ctx.status = raw.status ?? 200;
        ctx.type = raw.contentType;
        ctx.body = raw.body;
        return;
      }
      ctx.status = def.status ?? 200;
      if (def.status !== 204) ctx.body = def.response.parse(result);
    });
  }
  return router;
}

async function authenticate(ctx: ParameterizedContext, def: RouteDef, auth: AuthHooks): Promise<Principal | null> {
  const header = ctx.get('authorization');
  if (def.access === 'public') return null;
  const match = /^Bearer (.+)$/.exec(header);
  if (!match) throw new AppError('UNAUTHENTICATED', 'send an access token: Authorization: Bearer <token>');
  const userId = await auth.verifyAccessToken(match[1]);
  return auth.loadPrincipal(userId);
}

function parse(schema: z.ZodType | undefined, value: unknown, where: 'params' | 'query' | 'body'): unknown {
  if (!schema) return undefined;
  const parsed = schema.safeParse(where === 'body' ? value ?? {} : value);
  if (parsed.success) return parsed.data;
  const details = parsed.error.issues.map((issue) => ({
    path: [where, ...issue.path.map(String)].join('.'),
    issue: issue.message,
  }));
  throw new AppError('VALIDATION_FAILED', `invalid ${where}: ${details.map((d) => `${d.path} ${d.issue}`).join('; ')}`, details);
}
