import { verifyLedger } from '../../server/src/modules/ledger';
import { startTestApp, type TestApp, type UserClient } from '../helpers/test-app';
import { approvedKos, createStore, joinKoc, type Joined } from '../factories/people';
import { createCatalog, type TestCatalog } from '../factories/catalog';
import { balances, dispatch, recordSale, settle } from '../factories/sales';

let t: TestApp;
let catalog: TestCatalog;
let storeId: number;
let manager: UserClient;

beforeAll(async () => {
  t = await startTestApp();
  catalog = await createCatalog(t);
  ({ storeId } = await createStore(t, 'commission-store'));
  manager = await t.signIn('commission-manager');
  await (await t.admin()).post('/admin/staff-roles', { userId: manager.userId, role: 'store_manager', storeId }).expect(200);
});
afterEach(async () => {
  expect((await verifyLedger(t.database.db)).ok).toBe(true);
});
afterAll(() => t.close());

let people = 0;
/** A KOC upline and a clerk they brought in. */
async function clerkWithUpline(): Promise<{ upline: Joined; clerk: Joined }> {
  people += 1;
  const upline = await joinKoc(t, `upline-${people}`);
  const clerk = await approvedKos(t, `clerk-${people}`, storeId, upline.referralCode);
  return { upline, clerk };
}

const teapot = () => ({ sku: catalog.skus.teapot.code, quantity: 1, unitPrice: 88_000 });

describe('a store sale', () => {
  it('pays the clerk L1 and the clerk’s upline L2 into pending, with the explanation', async () => {
    const { upline, clerk } = await clerkWithUpline();
    const sale = await recordSale(clerk.client, [teapot(), { sku: catalog.skus.teapot.code, quantity: 2, unitPrice: 80_001 }]);
    expect(sale).toMatchObject({ status: 'paid', totalFen: 248_002 });
    expect(await balances(clerk.client)).toEqual({ pending: 0, available: 0, withdrawing: 0, debt: 0 });

    await dispatch(t);
    // 10% of 88000 = 8800, 10% of 160002 = 16000.2 -> 16000 (down to the fen, per line).
    expect(await balances(clerk.client)).toEqual({ pending: 24_800, available: 0, withdrawing: 0, debt: 0 });
    // 3% L2: 2640 + 4800.06 -> 4800.
    expect((await balances(upline.client)).pending).toBe(7_440);

    const explained = await clerk.client.get(`/me/commissions/${sale.id}`).expect(200);
    expect(explained.body.items).toEqual([
      expect.objectContaining({
        tier: 1,
        amountFen: 24_800,
        status: 'pending',
        explanation: expect.objectContaining({
          sellerMemberId: clerk.memberId,
          shareBp: 10_000,
          lines: [
            expect.objectContaining({ rule: 'brand_default', baseFen: 88_000, rateBp: 1000, resultFen: 8_800 }),
            expect.objectContaining({ rule: 'brand_default', baseFen: 160_002, rateBp: 1000, resultFen: 16_000 }),
          ],
        }),
      }),
    ]);
    expect((await upline.client.get(`/me/commissions/${sale.id}`).expect(200)).body.items[0]).toMatchObject({ tier: 2, amountFen: 7_440 });
    const other = await joinKoc(t, `stranger-${people}`);
    expect((await other.client.get(`/me/commissions/${sale.id}`).expect(404)).body.error.code).toBe('COMMISSION_NOT_FOUND');
  });

  it('is recorded once per receipt: the same receipt again answers 409 with the existing sale', async () => {
    const { clerk } = await clerkWithUpline();
    const first = await recordSale(clerk.client, [teapot()], { receiptNo: 'DUP-1' });
    const again = await clerk.client.post('/sales', { receiptNo: 'DUP-1', lines: [teapot()] }).expect(409);
    expect(again.body.error).toMatchObject({ code: 'DUPLICATE_RECEIPT', existing: { id: first.id } });
  });

  it('dispatching the same events twice posts nothing twice', async () => {
    const { clerk } = await clerkWithUpline();
    await recordSale(clerk.client, [teapot()]);
    await dispatch(t);
    const before = await clerk.client.get('/me/ledger').expect(200);
    await t.database.db.execute(`UPDATE outbox_events SET status = 'pending' WHERE type = 'sale.paid'` as never);
    await dispatch(t);
    expect((await clerk.client.get('/me/ledger').expect(200)).body).toEqual(before.body);
    expect((await balances(clerk.client)).pending).toBe(8_800);
  });

  it('can only be recorded by an active clerk with real SKUs', async () => {
    const koc = await joinKoc(t, `not-a-clerk-${people}`);
    expect((await koc.client.post('/sales', { receiptNo: 'X1', lines: [teapot()] }).expect(403)).body.error.code).toBe('NOT_A_CLERK');
    const { clerk } = await clerkWithUpline();
    expect((await clerk.client.post('/sales', { receiptNo: 'X2', lines: [{ ...teapot(), sku: 'NOPE' }] }).expect(404)).body.error.code).toBe('SKU_NOT_FOUND');
    const floaty = await clerk.client.post('/sales', { receiptNo: 'X3', lines: [{ ...teapot(), unitPrice: 99.5 }] }).expect(400);
    expect(floaty.body.error.details[0].path).toBe('body.lines.0.unitPrice');
    expect((await clerk.client.post('/sales', { receiptNo: 'X4', lines: [teapot()], customerCode: 'nobody' }).expect(404)).body.error.code).toBe('CUSTOMER_CODE_UNKNOWN');
  });
});

describe('settlement', () => {
  it('moves commission to available after the freeze days, once, however often the job runs', async () => {
    const { clerk } = await clerkWithUpline();
    await recordSale(clerk.client, [teapot()]);
    await dispatch(t);
    t.clock.advanceDays(6);
    await settle(t);
    expect(await balances(clerk.client)).toMatchObject({ pending: 8_800, available: 0 });
    t.clock.advanceDays(1);
    await settle(t);
    await settle(t);
    expect(await balances(clerk.client)).toMatchObject({ pending: 0, available: 8_800 });
    const ledger = await clerk.client.get('/me/ledger').expect(200);
    const lines = ledger.body.items.map((line: { account: string; amountFen: number; reason: string }) => [line.account, line.amountFen, line.reason]);
    expect(lines).toHaveLength(3);
    expect(lines).toEqual(
      expect.arrayContaining([
        ['pending', 8_800, expect.stringContaining('一级佣金 · 订单 #')],
        ['pending', -8_800, expect.stringContaining('佣金结算')],
        ['available', 8_800, expect.stringContaining('佣金结算')],
      ]),
    );
  });
});

describe('refunds claw commission back', () => {
  it('before settlement, out of pending, proportionally to the refunded units', async () => {
    const { upline, clerk } = await clerkWithUpline();
    const sale = await recordSale(clerk.client, [{ sku: catalog.skus.teapot.code, quantity: 3, unitPrice: 10_001 }]);
    await dispatch(t);
    expect((await balances(clerk.client)).pending).toBe(3_000); // 30003 * 10% = 3000.3
    await manager.post(`/sales/${sale.id}/refunds`, { lines: [{ lineId: sale.lines[0].id, quantity: 1 }], reason: 'broken lid' }).expect(201);
    await dispatch(t);
    expect((await balances(clerk.client)).pending).toBe(2_000); // 10001 * 10% = 1000.1 -> 1000 taken back
    expect((await balances(upline.client)).pending).toBe(900 - 300);
    const refunded = await manager.get(`/sales/${sale.id}`).expect(200);
    expect(refunded.body).toMatchObject({ status: 'partially_refunded', refundedFen: 10_001 });
    // The upline's team shows what the clerk sold this month and what the upline earned through them, net of the refund.
    const team = (await upline.client.get('/me/team', { tier: 1 }).expect(200)).body.items;
    expect(team).toEqual([expect.objectContaining({ id: clerk.memberId, monthGmvFen: 20_002, earnedFen: 600 })]);
  });

  it('a void is a full refund that takes back every fen, rounding included', async () => {
    const { upline, clerk } = await clerkWithUpline();
    const sale = await recordSale(clerk.client, [{ sku: catalog.skus.teapot.code, quantity: 3, unitPrice: 10_001 }]);
    await dispatch(t);
    await manager.post(`/sales/${sale.id}/refunds`, { lines: [{ lineId: sale.lines[0].id, quantity: 1 }], reason: 'one' }).expect(201);
    await manager.post(`/sales/${sale.id}/void`, { reason: 'entered on the wrong till' }).expect(200);
    await dispatch(t);
    expect(await balances(clerk.client)).toEqual({ pending: 0, available: 0, withdrawing: 0, debt: 0 });
    expect((await balances(upline.client)).pending).toBe(0);
    expect((await manager.get(`/sales/${sale.id}`).expect(200)).body.status).toBe('voided');
    const again = await manager.post(`/sales/${sale.id}/void`, { reason: 'again' }).expect(409);
    expect(again.body.error.code).toBe('SALE_NOT_REFUNDABLE');
  });

  it('after settlement, out of available, and the shortfall becomes debt repaid from the next settlement', async () => {
    const { clerk } = await clerkWithUpline();
    const sale = await recordSale(clerk.client, [teapot()]);
    await dispatch(t);
    t.clock.advanceDays(7);
    await settle(t);
    expect((await balances(clerk.client)).available).toBe(8_800);
    // Spend most of it: a second settlement later must first repay what the refund leaves owing.
    await t.services.ledger.post(t.database.db, {
      key: `test-spend-${clerk.memberId}`,
      kind: 'test.spend',
      memberId: clerk.memberId,
      memo: 'test: withdrawn elsewhere',
      postings: [
        { account: { memberId: clerk.memberId, kind: 'available' }, amountFen: -8_000 },
        { account: { platform: 'payout_clearing' }, amountFen: 8_000 },
      ],
      at: t.clock.now(),
    });
    await manager.post(`/sales/${sale.id}/refunds`, { lines: [{ lineId: sale.lines[0].id, quantity: 1 }], reason: 'returned' }).expect(201);
    await dispatch(t);
    expect(await balances(clerk.client)).toEqual({ pending: 0, available: 0, withdrawing: 0, debt: 8_000 });

    await recordSale(clerk.client, [{ sku: catalog.skus.teapot.code, quantity: 1, unitPrice: 100_000 }]);
    await dispatch(t);
    t.clock.advanceDays(7);
    await settle(t);
    expect(await balances(clerk.client)).toEqual({ pending: 0, available: 2_000, withdrawing: 0, debt: 0 });
  });

  it('a store manager refunds only their own store’s sales', async () => {
    const { clerk } = await clerkWithUpline();
    const sale = await recordSale(clerk.client, [teapot()]);
    const other = await createStore(t, 'other-refund-store');
    const otherManager = await t.signIn('other-refund-manager');
    await (await t.admin()).post('/admin/staff-roles', { userId: otherManager.userId, role: 'store_manager', storeId: other.storeId }).expect(200);
    expect((await otherManager.post(`/sales/${sale.id}/void`, { reason: 'x' }).expect(403)).body.error.code).toBe('FORBIDDEN');
    const tooMany = await manager.post(`/sales/${sale.id}/refunds`, { lines: [{ lineId: sale.lines[0].id, quantity: 2 }], reason: 'x' }).expect(422);
    expect(tooMany.body.error.code).toBe('REFUND_EXCEEDS_SALE');
  });
});

describe('who earns', () => {
  it('binding attribution pays the member the scanned buyer is bound to; split shares it', async () => {
    const admin = await t.admin();
    const { clerk } = await clerkWithUpline();
    const fan = await joinKoc(t, `fan-${people}`);
    const buyer = await t.signIn(`buyer-${people}`);
    await buyer.post('/bindings', { referralCode: fan.referralCode }).expect(200);
    const customerCode = (await buyer.get('/me').expect(200)).body.customerCode;
    try {
      await admin.patch('/admin/settings', { attribution: { policy: 'binding' } }).expect(200);
      await recordSale(clerk.client, [teapot()], { customerCode });
      await dispatch(t);
      expect((await balances(fan.client)).pending).toBe(8_800);
      expect((await balances(clerk.client)).pending).toBe(0);

      await admin.patch('/admin/settings', { attribution: { policy: 'split', clerkShareBp: 3000 } }).expect(200);
      const split = await recordSale(clerk.client, [teapot()], { customerCode });
      await dispatch(t);
      expect((await balances(clerk.client)).pending).toBe(2_640); // 30% of 88000 = 26400, 10% -> 2640
      expect((await balances(fan.client)).pending).toBe(8_800 + 6_160);
      const clerkView = await clerk.client.get(`/me/commissions/${split.id}`).expect(200);
      expect(clerkView.body.items[0].explanation).toMatchObject({ shareBp: 3000, lines: [expect.objectContaining({ baseFen: 26_400 })] });
    } finally {
      await admin.patch('/admin/settings', { attribution: { policy: 'clerk' } }).expect(200);
    }
  });

  it('the clerk sees beforehand exactly what a sale will pay, and the preview writes nothing', async () => {
    const admin = await t.admin();
    const { upline, clerk } = await clerkWithUpline();
    const fan = await joinKoc(t, `preview-fan-${people}`);
    const buyer = await t.signIn(`preview-buyer-${people}`);
    await buyer.post('/bindings', { referralCode: fan.referralCode }).expect(200);
    const customerCode = (await buyer.get('/me').expect(200)).body.customerCode;
    const lines = [teapot(), { sku: catalog.skus.teapot.code, quantity: 2, unitPrice: 80_001 }];
    try {
      await admin.patch('/admin/settings', { attribution: { policy: 'split', clerkShareBp: 3000 } }).expect(200);
      const preview = (await clerk.client.post('/sales/preview', { lines, customerCode }).expect(200)).body;
      expect(preview).toMatchObject({ totalFen: 248_002, myCommissionFen: 7_440 });
      expect(preview.commissions).toEqual(
        expect.arrayContaining([
          { tier: 1, memberId: clerk.memberId, nickname: expect.any(String), amountFen: 7_440, mine: true },
          { tier: 2, memberId: upline.memberId, nickname: expect.any(String), amountFen: 2_232, mine: false },
          { tier: 1, memberId: fan.memberId, nickname: expect.any(String), amountFen: 17_360, mine: false },
        ]),
      );
      await dispatch(t);
      expect((await balances(clerk.client)).pending).toBe(0);

      await recordSale(clerk.client, lines, { customerCode });
      await dispatch(t);
      expect((await balances(clerk.client)).pending).toBe(7_440);
      expect((await balances(upline.client)).pending).toBe(2_232);
      expect((await balances(fan.client)).pending).toBe(17_360);
    } finally {
      await admin.patch('/admin/settings', { attribution: { policy: 'clerk' } }).expect(200);
    }
    expect((await fan.client.post('/sales/preview', { lines }).expect(403)).body.error.code).toBe('NOT_A_CLERK');
    expect((await clerk.client.post('/sales/preview', { lines: [{ sku: 'NO-SUCH-SKU', quantity: 1, unitPrice: 100 }] }).expect(404)).body.error.code).toBe('SKU_NOT_FOUND');
  });

  it('overrides: SKU fixed amount, hot item, category, level, external default; L2 can be switched off', async () => {
    const admin = await t.admin();
    const { upline, clerk } = await clerkWithUpline();
    const special = await createCatalog(t, { categoryCommission: { l1RateBp: 2000 } });
    await admin.patch(`/admin/skus/${special.skus.tea500g.id}`, { commission: { l1FixedFen: 1_234 } }).expect(200);
    try {
      await admin.patch('/admin/settings', { commission: { l2Enabled: false, levelRates: { '1': { l1RateBp: 1200, l2RateBp: 400 } } } }).expect(200);
      const sale = await recordSale(clerk.client, [
        { sku: special.skus.tea500g.code, quantity: 2, unitPrice: 49_900 }, // fixed 1234 per unit
        { sku: special.skus.tea250g.code, quantity: 1, unitPrice: 26_800 }, // hot item 15%
        { sku: special.skus.teapot.code, quantity: 1, unitPrice: 88_000 }, // category 20%
        { sku: catalog.skus.teapot.code, quantity: 1, unitPrice: 10_000 }, // level 1: 12%
      ]);
      await dispatch(t);
      const rules = (await clerk.client.get(`/me/commissions/${sale.id}`).expect(200)).body.items[0].explanation.lines;
      expect(rules.map((line: { rule: string; resultFen: number }) => [line.rule, line.resultFen])).toEqual([
        ['sku_fixed', 2_468],
        ['hot_item', 4_020],
        ['category', 17_600],
        ['level', 1_200],
      ]);
      expect((await balances(upline.client)).pending).toBe(0);

      const external = await t.signIn(`external-${people}`);
      const joined = await external.post('/members/join', {
        type: 'external',
        referralCode: clerk.referralCode,
        application: { city: '杭州', storeSize: 0, teamSize: 1, monthlySalesFen: 0, phoneSales: true, phone: '13900000000', agreementAccepted: true },
      });
      await admin.post(`/admin/applications/${joined.body.id}/approve`, {}).expect(200);
      const buyer = await t.signIn(`external-buyer-${people}`);
      await buyer.post('/bindings', { referralCode: joined.body.referralCode }).expect(200);
      await admin.patch('/admin/settings', { attribution: { policy: 'binding' } }).expect(200);
      await recordSale(clerk.client, [teapot()], { customerCode: (await buyer.get('/me').expect(200)).body.customerCode });
      await dispatch(t);
      expect((await balances(external)).pending).toBe(7_040); // external default 8%
    } finally {
      await admin.patch('/admin/settings', { attribution: { policy: 'clerk' }, commission: { l2Enabled: true, levelRates: {} } }).expect(200);
    }
  });

  it('a removed member earns no new commission', async () => {
    const { upline, clerk } = await clerkWithUpline();
    await (await t.admin()).post(`/admin/members/${upline.memberId}/status`, { status: 'removed', reason: 'left' }).expect(200);
    await recordSale(clerk.client, [teapot()]);
    await dispatch(t);
    expect((await balances(upline.client)).pending).toBe(0);
    expect((await balances(clerk.client)).pending).toBe(8_800);
  });
});

describe('HQ', () => {
  it('sees the liability: pending + available + withdrawing - debt across members', async () => {
    const liability = await (await t.admin()).get('/admin/ledger/liability').expect(200);
    expect(liability.body.total).toBe(liability.body.pending + liability.body.available + liability.body.withdrawing - liability.body.debt);
    expect(liability.body.pending).toBeGreaterThan(0);
  });
});
