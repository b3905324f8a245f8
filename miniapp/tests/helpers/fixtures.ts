/** Replies shaped like the demo server's (checked against the shared zod schemas by the client itself). */
export const member = {
  id: 3,
  type: 'koc' as const,
  status: 'active' as const,
  level: 2,
  referralCode: 'DK4XL',
  storeId: null,
  joinedAt: '2026-11-01T02:00:00.000Z',
  upline: { id: 1, nickname: '茶友老王' },
};

export const me = {
  id: 6,
  nickname: '超级粉丝阿花',
  customerCode: 'cGTHK7',
  roles: [{ role: 'community_manager' as const, storeId: null }],
  member,
  customerOf: null,
};

export const meNotMember = { ...me, roles: [], member: null };

/** A store clerk: the member type that gets content tasks. */
export const meKos = { ...me, roles: [], member: { ...member, type: 'kos' as const, storeId: 1 } };

export const balances = { pending: 12345, available: 67800, withdrawing: 5000, debt: 0 };
export const zeroBalances = { pending: 0, available: 0, withdrawing: 0, debt: 0 };

export const level = {
  level: 2,
  name: '白银',
  next: {
    level: 3,
    name: '黄金',
    progress: [
      { condition: { source: 'counter', metric: 'gmvFen', window: 'total', op: 'gte', value: 500000 }, current: 123400, target: 500000, met: false },
      { condition: { source: 'counter', metric: 'l1Count', window: 'total', op: 'gte', value: 5 }, current: 5, target: 5, met: true },
    ],
  },
};

export const badges = {
  items: [
    { code: 'first-sale', name: '首单达成', icon: 'badges/first-sale.png', tier: 'bronze', earnedAt: '2026-11-02T03:00:00.000Z' },
    { code: 'group-20', name: '社群20人', icon: 'badges/group-20.png', tier: 'silver', earnedAt: '2026-11-10T03:00:00.000Z' },
  ],
};

export const assessment = {
  items: [
    {
      policy: { id: 1, name: 'KOC 月度考核', period: 'month' as const },
      periodKey: '2026-11',
      closesAt: '2026-11-30T16:00:00.000Z',
      metrics: [
        { metric: 'gmv' as const, value: 80000, threshold: 100000, met: false },
        { metric: 'orders' as const, value: 4, threshold: 3, met: true },
      ],
      score: 90,
      projectedOutcome: 'warn' as const,
      projectedTier: null,
      lastResult: null,
    },
  ],
};

export const commission = {
  id: 11,
  saleId: 501,
  tier: 1 as const,
  amountFen: 2590,
  reversedFen: 0,
  status: 'pending' as const,
  settleAt: '2026-11-30T02:00:00.000Z',
  settledAt: null,
  explanation: {
    sellerMemberId: 3,
    shareBp: 10000,
    lines: [
      { lineId: 1, skuCode: 'TEA-LJ-250', rule: 'hot_item' as const, quantity: 1, baseFen: 12800, rateBp: 1500, perUnitFen: null, resultFen: 1920 },
      { lineId: 2, skuCode: 'GIFT-BOX-1', rule: 'sku_fixed' as const, quantity: 2, baseFen: 20000, rateBp: null, perUnitFen: 335, resultFen: 670 },
    ],
  },
};

export const settledCommission = { ...commission, id: 10, saleId: 400, tier: 2 as const, amountFen: 300, status: 'settled' as const, settledAt: '2026-11-08T02:00:00.000Z' };

export const ledgerLines = [
  { postingId: 22, entryId: 9, account: 'available' as const, amountFen: 2590, kind: 'commission.settled', reason: '订单 #501 佣金结算', refType: 'sale', refId: 501, at: '2026-11-20T04:05:00.000Z' },
  { postingId: 21, entryId: 9, account: 'pending' as const, amountFen: -2590, kind: 'commission.settled', reason: '订单 #501 佣金结算', refType: 'sale', refId: 501, at: '2026-11-20T04:05:00.000Z' },
  { postingId: 20, entryId: 8, account: 'available' as const, amountFen: -10000, kind: 'withdrawal', reason: '提现申请 #3', refType: 'withdrawal', refId: 3, at: '2026-11-19T04:05:00.000Z' },
  { postingId: 19, entryId: 8, account: 'withdrawing' as const, amountFen: 9900, kind: 'withdrawal', reason: '提现申请 #3', refType: 'withdrawal', refId: 3, at: '2026-11-19T04:05:00.000Z' },
  { postingId: 18, entryId: 7, account: 'pending' as const, amountFen: 2590, kind: 'commission.earned', reason: '一级佣金 · 订单 #501', refType: 'sale', refId: 501, at: '2026-11-13T04:05:00.000Z' },
];

export const teamTier1 = [
  { id: 4, nickname: '粉**美', type: 'koc' as const, status: 'active' as const, joinedAt: '2026-11-03T01:00:00.000Z', monthGmvFen: 176_000, earnedFen: 5_280 },
  { id: 7, nickname: '茶**友', type: 'koc' as const, status: 'probation' as const, joinedAt: '2026-11-05T01:00:00.000Z', monthGmvFen: 0, earnedFen: 0 },
];
export const teamTier2 = [{ id: 5, nickname: '粉**壮', type: 'koc' as const, status: 'active' as const, joinedAt: '2026-11-04T01:00:00.000Z', monthGmvFen: 30_000, earnedFen: 0 }];

export const withdrawal = {
  id: 3,
  memberId: 3,
  amountFen: 10000,
  feeFen: 100,
  netFen: 9900,
  status: 'wait_user_confirm' as const,
  failReason: null,
  transferBillNo: '1330000114850082025',
  requestMerchantTransfer: { mchId: '1900000109', appId: 'wx-demo-app', package: 'affffddafdfafddffda==' },
  createdAt: '2026-11-19T04:05:00.000Z',
  updatedAt: '2026-11-19T04:05:00.000Z',
};

export const page = <T,>(items: T[], nextCursor: string | null = null) => ({ items, nextCursor });
