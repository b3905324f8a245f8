import { createServer, type Server } from 'node:http';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import request from 'supertest';
import { createApp } from '../../server/src/app';
import { loadConfig, type Config } from '../../server/src/config';
import { openDatabase, type Database } from '../../server/src/db/database';
import { buildServices, type Services } from '../../server/src/services';
import { startFakeWechatApi, type FakeWechatApi } from '../fakes/wechat-api';
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
  wechat: FakeWechatApi;
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
  const services = buildServices({ config, db: database.db, clock });
  const { app } = createApp({ config, database, services, logger: pino({ level: 'silent' }) });
  const server = createServer(app.callback());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const http = request(server);

  const clientFor = (session: { userId: number; accessToken: string; refreshToken: string }): UserClient => {
    const auth = (test: request.Test) => test.set('authorization', `Bearer ${session.accessToken}`);
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
    wechat,
    signIn,
    admin: () => signIn(TEST_ADMIN_OPENID, 'HQ'),
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      // A test may have closed the database on purpose (to provoke a failure).
      await database.close().catch(() => undefined);
      await wechat.close();
      if (url) await dropSchema(url, schema);
    },
  };
}
