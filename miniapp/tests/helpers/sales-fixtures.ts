/** Catalog, sales and previews shaped like the demo server's replies (checked by the client's zod schemas). */
export const catalog = {
  categories: [
    {
      id: 1,
      name: '茶叶',
      products: [
        { id: 10, name: '明前龙井', description: null, hot: true, skus: [{ id: 100, code: 'TEA-LJ-250', name: '250g', priceFen: 12800 }] },
        { id: 11, name: '正山小种', description: null, hot: false, skus: [{ id: 110, code: 'TEA-XZ-100', name: '100g', priceFen: 6800 }] },
      ],
    },
    {
      id: 2,
      name: '茶具',
      products: [{ id: 20, name: '青瓷盖碗', description: null, hot: false, skus: [{ id: 200, code: 'CUP-QC-1', name: '青瓷盖碗', priceFen: 9900 }] }],
    },
  ],
};

export const sale = {
  id: 501,
  channel: 'store' as const,
  status: 'paid' as const,
  storeId: 1,
  clerkMemberId: 4,
  receiptNo: 'R-20261123-001',
  outTradeNo: null,
  totalFen: 31500,
  refundedFen: 0,
  createdAt: '2026-11-23T06:30:00.000Z',
  paidAt: '2026-11-23T06:30:00.000Z',
  lines: [
    { id: 1, sku: 'TEA-LJ-250', name: '明前龙井 250g', quantity: 2, unitPriceFen: 12000, amountFen: 24000, refundedQty: 0, refundedFen: 0 },
    { id: 2, sku: 'TEA-XZ-100', name: '正山小种 100g', quantity: 1, unitPriceFen: 7500, amountFen: 7500, refundedQty: 0, refundedFen: 0 },
  ],
};

export const refundedSale = {
  ...sale,
  id: 499,
  status: 'partially_refunded' as const,
  receiptNo: 'R-20261122-009',
  refundedFen: 12000,
  lines: [{ ...sale.lines[0], refundedQty: 1, refundedFen: 12000 }, sale.lines[1]],
};

export const preview = {
  totalFen: 31500,
  myCommissionFen: 4300,
  commissions: [
    { tier: 1 as const, memberId: 4, nickname: '店员小张', amountFen: 4300, mine: true },
    { tier: 2 as const, memberId: 2, nickname: '王店长', amountFen: 945, mine: false },
  ],
};

/** A mini-program order just placed (POST /orders), waiting for WeChat Pay. */
export const order = {
  ...sale,
  id: 601,
  channel: 'online' as const,
  status: 'created' as const,
  storeId: null,
  clerkMemberId: null,
  receiptNo: null,
  outTradeNo: 'SC601',
  totalFen: 32400,
  paidAt: null,
  lines: [
    { id: 11, sku: 'TEA-LJ-250', name: '明前龙井 250g', quantity: 2, unitPriceFen: 12800, amountFen: 25600, refundedQty: 0, refundedFen: 0 },
    { id: 12, sku: 'TEA-XZ-100', name: '正山小种 100g', quantity: 1, unitPriceFen: 6800, amountFen: 6800, refundedQty: 0, refundedFen: 0 },
  ],
};

export const paidOrder = { ...order, status: 'paid' as const, paidAt: '2026-11-23T06:31:00.000Z' };

/** What wx.requestPayment takes, as POST /orders and POST /orders/{id}/payment answer it. */
export const payment = {
  appId: 'wx-demo-app',
  timeStamp: '1795415400',
  nonceStr: 'n0nce',
  package: 'prepay_id=wx2311',
  signType: 'RSA' as const,
  paySign: 'c2lnbmVk',
};
