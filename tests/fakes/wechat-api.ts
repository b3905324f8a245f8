import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { qrCodePng } from '../../server/src/modules/certificates';

/**
 * A fake of WeChat's mini-program server API (api.weixin.qq.com) on 127.0.0.1. It speaks the real
 * protocol: GET /sns/jscode2session answers {openid, session_key, unionid?} or {errcode, errmsg},
 * a code works once, and the app id and secret must match. POST /cgi-bin/stable_token issues access
 * tokens; POST /cgi-bin/message/subscribe/send takes only a token it issued and records the message.
 * POST /wxa/getwxacodeunlimit takes only a token it issued, checks the scene and page like WeChat and
 * answers a PNG: a QR code of `page?scene=scene`, so a test can read back what was asked for (a real
 * mini-program code is not a QR code).
 */
export interface FakeWechatApi {
  baseUrl: string;
  appId: string;
  appSecret: string;
  /** What wx.login would hand the mini-program for this user. */
  loginCode(openid: string, unionid?: string): string;
  /** The next jscode2session call answers this errcode (e.g. 45011 rate limit, 40226 high-risk). */
  failNextWith(errcode: number): void;
  calls: { path: string; query: Record<string, string>; body?: unknown }[];
  /** Subscribe messages WeChat accepted (errcode 0), in order. */
  sentMessages: SentSubscribeMessage[];
  /** How many access tokens stable_token handed out. */
  tokensIssued(): number;
  /** The next subscribe/send answers this errcode (e.g. 43101 no subscription left) and records nothing. */
  failNextSendWith(errcode: number): void;
  /** The next subscribe/send gets its connection cut without an answer (a network failure). */
  dropNextSend(): void;
  /** Every token issued so far stops working (42001), as after a forced refresh elsewhere. */
  expireTokens(): void;
  /** The next getwxacodeunlimit answers this errcode (e.g. 41030 page not published) instead of an image. */
  failNextWxaCodeWith(errcode: number): void;
  close(): Promise<void>;
}

export interface SentSubscribeMessage {
  touser: string;
  template_id: string;
  page?: string;
  data: Record<string, { value: string }>;
  miniprogram_state?: string;
  lang?: string;
}

export async function startFakeWechatApi(): Promise<FakeWechatApi> {
  const appId = 'wx-test-app';
  const appSecret = randomBytes(16).toString('hex');
  const codes = new Map<string, { openid: string; unionid?: string; used: boolean }>();
  const calls: FakeWechatApi['calls'] = [];
  let nextError: number | undefined;
  const tokens = new Set<string>();
  let issued = 0;
  const sentMessages: SentSubscribeMessage[] = [];
  let nextSendError: number | undefined;
  let dropNext = false;
  let nextWxaCodeError: number | undefined;

  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const query = Object.fromEntries(url.searchParams);
    const body = req.method === 'POST' ? await readJson(req) : undefined;
    calls.push({ path: url.pathname, query, ...(body !== undefined ? { body } : {}) });
    const reply = (body: object) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/cgi-bin/stable_token' && req.method === 'POST') {
      const request = (body ?? {}) as Record<string, unknown>;
      if (request.grant_type !== 'client_credential') return reply({ errcode: 40002, errmsg: 'invalid grant_type' });
      if (request.appid !== appId || request.secret !== appSecret) return reply({ errcode: 40125, errmsg: 'invalid appsecret' });
      const token = `fake-token-${randomBytes(12).toString('hex')}`;
      tokens.add(token);
      issued += 1;
      return reply({ access_token: token, expires_in: 7200 });
    }
    if (url.pathname === '/cgi-bin/message/subscribe/send' && req.method === 'POST') {
      if (!tokens.has(query.access_token ?? '')) return reply({ errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' });
      if (dropNext) {
        dropNext = false;
        return void req.socket.destroy();
      }
      const message = (body ?? {}) as SentSubscribeMessage;
      if (typeof message.touser !== 'string' || typeof message.template_id !== 'string' || typeof message.data !== 'object') {
        return reply({ errcode: 47003, errmsg: 'argument invalid' });
      }
      if (nextSendError !== undefined) {
        const errcode = nextSendError;
        nextSendError = undefined;
        return reply({ errcode, errmsg: 'injected by test' });
      }
      sentMessages.push(message);
      return reply({ errcode: 0, errmsg: 'ok' });
    }
    if (url.pathname === '/wxa/getwxacodeunlimit' && req.method === 'POST') {
      if (!tokens.has(query.access_token ?? '')) return reply({ errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' });
      const request = (body ?? {}) as Record<string, unknown>;
      if (typeof request.scene !== 'string' || !WXA_SCENE.test(request.scene)) return reply({ errcode: 40169, errmsg: 'invalid length for scene, or the data is not json string' });
      if (typeof request.page === 'string' && request.page.startsWith('/')) return reply({ errcode: 40129, errmsg: 'invalid page' });
      if (nextWxaCodeError !== undefined) {
        const errcode = nextWxaCodeError;
        nextWxaCodeError = undefined;
        return reply({ errcode, errmsg: 'injected by test' });
      }
      // Drawn with the server's own QR renderer (native canvas): qrcode's PNG encoder takes seconds under jest.
      const png = await qrCodePng(`${request.page ?? ''}?scene=${request.scene}`, Number(request.width) || 430);
      res.writeHead(200, { 'content-type': 'image/png' });
      return void res.end(png);
    }
    if (url.pathname !== '/sns/jscode2session') return reply({ errcode: 40066, errmsg: 'invalid url' });
    if (query.appid !== appId || query.secret !== appSecret) return reply({ errcode: 40125, errmsg: 'invalid appsecret' });
    if (query.grant_type !== 'authorization_code') return reply({ errcode: 40002, errmsg: 'invalid grant_type' });
    if (nextError !== undefined) {
      const errcode = nextError;
      nextError = undefined;
      return reply({ errcode, errmsg: 'injected by test' });
    }
    const entry = codes.get(query.js_code ?? '');
    if (!entry) return reply({ errcode: 40029, errmsg: 'invalid code' });
    if (entry.used) return reply({ errcode: 40163, errmsg: 'code been used' });
    entry.used = true;
    reply({ openid: entry.openid, session_key: randomBytes(16).toString('base64'), ...(entry.unionid ? { unionid: entry.unionid } : {}) });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    appId,
    appSecret,
    loginCode(openid, unionid) {
      const code = randomBytes(12).toString('hex');
      codes.set(code, { openid, unionid, used: false });
      return code;
    },
    failNextWith(errcode) {
      nextError = errcode;
    },
    calls,
    sentMessages,
    tokensIssued: () => issued,
    failNextSendWith(errcode) {
      nextSendError = errcode;
    },
    dropNextSend() {
      dropNext = true;
    },
    expireTokens() {
      tokens.clear();
    },
    failNextWxaCodeWith(errcode) {
      nextWxaCodeError = errcode;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** WeChat's scene: at most 32 characters from this set. */
const WXA_SCENE = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,32}$/;

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return null;
  }
}
