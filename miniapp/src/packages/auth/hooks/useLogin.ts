import Taro from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { useAsync } from '../../../hooks/useAsync';
import { devLoginAvailable, signInDev, signInWithWechat } from '../../../services/auth';
import { goHome } from '../../../services/navigation';

export const isWeapp = process.env.TARO_ENV === 'weapp';

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
    signInWechat: () => run('wechat', signInWithWechat),
  };
}
