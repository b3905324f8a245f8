const { loadWeapp, eventually, answerFrom } = require('./harness');

const session = { accessToken: 'weapp-access', refreshToken: 'weapp-refresh', accessExpiresInSec: 900, userId: 8 };
const catalog = {
  categories: [{ id: 1, name: '茶叶', products: [{ id: 10, name: '明前龙井', description: null, hot: true, skus: [{ id: 100, code: 'TEA-LJ-250', name: '250g', priceFen: 12800 }] }] }],
};
const preview = { totalFen: 25600, myCommissionFen: 3840, commissions: [{ tier: 1, memberId: 4, nickname: '店员小张', amountFen: 3840, mine: true }] };
const sale = {
  id: 77,
  channel: 'store',
  status: 'paid',
  storeId: 1,
  clerkMemberId: 4,
  receiptNo: 'R-0001',
  outTradeNo: null,
  totalFen: 25600,
  refundedFen: 0,
  createdAt: '2026-11-23T06:30:00.000Z',
  paidAt: '2026-11-23T06:30:00.000Z',
  lines: [{ id: 1, sku: 'TEA-LJ-250', name: '明前龙井 250g', quantity: 2, unitPriceFen: 12800, amountFen: 25600, refundedQty: 0, refundedFen: 0 }],
};

const replies = {
  'POST /auth/wechat': { statusCode: 200, data: session },
  'GET /products': { statusCode: 200, data: catalog },
  'POST /sales/preview': { statusCode: 200, data: preview },
  'POST /sales': { statusCode: 201, data: sale },
};
const answer = answerFrom(replies);

describe('built weapp output: record a sale (packages/kos/sale)', () => {
  beforeEach(() => jest.resetModules());

  test('a clerk picks a SKU, sees the commission preview, confirms and the sale is recorded', async () => {
    const app = loadWeapp({ answer });
    const page = app.openPage('packages/kos/sale/index');
    await eventually(() => expect(page.text()).toContain('明前龙井 250g'));

    page.tapAround('+');
    await eventually(() => expect(page.text()).toContain('−1+'));
    page.tapAround('+');
    await eventually(() => expect(page.text()).toContain('38.40'));
    const asked = app.requests.filter((request) => request.path === '/sales/preview');
    expect(asked.at(-1).data).toEqual({ lines: [{ sku: 'TEA-LJ-250', quantity: 2, unitPrice: 12800 }] });

    page.type('收银小票上的单号', 'R-0001');
    page.tap('确认录入');
    await eventually(() => expect(page.text()).toContain('录入成功'));
    expect(app.device.modals[0].content).toContain('¥256.00');
    expect(app.requests.find((request) => request.method === 'POST' && request.path === '/sales').data).toEqual({
      receiptNo: 'R-0001',
      lines: [{ sku: 'TEA-LJ-250', quantity: 2, unitPrice: 12800 }],
    });
  });
});
