import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../server/src/db/database';
import { verifyLedger } from '../../server/src/modules/ledger';
import { outBillNoFor } from '../../server/src/modules/withdrawals';
import { startTestApp, type TestApp, type UserClient } from '../helpers/test-app';
import { approvedKos, createStore, joinKoc, type Joined } from '../factories/people';
import { createCatalog, type TestCatalog } from '../factories/catalog';
import { dispatch, settle } from '../factories/sales';

/**
 * Random sequences of what happens in real life — store sales, online orders and their payment,
 * partial refunds, voids, settlement after days pass, withdrawals that succeed or fail — must keep
 * the book's invariants, whatever the order.
 */
jest.setTimeout(240_000);

let t: TestApp;
let catalog: TestCatalog;
let manager: UserClient;
let clerks: Joined[];
let buyer: UserClient;
let receipt = 0;

beforeAll(async () => {
  t = await startTestApp();
  await (await t.admin()).patch('/admin/settings', { withdrawals: { dailyCountMax: 100, dailyAmountMaxFen: 100_000_000, minFen: 1 } }).expect(200);
  catalog = await createCatalog(t);
  const { storeId } = await createStore(t, 'property-store');
  manager = await t.signIn('property-manager');
  await (await t.admin()).post('/admin/staff-roles', { userId: manager.userId, role: 'store_manager', storeId }).expect(200);
  const top = await joinKoc(t, 'property-top');
  clerks = [await approvedKos(t, 'property-clerk-a', storeId, top.referralCode), await approvedKos(t, 'property-clerk-b', storeId)];
  buyer = await t.signIn('property-buyer');
  await buyer.post('/bindings', { referralCode: clerks[1].referralCode }).expect(200);
  // The joins' own events, so a sequence whose steps all do nothing (a refund before any sale) starts clean.
  await dispatch(t);
});
afterAll(() => t.close());

type Step =
  | { kind: 'storeSale'; clerk: number; quantity: number; unitPrice: number }
  | { kind: 'order'; quantity: number }
  | { kind: 'refund'; pick: number; quantity: number }
  | { kind: 'void'; pick: number }
  | { kind: 'days'; days: number }
  | { kind: 'withdraw'; clerk: number; amountFen: number; outcome: 'SUCCESS' | 'FAIL' | 'CANCELLED' | 'none' };

const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('storeSale' as const), clerk: fc.nat(1), quantity: fc.integer({ min: 1, max: 5 }), unitPrice: fc.integer({ min: 1, max: 200_000 }) }),
  fc.record({ kind: fc.constant('order' as const), quantity: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ kind: fc.constant('refund' as const), pick: fc.nat(), quantity: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ kind: fc.constant('void' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('days' as const), days: fc.integer({ min: 1, max: 10 }) }),
  fc.record({
    kind: fc.constant('withdraw' as const),
    clerk: fc.nat(1),
    amountFen: fc.integer({ min: 1, max: 30_000 }),
    outcome: fc.constantFrom('SUCCESS' as const, 'FAIL' as const, 'CANCELLED' as const, 'none' as const),
  }),
);

const saleIds: { id: number; lineId: number; channel: 'store' | 'online' }[] = [];

async function apply(step: Step) {
  switch (step.kind) {
    case 'storeSale': {
      receipt += 1;
      const response = await clerks[step.clerk].client
        .post('/sales', { receiptNo: `P-${receipt}`, lines: [{ sku: catalog.skus.teapot.code, quantity: step.quantity, unitPrice: step.unitPrice }] })
        .expect(201);
      saleIds.push({ id: response.body.id, lineId: response.body.lines[0].id, channel: 'store' });
      break;
    }
    case 'order': {
      const response = await buyer.post('/orders', { lines: [{ sku: catalog.skus.tea250g.code, quantity: step.quantity }] }).expect(201);
      await t.pay.payOrder(response.body.order.outTradeNo);
      saleIds.push({ id: response.body.order.id, lineId: response.body.order.lines[0].id, channel: 'online' });
      break;
    }
    case 'refund': {
      if (saleIds.length === 0) return;
      const sale = saleIds[step.pick % saleIds.length];
      const refunder = sale.channel === 'store' ? manager : await t.admin();
      const response = await refunder.post(`/sales/${sale.id}/refunds`, { lines: [{ lineId: sale.lineId, quantity: step.quantity }], reason: 'property' });
      expect([201, 409, 422]).toContain(response.status);
      if (response.status === 201 && sale.channel === 'online') await t.pay.completeRefund(`RF${String(response.body.id).padStart(10, '0')}`);
      break;
    }
    case 'void': {
      const stores = saleIds.filter((sale) => sale.channel === 'store');
      if (stores.length === 0) return;
      const response = await manager.post(`/sales/${stores[step.pick % stores.length].id}/void`, { reason: 'property' });
      expect([200, 409]).toContain(response.status);
      break;
    }
    case 'days':
      t.clock.advanceDays(step.days);
      await settle(t);
      break;
    case 'withdraw': {
      const response = await clerks[step.clerk].client.post('/me/withdrawals', { amountFen: step.amountFen });
      expect([201, 409]).toContain(response.status);
      if (response.status === 201 && step.outcome !== 'none' && response.body.status !== 'review') {
        await t.pay.finishTransfer(outBillNoFor(response.body.id), step.outcome);
      }
      break;
    }
  }
  await dispatch(t);
}

async function platformTotal(kind: string): Promise<number> {
  const [row] = await queryRows<{ total: string }>(
    t.database.db,
    sql`SELECT coalesce(sum(p.amount), 0)::text AS total FROM ledger_postings p JOIN ledger_accounts a ON a.id = p.account_id WHERE a.member_id IS NULL AND a.kind = ${kind}`,
  );
  return Number(row.total);
}

it('keeps every invariant of the book across random sequences of sales, refunds, settlements and withdrawals', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(stepArbitrary, { minLength: 1, maxLength: 15 }), async (steps) => {
      for (const step of steps) await apply(step);
      // Every event was handled: a failing handler would leave commission un-posted or un-clawed-back.
      const stuck = await queryRows<{ type: string; status: string; last_error: string | null }>(t.database.db, sql`SELECT type, status, last_error FROM outbox_events WHERE status <> 'done'`);
      expect(stuck).toEqual([]);
      const report = await verifyLedger(t.database.db);
      // Entries sum to zero, stored balances equal their postings, available/pending/withdrawing never negative.
      expect(report).toMatchObject({ ok: true, unbalancedEntries: [], balanceMismatches: [], ruleViolations: [] });
      // Never paid out more than was earned: payouts plus fees stay within net commission expense.
      const earned = -(await platformTotal('commission_expense'));
      const paidOut = await platformTotal('payout_clearing');
      expect(earned).toBeGreaterThanOrEqual(0);
      expect(paidOut).toBeLessThanOrEqual(earned);
      for (const clerk of clerks) {
        const balances = (await clerk.client.get('/me/balances').expect(200)).body;
        expect(Object.values(balances).every((fen) => Number.isSafeInteger(fen) && (fen as number) >= 0)).toBe(true);
      }
    }),
    { numRuns: 25, seed: Number(process.env.PROPERTY_SEED ?? Date.now() % 2_147_483_647), endOnFailure: true },
  );
});
