import { AppError } from '../http/app-error';
import { withAccessToken, type AccessTokenSource } from './access-token';
import type { MiniprogramState } from './subscribe-message';

export interface MiniProgramApiOptions {
  baseUrl: string;
  appId?: string;
  appSecret?: string;
  timeoutMs: number;
  /** The server access token for the calls that need one (mini-program codes). */
  accessToken: AccessTokenSource;
}

/** WeChat's body for POST /wxa/getwxacodeunlimit, field names as WeChat spells them. */
export interface UnlimitedWxaCodeRequest {
  /** At most 32 characters of [0-9A-Za-z!#$&'()*+,/:;=?@-._~]; the page reads it from options.scene. */
  scene: string;
  /** The page the code opens, no leading slash. */
  page: string;
  /** false: WeChat does not check that the page exists in the published build. */
  check_path: boolean;
  env_version: 'release' | 'trial' | 'develop';
  /** Pixels, 280-1280. */
  width: number;
  /** A transparent background, which makes WeChat answer a PNG. */
  is_hyaline: boolean;
}

export interface WxaCodeImage {
  contentType: string;
  body: Buffer;
}

export interface WechatSession {
  openid: string;
  unionid?: string;
}

export interface MiniProgramApi {
  /** Exchanges a wx.login code (valid once) for the user's openid. */
  code2Session(code: string): Promise<WechatSession>;
  /**
   * A mini-program code image (getwxacodeunlimit: no quota, the scene carries the data). WeChat's
   * refusals (41030 page not published, 40169 bad scene ...) are WECHAT_REFUSED with the errcode.
   */
  unlimitedWxaCode(request: UnlimitedWxaCodeRequest): Promise<WxaCodeImage>;
}

/** Which build a mini-program code opens, in getwxacodeunlimit's words. */
export const WXA_ENV_VERSION: Record<MiniprogramState, UnlimitedWxaCodeRequest['env_version']> = { formal: 'release', trial: 'trial', developer: 'develop' };

/** WeChat's errcodes for getwxacodeunlimit worth explaining to whoever reads the error. */
const WXA_CODE_ERRORS: Record<number, string> = {
  41030: 'the page is not in the published mini-program (publish it, or set WECHAT_MINIPROGRAM_STATE to the build that has it)',
  40169: 'the scene is longer than 32 characters or has characters WeChat does not allow',
  45009: 'the daily limit of mini-program codes is reached',
  40097: 'a parameter is invalid',
};

/** WeChat's documented errcodes for jscode2session, mapped to our codes. */
const CODE2SESSION_ERRORS: Record<number, { code: 'WECHAT_CODE_INVALID' | 'WECHAT_RATE_LIMITED' | 'WECHAT_USER_BLOCKED'; message: string }> = {
  40029: { code: 'WECHAT_CODE_INVALID', message: 'the WeChat login code is not valid; call wx.login again' },
  40163: { code: 'WECHAT_CODE_INVALID', message: 'the WeChat login code was already used; call wx.login again' },
  45011: { code: 'WECHAT_RATE_LIMITED', message: 'too many sign-ins; try again in a minute' },
  40226: { code: 'WECHAT_USER_BLOCKED', message: 'WeChat flags this account as high-risk' },
};

export function createMiniProgramApi(options: MiniProgramApiOptions): MiniProgramApi {
  return {
    async code2Session(code) {
      if (!options.appId || !options.appSecret) {
        throw new AppError('WECHAT_UNAVAILABLE', 'WeChat sign-in is not configured (WECHAT_APP_ID, WECHAT_APP_SECRET)');
      }
      const url = new URL('/sns/jscode2session', options.baseUrl);
      url.search = new URLSearchParams({
        appid: options.appId,
        secret: options.appSecret,
        js_code: code,
        grant_type: 'authorization_code',
      }).toString();
      const reply = await getJson(url, options.timeoutMs);
      const errcode = Number(reply.errcode ?? 0);
      if (errcode !== 0) {
        const known = CODE2SESSION_ERRORS[errcode];
        if (known) throw new AppError(known.code, known.message);
        throw new AppError('WECHAT_UNAVAILABLE', `WeChat refused the sign-in (errcode ${errcode})`);
      }
      if (typeof reply.openid !== 'string' || reply.openid === '') {
        throw new AppError('WECHAT_UNAVAILABLE', 'WeChat answered without an openid');
      }
      return { openid: reply.openid, unionid: typeof reply.unionid === 'string' ? reply.unionid : undefined };
    },

    async unlimitedWxaCode(request) {
      const reply = await withAccessToken(options.accessToken, (token) => postForImage(options, token, request), (answer) => ('errcode' in answer ? answer.errcode : 0));
      if ('errcode' in reply) {
        const why = WXA_CODE_ERRORS[reply.errcode] ?? reply.errmsg ?? 'no reason given';
        throw new AppError('WECHAT_REFUSED', `WeChat refused the mini-program code for ${request.page} (errcode ${reply.errcode}): ${why}`, [
          { path: 'wechat.errcode', issue: String(reply.errcode) },
        ]);
      }
      return reply;
    },
  };
}

/** Success is the image itself; a refusal is JSON with an errcode (with HTTP 200 either way). */
async function postForImage(options: MiniProgramApiOptions, token: string, request: UnlimitedWxaCodeRequest): Promise<WxaCodeImage | { errcode: number; errmsg?: string }> {
  const url = new URL('/wxa/getwxacodeunlimit', options.baseUrl);
  url.search = new URLSearchParams({ access_token: token }).toString();
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(request),
      signal: AbortSignal.timeout(options.timeoutMs),
    });
  } catch {
    throw new AppError('WECHAT_UNAVAILABLE', 'WeChat could not be reached; try again');
  }
  if (!response.ok) throw new AppError('WECHAT_UNAVAILABLE', `WeChat answered HTTP ${response.status}`);
  const contentType = response.headers.get('content-type') ?? '';
  let body: Buffer;
  try {
    body = Buffer.from(await response.arrayBuffer());
  } catch {
    throw new AppError('WECHAT_UNAVAILABLE', 'WeChat’s answer was cut off; try again');
  }
  if (contentType.startsWith('image/')) return { contentType: contentType.split(';')[0], body };
  let reply: { errcode?: unknown; errmsg?: unknown };
  try {
    reply = JSON.parse(body.toString('utf8'));
  } catch {
    throw new AppError('WECHAT_UNAVAILABLE', `WeChat answered ${contentType || 'something'} that is neither an image nor JSON`);
  }
  const errcode = Number(reply.errcode);
  if (!Number.isInteger(errcode) || errcode === 0) throw new AppError('WECHAT_UNAVAILABLE', 'WeChat answered JSON without an image or an errcode');
  return { errcode, errmsg: typeof reply.errmsg === 'string' ? reply.errmsg : undefined };
}

async function getJson(url: URL, timeoutMs: number): Promise<Record<string, unknown>> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
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
