import Taro from '@tarojs/taro';
import { sessionSchema } from '@sharecircle/shared';
import { ApiError } from './errors';
import { clearSession, saveSession, type StoredSession } from './session';
import { errorFromReply, parseReply, send } from './transport';

async function signIn(path: string, body: unknown): Promise<StoredSession> {
  const reply = await send('POST', path, { body });
  if (reply.status < 200 || reply.status >= 300) throw errorFromReply(reply);
  return saveSession(parseReply(sessionSchema, reply));
}

/** WeChat: wx.login gives a one-time code, the server trades it for a session (jscode2session). */
export async function signInWithWechat(): Promise<StoredSession> {
  const { code } = await Taro.login();
  if (!code) throw new ApiError('WECHAT_CODE_INVALID', 'wx.login returned no code', 0);
  return signIn('/auth/wechat', { code });
}

/** Demo sign-in by openid (a new openid makes a new user, named by `nickname`); the server only offers it outside production. */
export function signInDev(openid: string, nickname?: string): Promise<StoredSession> {
  return signIn('/auth/dev', nickname ? { openid, nickname } : { openid });
}

/**
 * Whether this server offers demo sign-in: the route exists outside production only, so a GET on it
 * answers 405 (wrong method) there and 404 in production.
 */
export async function devLoginAvailable(): Promise<boolean> {
  const reply = await send('GET', '/auth/dev');
  return reply.status === 405;
}

export function signOut(): void {
  clearSession();
}
