import Taro from '@tarojs/taro';
import { sessionSchema, type Session } from '@sharecircle/shared';
import { parseReply, send } from './transport';

const STORAGE_KEY = 'sharecircle.session';
/** Refresh a little before the access token runs out, so a request never races its expiry. */
const REFRESH_MARGIN_MS = 60_000;

export interface StoredSession {
  accessToken: string;
  refreshToken: string;
  accessExpiresAtMs: number;
  userId: number;
}

export function loadSession(): StoredSession | null {
  try {
    const stored = Taro.getStorageSync(STORAGE_KEY) as StoredSession | '' | undefined;
    return stored && typeof stored === 'object' && stored.accessToken ? stored : null;
  } catch {
    return null;
  }
}

export function saveSession(session: Session, nowMs = Date.now()): StoredSession {
  const stored: StoredSession = {
    accessToken: session.accessToken,
    refreshToken: session.refreshToken,
    accessExpiresAtMs: nowMs + session.accessExpiresInSec * 1000,
    userId: session.userId,
  };
  Taro.setStorageSync(STORAGE_KEY, stored);
  return stored;
}

export function clearSession(): void {
  Taro.removeStorageSync(STORAGE_KEY);
}

let refreshing: Promise<StoredSession | null> | null = null;

/**
 * Trades the refresh token for a new session (POST /auth/refresh). Concurrent callers share one
 * exchange. Resolves null when there is nothing to refresh or the server refuses: the caller signs in again.
 */
export function refreshSession(): Promise<StoredSession | null> {
  if (refreshing) return refreshing;
  const current = loadSession();
  if (!current) return Promise.resolve(null);
  refreshing = (async () => {
    try {
      const reply = await send('POST', '/auth/refresh', { body: { refreshToken: current.refreshToken } });
      if (reply.status < 200 || reply.status >= 300) {
        clearSession();
        return null;
      }
      return saveSession(parseReply(sessionSchema, reply));
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

/** The access token to send now: refreshed first when it is about to expire; null when signed out. */
export async function currentAccessToken(nowMs = Date.now()): Promise<string | null> {
  const session = loadSession();
  if (!session) return null;
  if (session.accessExpiresAtMs - nowMs > REFRESH_MARGIN_MS) return session.accessToken;
  const refreshed = await refreshSession();
  return refreshed?.accessToken ?? null;
}
