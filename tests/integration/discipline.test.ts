import { sql } from 'drizzle-orm';
import { queryRows } from '../../server/src/db/database';
import { verifyLedger } from '../../server/src/modules/ledger';
import type { RemovedMember } from '../../server/src/modules/discipline';
import { startTestApp, type TestApp, type UserClient } from '../helpers/test-app';
import { approvedKos, createStore, joinKoc, staff, type Joined } from '../factories/people';
import { createCatalog, type TestCatalog } from '../factories/catalog';
import { balances, dispatch, recordSale, settle } from '../factories/sales';

let t: TestApp;
let catalog: TestCatalog;
let storeId: number;
let admin: UserClient;
let community: UserClient;
let manager: UserClient;

beforeAll(async () => {
  t = await startTestApp();
  catalog = await createCatalog(t);
  ({ storeId } = await createStore(t, 'discipline-store'));
  admin = await t.admin();
  community = await staff(t, 'discipline-community', 'community_manager');
  manager = await t.signIn('discipline-manager');
  await admin.post('/admin/staff-roles', { userId: manager.userId, role: 'store_manager', storeId }).expect(200);
});
afterEach(async () => {
  expect((await verifyLedger(t.database.db)).ok).toBe(true);
});
afterAll(() => t.close());

let people = 0;
const teapot = () => ({ sku: catalog.skus.teapot.code, quantity: 1, unitPrice: 88_000 });

/**
 * upline -> removed-to-be member -> { a KOC downline, a KOS clerk downline }, and a customer bound to the
 * member: everyone whose binding points at the member.
 */
async function family() {
  people += 1;
  const upline = await joinKoc(t, `d-upline-${people}`);
  const member = await joinKoc(t, `d-member-${people}`, upline.referralCode);
  const downline = await joinKoc(t, `d-downline-${people}`, member.referralCode);
  const clerk = await approvedKos(t, `d-clerk-${people}`, storeId, member.referralCode);
  const customer = await t.signIn(`d-customer-${people}`, `顾客${people}`);
  await customer.post('/bindings', { referralCode: member.referralCode }).expect(200);
  return { upline, member, downline, clerk, customer };
}

const teamIds = async (member: Joined, tier: 1 | 2) =>
  ((await member.client.get('/me/team', { tier }).expect(200)).body.items as { id: number }[]).map((item) => item.id);
const me = async (client: UserClient) => (await client.get('/me').expect(200)).body;
const notifications = async (client: UserClient) =>
  (await client.get('/me/notifications').expect(200)).body.items as { title: string; body: string; data: Record<string, unknown> }[];
const auditOf = async (subjectType: string, subjectId: number) =>
  (await admin.get('/admin/audit-log', { subjectType, subjectId }).expect(200)).body.items as { action: string; data: Record<string, unknown> }[];

describe('removal', () => {
  it('hands the L1 downlines and bound customers to the removed member’s upline, audited and notified', async () => {
    const { upline, member, downline, clerk, customer } = await family();
    const removed = await admin.post(`/admin/members/${member.memberId}/remove`, { reason: '连续三个月未达标' }).expect(200);
    expect(removed.body).toMatchObject({ memberId: member.memberId, cause: 'manual', toMemberId: upline.memberId, storeId: null, handedOver: 3, reversedAt: null });

    expect((await me(member.client)).member.status).toBe('removed');
    expect(await teamIds(member, 1)).toEqual([]);
    expect(await teamIds(upline, 1)).toEqual(expect.arrayContaining([member.memberId, downline.memberId, clerk.memberId]));
    expect(await teamIds(upline, 2)).toEqual([]);
    expect((await me(downline.client)).member.upline.id).toBe(upline.memberId);
    expect((await me(clerk.client)).member.upline.id).toBe(upline.memberId);
    expect((await me(customer)).customerOf.id).toBe(upline.memberId);

    for (const userId of [downline.client.userId, clerk.client.userId, customer.userId]) {
      expect(await auditOf('user', userId)).toContainEqual(
        expect.objectContaining({ action: 'binding.handover', data: expect.objectContaining({ removalId: removed.body.id, fromMemberId: member.memberId, toMemberId: upline.memberId }) }),
      );
    }
    for (const client of [downline.client, clerk.client, customer]) {
      expect(await notifications(client)).toContainEqual(expect.objectContaining({ title: '推荐关系变更', data: expect.objectContaining({ removalId: removed.body.id }) }));
    }
    expect(await notifications(member.client)).toContainEqual(expect.objectContaining({ title: '分销资格已取消', body: expect.stringContaining('连续三个月未达标') }));
  });

  it('keeps commission at two tiers: a handed-over clerk’s sale pays L1 to the clerk, L2 to the new upline, nothing to the removed member', async () => {
    const { upline, member, clerk } = await family();
    await admin.post(`/admin/members/${member.memberId}/remove`, { reason: 'left' }).expect(200);
    const sale = await recordSale(clerk.client, [teapot()]);
    await dispatch(t);
    expect((await balances(clerk.client)).pending).toBe(8_800);
    // The clerk's L1 upline is now the removed member's upline: it earns L2 (3%); nobody earns a third tier.
    expect((await balances(upline.client)).pending).toBe(2_640);
    expect((await upline.client.get(`/me/commissions/${sale.id}`).expect(200)).body.items).toEqual([expect.objectContaining({ tier: 2, amountFen: 2_640 })]);
    expect(await balances(member.client)).toEqual({ pending: 0, available: 0, withdrawing: 0, debt: 0 });
    expect((await member.client.get(`/me/commissions/${sale.id}`).expect(404)).body.error.code).toBe('COMMISSION_NOT_FOUND');
  });

  it('lets pending commission of a removed (not violating) member settle', async () => {
    const { member, clerk } = await family();
    await recordSale(clerk.client, [teapot()]);
    await dispatch(t);
    expect((await balances(member.client)).pending).toBe(2_640);
    await admin.post(`/admin/members/${member.memberId}/remove`, { reason: 'left' }).expect(200);
    t.clock.advanceDays(7);
    await settle(t);
    expect(await balances(member.client)).toMatchObject({ pending: 0, available: 2_640 });
  });

  it('drops a KOS’s customers to the store when the KOS has no upline, and records the store', async () => {
    people += 1;
    const clerk = await approvedKos(t, `d-lone-clerk-${people}`, storeId);
    const customer = await t.signIn(`d-lone-customer-${people}`);
    await customer.post('/bindings', { referralCode: clerk.referralCode }).expect(200);
    const removed = await admin.post(`/admin/members/${clerk.memberId}/remove`, { reason: 'left the store' }).expect(200);
    expect(removed.body).toMatchObject({ toMemberId: null, storeId, handedOver: 1 });
    expect((await me(customer)).customerOf).toBeNull();
    expect(await auditOf('user', customer.userId)).toContainEqual(
      expect.objectContaining({ action: 'binding.handover', data: expect.objectContaining({ toMemberId: null, storeId }) }),
    );
  });

  it('is idempotent for a removed member, refuses one who is not a distributor, and runs the onRemoved listeners', async () => {
    const heard: RemovedMember[] = [];
    t.services.discipline.onRemoved(async (_tx, removed) => void heard.push(removed));
    const { member } = await family();
    const first = await admin.post(`/admin/members/${member.memberId}/remove`, { reason: 'x' }).expect(200);
    const again = await admin.post(`/admin/members/${member.memberId}/remove`, { reason: 'y' }).expect(200);
    expect(again.body.id).toBe(first.body.id);
    expect(heard.filter((h) => h.memberId === member.memberId)).toEqual([expect.objectContaining({ removalId: first.body.id, cause: 'manual', userId: member.client.userId })]);
    const applicant = await t.signIn(`d-applicant-${people}`);
    const applied = await applicant
      .post('/members/join', { type: 'external', application: { city: '杭州', storeSize: 0, teamSize: 1, monthlySalesFen: 0, phoneSales: true, phone: '13900000000', agreementAccepted: true } })
      .expect(200);
    expect((await admin.post(`/admin/members/${applied.body.id}/remove`, { reason: 'x' }).expect(409)).body.error.code).toBe('STATUS_TRANSITION_INVALID');
    expect((await admin.post('/admin/members/999999/remove', { reason: 'x' }).expect(404)).body.error.code).toBe('MEMBER_NOT_FOUND');
  });
});

describe('appeals', () => {
  it('an upheld appeal restores the status and the bindings still where the handover put them', async () => {
    const { upline, member, downline, clerk, customer } = await family();
    const other = await joinKoc(t, `d-other-${people}`);
    const removal = (await admin.post(`/admin/members/${member.memberId}/remove`, { reason: '考核未通过' }).expect(200)).body;
    // HQ moves the clerk elsewhere meanwhile: that binding is no longer the handover's to undo.
    await admin.put(`/admin/bindings/${clerk.client.userId}`, { referralCode: other.referralCode, reason: 'asked to move' }).expect(200);

    const mine = await member.client.get('/me/appeals').expect(200);
    expect(mine.body).toMatchObject({ items: [], removal: { id: removal.id, reason: '考核未通过', appealUntil: new Date(Date.parse(removal.removedAt) + 14 * 86_400_000).toISOString() } });
    const appeal = await member.client.post('/me/appeals', { reason: '上月有大额订单被漏算' }).expect(201);
    expect(appeal.body).toMatchObject({ removalId: removal.id, status: 'open', decisionNote: null });
    expect((await member.client.post('/me/appeals', { reason: 'again' }).expect(409)).body.error.code).toBe('APPEAL_EXISTS');
    const open = await admin.get('/admin/appeals', { status: 'open' }).expect(200);
    expect(open.body.items).toContainEqual(expect.objectContaining({ id: appeal.body.id, memberId: member.memberId, removal: expect.objectContaining({ reason: '考核未通过' }) }));

    const decided = await admin.post(`/admin/appeals/${appeal.body.id}/decide`, { upheld: true, note: '核实订单后恢复' }).expect(200);
    expect(decided.body).toMatchObject({ status: 'upheld', decisionNote: '核实订单后恢复' });
    expect((await me(member.client)).member.status).toBe('active');
    expect((await me(downline.client)).member.upline.id).toBe(member.memberId);
    expect((await me(customer)).customerOf.id).toBe(member.memberId);
    expect((await me(clerk.client)).member.upline.id).toBe(other.memberId);
    expect(await teamIds(upline, 1)).toEqual([member.memberId]);
    expect(await teamIds(upline, 2)).toEqual(expect.arrayContaining([downline.memberId]));
    expect(await auditOf('user', downline.client.userId)).toContainEqual(expect.objectContaining({ action: 'binding.restored', data: expect.objectContaining({ toMemberId: member.memberId }) }));
    expect(await notifications(member.client)).toContainEqual(expect.objectContaining({ title: '申诉成功' }));
    expect(await notifications(downline.client)).toContainEqual(expect.objectContaining({ title: '推荐关系恢复' }));
    const history = await admin.get(`/admin/members/${member.memberId}/status-history`).expect(200);
    expect(history.body.items.map((item: { to: string }) => item.to)).toEqual(['active', 'removed', 'active']);

    const twice = await admin.post(`/admin/appeals/${appeal.body.id}/decide`, { upheld: false, note: 'no' }).expect(409);
    expect(twice.body.error.code).toBe('APPEAL_ALREADY_DECIDED');
  });

  it('a rejected appeal keeps the removal; rejoining waits for the cool-down counted from the removal', async () => {
    const { upline, member, downline } = await family();
    const removal = (await admin.post(`/admin/members/${member.memberId}/remove`, { reason: '考核未通过' }).expect(200)).body;
    t.clock.advanceDays(3);
    const appeal = await member.client.post('/me/appeals', { reason: '请再考虑' }).expect(201);
    await admin.post(`/admin/appeals/${appeal.body.id}/decide`, { upheld: false, note: '数据无误' }).expect(200);
    expect((await me(member.client)).member.status).toBe('removed');
    expect((await me(downline.client)).member.upline.id).toBe(upline.memberId);
    expect(await notifications(member.client)).toContainEqual(expect.objectContaining({ title: '申诉未通过', body: expect.stringContaining('数据无误') }));
    expect((await member.client.get('/me/appeals').expect(200)).body.items).toEqual([expect.objectContaining({ status: 'rejected', decisionNote: '数据无误' })]);

    const early = await member.client.post('/members/join', { type: 'koc' }).expect(409);
    expect(early.body.error).toMatchObject({ code: 'REJOIN_COOLDOWN', rejoinAfter: new Date(Date.parse(removal.removedAt) + 90 * 86_400_000).toISOString() });
    t.clock.advanceDays(87);
    const rejoined = await member.client.post('/members/join', { type: 'koc' }).expect(200);
    expect(rejoined.body.status).toBe('active');
  });

  it('is refused after the 14-day window, and for a member who is not removed', async () => {
    const { member, downline } = await family();
    await admin.post(`/admin/members/${member.memberId}/remove`, { reason: 'x' }).expect(200);
    t.clock.advanceDays(14);
    t.clock.advanceMs(1);
    const late = await member.client.post('/me/appeals', { reason: 'late' }).expect(409);
    expect(late.body.error.code).toBe('APPEAL_WINDOW_CLOSED');
    expect((await downline.client.post('/me/appeals', { reason: 'not removed' }).expect(409)).body.error.code).toBe('NOT_REMOVED');
    expect((await admin.post('/admin/appeals/999999/decide', { upheld: true, note: 'x' }).expect(404)).body.error.code).toBe('APPEAL_NOT_FOUND');
  });
});

describe('reports', () => {
  /** A clerk (with an upline and a downline) holding 8,800 fen available and 8,800 pending, and a privilege. */
  async function earningClerk() {
    people += 1;
    const upline = await joinKoc(t, `r-upline-${people}`);
    const clerk = await approvedKos(t, `r-clerk-${people}`, storeId, upline.referralCode);
    const downline = await joinKoc(t, `r-downline-${people}`, clerk.referralCode);
    await recordSale(clerk.client, [teapot()]);
    await dispatch(t);
    t.clock.advanceDays(7);
    await settle(t);
    const pendingSale = await recordSale(clerk.client, [teapot()]);
    await dispatch(t);
    await t.database.db.transaction((tx) =>
      t.services.rewards.grants.grant(tx, {
        memberId: clerk.memberId,
        reward: { kind: 'privilege', name: 'group_admin_eligible', days: 30 },
        sourceKey: `test-privilege:${clerk.memberId}`,
        at: t.clock.now(),
      }),
    );
    expect(await balances(clerk.client)).toEqual({ pending: 8_800, available: 8_800, withdrawing: 0, debt: 0 });
    expect((await clerk.client.get('/me/privileges').expect(200)).body.items).toHaveLength(1);
    return { upline, clerk, downline, pendingSale };
  }

  it('confirmed: bans, hands over, forfeits pending and available to the platform in the ledger; later settlement moves nothing', async () => {
    const { upline, clerk, downline, pendingSale } = await earningClerk();
    const reporter = await t.signIn(`r-reporter-${people}`);
    const filed = await reporter.post('/reports', { memberCode: clerk.referralCode, reason: 'other_brand_goods', evidence: 'https://example.com/screenshot.png' }).expect(201);
    expect(filed.body).toMatchObject({ memberCode: clerk.referralCode, reason: 'other_brand_goods', status: 'open' });

    const plain = await joinKoc(t, `r-plain-${people}`);
    expect((await plain.client.post(`/admin/reports/${filed.body.id}/confirm`, { note: 'x' }).expect(403)).body.error.code).toBe('FORBIDDEN');
    const open = await community.get('/admin/reports', { status: 'open' }).expect(200);
    expect(open.body.items).toContainEqual(expect.objectContaining({ id: filed.body.id, memberId: clerk.memberId, evidence: 'https://example.com/screenshot.png' }));

    const before = (await admin.get('/admin/ledger/liability').expect(200)).body;
    const confirmed = await community.post(`/admin/reports/${filed.body.id}/confirm`, { note: '截图核实：在粉丝群销售竞品' }).expect(200);
    expect(confirmed.body).toMatchObject({ status: 'confirmed', forfeitedFen: { pending: 8_800, available: 8_800 }, decidedBy: community.userId });
    const after = (await admin.get('/admin/ledger/liability').expect(200)).body;
    expect(after.pending).toBe(before.pending - 8_800);
    expect(after.available).toBe(before.available - 8_800);

    expect(await balances(clerk.client)).toEqual({ pending: 0, available: 0, withdrawing: 0, debt: 0 });
    const lines = (await clerk.client.get('/me/ledger').expect(200)).body.items as { account: string; amountFen: number; reason: string; kind: string }[];
    expect(lines.filter((line) => line.kind === 'violation.forfeited').map((line) => [line.account, line.amountFen])).toEqual(
      expect.arrayContaining([
        ['pending', -8_800],
        ['available', -8_800],
      ]),
    );
    const [forfeit] = await queryRows<{ total: string }>(
      t.database.db,
      sql`SELECT sum(p.amount)::text AS total FROM ledger_postings p JOIN ledger_accounts a ON a.id = p.account_id JOIN ledger_entries e ON e.id = p.entry_id
           WHERE e.idempotency_key = ${`forfeit:${filed.body.id}`} AND a.kind = 'forfeiture_income'`,
    );
    expect(Number(forfeit.total)).toBe(17_600);

    // The forfeited commission reaches its settle date: nothing moves out of pending again.
    t.clock.advanceDays(7);
    await settle(t);
    expect(await balances(clerk.client)).toEqual({ pending: 0, available: 0, withdrawing: 0, debt: 0 });
    // A refund of the forfeited sale takes the commission back from forfeiture income, not from the member.
    await manager.post(`/sales/${pendingSale.id}/void`, { reason: 'returned' }).expect(200);
    await dispatch(t);
    expect(await balances(clerk.client)).toEqual({ pending: 0, available: 0, withdrawing: 0, debt: 0 });
    const failing = await queryRows<{ n: string }>(t.database.db, sql`SELECT count(*)::text AS n FROM outbox_events WHERE status <> 'done' OR attempts > 0`);
    expect(failing[0].n).toBe('0');

    expect((await me(clerk.client)).member.status).toBe('banned');
    expect((await clerk.client.get('/me/privileges').expect(200)).body.items).toEqual([]);
    expect((await me(downline.client)).member.upline.id).toBe(upline.memberId);
    expect((await clerk.client.post('/members/join', { type: 'kos', storeId, application: { city: '上海', storeSize: 1, teamSize: 1, monthlySalesFen: 0, phoneSales: true, phone: '13800000000', agreementAccepted: true } }).expect(409)).body.error.code).toBe('MEMBER_NOT_ACTIVE');
    expect((await clerk.client.post('/me/appeals', { reason: 'please' }).expect(409)).body.error.code).toBe('NOT_REMOVED');
    expect(await notifications(clerk.client)).toContainEqual(expect.objectContaining({ title: '违规处理通知', body: expect.stringContaining('176.00') }));

    const events = await queryRows<{ payload: Record<string, unknown> }>(t.database.db, sql`SELECT payload FROM outbox_events WHERE type = 'violation.confirmed' AND member_id = ${clerk.memberId}`);
    expect(events.map((event) => event.payload)).toEqual([expect.objectContaining({ reportId: filed.body.id, memberId: clerk.memberId })]);

    const seen = (await reporter.get('/me/reports').expect(200)).body.items;
    expect(seen).toEqual([{ id: filed.body.id, memberCode: clerk.referralCode, reason: 'other_brand_goods', status: 'confirmed', createdAt: expect.any(String), decidedAt: expect.any(String) }]);
    const told = await notifications(reporter);
    expect(told).toContainEqual(expect.objectContaining({ title: '举报处理结果', data: { reportId: filed.body.id, status: 'confirmed' } }));
    expect(JSON.stringify(told)).not.toContain('截图核实');

    expect((await community.post(`/admin/reports/${filed.body.id}/confirm`, { note: 'again' }).expect(409)).body.error.code).toBe('REPORT_ALREADY_DECIDED');
  });

  it('dismissed: the member keeps everything and the reporter sees the outcome', async () => {
    people += 1;
    const member = await joinKoc(t, `r-innocent-${people}`);
    const reporter = await t.signIn(`r-reporter-${people}`);
    const filed = await reporter.post('/reports', { memberCode: member.referralCode, reason: 'harassment' }).expect(201);
    const dismissed = await admin.post(`/admin/reports/${filed.body.id}/dismiss`, { note: '聊天记录无骚扰内容' }).expect(200);
    expect(dismissed.body).toMatchObject({ status: 'dismissed', forfeitedFen: null, note: '聊天记录无骚扰内容' });
    expect((await me(member.client)).member.status).toBe('active');
    expect((await reporter.get('/me/reports').expect(200)).body.items[0]).toMatchObject({ status: 'dismissed' });
    expect((await reporter.get('/me/reports').expect(200)).body.items[0]).not.toHaveProperty('note');
    expect((await community.post(`/admin/reports/${filed.body.id}/dismiss`, { note: 'x' }).expect(409)).body.error.code).toBe('REPORT_ALREADY_DECIDED');
    expect((await community.post('/admin/reports/999999/dismiss', { note: 'x' }).expect(404)).body.error.code).toBe('REPORT_NOT_FOUND');
  });

  it('are rate-limited per reporter over a rolling 24 hours, refuse unknown codes and self-reports', async () => {
    people += 1;
    const member = await joinKoc(t, `r-target-${people}`);
    const reporter = await joinKoc(t, `r-busy-${people}`);
    expect((await reporter.client.post('/reports', { memberCode: reporter.referralCode, reason: 'other' }).expect(422)).body.error.code).toBe('SELF_REPORT');
    expect((await reporter.client.post('/reports', { memberCode: 'NOSUCHCODE', reason: 'other' }).expect(404)).body.error.code).toBe('MEMBER_NOT_FOUND');
    const firstAt = t.clock.now();
    for (let i = 0; i < 5; i += 1) {
      await reporter.client.post('/reports', { memberCode: member.referralCode, reason: 'fake_orders' }).expect(201);
      t.clock.advanceMs(60_000);
    }
    const limited = await reporter.client.post('/reports', { memberCode: member.referralCode, reason: 'fake_orders' }).expect(429);
    expect(limited.body.error).toMatchObject({ code: 'RATE_LIMITED', retryAfter: new Date(firstAt.getTime() + 86_400_000).toISOString() });
    expect(limited.body.error.retryAfterSec).toBeGreaterThan(0);
    // Another reporter is not held back.
    await (await t.signIn(`r-other-${people}`)).post('/reports', { memberCode: member.referralCode, reason: 'fake_orders' }).expect(201);
    t.clock.set(new Date(firstAt.getTime() + 86_400_000));
    await reporter.client.post('/reports', { memberCode: member.referralCode, reason: 'fake_orders' }).expect(201);
    expect((await reporter.client.get('/me/reports', { limit: 3 }).expect(200)).body.nextCursor).not.toBeNull();
  });
});
