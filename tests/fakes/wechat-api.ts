import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';

/**
 * A fake of WeChat's mini-program server API (api.weixin.qq.com) on 127.0.0.1. It speaks the real
 * protocol: GET /sns/jscode2session answers {openid, session_key, unionid?} or {errcode, errmsg},
 * a code works once, and the app id and secret must match.
 */
export interface FakeWechatApi {
  baseUrl: string;
  appId: string;
  appSecret: string;
  /** What wx.login would hand the mini-program for this user. */
  loginCode(openid: string, unionid?: string): string;
  /** The next jscode2session call answers this errcode (e.g. 45011 rate limit, 40226 high-risk). */
  failNextWith(errcode: number): void;
  calls: { path: string; query: Record<string, string> }[];
  close(): Promise<void>;
}

export async function startFakeWechatApi(): Promise<FakeWechatApi> {
  const appId = 'wx-test-app';
  const appSecret = randomBytes(16).toString('hex');
  const codes = new Map<string, { openid: string; unionid?: string; used: boolean }>();
  const calls: FakeWechatApi['calls'] = [];
  let nextError: number | undefined;

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const query = Object.fromEntries(url.searchParams);
    calls.push({ path: url.pathname, query });
    const reply = (body: object) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
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
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
