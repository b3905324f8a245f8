import Taro from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { useAsync } from '../../../hooks/useAsync';
import { devLoginAvailable, signInDev, signInWithWechat } from '../../../services/auth';
import { goHome } from '../../../services/navigation';

export const isWeapp = process.env.TARO_ENV === 'weapp';
/** `signingIn` while the new-user entry signs in (seeded users are keyed by their openid). */
export const NEW_USER = 'new-user';

/** Where to go after signing in: a page of the app named by `next` (the join page sends it), else home. */
export function pageAfterLogin(next: string | undefined): string | null {
  if (!next) return null;
  let url: string;
  try {
    url = decodeURIComponent(next);
  } catch {
    return null;
  }
  return url.startsWith('/packages/') ? url : null;
}

/** Longest nickname the server takes for a demo user (devLoginBodySchema). */
export const NICKNAME_MAX = 64;

/**
 * An openid no one has yet, so /auth/dev makes a new user: the demo's stand-in for a first wx.login.
 * It only has to be unlikely to repeat between testers, not secret, so time and Math.random do.
 */
export function newDemoOpenid(): string {
  return `h5-new-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

/**
 * How this build signs in: WeChat inside WeChat; elsewhere the demo picker, offered only when the
 * server has demo sign-in (outside production).
 */
export function useLogin(next: string | null = null) {
  const availability = useAsync(() => (isWeapp ? Promise.resolve(false) : devLoginAvailable()), []);
  const [signingIn, setSigningIn] = useState<string | null>(null);
  const [signInError, setSignInError] = useState<unknown>(null);

  const run = useCallback(async (key: string, signIn: () => Promise<unknown>) => {
    setSigningIn(key);
    setSignInError(null);
    try {
      await signIn();
      if (next) await Taro.redirectTo({ url: next });
      else goHome();
    } catch (error) {
      setSignInError(error);
    } finally {
      setSigningIn(null);
    }
  }, [next]);

  return {
    availability,
    signingIn,
    signInError,
    signInDemo: (openid: string) => run(openid, () => signInDev(openid)),
    /** A newcomer on H5: a fresh openid, and the nickname typed in if any (else the server's default). */
    signInNewUser: (nickname: string) => run(NEW_USER, () => signInDev(newDemoOpenid(), nickname.trim().slice(0, NICKNAME_MAX) || undefined)),
    signInWechat: () => run('wechat', signInWithWechat),
  };
}
