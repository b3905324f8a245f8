/** Replies of the rewards and certificates routes, shaped like the demo server's. */
const at = '2026-11-20T04:00:00.000Z';
const grant = (id: number, kind: string, status: string, data: Record<string, unknown>, amountFen = 0) => ({ id, ruleId: 1, level: null, kind, status, amountFen, data, createdAt: at });

export const SERIAL = 'SC-2026-K7M2Q9XW4B';

export const grants = {
  cash: grant(1, 'cash', 'granted', { kind: 'cash', amountFen: 888 }, 888),
  code: grant(2, 'code', 'granted', { kind: 'code', poolId: 3, name: '视频会员月卡', code: 'VIP-7Q2K-99' }),
  emptyPool: grant(3, 'code', 'pool_empty', { kind: 'code', poolId: 4, name: '品牌优惠券', problem: 'code pool 4 is empty' }),
  giftAwaiting: grant(4, 'gift', 'awaiting_address', { kind: 'gift', name: '定制茶具', description: '首单礼：青瓷茶具一套' }),
  giftShipped: grant(5, 'gift', 'shipped', {
    kind: 'gift',
    name: '茶礼盒',
    shipTo: { recipient: '张三', phone: '13800000000', address: '上海市静安区南京西路 1 号' },
    shipment: { carrier: '顺丰', trackingNo: 'SF1234567890', shippedAt: at },
  }),
  certificate: grant(6, 'certificate', 'granted', { kind: 'certificate', title: '月度销冠', achievement: '2026 年 11 月销售额第一名', serial: SERIAL }),
  privilege: grant(7, 'privilege', 'granted', { kind: 'privilege', name: 'group_admin_eligible', days: 90, expiresAt: '2027-02-18T04:00:00.000Z' }),
  badge: grant(8, 'badge', 'granted', { kind: 'badge', code: 'first-sale', name: '首单达成', icon: 'badges/first-sale.png', tier: 'bronze' }),
};

export const certificate = {
  serial: SERIAL,
  memberName: '超级粉丝阿花',
  title: '月度销冠',
  achievement: '2026 年 11 月销售额第一名',
  issuedAt: at,
  valid: true,
  imageUrl: `http://localhost:3000/api/v1/certificates/${SERIAL}/image`,
  verifyUrl: `http://localhost:3000/api/v1/certificates/${SERIAL}`,
};
