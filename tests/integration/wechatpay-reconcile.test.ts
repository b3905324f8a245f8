import { verifyLedger } from '../../server/src/modules/ledger';
import { outRefundNoFor } from '../../server/src/modules/sales';
import { outBillNoFor } from '../../server/src/modules/withdrawals';
import { startTestApp, type TestApp, type UserClient } from '../helpers/test-app';
import { joinKoc } from '../factories/people';
import { fundAvailable } from '../factories/ledger';
import { createCatalog, type TestCatalog } from '../factories/catalog';
import { balances, dispatch } from '../factories/sales';

/**
 * WeChat Pay notifications that never arrive (the server was down past WeChat's retries, or one was
 * lost): the wechatpay.reconcile job asks WeChat once they are overdue and applies the answer exactly
 * as the notification would, and the notification turning up after all changes nothing.
 */

let t: TestApp;
let catalog: TestCatalog;

beforeAll(async () => {
  t = await startTestApp();
  catalog = await createCatalog(t);
});
beforeEach(() => {
  // Notifications are signed on the wall clock and checked against it; the job's "overdue" is on the
  // app's clock, which each scenario moves forward from now.
  t.clock.set(new Date());
});
afterEach(async () => {
  expect(await verifyLedger(t.database.db)).toMatchObject({ ok: true, unbalancedEntries: [], balanceMismatches: [] });
});
afterAll(() => t.close());

const MINUTE = 60_000;
const reconcile = () => t.runJob('wechatpay.reconcile') as Promise<Record<'orders' | 'refunds' | 'withdrawals', Record<string, number | string>>>;

let buyers = 0;
/** A buyer bound to a KOC seller, and an order of two teapots (176,000 fen; the seller earns 17,600). */
async function placedOrder() {
  buyers += 1;
  const seller = await joinKoc(t, `rec-seller-${buyers}`);
  const buyer = await t.signIn(`rec-buyer-${buyers}`, '买家');
  await buyer.post('/bindings', { referralCode: seller.referralCode }).expect(200);
  const response = await buyer.post('/orders', { lines: [{ sku: catalog.skus.teapot.code, quantity: 2 }] }).expect(201);
  const order = response.body.order as { id: number; outTradeNo: string; lines: { id: number }[] };
  return { seller, buyer, order };
}

const saleStatus = async (client: UserClient, id: number) => (await client.get(`/sales/${id}`).expect(200)).body.status;

describe('an order whose TRANSACTION.SUCCESS never arrives', () => {
  it('is marked paid by the job once the notification is overdue, the seller earns once, and the late notification changes nothing', async () => {
    const { seller, buyer, order } = await placedOrder();
    expect((await t.pay.payOrder(order.outTradeNo, { lost: true })).status).toBe(0);

    t.clock.advanceMs(5 * MINUTE);
    expect((await reconcile()).orders).toEqual({ checked: 0 });
    expect(await saleStatus(buyer, order.id)).toBe('created');

    t.clock.advanceMs(6 * MINUTE);
    expect((await reconcile()).orders).toEqual({ checked: 1, paid: 1 });
    await dispatch(t);
    expect(await saleStatus(buyer, order.id)).toBe('paid');
    expect((await balances(seller.client)).pending).toBe(17_600);

    expect((await t.pay.payOrder(order.outTradeNo)).status).toBe(200);
    expect((await reconcile()).orders).toEqual({ checked: 0 });
    await dispatch(t);
    expect((await balances(seller.client)).pending).toBe(17_600);
    expect((await seller.client.get('/me/ledger').expect(200)).body.items).toHaveLength(1);
  });

  it('is left waiting while unpaid, then closed at WeChat and here after two hours, and cannot be paid after', async () => {
    const { buyer, order } = await placedOrder();
    t.clock.advanceMs(90 * MINUTE);
    expect((await reconcile()).orders).toEqual({ checked: 1, waiting: 1 });
    expect(await saleStatus(buyer, order.id)).toBe('created');

    t.clock.advanceMs(31 * MINUTE);
    expect((await reconcile()).orders).toEqual({ checked: 1, closed: 1 });
    expect(await saleStatus(buyer, order.id)).toBe('closed');
    expect(t.pay.orders.get(order.outTradeNo)?.tradeState).toBe('CLOSED');
    const again = await buyer.post(`/orders/${order.id}/payment`).expect(409);
    expect(again.body.error.code).toBe('CONFLICT');
  });

  it('reports a query WeChat Pay could not answer and still checks the other orders', async () => {
    const first = await placedOrder();
    const second = await placedOrder();
    await t.pay.payOrder(first.order.outTradeNo, { lost: true });
    await t.pay.payOrder(second.order.outTradeNo, { lost: true });
    t.clock.advanceMs(11 * MINUTE);
    t.pay.failNext({ method: 'GET', path: `/v3/pay/transactions/out-trade-no/${first.order.outTradeNo}` }, { status: 500, code: 'SYSTEM_ERROR', message: '系统繁忙' });
    const run = (await reconcile()).orders;
    expect(run).toMatchObject({ checked: 2, paid: 1, errors: 1, firstError: expect.stringContaining('SYSTEM_ERROR') });
    expect(await saleStatus(second.buyer, second.order.id)).toBe('paid');
    expect(await saleStatus(first.buyer, first.order.id)).toBe('created');
    expect((await reconcile()).orders).toEqual({ checked: 1, paid: 1 });
    expect(await saleStatus(first.buyer, first.order.id)).toBe('paid');
  });
});

describe('a refund whose outcome never arrives', () => {
  async function paidOrder() {
    const placed = await placedOrder();
    await t.pay.payOrder(placed.order.outTradeNo);
    await dispatch(t);
    return placed;
  }
  const refundOne = async (orderId: number, lineId: number) =>
    (await (await t.admin()).post(`/sales/${orderId}/refunds`, { lines: [{ lineId, quantity: 1 }], reason: '七天无理由' })).body;

  it('is completed by the job when REFUND.SUCCESS was lost: commission clawed back once, the late notification changes nothing', async () => {
    const { seller, buyer, order } = await paidOrder();
    const refund = await refundOne(order.id, order.lines[0].id);
    expect(refund.status).toBe('requested');
    expect((await t.pay.completeRefund(outRefundNoFor(refund.id), 'SUCCESS', { lost: true })).status).toBe(0);

    t.clock.advanceMs(11 * MINUTE);
    expect((await reconcile()).refunds).toEqual({ checked: 1, refunded: 1 });
    await dispatch(t);
    expect(await saleStatus(buyer, order.id)).toBe('partially_refunded');
    expect((await balances(seller.client)).pending).toBe(8_800);

    expect((await t.pay.completeRefund(outRefundNoFor(refund.id), 'SUCCESS')).status).toBe(200);
    expect((await reconcile()).refunds).toEqual({ checked: 0 });
    await dispatch(t);
    expect((await balances(seller.client)).pending).toBe(8_800);
  });

  it('is sent to WeChat Pay again when the request never got through, under the same out_refund_no', async () => {
    const { seller, buyer, order } = await paidOrder();
    t.pay.failNext({ method: 'POST', path: '/v3/refund/domestic/refunds' }, { status: 500, code: 'SYSTEM_ERROR', message: '系统繁忙' });
    const failed = await (await t.admin()).post(`/sales/${order.id}/refunds`, { lines: [{ lineId: order.lines[0].id, quantity: 1 }], reason: '七天无理由' }).expect(502);
    expect(failed.body.error.code).toBe('WECHATPAY_UNAVAILABLE');
    const [refund] = (await (await t.admin()).get(`/sales/${order.id}/refunds`).expect(200)).body.items;
    expect(refund).toMatchObject({ status: 'requested', amountFen: 88_000 });
    expect(t.pay.refunds.has(outRefundNoFor(refund.id))).toBe(false);

    t.clock.advanceMs(11 * MINUTE);
    expect((await reconcile()).refunds).toEqual({ checked: 1, sentAgain: 1 });
    expect(t.pay.refunds.get(outRefundNoFor(refund.id))).toMatchObject({ refundFen: 88_000 });
    expect((await t.pay.completeRefund(outRefundNoFor(refund.id), 'SUCCESS')).status).toBe(200);
    await dispatch(t);
    expect(await saleStatus(buyer, order.id)).toBe('partially_refunded');
    expect((await balances(seller.client)).pending).toBe(8_800);
  });
});

describe('a payout whose MCHTRANSFER.BILL.FINISHED never arrives', () => {
  let seq = 0;
  async function requested(amountFen: number) {
    seq += 1;
    const member = await joinKoc(t, `rec-wd-${seq}`);
    await fundAvailable(t, member.memberId, 10_000);
    const created = await member.client.post('/me/withdrawals', { amountFen }).expect(201);
    expect(created.body.status).toBe('wait_user_confirm');
    return { member, id: created.body.id as number, outBillNo: outBillNoFor(created.body.id) };
  }

  it('is settled by the job (paid out, or the money back in available) and the late notification changes nothing', async () => {
    const paid = await requested(3000);
    const failed = await requested(2000);
    const waiting = await requested(1000);
    await t.pay.finishTransfer(paid.outBillNo, 'SUCCESS', { lost: true });
    await t.pay.finishTransfer(failed.outBillNo, 'FAIL', { lost: true, failReason: 'PAYEE_ACCOUNT_ABNORMAL' });

    t.clock.advanceMs(11 * MINUTE);
    expect((await reconcile()).withdrawals).toEqual({ checked: 3, succeeded: 1, failed: 1, waiting: 1 });
    expect(await balances(paid.member.client)).toEqual({ pending: 0, available: 7000, withdrawing: 0, debt: 0 });
    expect(await balances(failed.member.client)).toEqual({ pending: 0, available: 10_000, withdrawing: 0, debt: 0 });
    expect(await balances(waiting.member.client)).toEqual({ pending: 0, available: 9000, withdrawing: 1000, debt: 0 });
    expect((await failed.member.client.get(`/me/withdrawals/${failed.id}`).expect(200)).body).toMatchObject({ status: 'failed', failReason: 'PAYEE_ACCOUNT_ABNORMAL' });

    expect((await t.pay.finishTransfer(paid.outBillNo, 'SUCCESS')).status).toBe(200);
    expect((await t.pay.finishTransfer(failed.outBillNo, 'FAIL')).status).toBe(200);
    expect(await balances(paid.member.client)).toEqual({ pending: 0, available: 7000, withdrawing: 0, debt: 0 });
    expect(await balances(failed.member.client)).toEqual({ pending: 0, available: 10_000, withdrawing: 0, debt: 0 });
    expect((await reconcile()).withdrawals).toEqual({ checked: 1, waiting: 1 });
  });
});
