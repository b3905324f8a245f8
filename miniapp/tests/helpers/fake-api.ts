import Taro from '@tarojs/taro';

/** What a route answers: a body (status 200), { status, body }, or HANG for a request that never returns. */
export const HANG = Symbol('hang');
export type Reply = { status: number; body: unknown } | typeof HANG;
export type Handler = (request: { method: string; path: string; query: URLSearchParams; body: unknown }) => Reply | Promise<Reply>;
export type Route = Handler | Reply | { body: unknown };

export interface Call {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  authorization?: string;
}

export const ok = (body: unknown): Reply => ({ status: 200, body });
export const fail = (status: number, code: string, extra: Record<string, unknown> = {}): Reply => ({
  status,
  body: { error: { code, message: code.toLowerCase(), requestId: 'req-test-1', ...extra } },
});
export const serverError = () => fail(500, 'INTERNAL');

const taro = Taro as unknown as { request: jest.Mock; setStorageSync: (key: string, value: unknown) => void };

/**
 * Installs a fake API behind Taro.request. Routes are keyed "GET /me/balances" (path after /api/v1,
 * without the query). Unknown routes answer 404 ROUTE_NOT_FOUND. Returns the calls made.
 */
export function serveApi(routes: Record<string, Route>): Call[] {
  const calls: Call[] = [];
  taro.request.mockImplementation(async (options: { url: string; method?: string; data?: unknown; header?: Record<string, string> }) => {
    const url = new URL(options.url, 'http://localhost');
    const path = url.pathname.replace(/^\/api\/v1/, '');
    const method = (options.method ?? 'GET').toUpperCase();
    calls.push({ method, path, query: url.searchParams, body: options.data, authorization: options.header?.authorization });
    const route = routes[`${method} ${path}`];
    let reply: Reply;
    if (route === undefined) reply = fail(404, 'ROUTE_NOT_FOUND');
    else if (typeof route === 'function') reply = await route({ method, path, query: url.searchParams, body: options.data });
    else if (route === HANG || 'status' in route) reply = route as Reply;
    else reply = ok(route.body);
    if (reply === HANG) return new Promise(() => undefined);
    return { statusCode: reply.status, data: reply.body, header: {}, errMsg: 'request:ok' };
  });
  return calls;
}

/** Every request hangs: the page stays in its loading state. */
export function hangAll(): void {
  taro.request.mockImplementation(() => new Promise(() => undefined));
}

/** A stored session, as if the user had signed in a moment ago. */
export function signedIn(accessToken = 'access-1'): void {
  taro.setStorageSync('sharecircle.session', {
    accessToken,
    refreshToken: 'refresh-1',
    accessExpiresAtMs: Date.now() + 15 * 60 * 1000,
    userId: 6,
  });
}
