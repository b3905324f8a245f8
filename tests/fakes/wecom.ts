import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';

/**
 * A fake of WeCom's server API (qyapi.weixin.qq.com) on 127.0.0.1, speaking the real protocol:
 * GET /cgi-bin/gettoken?corpid&corpsecret answers {errcode: 0, access_token, expires_in} (40013 bad corp
 * id, 40001 bad secret); POST /cgi-bin/externalcontact/groupchat/get?access_token= {chat_id} answers
 * {errcode: 0, group_chat: {chat_id, name, owner, member_list, admin_list}} (40014 bad token, 40050
 * unknown chat); POST .../groupchat/list pages the chat ids.
 */
export interface FakeWecom {
  baseUrl: string;
  corpId: string;
  secret: string;
  /** Creates or replaces a customer group with `customers` external members and `staff` staff members. */
  setGroup(chatId: string, group: { name: string; owner: string; customers: number; staff?: number; admins?: string[] }): void;
  /** Every token issued so far stops working (40014), as after WeCom rotates them. */
  expireTokens(): void;
  tokensIssued(): number;
  calls: { method: string; path: string; query: Record<string, string>; body?: unknown }[];
  close(): Promise<void>;
}

interface Chat {
  name: string;
  owner: string;
  members: { userid: string; type: 1 | 2; join_time: number; join_scene: number }[];
  admins: string[];
}

export async function startFakeWecom(): Promise<FakeWecom> {
  const corpId = `ww${randomBytes(8).toString('hex')}`;
  const secret = randomBytes(16).toString('hex');
  const tokens = new Set<string>();
  const chats = new Map<string, Chat>();
  const calls: FakeWecom['calls'] = [];
  let issued = 0;

  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const query = Object.fromEntries(url.searchParams);
    const body = req.method === 'POST' ? await readJson(req) : undefined;
    calls.push({ method: req.method ?? '', path: url.pathname, query, ...(body !== undefined ? { body } : {}) });
    const reply = (payload: object) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(payload));
    };
    if (url.pathname === '/cgi-bin/gettoken' && req.method === 'GET') {
      if (query.corpid !== corpId) return reply({ errcode: 40013, errmsg: 'invalid corpid' });
      if (query.corpsecret !== secret) return reply({ errcode: 40001, errmsg: 'invalid secret' });
      const token = `wecom-${randomBytes(12).toString('hex')}`;
      tokens.add(token);
      issued += 1;
      return reply({ errcode: 0, errmsg: 'ok', access_token: token, expires_in: 7200 });
    }
    if (!url.pathname.startsWith('/cgi-bin/externalcontact/groupchat/') || req.method !== 'POST') return reply({ errcode: 60011, errmsg: 'no privilege to access/modify contact/party/agent' });
    if (!tokens.has(query.access_token ?? '')) return reply({ errcode: 40014, errmsg: 'invalid access_token' });
    const request = (body ?? {}) as Record<string, unknown>;
    if (url.pathname === '/cgi-bin/externalcontact/groupchat/get') {
      const chat = chats.get(String(request.chat_id ?? ''));
      if (!chat) return reply({ errcode: 40050, errmsg: 'chat not exist' });
      return reply({
        errcode: 0,
        errmsg: 'ok',
        group_chat: {
          chat_id: request.chat_id,
          name: chat.name,
          owner: chat.owner,
          create_time: 1_700_000_000,
          notice: '',
          member_list: chat.members,
          admin_list: chat.admins.map((userid) => ({ userid })),
        },
      });
    }
    if (url.pathname === '/cgi-bin/externalcontact/groupchat/list') {
      const ids = [...chats.keys()].sort();
      const start = typeof request.cursor === 'string' && request.cursor !== '' ? Number(request.cursor) : 0;
      const limit = Number(request.limit ?? 100);
      if (!(limit >= 1 && limit <= 1000)) return reply({ errcode: 40058, errmsg: 'invalid limit' });
      const page = ids.slice(start, start + limit);
      const next = start + limit < ids.length ? String(start + limit) : '';
      return reply({ errcode: 0, errmsg: 'ok', group_chat_list: page.map((chat_id) => ({ chat_id, status: 0 })), next_cursor: next });
    }
    return reply({ errcode: 60011, errmsg: 'no privilege' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    corpId,
    secret,
    setGroup(chatId, group) {
      const members: Chat['members'] = [];
      for (let i = 0; i < (group.staff ?? 1); i += 1) members.push({ userid: i === 0 ? group.owner : `staff-${i}`, type: 1, join_time: 1_700_000_000, join_scene: 1 });
      for (let i = 0; i < group.customers; i += 1) members.push({ userid: `wm${chatId}${i}`, type: 2, join_time: 1_700_000_000, join_scene: 3 });
      chats.set(chatId, { name: group.name, owner: group.owner, members, admins: group.admins ?? [] });
    },
    expireTokens() {
      tokens.clear();
    },
    tokensIssued: () => issued,
    calls,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}
