import { postJson, withAccessToken, type AccessTokenSource } from './access-token';

export type MiniprogramState = 'formal' | 'trial' | 'developer';

/** WeChat's body for POST /cgi-bin/message/subscribe/send, field names as WeChat spells them. */
export interface SubscribeMessage {
  /** The receiver's openid. */
  touser: string;
  template_id: string;
  /** Mini-program page opened from the message, no leading slash, query allowed. */
  page?: string;
  /** Keyword values as the template defines them: { thing1: { value: '...' }, amount2: { value: '...' } }. */
  data: Record<string, { value: string }>;
  miniprogram_state?: MiniprogramState;
  lang?: 'zh_CN' | 'en_US' | 'zh_HK' | 'zh_TW';
}

export interface SubscribeMessageApi {
  /**
   * Sends one subscribe message. Answers WeChat's errcode (0 sent, 43101 no subscription left,
   * 40003 bad openid, 47003 bad data ...); throws WECHAT_UNAVAILABLE when WeChat could not be
   * asked or gave no answer, so the caller's outbox retries.
   */
  sendSubscribeMessage(message: SubscribeMessage): Promise<{ errcode: number; errmsg?: string }>;
}

export function createSubscribeMessageApi(options: { baseUrl: string; timeoutMs: number; accessToken: AccessTokenSource }): SubscribeMessageApi {
  async function sendWith(token: string, message: SubscribeMessage) {
    const url = new URL('/cgi-bin/message/subscribe/send', options.baseUrl);
    url.search = new URLSearchParams({ access_token: token }).toString();
    const reply = await postJson(url, message, options.timeoutMs);
    return { errcode: Number(reply.errcode ?? 0), errmsg: typeof reply.errmsg === 'string' ? reply.errmsg : undefined };
  }

  return {
    sendSubscribeMessage: (message) => withAccessToken(options.accessToken, (token) => sendWith(token, message), (result) => result.errcode),
  };
}
