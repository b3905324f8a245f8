import pino from 'pino';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../server/src/db/database';
import { openDatabase } from '../../server/src/db/database';
import { verifyLedger } from '../../server/src/modules/ledger';
import { publish } from '../../server/src/outbox/outbox';
import { buildServices, type Services } from '../../server/src/services';
import { testDatabaseUrl } from '../helpers/database-url';
import { startTestApp, type TestApp, type UserClient } from '../helpers/test-app';
import { approvedKos, createStore, joinKoc, storeManager, type Joined } from '../factories/people';
import { createCatalog, type TestCatalog } from '../factories/catalog';
import { dispatch, recordSale } from '../factories/sales';
import { createRule, pauseAllRules } from '../factories/rewards';

/**
 * One story in order, on the test clock: November 2026 (the clock starts on Monday 2 November, China
 * time), then the close at the start of December. Each test builds on the sales of the ones before.
 */
let t: TestApp;
let admin: UserClient;
let catalog: TestCatalog;
let storeA: { storeId: number; regionId: number };
let storeB: { storeId: number; regionId: number };
let c1: Joined, c2: Joined, c3: Joined, d1: Joined, fan1: Joined, fan2: Joined;
let managerB: UserClient;
let monthly: { id: number };
let kocOnly: { id: number };

interface Entry {
  rank: number;
  nickname: string;
  value: number;
  isMe: boolean;
  memberId?: number;
}
interface Board {
  items: Entry[];
  me: { rank: number | null; value: number } | null;
  ranked: number;
  final: boolean;
  periodKey: string | null;
  scope: { kind: string; id: number | null } | null;
  competition?: { status: string };
}

const CHINA = 8 * 3_600_000;
const DAY = 86_400_000;

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.admin();
  await pauseAllRules(t);
  catalog = await createCatalog(t);
  storeA = await createStore(t, 'contest-a');
  storeB = await createStore(t, 'contest-b');
  [c1, c2, c3] = [await approvedKos(t, 'cp-c1', storeA.storeId), await approvedKos(t, 'cp-c2', storeA.storeId), await approvedKos(t, 'cp-c3', storeA.storeId)];
  d1 = await approvedKos(t, 'cp-d1', storeB.storeId);
  [fan1, fan2] = [await joinKoc(t, 'cp-fan1'), await joinKoc(t, 'cp-fan2')];
  managerB = await storeManager(t, 'cp-manager-b', storeB.storeId);
});
afterEach(async () => {
  expect((await verifyLedger(t.database.db)).ok).toBe(true);
});
afterAll(() => t.close());

const sell = (who: Joined, unitPrice: number, customerCode?: string) =>
  recordSale(who.client, [{ sku: catalog.skus.teapot.code, quantity: 1, unitPrice }], { customerCode });
const codeOf = async (user: UserClient) => (await user.get('/me').expect(200)).body.customerCode as string;
const board = async (who: UserClient, path: string, query: Record<string, string | number> = {}): Promise<Board> => (await who.get(path, query).expect(200)).body;
const ranks = (b: Board) => b.items.map((item) => [item.rank, item.value]);
const byMember = (b: Board) => b.items.map((item) => [item.memberId, item.rank, item.value]);

describe('a competition while it runs', () => {
  it('is created by HQ for the current month by default, with prizes per rank', async () => {
    const created = await admin
      .post('/admin/competitions', {
        name: '十一月销售竞赛',
        repeat: 'monthly',
        prizes: [
          { fromRank: 1, toRank: 1, name: '冠军', reward: { kind: 'badge', code: 'month-champion', name: '月度冠军', icon: 'champion.png', tier: 'gold' } },
          { fromRank: 2, toRank: 3, reward: { kind: 'privilege', name: 'podium_finisher', days: 30 } },
        ],
      })
      .expect(201);
    expect(created.body).toMatchObject({
      metric: 'gmv',
      cohort: {},
      startsAt: '2026-10-31T16:00:00.000Z', // 1 November, 00:00 China time
      endsAt: '2026-11-30T16:00:00.000Z',
      status: 'running',
      closedAt: null,
    });
    monthly = created.body;
    kocOnly = (await admin.post('/admin/competitions', { name: 'KOC 专场', cohort: { types: ['koc'] } }).expect(201)).body;
  });

  it('refuses windows off China midnight, overlapping prize ranks and cash for group growth', async () => {
    const offMidnight = await admin.post('/admin/competitions', { name: 'x', startsAt: '2026-11-02T00:00:00Z', endsAt: '2026-11-09T00:00:00Z' }).expect(400);
    expect(offMidnight.body.error.details.map((d: { path: string }) => d.path)).toEqual(['body.startsAt', 'body.endsAt']);
    const badge = { kind: 'badge', code: 'b', name: 'b', icon: 'b.png' };
    await admin.post('/admin/competitions', { name: 'x', prizes: [{ fromRank: 1, toRank: 3, reward: badge }, { fromRank: 3, toRank: 5, reward: badge }] }).expect(400);
    await admin.post('/admin/competitions', { name: 'x', repeat: 'weekly' }).expect(400); // the default window is a month
    const cash = await admin.post('/admin/competitions', { name: 'x', metric: 'group_growth', prizes: [{ fromRank: 1, toRank: 1, reward: { kind: 'cash', amountFen: 5000 } }] }).expect(422);
    expect(cash.body.error.code).toBe('RULE_PAYS_FOR_RECRUITING');
    expect((await admin.post('/admin/competitions', { name: 'x', cohort: { storeId: 999_999 } }).expect(404)).body.error.code).toBe('STORE_NOT_FOUND');
  });

  it('shows the top N with masked nicknames and the caller’s own rank; ties share a rank', async () => {
    const buyer = await t.signIn('cp-buyer-of-fan1');
    await buyer.post('/bindings', { referralCode: fan1.referralCode }).expect(200);
    for (let i = 0; i < 3; i += 1) await sell(c1, 10_000);
    await sell(c2, 20_000);
    await sell(c3, 10_000);
    await sell(d1, 10_000);
    try {
      // Under binding attribution the clerk's sale is the KOC's: that is how a KOC sells in a store.
      await admin.patch('/admin/settings', { attribution: { policy: 'binding' } }).expect(200);
      await sell(c2, 15_000, await codeOf(buyer));
    } finally {
      await admin.patch('/admin/settings', { attribution: { policy: 'clerk' } }).expect(200);
    }
    await dispatch(t);

    const top = await board(c3.client, `/competitions/${monthly.id}/leaderboard`, { limit: 3 });
    expect(ranks(top)).toEqual([[1, 30_000], [2, 20_000], [3, 15_000]]);
    expect(top.items[0].nickname).toBe('店***1'); // 店员cp-c1
    expect(top.items.every((item) => !item.isMe && item.memberId === undefined)).toBe(true);
    expect(top.me).toEqual({ rank: 4, value: 10_000 });
    expect((await board(d1.client, `/competitions/${monthly.id}/leaderboard`)).me).toEqual({ rank: 4, value: 10_000 });
    expect(top).toMatchObject({ ranked: 5, final: false, competition: { status: 'running' } });

    const staff = await board(admin, `/admin/competitions/${monthly.id}/leaderboard`, { limit: 1 });
    expect(staff.items).toEqual([{ rank: 1, nickname: '店员cp-c1', value: 30_000, isMe: false, memberId: c1.memberId }]);
  });

  it('counts only its cohort: a KOC-only contest ignores the KOS', async () => {
    const forFan = await board(fan1.client, `/competitions/${kocOnly.id}/leaderboard`);
    expect(forFan.items).toEqual([{ rank: 1, nickname: '粉***1', value: 15_000, isMe: true }]);
    expect(forFan.me).toEqual({ rank: 1, value: 15_000 });
    expect((await board(fan2.client, `/competitions/${kocOnly.id}/leaderboard`)).me).toEqual({ rank: null, value: 0 });
    const forClerk = await board(c1.client, `/competitions/${kocOnly.id}/leaderboard`);
    expect(forClerk.me).toBeNull();
    expect(forClerk.ranked).toBe(1);

    const listed = (await c1.client.get('/competitions').expect(200)).body.items as { id: number; eligible: boolean }[];
    expect(listed.map((c) => [c.id, c.eligible])).toEqual([[kocOnly.id, false], [monthly.id, true]]);
  });
});

describe('standing leaderboards', () => {
  it('rank new customers per month: a buyer counts once per member, a voided first purchase gives way to the next', async () => {
    const [u1, u2, u3] = [await t.signIn('cp-u1'), await t.signIn('cp-u2'), await t.signIn('cp-u3')];
    const [code1, code2, code3] = [await codeOf(u1), await codeOf(u2), await codeOf(u3)];
    await sell(c1, 10_000, code1);
    await sell(c1, 10_000, code1);
    await sell(c1, 10_000, code2);
    await sell(c2, 10_000, code1);
    const first = await sell(d1, 10_000, code3);
    await sell(d1, 10_000, code3);
    const toU2 = await sell(d1, 10_000, code2);
    await dispatch(t);
    // c1: u1, u2; d1: u3, u2; c2: u1; fan1: the buyer bound to them (the sale under binding attribution).
    expect(ranks(await board(d1.client, '/leaderboards', { metric: 'new_customers' }))).toEqual([[1, 2], [1, 2], [3, 1], [3, 1]]);
    await managerB.post(`/sales/${first.id}/void`, { reason: 'wrong till' }).expect(200);
    await managerB.post(`/sales/${toU2.id}/void`, { reason: 'returned' }).expect(200);
    await dispatch(t);

    const month = await board(c2.client, '/leaderboards', { metric: 'new_customers', period: 'month' });
    expect(month).toMatchObject({ periodKey: '2026-11', scope: { kind: 'all', id: null }, ranked: 4, me: { rank: 2, value: 1 } });
    expect(ranks(month)).toEqual([[1, 2], [2, 1], [2, 1], [2, 1]]);
    expect((await board(d1.client, '/leaderboards', { metric: 'new_customers' })).me).toEqual({ rank: 2, value: 1 });
  });

  it('rank GMV per ISO week and month, for everyone, a region or a store, the caller’s own by default', async () => {
    const week = await board(c2.client, '/leaderboards', { metric: 'gmv', period: 'week' });
    expect(week.periodKey).toBe('2026-W45');
    // c1 30000 + 30000, c2 20000 + 10000, d1 10000 + 10000 (two sales voided), fan1 15000, c3 10000.
    expect(ranks(week)).toEqual([[1, 60_000], [2, 30_000], [3, 20_000], [4, 15_000], [5, 10_000]]);
    expect(week.me).toEqual({ rank: 2, value: 30_000 });

    const store = await board(c2.client, '/leaderboards', { scope: 'store' });
    expect(store.scope).toEqual({ kind: 'store', id: storeA.storeId });
    expect(ranks(store)).toEqual([[1, 60_000], [2, 30_000], [3, 10_000]]);
    const region = await board(c2.client, '/leaderboards', { scope: 'region', scopeId: storeB.regionId });
    expect(ranks(region)).toEqual([[1, 20_000]]);
    expect(region.me).toBeNull();
    expect((await c2.client.get('/leaderboards', { scope: 'region', scopeId: 999_999 }).expect(404)).body.error.code).toBe('REGION_NOT_FOUND');
    expect((await fan1.client.get('/leaderboards', { scope: 'store' }).expect(400)).body.error.details[0].path).toBe('query.scopeId');

    const forManager = await board(managerB, '/admin/leaderboards', { scope: 'store' });
    expect(byMember(forManager)).toEqual([[d1.memberId, 1, 20_000]]);

    t.clock.advanceDays(7); // Monday 9 November: a new ISO week, the same month
    const nextWeek = await board(c2.client, '/leaderboards', { period: 'week' });
    expect(nextWeek).toMatchObject({ periodKey: '2026-W46', ranked: 0, items: [], me: { rank: null, value: 0 } });
    expect(ranks(await board(c2.client, '/leaderboards', { period: 'month' }))[0]).toEqual([1, 60_000]);
  });
});

describe('a custom competition', () => {
  it('ranks group growth (fans gained) over a window of days', async () => {
    const now = t.clock.now().getTime();
    const today = Math.floor((now + CHINA) / DAY) * DAY - CHINA;
    const iso = (ms: number) => new Date(ms).toISOString();
    const growth = (await admin.post('/admin/competitions', { name: '三日拉新', metric: 'group_growth', cohort: { types: ['koc'] }, startsAt: iso(today), endsAt: iso(today + 3 * DAY) }).expect(201)).body;
    const fans = async (who: Joined, gained: number) => t.database.db.transaction((tx) => publish(tx, t.clock, { type: 'fans.reported', memberId: who.memberId, payload: { gained } }));
    await fans(fan1, 30);
    await fans(fan2, 50);
    t.clock.advanceDays(1);
    await fans(fan2, 5);
    await dispatch(t);
    const standings = await board(fan1.client, `/competitions/${growth.id}/leaderboard`);
    expect(ranks(standings)).toEqual([[1, 55], [2, 30]]);
    expect(standings.me).toEqual({ rank: 2, value: 30 });
  });
});

describe('closing', () => {
  /** Another server process: its own pool and services on the same schema (real PostgreSQL only). */
  async function otherProcess(): Promise<{ services: Services; close(): Promise<void> } | null> {
    const url = await testDatabaseUrl();
    if (!url) return null;
    const [{ schema }] = await queryRows<{ schema: string }>(t.database.db, sql`SELECT current_schema() AS schema`);
    const database = await openDatabase({ url, pgliteDir: 'memory://', poolMax: 3, searchPath: schema });
    return { services: buildServices({ config: t.config, db: database.db, clock: t.clock, logger: pino({ level: 'silent' }) }), close: () => database.close() };
  }
  const closedEvents = async (competitionId: number) =>
    (await queryRows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM outbox_events WHERE type = 'competition.closed' AND (payload->>'competitionId')::bigint = ${competitionId}`))[0].n;
  const badgeCount = async (who: Joined, code: string) => ((await who.client.get('/me/badges').expect(200)).body.items as { code: string }[]).filter((b) => b.code === code).length;
  const privileged = async (who: Joined) => ((await who.client.get('/me/privileges').expect(200)).body.items as { name: string }[]).some((p) => p.name === 'podium_finisher');
  const certificates = async (who: Joined) => ((await who.client.get('/me/certificates').expect(200)).body.items as { title: string }[]).map((c) => c.title);

  it('waits for the window’s events, then freezes the results and grants the prizes once, however many runs race', async () => {
    await createRule(admin, {
      name: '月度销冠',
      stage: 'middle',
      trigger: 'competition.closed',
      conditions: [
        { source: 'event', field: 'rank', op: 'eq', value: 1 },
        { source: 'event', field: 'competitionId', op: 'eq', value: monthly.id },
      ],
      reward: { kind: 'certificate', title: '月度销冠', achievement: '荣获月度销售竞赛第一名' },
    });
    t.clock.set('2026-11-30T23:59:00+08:00');
    await sell(c3, 5_000); // in the window, not yet counted
    t.clock.set('2026-12-01T00:00:30+08:00');
    expect(await t.runJob('competitions.close')).toEqual({ closed: 1, skipped: 0, waiting: 2 }); // the 3-day contest closes
    await dispatch(t);

    const live = await board(admin, `/admin/competitions/${monthly.id}/leaderboard`, { limit: 100 });
    expect(live.competition!.status).toBe('closing');
    expect(byMember(live)).toEqual([
      [c1.memberId, 1, 60_000],
      [c2.memberId, 2, 30_000],
      [d1.memberId, 3, 20_000],
      [c3.memberId, 4, 15_000],
      [fan1.memberId, 4, 15_000],
    ]);

    const other = await otherProcess();
    try {
      const runs = await Promise.all([
        t.runJob('competitions.close'),
        t.runJob('competitions.close'),
        t.services.competitions.closeDue({ batchSize: 20 }),
        ...(other ? [other.services.competitions.closeDue({ batchSize: 20 }), other.services.competitions.closeDue({ batchSize: 20 })] : []),
      ]);
      expect(runs.reduce((sum, run) => sum + Number(run.closed), 0)).toBe(2);
      expect(runs.every((run) => Number(run.waiting) === 0)).toBe(true);
    } finally {
      await other?.close();
    }
    expect(await t.runJob('competitions.close')).toEqual({ closed: 0, skipped: 0, waiting: 0 });

    const final = await board(admin, `/admin/competitions/${monthly.id}/leaderboard`, { limit: 100 });
    expect(final).toMatchObject({ final: true, ranked: 5, competition: { status: 'closed' } });
    expect(byMember(final)).toEqual(byMember(live));
    expect(await closedEvents(monthly.id)).toBe(5);
    expect(await closedEvents(kocOnly.id)).toBe(1);

    expect(await badgeCount(c1, 'month-champion')).toBe(1);
    expect(await Promise.all([c1, c2, d1, c3].map(privileged))).toEqual([false, true, true, false]);
    const c1Rewards = (await c1.client.get('/me/rewards').expect(200)).body.items as { kind: string }[];
    expect(c1Rewards.filter((r) => r.kind === 'badge')).toHaveLength(1);
  });

  it('stays frozen when later sales come in', async () => {
    await sell(c2, 88_000);
    await dispatch(t);
    const mine = await board(c3.client, `/competitions/${monthly.id}/leaderboard`);
    expect(ranks(mine)).toEqual([[1, 60_000], [2, 30_000], [3, 20_000], [4, 15_000], [4, 15_000]]);
    expect(mine.me).toEqual({ rank: 4, value: 15_000 });
    expect(mine.final).toBe(true);
  });

  it('hands competition.closed to the reward engine: HQ’s rule gives the winner a certificate, once', async () => {
    await dispatch(t);
    await dispatch(t);
    expect(await certificates(c1)).toEqual(['月度销冠']);
    expect(await certificates(c2)).toEqual([]);
    expect(await certificates(fan1)).toEqual([]); // first of the KOC contest, which the rule does not name
  });

  it('opens the next month of a monthly competition; a closed one cannot be cancelled, an open one can', async () => {
    const all = (await admin.get('/admin/competitions').expect(200)).body.items as { id: number; name: string; startsAt: string; status: string }[];
    const next = all.find((c) => c.name === '十一月销售竞赛' && c.id !== monthly.id)!;
    expect(next).toMatchObject({ startsAt: '2026-11-30T16:00:00.000Z', endsAt: '2026-12-31T16:00:00.000Z', status: 'running', repeat: 'monthly' });
    expect((await admin.post(`/admin/competitions/${monthly.id}/cancel`, { reason: 'x' }).expect(409)).body.error.code).toBe('COMPETITION_CLOSED');
    expect((await admin.post(`/admin/competitions/${next.id}/cancel`, { reason: 'moved to a new format' }).expect(200)).body.status).toBe('cancelled');
    const listed = (await c1.client.get('/competitions').expect(200)).body.items as { id: number }[];
    expect(listed.map((c) => c.id)).not.toContain(next.id);
    expect((await c1.client.get(`/competitions/${next.id}/leaderboard`).expect(404)).body.error.code).toBe('COMPETITION_NOT_FOUND');
  });
});
