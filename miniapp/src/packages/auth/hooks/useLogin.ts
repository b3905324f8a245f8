import { useCallback, useState } from 'react';
import { useAsync } from '../../../hooks/useAsync';
import { devLoginAvailable, signInDev, signInWithWechat } from '../../../services/auth';
import { goHome } from '../../../services/navigation';

export const isWeapp = process.env.TARO_ENV === 'weapp';

/**
 * How this build signs in: WeChat inside WeChat; elsewhere the demo picker, offered only when the
 * server has demo sign-in (outside production).
 */
export function useLogin() {
  const availability = useAsync(() => (isWeapp ? Promise.resolve(false) : devLoginAvailable()), []);
  const [signingIn, setSigningIn] = useState<string | null>(null);
  const [signInError, setSignInError] = useState<unknown>(null);

  const run = useCallback(async (key: string, signIn: () => Promise<unknown>) => {
    setSigningIn(key);
    setSignInError(null);
    try {
      await signIn();
      goHome();
    } catch (error) {
      setSignInError(error);
    } finally {
      setSigningIn(null);
    }
  }, []);

  return {
    availability,
    signingIn,
    signInError,
    signInDemo: (openid: string) => run(openid, () => signInDev(openid)),
    signInWechat: () => run('wechat', signInWithWechat),
  };
}
