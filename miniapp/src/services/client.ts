import { ApiError } from './errors';
import { signInWithWechat } from './auth';
import { goToLogin } from './navigation';
import { currentAccessToken, refreshSession } from './session';
import { download, errorFromReply, parseReply, send, upload, type HttpMethod, type Query } from './transport';

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

/** One exchange with the signed-in user's token: a 401 refreshes the session once and retries; a second 401 (or a failed refresh) goes to login. */
async function signedIn<R extends { status: number }>(exchange: (token: string) => Promise<R>): Promise<R> {
  const token = await tokenOrSignIn();
  if (!token) throw signedOut();
  let reply = await exchange(token);
  if (reply.status === 401) {
    const refreshed = await refreshSession();
    if (!refreshed) throw signedOut();
    reply = await exchange(refreshed.accessToken);
    if (reply.status === 401) throw signedOut();
  }
  return reply;
}

const succeeded = (reply: { status: number }) => reply.status >= 200 && reply.status < 300;

/** A signed-in API call whose reply is parsed with the shared zod schema. */
export async function apiRequest<T>(
  method: HttpMethod,
  path: string,
  schema: { parse(data: unknown): T },
  options: { query?: Query; body?: unknown } = {},
): Promise<T> {
  const reply = await signedIn((token) => send(method, path, { ...options, token }));
  if (!succeeded(reply)) throw errorFromReply(reply);
  return parseReply(schema, reply);
}

/** A signed-in upload of a local file (multipart, as wx.uploadFile sends it), its reply parsed like any other. */
export async function apiUpload<T>(path: string, filePath: string, schema: { parse(data: unknown): T }): Promise<T> {
  const reply = await signedIn((token) => upload(path, filePath, token));
  if (!succeeded(reply)) throw errorFromReply(reply);
  return parseReply(schema, reply);
}

/**
 * A signed-in download of an image the API draws; answers its local path. A refusal's JSON body stays
 * in the downloaded file, so the error carries the status only: callers check what they can first.
 */
export async function apiDownload(path: string): Promise<string> {
  const reply = await signedIn((token) => download(path, token));
  if (!succeeded(reply)) throw new ApiError(reply.status >= 500 ? 'INTERNAL' : 'DOWNLOAD_REFUSED', `HTTP ${reply.status}`, reply.status);
  return reply.tempFilePath;
}
