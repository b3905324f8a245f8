import { AppError } from '../http/app-error';

export interface MiniProgramApiOptions {
  baseUrl: string;
  appId?: string;
  appSecret?: string;
  timeoutMs: number;
}

export interface WechatSession {
  openid: string;
  unionid?: string;
}

export interface MiniProgramApi {
  /** Exchanges a wx.login code (valid once) for the user's openid. */
  code2Session(code: string): Promise<WechatSession>;
}

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
  };
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
