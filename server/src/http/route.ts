import type { IncomingHttpHeaders } from 'node:http';
import type { z } from 'zod';
import type { ErrorCode } from '@sharecircle/shared';
import type { Access, Principal } from './principal';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Schema = z.ZodType;
type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  /** null only on public routes. */
  principal: Principal | null;
  rawBody: Buffer;
  headers: IncomingHttpHeaders;
  requestId: string;
}

/**
 * One declaration per route: Koa registration, input validation, authorization and the OpenAPI
 * document all come from it, so no route can be undocumented or unvalidated.
 */
export interface RouteDef<P extends Schema | undefined = Schema | undefined, Q extends Schema | undefined = Schema | undefined, B extends Schema | undefined = Schema | undefined, R extends Schema | null = Schema | null> {
  method: Method;
  /** Koa style, relative to /api/v1: '/members/:id'. */
  path: string;
  summary: string;
  tag: string;
  access: Access;
  params?: P;
  query?: Q;
  body?: B;
  /** How the body arrives; JSON unless a route says otherwise (an upload, as wx.uploadFile sends it). */
  bodyContentType?: 'application/json' | 'multipart/form-data';
  /** null when the reply is not JSON (e.g. an image); then the handler sets it through `reply`. */
  response: R;
  status?: 200 | 201 | 202 | 204;
  /** Error codes a client should expect besides validation and authorization. */
  errors?: ErrorCode[];
  handler: (input: RouteInput<Out<P>, Out<Q>, Out<B>>) => Promise<R extends Schema ? z.input<R> : RawReply>;
}

export interface RawReply {
  status?: number;
  contentType: string;
  body: Buffer | string;
}

/** Keeps the schemas' types flowing into the handler. */
export function route<P extends Schema | undefined, Q extends Schema | undefined, B extends Schema | undefined, R extends Schema | null>(
  def: RouteDef<P, Q, B, R>,
): RouteDef {
  return def as unknown as RouteDef;
}
