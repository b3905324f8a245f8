import { sql } from 'drizzle-orm';
import { startTestApp, type TestApp } from '../helpers/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const login = (code: string) => t.http.post('/api/v1/auth/wechat').send({ code });

describe('WeChat sign-in', () => {
  it('creates the user on first sight and finds the same user next time, keeping the unionid', async () => {
    const first = await login(t.wechat.loginCode('o-wx-1', 'union-1')).expect(200);
    const second = await login(t.wechat.loginCode('o-wx-1')).expect(200);
    expect(second.body.userId).toBe(first.body.userId);
    const me = await t.http.get('/api/v1/me').set('authorization', `Bearer ${second.body.accessToken}`).expect(200);
    expect(me.body).toMatchObject({ id: first.body.userId, member: null, roles: [] });
    expect(t.wechat.calls.at(-1)?.query).toMatchObject({ appid: t.wechat.appId, grant_type: 'authorization_code' });
  });

  it('answers WECHAT_CODE_INVALID for a code used twice or never issued, not a 500', async () => {
    const code = t.wechat.loginCode('o-wx-2');
    await login(code).expect(200);
    expect((await login(code).expect(401)).body.error.code).toBe('WECHAT_CODE_INVALID');
    expect((await login('never-issued').expect(401)).body.error.code).toBe('WECHAT_CODE_INVALID');
  });

  it('maps WeChat rate limiting and high-risk users to their own codes', async () => {
    t.wechat.failNextWith(45011);
    expect((await login(t.wechat.loginCode('o-wx-3')).expect(429)).body.error.code).toBe('WECHAT_RATE_LIMITED');
    t.wechat.failNextWith(40226);
    expect((await login(t.wechat.loginCode('o-wx-3')).expect(403)).body.error.code).toBe('WECHAT_USER_BLOCKED');
  });
});

describe('session tokens', () => {
  it('an access token expires; the refresh token gets a new one', async () => {
    const session = (await login(t.wechat.loginCode('o-wx-4')).expect(200)).body;
    t.clock.advanceMs((t.config.accessTokenTtlSec + 1) * 1000);
    const expired = await t.http.get('/api/v1/me').set('authorization', `Bearer ${session.accessToken}`).expect(401);
    expect(expired.body.error.code).toBe('TOKEN_INVALID');
    const refreshed = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: session.refreshToken }).expect(200);
    await t.http.get('/api/v1/me').set('authorization', `Bearer ${refreshed.body.accessToken}`).expect(200);
  });

  it('a refresh token is not an access token, and the other way round', async () => {
    const session = (await login(t.wechat.loginCode('o-wx-5')).expect(200)).body;
    await t.http.get('/api/v1/me').set('authorization', `Bearer ${session.refreshToken}`).expect(401);
    const response = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: session.accessToken }).expect(401);
    expect(response.body.error.code).toBe('TOKEN_INVALID');
  });

  it('no token or a forged one is 401', async () => {
    expect((await t.http.get('/api/v1/me').expect(401)).body.error.code).toBe('UNAUTHENTICATED');
    const forged = await t.http.get('/api/v1/me').set('authorization', 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.x').expect(401);
    expect(forged.body.error.code).toBe('TOKEN_INVALID');
  });

  it('a role granted or revoked counts from the very next request, though callers are remembered for a moment', async () => {
    const admin = await t.admin();
    const user = await t.signIn('role-at-once');
    expect((await user.get('/admin/audit-log').expect(403)).body.error.code).toBe('FORBIDDEN');
    await admin.post('/admin/staff-roles', { userId: user.userId, role: 'hq_admin' }).expect(200);
    await user.get('/admin/audit-log').expect(200);
    await admin.delete(`/admin/staff-roles/${user.userId}/hq_admin`).expect(200);
    expect((await user.get('/admin/audit-log').expect(403)).body.error.code).toBe('FORBIDDEN');
  });

  it('a role granted by another process counts as soon as the database announces the change', async () => {
    const user = await t.signIn('role-elsewhere');
    while (!t.principalChanges.live()) await t.principalChanges.next();
    expect((await user.get('/admin/audit-log').expect(403)).body.error.code).toBe('FORBIDDEN');
    // Straight to the database, past this process's own bookkeeping, as another server process would.
    const announced = t.principalChanges.next();
    await t.database.db.execute(sql`INSERT INTO staff_roles (user_id, role, store_id, created_at) VALUES (${user.userId}, 'hq_admin', NULL, now())`);
    await announced;
    await user.get('/admin/audit-log').expect(200);
  });

  it('keeps no principal while the announcements cannot arrive, and listens again once the connection is back', async () => {
    const user = await t.signIn('role-feed-down');
    while (!t.principalChanges.live()) await t.principalChanges.next();
    // PGlite runs in this process: its announcements have no connection to lose.
    if (t.database.kind === 'pglite') return;
    expect((await user.get('/admin/audit-log').expect(403)).body.error.code).toBe('FORBIDDEN');
    const lost = t.principalChanges.next();
    await t.database.db.execute(sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'sharecircle:principal_changes'`);
    await lost;
    // A change made while no announcement can arrive is still seen at the next request.
    await t.database.db.execute(sql`INSERT INTO staff_roles (user_id, role, store_id, created_at) VALUES (${user.userId}, 'hq_admin', NULL, now())`);
    await user.get('/admin/audit-log').expect(200);
    while (!t.principalChanges.live()) await t.principalChanges.next();
    const announced = t.principalChanges.next();
    await t.database.db.execute(sql`DELETE FROM staff_roles WHERE user_id = ${user.userId}`);
    await announced;
    expect((await user.get('/admin/audit-log').expect(403)).body.error.code).toBe('FORBIDDEN');
  });

  it('the openids in HQ_ADMIN_OPENIDS become HQ admins on sign-in', async () => {
    const admin = await t.admin();
    expect((await admin.get('/me').expect(200)).body.roles).toEqual([{ role: 'hq_admin', storeId: null }]);
  });
});

describe('dev sign-in in production', () => {
  it('does not exist', async () => {
    const production = await startTestApp({ NODE_ENV: 'production', DATABASE_URL: 'postgres://unused' });
    try {
      const response = await production.http.post('/api/v1/auth/dev').send({ openid: 'x' });
      expect(response.status).toBe(404);
      const doc = await production.http.get('/api/v1/openapi.json').expect(200);
      expect(Object.keys(doc.body.paths)).not.toContain('/api/v1/auth/dev');
    } finally {
      await production.close();
    }
  });
});
