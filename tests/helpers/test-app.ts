import { createServer, type Server } from 'node:http';
import { createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import request from 'supertest';
import { createApp } from '../../server/src/app';
import { loadConfig, type Config } from '../../server/src/config';
import type { ChangeFeed } from '../../server/src/db/change-feed';
import { openDatabase, type Database } from '../../server/src/db/database';
import { buildServices, type Services } from '../../server/src/services';
import { startFakeWechatApi, type FakeWechatApi } from '../fakes/wechat-api';
import { startFakeWechatPay, type FakeWechatPay } from '../fakes/wechat-pay';
import { WechatPayClient } from '../../server/src/wechat/pay-client';
import { createPayVerifier } from '../../server/src/wechat/pay-verifier';
import type { WechatPay } from '../../server/src/wechat/wechat-pay';
import { dropSchema, testDatabaseUrl } from './database-url';
import { TestClock } from './test-clock';

export const TEST_ADMIN_OPENID = 'test-hq-admin';

/** One signed-in user's view of the API. */
export interface UserClient {
  userId: number;
  accessToken: string;
  refreshToken: string;
  get(path: string, query?: Record<string, string | number>): request.Test;
  post(path: string, body?: unknown): request.Test;
  put(path: string, body?: unknown): request.Test;
  patch(path: string, body?: unknown): request.Test;
  delete(path: string): request.Test;
}

export interface TestApp {
  http: ReturnType<typeof request>;
  server: Server;
  clock: TestClock;
  config: Config;
  database: Database;
  services: Services;
  /** The app's feed of announced changes to roles and members (its principal cache follows it). */
  principalChanges: ChangeFeed;
  wechat: FakeWechatApi;
  pay: FakeWechatPay;
  /** Runs a scheduled job now, as HQ would (POST /admin/jobs/{name}/run); answers its result. */
  runJob(name: string): Promise<Record<string, unknown>>;
  /** Signs in through /auth/dev (creating the user on first sight). */
  signIn(openid: string, nickname?: string): Promise<UserClient>;
  /** The bootstrap HQ admin (HQ_ADMIN_OPENIDS). */
  admin(): Promise<UserClient>;
  close(): Promise<void>;
}

const API = '/api/v1';

/**
 * The whole server in-process on a random port, against a database schema of its own (real
 * PostgreSQL when reachable, else PGlite), with WeChat faked on 127.0.0.1 and a clock tests move.
 */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const url = await testDatabaseUrl();
  const schema = `t_${process.pid}_${randomBytes(4).toString('hex')}`;
  const wechat = await startFakeWechatApi();
  const pay = await startFakeWechatPay({ mode: (env.FAKE_WECHATPAY_MODE as 'publicKey' | 'certificate') ?? 'publicKey' });
  // Listen first: WeChat Pay needs our notify URL, which has the port in it.
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    TOKEN_SECRET: randomBytes(32).toString('hex'),
    DATA_DIR: mkdtempSync(join(tmpdir(), 'sharecircle-test-')),
    WECHAT_APP_ID: wechat.appId,
    WECHAT_APP_SECRET: wechat.appSecret,
    WECHAT_API_BASE_URL: wechat.baseUrl,
    HQ_ADMIN_OPENIDS: TEST_ADMIN_OPENID,
    ...env,
  });
  const database = await openDatabase({ url, pgliteDir: 'memory://', poolMax: 10, searchPath: schema });
  const clock = new TestClock();
  const services = buildServices({ config, db: database.db, clock, logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }), wechatPay: wechatPayForFake(pay, `http://127.0.0.1:${port}/api/v1/payments/wechat/notify`) });
  const { app, principalChanges } = createApp({ config, database, services, logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }) });
  server.on('request', app.callback());
  const http = request(server);

  const clientFor = (session: { userId: number; accessToken: string; refreshToken: string }): UserClient => {
    // Tests move the clock by days: each request carries an access token minted at the current test time.
    const auth = (test: request.Test) => test.set('authorization', `Bearer ${mintAccessToken(config, clock, session.userId)}`);
    return {
      ...session,
      get: (path, query) => auth(http.get(API + path)).query(query ?? {}),
      post: (path, body) => auth(http.post(API + path)).send(body as object),
      put: (path, body) => auth(http.put(API + path)).send(body as object),
      patch: (path, body) => auth(http.patch(API + path)).send(body as object),
      delete: (path) => auth(http.delete(API + path)),
    };
  };
  const signIn = async (openid: string, nickname?: string) => {
    const response = await http.post(`${API}/auth/dev`).send({ openid, nickname });
    if (response.status !== 200) throw new Error(`sign-in failed: ${response.status} ${JSON.stringify(response.body)}`);
    return clientFor(response.body);
  };

  return {
    http,
    server,
    clock,
    config,
    database,
    services,
    principalChanges,
    wechat,
    pay,
    async runJob(name) {
      const response = await (await signIn(TEST_ADMIN_OPENID)).post(`/admin/jobs/${name}/run`);
      if (response.status !== 200) throw new Error(`job ${name}: ${response.status} ${JSON.stringify(response.body)}`);
      return response.body.result;
    },
    signIn,
    admin: () => signIn(TEST_ADMIN_OPENID, 'HQ'),
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      // A test may have closed the database on purpose (to provoke a failure).
      await database.close().catch(() => undefined);
      await wechat.close();
      await pay.close();
      if (url) await dropSchema(url, schema);
    },
  };
}

/** The server's WeChat Pay adapter, pointed at the fake and trusting its keys. */
function wechatPayForFake(fake: FakeWechatPay, notifyUrl: string): WechatPay {
  const verifier = createPayVerifier(fake.config);
  return {
    client: new WechatPayClient({ ...fake.config, responseVerifier: verifier }),
    verifier,
    apiV3Key: fake.config.apiV3Key,
    appid: fake.config.appid,
    mchid: fake.config.mchid,
    notifyUrl,
  };
}

/** An access token as the server issues it (HS256, iss sharecircle, typ access), signed at the test clock's time. */
function mintAccessToken(config: Config, clock: TestClock, userId: number): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const iat = Math.floor(clock.now().getTime() / 1000);
  const unsigned = `${encode({ alg: 'HS256' })}.${encode({ typ: 'access', sub: String(userId), iss: 'sharecircle', iat, exp: iat + config.accessTokenTtlSec })}`;
  return `${unsigned}.${createHmac('sha256', config.tokenSecret).update(unsigned).digest('base64url')}`;
}
