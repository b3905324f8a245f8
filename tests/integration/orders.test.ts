import { verifyLedger } from '../../server/src/modules/ledger';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { joinKoc } from '../factories/people';
import { createCatalog, type TestCatalog } from '../factories/catalog';
import { balances, dispatch } from '../factories/sales';

let t: TestApp;
let catalog: TestCatalog;

beforeAll(async () => {
  t = await startTestApp();
  catalog = await createCatalog(t);
});
afterEach(async () => {
  expect((await verifyLedger(t.database.db)).ok).toBe(true);
});
afterAll(() => t.close());

let buyers = 0;
/** A buyer bound to a KOC who was brought in by another KOC. */
async function boundBuyer() {
  buyers += 1;
  const top = await joinKoc(t, `order-top-${buyers}`);
  const seller = await joinKoc(t, `order-seller-${buyers}`, top.referralCode);
  const buyer = await t.signIn(`order-buyer-${buyers}`, '买家');
  await buyer.post('/bindings', { referralCode: seller.referralCode }).expect(200);
  return { top, seller, buyer };
}

async function placeOrder(buyer: Awaited<ReturnType<typeof boundBuyer>>['buyer']) {
  const response = await buyer.post('/orders', { lines: [{ sku: catalog.skus.teapot.code, quantity: 2 }] }).expect(201);
  return response.body as { order: { id: number; outTradeNo: string; totalFen: number; status: string; lines: { id: number }[] }; payment: Record<string, string> };
}

describe('a mini-program order', () => {
  it('is priced from the catalog and answers the parameters wx.requestPayment needs, from a signed prepay', async () => {
    const { buyer } = await boundBuyer();
    const { order, payment } = await placeOrder(buyer);
    expect(order).toMatchObject({ status: 'created', totalFen: 176_000, channel: 'online' });
    expect(payment).toMatchObject({ appId: t.pay.config.appid, signType: 'RSA', package: expect.stringMatching(/^prepay_id=/) });
    const prepay = t.pay.requests.find((request) => request.pathname === '/v3/pay/transactions/jsapi');
    expect(prepay?.signatureValid).toBe(true);
    expect(prepay?.body).toMatchObject({ out_trade_no: order.outTradeNo, amount: { total: 176_000 }, payer: { openid: `order-buyer-${buyers}` } });
  });

  it('is marked paid once however often WeChat delivers the notification, and the bound member earns', async () => {
    const { top, seller, buyer } = await boundBuyer();
    const { order } = await placeOrder(buyer);
    for (let delivery = 0; delivery < 3; delivery += 1) {
      expect((await t.pay.payOrder(order.outTradeNo)).status).toBe(200);
      await dispatch(t);
    }
    expect((await buyer.get(`/sales/${order.id}`).expect(200)).body.status).toBe('paid');
    expect((await balances(seller.client)).pending).toBe(17_600);
    expect((await balances(top.client)).pending).toBe(5_280);
    expect((await seller.client.get('/me/ledger').expect(200)).body.items).toHaveLength(1);
    const mine = await seller.client.get(`/me/commissions/${order.id}`).expect(200);
    expect(mine.body.items[0]).toMatchObject({ tier: 1, amountFen: 17_600, explanation: { sellerMemberId: seller.memberId } });
  });

  it('refuses a forged or stale notification and posts nothing', async () => {
    const { seller, buyer } = await boundBuyer();
    const { order } = await placeOrder(buyer);
    expect((await t.pay.payOrder(order.outTradeNo, { forgeSignature: true })).status).toBe(401);
    expect((await t.pay.payOrder(order.outTradeNo, { timestampOffsetSec: -360 })).status).toBe(401);
    expect((await t.pay.payOrder(order.outTradeNo, { serialOverride: 'PUB_KEY_ID_0000000000000000' })).status).toBe(401);
    await dispatch(t);
    expect((await buyer.get(`/sales/${order.id}`).expect(200)).body.status).toBe('created');
    expect((await balances(seller.client)).pending).toBe(0);
  });

  it('with no binding earns nobody anything', async () => {
    const loner = await t.signIn('order-loner');
    const { order } = await placeOrder(loner);
    await t.pay.payOrder(order.outTradeNo);
    await dispatch(t);
    expect((await loner.get(`/sales/${order.id}`).expect(200)).body.status).toBe('paid');
    expect((await (await t.admin()).get(`/sales/${order.id}`).expect(200)).body.status).toBe('paid');
  });

  it('is refunded by HQ through WeChat Pay; REFUND.SUCCESS completes it and claws commission back, once', async () => {
    const { top, seller, buyer } = await boundBuyer();
    const { order } = await placeOrder(buyer);
    await t.pay.payOrder(order.outTradeNo);
    await dispatch(t);
    const admin = await t.admin();
    const refund = await admin.post(`/sales/${order.id}/refunds`, { lines: [{ lineId: order.lines[0].id, quantity: 1 }], reason: '七天无理由' }).expect(201);
    expect(refund.body).toMatchObject({ status: 'requested', amountFen: 88_000 });
    const sent = t.pay.requests.find((request) => request.pathname === '/v3/refund/domestic/refunds' && (request.body as { out_refund_no: string }).out_refund_no === `RF${String(refund.body.id).padStart(10, '0')}`);
    expect(sent?.body).toMatchObject({ amount: { refund: 88_000, total: 176_000 } });
    expect((await balances(seller.client)).pending).toBe(17_600);

    const outRefundNo = (sent!.body as { out_refund_no: string }).out_refund_no;
    for (let delivery = 0; delivery < 3; delivery += 1) {
      expect((await t.pay.completeRefund(outRefundNo)).status).toBe(200);
      await dispatch(t);
    }
    expect((await buyer.get(`/sales/${order.id}`).expect(200)).body).toMatchObject({ status: 'partially_refunded', refundedFen: 88_000 });
    expect((await balances(seller.client)).pending).toBe(8_800);
    expect((await balances(top.client)).pending).toBe(2_640);
  });

  it('only HQ refunds an order, and never more units than were bought', async () => {
    const { buyer } = await boundBuyer();
    const { order } = await placeOrder(buyer);
    await t.pay.payOrder(order.outTradeNo);
    const manager = await t.signIn('orders-store-manager');
    const { body: store } = await (await t.admin()).post('/admin/regions', { name: 'orders-region' }).expect(201);
    const created = await (await t.admin()).post('/admin/stores', { name: 'orders-store', regionId: store.id }).expect(201);
    await (await t.admin()).post('/admin/staff-roles', { userId: manager.userId, role: 'store_manager', storeId: created.body.id }).expect(200);
    expect((await manager.post(`/sales/${order.id}/refunds`, { lines: [{ lineId: order.lines[0].id, quantity: 1 }], reason: 'x' }).expect(403)).body.error.code).toBe('FORBIDDEN');
    const tooMany = await (await t.admin()).post(`/sales/${order.id}/refunds`, { lines: [{ lineId: order.lines[0].id, quantity: 3 }], reason: 'x' }).expect(422);
    expect(tooMany.body.error.code).toBe('REFUND_EXCEEDS_SALE');
  });

  it('through a member’s shared link binds an unbound buyer as their customer, so that member earns', async () => {
    buyers += 1;
    const top = await joinKoc(t, `order-link-top-${buyers}`);
    const sharer = await joinKoc(t, `order-link-sharer-${buyers}`, top.referralCode);
    const buyer = await t.signIn(`order-link-buyer-${buyers}`, '买家');
    const response = await buyer.post('/orders', { lines: [{ sku: catalog.skus.teapot.code, quantity: 2 }], referralCode: sharer.referralCode }).expect(201);
    expect((await buyer.get('/me').expect(200)).body.customerOf).toMatchObject({ id: sharer.memberId });
    await t.pay.payOrder(response.body.order.outTradeNo);
    await dispatch(t);
    expect((await balances(sharer.client)).pending).toBe(17_600);
    expect((await balances(top.client)).pending).toBe(5_280);
  });

  it('through a shared link keeps a binding the policy keeps, and passes over a code that cannot bind', async () => {
    const { seller, buyer } = await boundBuyer();
    const other = await joinKoc(t, `order-link-other-${buyers}`);
    const kept = await buyer.post('/orders', { lines: [{ sku: catalog.skus.teapot.code, quantity: 2 }], referralCode: other.referralCode }).expect(201);
    await t.pay.payOrder(kept.body.order.outTradeNo);
    await dispatch(t);
    expect((await balances(seller.client)).pending).toBe(17_600);
    expect((await balances(other.client)).pending).toBe(0);

    const loner = await t.signIn(`order-link-loner-${buyers}`);
    const unknown = await loner.post('/orders', { lines: [{ sku: catalog.skus.teapot.code, quantity: 1 }], referralCode: 'ZZZZZZ' }).expect(201);
    expect(unknown.body.order.status).toBe('created');
    expect((await loner.get('/me').expect(200)).body.customerOf).toBeNull();
    expect((await loner.post('/orders', { lines: [{ sku: catalog.skus.teapot.code, quantity: 1 }], referralCode: 'no spaces' }).expect(400)).body.error.code).toBe('VALIDATION_FAILED');
  });

  it('an order another user placed is not theirs to see or pay', async () => {
    const { buyer } = await boundBuyer();
    const { order } = await placeOrder(buyer);
    const stranger = await t.signIn('order-stranger');
    expect((await stranger.get(`/sales/${order.id}`).expect(404)).body.error.code).toBe('SALE_NOT_FOUND');
    expect((await stranger.post(`/orders/${order.id}/payment`).expect(404)).body.error.code).toBe('SALE_NOT_FOUND');
    const again = await buyer.post(`/orders/${order.id}/payment`).expect(200);
    expect(again.body.payment.package).toMatch(/^prepay_id=/);
  });
});

describe('the certificate mode of WeChat Pay', () => {
  it('verifies notifications signed with a platform certificate', async () => {
    const certified = await startTestApp({ FAKE_WECHATPAY_MODE: 'certificate' });
    try {
      const buyer = await certified.signIn('cert-buyer');
      const created = await buyer.post('/orders', { lines: [{ sku: (await createCatalog(certified)).skus.teapot.code, quantity: 1 }] }).expect(201);
      expect((await certified.pay.payOrder(created.body.order.outTradeNo)).status).toBe(200);
      expect((await buyer.get(`/sales/${created.body.order.id}`).expect(200)).body.status).toBe('paid');
    } finally {
      await certified.close();
    }
  });
});
