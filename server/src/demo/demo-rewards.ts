import type { Condition, Reward, RuleBody } from '@sharecircle/shared';
import type { Services } from '../services';

/** The seed playbook's ladder: 见习, 白银, 黄金, 铂金, 钻石. Amounts in fen. */
const LADDER: { level: number; name: string; promote: Condition[]; keep: Condition[]; rewards: Reward[] }[] = [
  { level: 1, name: '见习', promote: [], keep: [], rewards: [] },
  {
    level: 2,
    name: '白银',
    promote: [{ source: 'counter', metric: 'gmvFen', window: 'total', op: 'gte', value: 100_000 }],
    keep: [{ source: 'counter', metric: 'gmvFen', window: 'month', op: 'gte', value: 20_000 }],
    rewards: [{ kind: 'badge', code: 'level-silver', name: '白银达人', icon: 'badges/silver.png', tier: 'silver' }],
  },
  {
    level: 3,
    name: '黄金',
    promote: [
      { source: 'counter', metric: 'gmvFen', window: 'total', op: 'gte', value: 500_000 },
      { source: 'counter', metric: 'orders', window: 'total', op: 'gte', value: 20 },
      { source: 'counter', metric: 'l1Count', window: 'total', op: 'gte', value: 3 },
    ],
    keep: [{ source: 'counter', metric: 'gmvFen', window: 'month', op: 'gte', value: 50_000 }],
    rewards: [
      { kind: 'badge', code: 'level-gold', name: '黄金达人', icon: 'badges/gold.png', tier: 'gold' },
      { kind: 'certificate', title: '黄金推广官', achievement: '晋升黄金等级' },
    ],
  },
  {
    level: 4,
    name: '铂金',
    promote: [
      { source: 'counter', metric: 'gmvFen', window: 'total', op: 'gte', value: 2_000_000 },
      { source: 'counter', metric: 'orders', window: 'total', op: 'gte', value: 80 },
      { source: 'counter', metric: 'groupSize', window: 'total', op: 'gte', value: 100 },
    ],
    keep: [{ source: 'counter', metric: 'gmvFen', window: 'month', op: 'gte', value: 200_000 }],
    rewards: [{ kind: 'badge', code: 'level-platinum', name: '铂金达人', icon: 'badges/platinum.png', tier: 'gold' }],
  },
  {
    level: 5,
    name: '钻石',
    promote: [
      { source: 'counter', metric: 'gmvFen', window: 'total', op: 'gte', value: 10_000_000 },
      { source: 'counter', metric: 'monthsActive', window: 'total', op: 'gte', value: 6 },
    ],
    keep: [{ source: 'counter', metric: 'gmvFen', window: 'month', op: 'gte', value: 1_000_000 }],
    rewards: [{ kind: 'badge', code: 'level-diamond', name: '钻石达人', icon: 'badges/diamond.png', tier: 'diamond' }],
  },
];

/** The seed playbook's examples, as HQ would enter them. */
function playbook(pools: { coupons: number; videoCodes: number }): RuleBody[] {
  const once = { perMember: 1 };
  const rule = (body: Omit<RuleBody, 'paused' | 'limits' | 'conditions'> & Partial<RuleBody>): RuleBody => ({ paused: false, limits: once, conditions: [], ...body });
  return [
    rule({ name: '首单礼', stage: 'early', trigger: 'sale.paid', conditions: [{ source: 'counter', metric: 'orders', window: 'total', op: 'gte', value: 1 }], reward: { kind: 'gift', name: '首单定制茶礼', description: '完成第一单即可领取' } }),
    rule({ name: '自建群满 20 人', stage: 'early', trigger: 'group.size.reported', conditions: [{ source: 'counter', metric: 'groupSize', window: 'total', op: 'gte', value: 20 }], reward: { kind: 'badge', code: 'group-20', name: '小群主', icon: 'badges/group-20.png', tier: 'bronze' } }),
    rule({ name: '自建群满 40 人（徽章）', stage: 'early', trigger: 'group.size.reported', conditions: [{ source: 'counter', metric: 'groupSize', window: 'total', op: 'gte', value: 40 }], reward: { kind: 'badge', code: 'group-40', name: '社群之星', icon: 'badges/group-40.png', tier: 'silver' } }),
    rule({ name: '自建群满 40 人（优惠券）', stage: 'early', trigger: 'group.size.reported', conditions: [{ source: 'counter', metric: 'groupSize', window: 'total', op: 'gte', value: 40 }], reward: { kind: 'code', poolId: pools.coupons, name: '满 200 减 30 优惠券' } }),
    rule({ name: '单日新增 50 粉丝', stage: 'middle', trigger: 'fans.reported', conditions: [{ source: 'counter', metric: 'fansGained', window: 'day', op: 'gte', value: 50 }], reward: { kind: 'code', poolId: pools.videoCodes, name: '视频会员月卡' }, limits: { perPeriod: { period: 'day', count: 1 } } }),
    rule({ name: '月度销冠', stage: 'middle', trigger: 'competition.closed', conditions: [{ source: 'event', field: 'rank', op: 'eq', value: 1 }], reward: { kind: 'certificate', title: '月度销冠', achievement: '荣获月度销售竞赛第一名' }, limits: {} }),
    rule({ name: '前 10 单', stage: 'early', trigger: 'sale.paid', conditions: [{ source: 'counter', metric: 'orders', window: 'total', op: 'gte', value: 10 }], reward: { kind: 'badge', code: 'orders-10', name: '十单达人', icon: 'badges/orders-10.png', tier: 'bronze' } }),
    rule({ name: '累计 1000 元', stage: 'middle', trigger: 'sale.paid', conditions: [{ source: 'counter', metric: 'gmvFen', window: 'total', op: 'gte', value: 100_000 }], reward: { kind: 'badge', code: 'gmv-1000', name: '千元俱乐部', icon: 'badges/gmv-1000.png', tier: 'silver' } }),
    rule({ name: '活跃满 3 个月', stage: 'long-term', trigger: 'sale.paid', conditions: [{ source: 'counter', metric: 'monthsActive', window: 'total', op: 'gte', value: 3 }], reward: { kind: 'badge', code: 'active-3m', name: '三月同行', icon: 'badges/active-3m.png', tier: 'gold' } }),
    rule({ name: '群管理员资格', stage: 'long-term', trigger: 'level.changed', conditions: [{ source: 'level', op: 'gte', value: 3 }, { source: 'status', op: 'eq', value: 'active' }], reward: { kind: 'privilege', name: 'group_admin_eligible', days: 365 } }),
  ];
}

/** Seeds the demo brand's reward rules, code pools and level ladder. */
export async function seedDemoRewards(services: Services, actorUserId: number): Promise<void> {
  const { rules, levels } = services.rewards;
  const codes = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix}-${String(i + 1).padStart(4, '0')}`);
  const coupons = await rules.createPool(actorUserId, { name: '满减优惠券', kind: 'coupon', codes: codes('CPN', 200) });
  const videoCodes = await rules.createPool(actorUserId, { name: '视频会员月卡', kind: 'membership', codes: codes('VIP', 100) });
  for (const body of playbook({ coupons, videoCodes })) await rules.create(actorUserId, body);
  await levels.replace(LADDER);
}
