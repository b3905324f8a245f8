const { loadWeapp, eventually, answerFrom } = require('./harness');
const { session, me } = require('./fixtures');

/** The shop in the built weapp: the one place wx.requestPayment runs (H5 never calls it). */

const catalog = {
  categories: [{ id: 1, name: '茶叶', products: [{ id: 10, name: '明前龙井', description: null, hot: true, skus: [{ id: 100, code: 'TEA-LJ-250', name: '250g', priceFen: 12800 }] }] }],
};
const payment = { appId: 'wx-demo-app', timeStamp: '1795456800', nonceStr: 'n0nce', package: 'prepay_id=wx2026', signType: 'RSA', paySign: 'c2lnbmVk' };
const order = (status) => ({
  id: 91,
  channel: 'online',
  status,
  storeId: null,
  clerkMemberId: null,
  receiptNo: null,
  outTradeNo: 'SC0000000091',
  totalFen: 25600,
  refundedFen: 0,
  createdAt: '2026-11-23T06:30:00.000Z',
  paidAt: status === 'paid' ? '2026-11-23T06:30:09.000Z' : null,
  lines: [{ id: 1, sku: 'TEA-LJ-250', name: '明前龙井 250g', quantity: 2, unitPriceFen: 12800, amountFen: 25600, refundedQty: 0, refundedFen: 0 }],
});

const replies = {
  'POST /auth/wechat': { statusCode: 200, data: session },
  'GET /me': { statusCode: 200, data: me },
  'GET /products': { statusCode: 200, data: catalog },
  'POST /orders': { statusCode: 201, data: { order: order('created'), payment } },
  // WeChat Pay's notification has reached the server by the time the page asks.
  'GET /sales/91': { statusCode: 200, data: order('paid') },
};
const answer = answerFrom(replies);

describe('built weapp output: the shop (packages/shop)', () => {
  beforeEach(() => jest.resetModules());

  async function pickTwoAndPay(app) {
    const page = app.openPage('packages/shop/index/index');
    await eventually(() => expect(page.text()).toContain('明前龙井'));
    page.tapAround('+');
    await eventually(() => expect(page.text()).toContain('−1+'));
    page.tapAround('+');
    await eventually(() => expect(page.text()).toContain('256.00'));
    page.tap('去支付');
    return page;
  }

  test('a buyer picks two, pays in WeChat Pay with the server’s parameters, and sees the order paid', async () => {
    const app = loadWeapp({ answer });
    const page = await pickTwoAndPay(app);
    await eventually(() => expect(page.text()).toContain('支付成功'));
    expect(app.requests.find((request) => request.method === 'POST' && request.path === '/orders').data).toEqual({ lines: [{ sku: 'TEA-LJ-250', quantity: 2 }] });
    expect(app.device.payments).toEqual([payment]);
  });

  test('closing WeChat Pay’s sheet keeps the order to pay later', async () => {
    const app = loadWeapp({ answer, payment: 'cancel' });
    const page = await pickTwoAndPay(app);
    await eventually(() => expect(page.text()).toContain('已取消支付'));
    expect(app.device.payments).toHaveLength(1);
    expect(app.requests.some((request) => request.path === '/sales/91')).toBe(false);
  });
});
