import { startTestApp, type TestApp, type UserClient } from '../helpers/test-app';
import { approvedKos, createStore, type Joined } from '../factories/people';
import { createCatalog, type TestCatalog } from '../factories/catalog';
import { dispatch, recordSale } from '../factories/sales';

let t: TestApp;
let admin: UserClient;
let catalog: TestCatalog;
let storeId: number;
let manager: UserClient;

/** China midnight at the start of a month, as an instant. */
const monthStart = (month: string) => `${month}-01T00:00:00+08:00`;

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.admin();
  catalog = await createCatalog(t);
  ({ storeId } = await createStore(t, 'assessment-store'));
  manager = await t.signIn('assessment-manager');
  await admin.post('/admin/staff-roles', { userId: manager.userId, role: 'store_manager', storeId }).expect(200);
});
afterAll(() => t.close());

const sell = async (who: Joined, unitPrice: number) => {
  await recordSale(who.client, [{ sku: catalog.skus.teapot.code, quantity: 1, unitPrice }]);
  await dispatch(t);
};
const status = async (who: Joined) => (await who.client.get('/me').expect(200)).body.member.status as string;

describe('monthly assessment of clerks', () => {
  it('walks the outcome ladder: pass, warn, probation, remove; tiers clerks S/A/B/C; warns seven days ahead; runs once', async () => {
    t.clock.set('2026-11-02T02:00:00.000Z');
    const star = await approvedKos(t, 'assess-star', storeId);
    const laggard = await approvedKos(t, 'assess-laggard', storeId);
    const recovering = await approvedKos(t, 'assess-recovering', storeId);
    const policy = await admin
      .post('/admin/assessment-policies', {
        name: 'KOS 月度考核',
        cohort: { types: ['kos'] },
        period: 'month',
        metrics: [
          { metric: 'gmv', threshold: 50_000 },
          { metric: 'orders', threshold: 2 },
        ],
        ladder: ['warn', 'probation', 'remove'],
      })
      .expect(201);

    // December: the star sells well, the others do not.
    t.clock.set('2026-12-05T02:00:00.000Z');
    await sell(star, 60_000);
    await sell(star, 60_000);
    await sell(laggard, 10_000);
    await sell(recovering, 10_000);

    t.clock.set('2026-12-20T02:00:00.000Z');
    expect(await t.runJob('assessments.warn')).toEqual({ warned: 0 });
    t.clock.set('2026-12-25T02:00:00.000Z');
    expect(await t.runJob('assessments.warn')).toEqual({ warned: 2 });
    expect(await t.runJob('assessments.warn')).toEqual({ warned: 0 });
    const warning = (await laggard.client.get('/me/notifications').expect(200)).body.items.find((n: { title: string }) => n.title === '考核提醒');
    expect(warning.body).toContain('gmv 还差 40000');

    const projected = await laggard.client.get('/me/assessment').expect(200);
    expect(projected.body.items[0]).toMatchObject({
      policy: { id: policy.body.id },
      periodKey: '2026-12',
      projectedOutcome: 'warn',
      projectedTier: 'C',
      metrics: [
        { metric: 'gmv', value: 10_000, threshold: 50_000, met: false },
        { metric: 'orders', value: 1, threshold: 2, met: false },
      ],
    });

    t.clock.set(monthStart('2027-01'));
    const december = await t.runJob('assessments');
    expect(december).toMatchObject({ monthKey: '2026-12', policies: [{ assessed: 3, pass: 1, warn: 2 }] });
    // The period is recorded as done: running the job again answers that run's result and changes nothing.
    expect(await t.runJob('assessments')).toEqual(december);
    const rerun = await admin.post('/admin/jobs/assessments/run', undefined).query({ period: '2026-12', force: 'true' }).expect(200);
    expect(rerun.body.result).toMatchObject({ policies: [{ assessed: 0 }] });
    expect(await status(star)).toBe('active');
    expect(await status(laggard)).toBe('warned');
    const tiers = await manager.get(`/stores/${storeId}/assessments`, { period: '2026-12' }).expect(200);
    const tierOf = (who: Joined) => tiers.body.items.find((r: { memberId: number }) => r.memberId === who.memberId).tier;
    expect([tierOf(star), tierOf(laggard)]).toEqual(['S', 'C']);

    // January: the recovering clerk meets the thresholds and is active again; the laggard goes on probation.
    t.clock.set('2027-01-10T02:00:00.000Z');
    await sell(recovering, 30_000);
    await sell(recovering, 30_000);
    t.clock.set(monthStart('2027-02'));
    expect(await t.runJob('assessments')).toMatchObject({ policies: [{ assessed: 3, pass: 1, warn: 1, probation: 1 }] });
    expect(await status(recovering)).toBe('active');
    expect(await status(laggard)).toBe('probation');

    // February: a third miss in a row removes the laggard.
    t.clock.set(monthStart('2027-03'));
    const february = await t.runJob('assessments');
    expect(february.policies).toEqual([expect.objectContaining({ remove: 1 })]);
    expect(await status(laggard)).toBe('removed');
    await dispatch(t);
    const notices = (await laggard.client.get('/me/notifications').expect(200)).body.items.map((n: { title: string }) => n.title);
    expect(notices).toEqual(expect.arrayContaining(['2026-12 考核结果', '2027-01 考核结果', '2027-02 考核结果']));
  });

  it('an external distributor who misses a month is removed at once', async () => {
    t.clock.set('2027-03-02T02:00:00.000Z');
    const external = await t.signIn('assess-external');
    const joined = await external
      .post('/members/join', { type: 'external', application: { city: '苏州', storeSize: 0, teamSize: 1, monthlySalesFen: 0, phoneSales: true, phone: '13700000000', agreementAccepted: true } })
      .expect(200);
    await admin.post(`/admin/applications/${joined.body.id}/approve`, {}).expect(200);
    await admin.post('/admin/assessment-policies', { name: '外部分销月度', cohort: { types: ['external'] }, period: 'month', metrics: [{ metric: 'orders', threshold: 1 }], ladder: ['remove'] }).expect(201);
    t.clock.set(monthStart('2027-05'));
    await t.runJob('assessments');
    expect((await external.get('/me').expect(200)).body.member.status).toBe('removed');
  });

  it('quarterly policies close with the quarter’s last month, and only store managers of the store see its tiers', async () => {
    await admin.post('/admin/assessment-policies', { name: '季度考核', cohort: { types: ['kos'] }, period: 'quarter', metrics: [{ metric: 'gmv', threshold: 1 }], ladder: ['warn'] }).expect(201);
    t.clock.set(monthStart('2027-05'));
    const april = await t.runJob('assessments');
    expect((april.policies as { periodKey: string }[]).map((p) => p.periodKey)).not.toContain('2027-Q2');
    t.clock.set(monthStart('2027-07'));
    const june = await t.runJob('assessments');
    expect((june.policies as { periodKey: string }[]).map((p) => p.periodKey)).toContain('2027-Q2');

    const other = await createStore(t, 'assessment-other-store');
    const otherManager = await t.signIn('assessment-other-manager');
    await admin.post('/admin/staff-roles', { userId: otherManager.userId, role: 'store_manager', storeId: other.storeId }).expect(200);
    expect((await otherManager.get(`/stores/${storeId}/assessments`).expect(403)).body.error.code).toBe('FORBIDDEN');
    expect((await manager.get(`/stores/${storeId}/assessments`, { period: 'junk' }).expect(400)).body.error.code).toBe('VALIDATION_FAILED');
  });

  it('counts new customers as competitions do: buyers first credited to the member this month, a voided purchase none', async () => {
    t.clock.set('2027-08-02T02:00:00.000Z');
    const clerk = await approvedKos(t, 'assess-new-customers', storeId);
    const policy = await admin
      .post('/admin/assessment-policies', { name: '拉新考核', cohort: { types: ['kos'] }, period: 'month', metrics: [{ metric: 'new_customers', threshold: 2 }], ladder: ['warn'] })
      .expect(201);
    t.clock.set('2027-09-03T02:00:00.000Z');
    const codes = await Promise.all(
      ['assess-buyer-1', 'assess-buyer-2'].map(async (openid) => (await (await t.signIn(openid)).get('/me').expect(200)).body.customerCode as string),
    );
    const teapot = [{ sku: catalog.skus.teapot.code, quantity: 1, unitPrice: 10_000 }];
    await recordSale(clerk.client, teapot, { customerCode: codes[0] });
    await recordSale(clerk.client, teapot, { customerCode: codes[0] });
    const voided = await recordSale(clerk.client, teapot, { customerCode: codes[1] });
    await dispatch(t);
    const newCustomers = async () =>
      (await clerk.client.get('/me/assessment').expect(200)).body.items.find((item: { policy: { id: number } }) => item.policy.id === policy.body.id).metrics[0];
    expect(await newCustomers()).toMatchObject({ metric: 'new_customers', value: 2, met: true });
    await manager.post(`/sales/${voided.id}/void`, { reason: '顾客退货' }).expect(200);
    await dispatch(t);
    expect(await newCustomers()).toMatchObject({ metric: 'new_customers', value: 1, met: false });
  });
});
