import { ApiError } from './errors';
import { signInWithWechat } from './auth';
import { goToLogin } from './navigation';
import { currentAccessToken, refreshSession } from './session';
import { errorFromReply, parseReply, send, type HttpMethod, type Query } from './transport';

const isWeapp = process.env.TARO_ENV === 'weapp';

/** On WeChat a missing session is silently replaced by a wx.login one; elsewhere the user picks how to sign in. */
async function tokenOrSignIn(): Promise<string | null> {
  const token = await currentAccessToken();
  if (token || !isWeapp) return token;
  try {
    return (await signInWithWechat()).accessToken;
  } catch {
    return null;
  }
}

function signedOut(): ApiError {
  goToLogin();
  return new ApiError('UNAUTHENTICATED', 'signed out', 401);
}

/**
 * A signed-in API call whose reply is parsed with the shared zod schema.
 * A 401 refreshes the session once and retries; a second 401 (or a failed refresh) goes to login.
 */
export async function apiRequest<T>(
  method: HttpMethod,
  path: string,
  schema: { parse(data: unknown): T },
  options: { query?: Query; body?: unknown } = {},
): Promise<T> {
  const token = await tokenOrSignIn();
  if (!token) throw signedOut();
  let reply = await send(method, path, { ...options, token });
  if (reply.status === 401) {
    const refreshed = await refreshSession();
    if (!refreshed) throw signedOut();
    reply = await send(method, path, { ...options, token: refreshed.accessToken });
    if (reply.status === 401) throw signedOut();
  }
  if (reply.status < 200 || reply.status >= 300) throw errorFromReply(reply);
  return parseReply(schema, reply);
}
