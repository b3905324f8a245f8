import { AppError } from '../http/app-error';
import type { Config } from '../config';

/**
 * WeCom (enterprise WeChat, qyapi.weixin.qq.com) customer groups, read-only:
 *   GET  /cgi-bin/gettoken?corpid&corpsecret                      -> {errcode, access_token, expires_in}
 *   POST /cgi-bin/externalcontact/groupchat/list?access_token=     {status_filter, cursor, limit}
 *   POST /cgi-bin/externalcontact/groupchat/get?access_token=      {chat_id, need_name}
 * WeCom has no API that sets group admins: Sharecircle records group-admin rights and the manager
 * applies them in the client (see the communities module's WeChat checklist).
 */
export interface WecomOptions {
  corpId: string;
  secret: string;
  baseUrl: string;
  timeoutMs: number;
  /** Wall-clock milliseconds: the token expires on WeCom's clock, not on the business clock tests move. */
  nowMs?: () => number;
}

export interface WecomGroupChat {
  chatId: string;
  name: string;
  /** The staff member (WeCom userid) who owns the group. */
  owner: string;
  memberCount: number;
  /** type 1: staff of the corp, 2: external contact (a customer). */
  members: { userid: string; type: number }[];
  admins: string[];
}

export interface WecomApi {
  groupChat(chatId: string): Promise<WecomGroupChat>;
  /** One page of the corp's customer groups; pageSize at most 1000 (WeCom's limit). */
  listGroupChats(options: { cursor?: string; pageSize: number }): Promise<{ chatIds: string[]; nextCursor: string | null }>;
}

/** Refresh this long before WeCom's expiry, so a token never dies between fetch and use. */
const TOKEN_REFRESH_MARGIN_MS = 5 * 60_000;
/** errcodes that mean "this token is no longer good": fetch a new one and try once more. */
const TOKEN_ERRCODES = new Set([40014, 42001]);
const LIST_PAGE_SIZE_MAX = 1000;

export function createWecomApi(options: WecomOptions): WecomApi {
  const nowMs = options.nowMs ?? Date.now;
  let cached: { token: string; refreshAtMs: number } | undefined;
  let inFlight: Promise<string> | undefined;

  async function fetchToken(): Promise<string> {
    const url = new URL('/cgi-bin/gettoken', options.baseUrl);
    url.searchParams.set('corpid', options.corpId);
    url.searchParams.set('corpsecret', options.secret);
    const reply = await call(url, undefined, options.timeoutMs);
    const expiresInSec = Number(reply.expires_in);
    if (typeof reply.access_token !== 'string' || reply.access_token === '' || !(expiresInSec > 0)) {
      throw new AppError('WECOM_UNAVAILABLE', 'WeCom answered gettoken without a token');
    }
    cached = { token: reply.access_token, refreshAtMs: nowMs() + expiresInSec * 1000 - TOKEN_REFRESH_MARGIN_MS };
    return reply.access_token;
  }

  function token(): Promise<string> {
    if (cached && nowMs() < cached.refreshAtMs) return Promise.resolve(cached.token);
    inFlight ??= fetchToken().finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  }

  /** POSTs with the cached token; a token WeCom no longer takes is dropped and the call made once more. */
  async function post(path: string, body: unknown): Promise<Record<string, unknown>> {
    for (let attempt = 0; ; attempt += 1) {
      const current = await token();
      const url = new URL(path, options.baseUrl);
      url.searchParams.set('access_token', current);
      try {
        return await call(url, body, options.timeoutMs);
      } catch (error) {
        if (attempt === 0 && error instanceof WecomError && TOKEN_ERRCODES.has(error.errcode)) {
          if (cached?.token === current) cached = undefined;
          continue;
        }
        throw error;
      }
    }
  }

  return {
    async groupChat(chatId) {
      const reply = await post('/cgi-bin/externalcontact/groupchat/get', { chat_id: chatId, need_name: 0 });
      const chat = reply.group_chat as Record<string, unknown> | undefined;
      if (!chat || !Array.isArray(chat.member_list)) throw new AppError('WECOM_UNAVAILABLE', 'WeCom answered groupchat/get without the group');
      const members = (chat.member_list as Record<string, unknown>[]).map((m) => ({ userid: String(m.userid ?? ''), type: Number(m.type) }));
      return {
        chatId: String(chat.chat_id ?? chatId),
        name: String(chat.name ?? ''),
        owner: String(chat.owner ?? ''),
        memberCount: members.length,
        members,
        admins: Array.isArray(chat.admin_list) ? (chat.admin_list as Record<string, unknown>[]).map((a) => String(a.userid ?? '')) : [],
      };
    },
    async listGroupChats({ cursor, pageSize }) {
      const reply = await post('/cgi-bin/externalcontact/groupchat/list', {
        status_filter: 0,
        limit: Math.min(Math.max(1, pageSize), LIST_PAGE_SIZE_MAX),
        ...(cursor ? { cursor } : {}),
      });
      const list = Array.isArray(reply.group_chat_list) ? (reply.group_chat_list as Record<string, unknown>[]) : [];
      const next = typeof reply.next_cursor === 'string' && reply.next_cursor !== '' ? reply.next_cursor : null;
      return { chatIds: list.map((chat) => String(chat.chat_id)), nextCursor: next };
    },
  };
}

/** The adapter when WECOM_CORP_ID and WECOM_SECRET are set; otherwise undefined (sizes are reported by hand). */
export function wecomFromConfig(config: Config): WecomApi | undefined {
  return config.wecom ? createWecomApi(config.wecom) : undefined;
}

/** A WeCom answer with errcode <> 0; shown to the caller as WECOM_UNAVAILABLE with the errcode. */
class WecomError extends AppError {
  constructor(readonly errcode: number, errmsg: string) {
    super('WECOM_UNAVAILABLE', `WeCom refused the request (errcode ${errcode}: ${errmsg})`, undefined, { errcode });
  }
}

/** GET (no body) or POST JSON; transport failures and non-JSON answers are WECOM_UNAVAILABLE (retryable). */
async function call(url: URL, body: unknown, timeoutMs: number): Promise<Record<string, unknown>> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: body === undefined ? 'GET' : 'POST',
      headers: body === undefined ? undefined : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch {
    throw new AppError('WECOM_UNAVAILABLE', 'WeCom could not be reached; try again');
  }
  if (!response.ok) throw new AppError('WECOM_UNAVAILABLE', `WeCom answered HTTP ${response.status}`);
  let reply: Record<string, unknown>;
  try {
    reply = (await response.json()) as Record<string, unknown>;
  } catch {
    throw new AppError('WECOM_UNAVAILABLE', 'WeCom answered something that is not JSON');
  }
  const errcode = Number(reply.errcode ?? 0);
  if (errcode !== 0) throw new WecomError(errcode, String(reply.errmsg ?? ''));
  return reply;
}
