import { AppError } from '../http/app-error';

export interface AccessTokenOptions {
  baseUrl: string;
  appId?: string;
  appSecret?: string;
  timeoutMs: number;
  /** Wall-clock milliseconds: the token expires on WeChat's clock, not on the business clock tests move. */
  nowMs?: () => number;
}

export interface AccessTokenSource {
  /** A valid access token, fetched once and reused until shortly before it expires. */
  get(): Promise<string>;
  /** Drops the cached token; the next get() fetches a new one (after WeChat answered 40001/42001). */
  invalidate(token: string): void;
}

/** Refresh this long before WeChat's expiry, so a token never dies between get() and its use. */
export const TOKEN_REFRESH_MARGIN_MS = 5 * 60_000;

/**
 * The mini-program's server access token from POST /cgi-bin/stable_token. Cached in memory per
 * process; concurrent callers share one in-flight request, so a burst of sends costs one fetch
 * (WeChat limits how often a token may be fetched per day).
 */
export function createAccessTokenSource(options: AccessTokenOptions): AccessTokenSource {
  const nowMs = options.nowMs ?? Date.now;
  let cached: { token: string; refreshAtMs: number } | undefined;
  let inFlight: Promise<string> | undefined;

  async function fetchToken(): Promise<string> {
    if (!options.appId || !options.appSecret) {
      throw new AppError('WECHAT_UNAVAILABLE', 'WeChat is not configured (WECHAT_APP_ID, WECHAT_APP_SECRET)');
    }
    const reply = await postJson(
      new URL('/cgi-bin/stable_token', options.baseUrl),
      { grant_type: 'client_credential', appid: options.appId, secret: options.appSecret },
      options.timeoutMs,
    );
    const errcode = Number(reply.errcode ?? 0);
    if (errcode !== 0) throw new AppError('WECHAT_UNAVAILABLE', `WeChat refused the access token (errcode ${errcode})`);
    const expiresInSec = Number(reply.expires_in);
    if (typeof reply.access_token !== 'string' || reply.access_token === '' || !(expiresInSec > 0)) {
      throw new AppError('WECHAT_UNAVAILABLE', 'WeChat answered stable_token without a token');
    }
    cached = { token: reply.access_token, refreshAtMs: nowMs() + expiresInSec * 1000 - TOKEN_REFRESH_MARGIN_MS };
    return reply.access_token;
  }

  return {
    get() {
      if (cached && nowMs() < cached.refreshAtMs) return Promise.resolve(cached.token);
      inFlight ??= fetchToken().finally(() => {
        inFlight = undefined;
      });
      return inFlight;
    },
    invalidate(token) {
      if (cached?.token === token) cached = undefined;
    },
  };
}

/** The access token was rejected (invalid, expired, revoked by a forced refresh elsewhere). */
const TOKEN_ERRCODES = new Set([40001, 40014, 42001]);

/**
 * Calls WeChat with the current access token. When WeChat rejects the token (another process may
 * have refreshed it), fetches a fresh one and calls once more; a fresh token refused too is
 * WECHAT_UNAVAILABLE.
 */
export async function withAccessToken<R>(source: AccessTokenSource, call: (token: string) => Promise<R>, errcodeOf: (reply: R) => number): Promise<R> {
  const token = await source.get();
  const reply = await call(token);
  if (!TOKEN_ERRCODES.has(errcodeOf(reply))) return reply;
  source.invalidate(token);
  const retried = await call(await source.get());
  const errcode = errcodeOf(retried);
  if (TOKEN_ERRCODES.has(errcode)) throw new AppError('WECHAT_UNAVAILABLE', `WeChat refused a fresh access token (errcode ${errcode})`);
  return retried;
}

/** POSTs JSON to WeChat and answers its JSON; any transport failure is WECHAT_UNAVAILABLE (retryable). */
export async function postJson(url: URL, body: unknown, timeoutMs: number): Promise<Record<string, unknown>> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch {
    throw new AppError('WECHAT_UNAVAILABLE', 'WeChat could not be reached; try again');
  }
  if (!response.ok) throw new AppError('WECHAT_UNAVAILABLE', `WeChat answered HTTP ${response.status}`);
  try {
    return (await response.json()) as Record<string, unknown>;
  } catch {
    throw new AppError('WECHAT_UNAVAILABLE', 'WeChat answered something that is not JSON');
  }
}
