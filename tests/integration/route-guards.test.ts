import pino from 'pino';
import { createApp } from '../../server/src/app';
import type { RouteDef } from '../../server/src/http/route';
import { startTestApp, type TestApp, type UserClient } from '../helpers/test-app';
import { createStore, joinKoc, staff, storeManager } from '../factories/people';

/**
 * Driven by the app's own route list, so a new route is covered the day it is added:
 * every route is tried by every role, and every route that takes input is sent garbage.
 */
let t: TestApp;
let routes: RouteDef[];
/** Holds every role and is a member: gets past every access check, so only validation can refuse it. */
let everything: UserClient;
let callers: Record<'anonymous' | 'user' | 'member' | 'store_manager' | 'community_manager' | 'hq_admin', UserClient | null>;

beforeAll(async () => {
  t = await startTestApp();
  routes = createApp({ config: t.config, database: t.database, services: t.services, logger: pino({ level: 'silent' }) }).routes;
  const { storeId } = await createStore(t, 'guard-store');
  callers = {
    anonymous: null,
    user: await t.signIn('guard-user'),
    member: (await joinKoc(t, 'guard-member')).client,
    store_manager: await storeManager(t, 'guard-manager', storeId),
    community_manager: await staff(t, 'guard-community', 'community_manager'),
    hq_admin: await t.admin(),
  };
  everything = (await joinKoc(t, 'guard-everything')).client;
  for (const role of ['hq_admin', 'community_manager'] as const) {
    await callers.hq_admin!.post('/admin/staff-roles', { userId: everything.userId, role }).expect(200);
  }
  await callers.hq_admin!.post('/admin/staff-roles', { userId: everything.userId, role: 'store_manager', storeId }).expect(200);
});
afterAll(() => t.close());

const concretePath = (path: string) => path.replace(/:role\b/, 'hq_admin').replace(/:name\b/, 'bindings.expire').replace(/:(\w+)/g, '999999');

function call(caller: UserClient | null, def: RouteDef, body: unknown) {
  const path = concretePath(def.path);
  if (caller) return (caller[def.method] as (path: string, body?: unknown) => ReturnType<UserClient['get']>)(path, body);
  const test = t.http[def.method](`/api/v1${path}`);
  return def.method === 'get' || def.method === 'delete' ? test : test.send(body as object);
}

/** Whether a caller is let through the route's access check (what happens after is the service's business). */
function admitted(def: RouteDef, caller: keyof typeof callers): boolean {
  if (def.access === 'public') return true;
  if (caller === 'anonymous') return false;
  if (def.access === 'user') return true;
  if (def.access === 'member') return caller === 'member';
  return (def.access as readonly string[]).includes(caller);
}

describe('authorization on every route', () => {
  it('lets each role through exactly the routes it may call', async () => {
    const mismatches: string[] = [];
    for (const def of routes) {
      if (def.path === '/admin/jobs/:name/run') continue; // runs a real job; covered in the binding tests
      for (const name of Object.keys(callers) as (keyof typeof callers)[]) {
        const response = await call(callers[name], def, {});
        // Ids in the path do not exist, so an admitted caller meets 404 before any store-scope check.
        const refused = ['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_A_MEMBER'].includes(response.body?.error?.code);
        if (admitted(def, name) === refused) mismatches.push(`${name} ${def.method.toUpperCase()} ${def.path} -> ${response.status} ${response.body?.error?.code ?? ''}`);
        expect(response.status).toBeLessThan(500);
      }
    }
    expect(mismatches).toEqual([]);
  }, 180_000); // every route times every role: minutes on a busy 2-core machine
});

describe('input validation on every route', () => {
  it('answers 400 VALIDATION_FAILED with field details for a malformed body, never a 500', async () => {
    const failures: string[] = [];
    for (const def of routes.filter((r) => r.body)) {
      for (const garbage of [[1, 2], { unexpected: { deeply: [null] }, type: 42, referralCode: 7, name: '', reason: '' }]) {
        const response = await call(everything, def, garbage);
        const ok = response.status === 400 && response.body.error.code === 'VALIDATION_FAILED' && response.body.error.details?.length > 0;
        if (!ok) failures.push(`${def.method.toUpperCase()} ${def.path} with ${JSON.stringify(garbage)} -> ${response.status}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('answers 400 for a path id that is not a positive integer', async () => {
    const failures: string[] = [];
    for (const def of routes.filter((r) => /:(id|userId)\b/.test(r.path))) {
      const path = def.path.replace(/:(id|userId)\b/g, 'abc').replace(/:role\b/, 'hq_admin');
      const response = await (everything[def.method] as (path: string, body?: unknown) => ReturnType<UserClient['get']>)(path, {});
      if (response.status !== 400) failures.push(`${def.method.toUpperCase()} ${path} -> ${response.status}`);
    }
    expect(failures).toEqual([]);
  });
});
