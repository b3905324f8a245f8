import { levelDefSchema, ruleBodySchema, type Condition, type Limits, type Reward, type RuleBody } from '@sharecircle/shared';

/**
 * The bench's reward programme: 50 rules over the triggers it publishes (fans.reported, task.completed,
 * group.size.reported) plus level.changed (which promotions publish), and a three-level ladder.
 * Mostly badges and privileges, a few codes from one pool, a few small cash red packets and
 * certificates; limits on most rules (once per member, once a day, a daily budget, a total cap) so the
 * locked limit path runs, and a few unlimited ones (privileges that just extend).
 */

type Window = 'total' | 'day' | 'week' | 'month' | { rollingDays: number };
const counter = (metric: 'fansGained' | 'tasksCompleted' | 'groupSize', op: 'gte', value: number, window: Window = 'total'): Condition => ({
  source: 'counter',
  metric,
  window,
  op,
  value,
});
const fans = (value: number, window: Window = 'total') => counter('fansGained', 'gte', value, window);
const tasks = (value: number, window: Window = 'total') => counter('tasksCompleted', 'gte', value, window);
const group = (value: number) => counter('groupSize', 'gte', value);
const eventAtLeast = (field: string, value: number): Condition => ({ source: 'event', field, op: 'gte', value });
const levelAtLeast = (value: number): Condition => ({ source: 'level', op: 'gte', value });
const cleanRecord: Condition = { source: 'status', op: 'eq', value: 'active' };

const tiers = ['bronze', 'silver', 'gold', 'diamond'] as const;
const badge = (code: string, name: string, tier = 0): Reward => ({ kind: 'badge', code, name, icon: `${code}.png`, tier: tiers[tier] });
const privilege = (name: string, days?: number): Reward => ({ kind: 'privilege', name, ...(days ? { days } : {}) });
const cash = (amountFen: number): Reward => ({ kind: 'cash', amountFen });
const certificate = (title: string, achievement: string): Reward => ({ kind: 'certificate', title, achievement });

const ONCE: Limits = { perMember: 1 };
const DAILY: Limits = { perPeriod: { period: 'day', count: 1 } };
const WEEKLY: Limits = { perPeriod: { period: 'week', count: 1 } };
const MONTHLY: Limits = { perPeriod: { period: 'month', count: 1 } };
const NONE: Limits = {};

type Draft = { name: string; trigger: RuleBody['trigger']; conditions: Condition[]; reward: Reward; limits: Limits };

export function benchRules(poolId: number): RuleBody[] {
  const code = (name: string): Reward => ({ kind: 'code', poolId, name });
  const drafts: Draft[] = [
    // fans.reported: 22 rules
    ...[50, 100, 200, 300, 500, 800].map((n, i) => ({ name: `粉丝 ${n}`, trigger: 'fans.reported' as const, conditions: [fans(n)], reward: badge(`fans-${n}`, `粉丝${n}`, Math.min(3, i >> 1)), limits: ONCE })),
    ...[30, 60, 100].map((n) => ({ name: `今日涨粉 ${n}`, trigger: 'fans.reported' as const, conditions: [fans(n, 'day')], reward: privilege(`fans_day_${n}`, 1), limits: DAILY })),
    ...[150, 250].map((n) => ({ name: `七日涨粉 ${n}`, trigger: 'fans.reported' as const, conditions: [fans(n, { rollingDays: 7 })], reward: privilege(`fans_week_${n}`, 7), limits: DAILY })),
    { name: '大额涨粉', trigger: 'fans.reported', conditions: [eventAtLeast('gained', 45)], reward: privilege('big_report', 3), limits: NONE },
    { name: '单次涨粉 48', trigger: 'fans.reported', conditions: [eventAtLeast('gained', 48)], reward: badge('big-report', '爆款'), limits: ONCE },
    { name: '达人涨粉券', trigger: 'fans.reported', conditions: [fans(150), levelAtLeast(2)], reward: code('达人优惠券'), limits: ONCE },
    { name: '涨粉红包', trigger: 'fans.reported', conditions: [fans(400), cleanRecord], reward: cash(188), limits: { perMember: 1, budget: { period: 'day', amountFen: 30_000 } } },
    { name: '本周涨粉', trigger: 'fans.reported', conditions: [fans(100, 'week')], reward: badge('fans-week', '周涨粉'), limits: WEEKLY },
    { name: '本月涨粉', trigger: 'fans.reported', conditions: [fans(200, 'month')], reward: privilege('fans_month_star', 30), limits: MONTHLY },
    { name: '粉丝 1000', trigger: 'fans.reported', conditions: [fans(1000)], reward: badge('fans-1000', '千粉', 3), limits: ONCE },
    { name: '今日活跃', trigger: 'fans.reported', conditions: [fans(10, 'day')], reward: privilege('active_today', 1), limits: DAILY },
    { name: '首批粉丝', trigger: 'fans.reported', conditions: [eventAtLeast('gained', 1), fans(20)], reward: badge('fans-starter', '起步'), limits: ONCE },
    { name: '粉丝与任务', trigger: 'fans.reported', conditions: [fans(250), tasks(3)], reward: certificate('社群之星', '粉丝超过 250 并完成 3 项任务'), limits: ONCE },
    { name: '月度涨粉红包', trigger: 'fans.reported', conditions: [fans(300, { rollingDays: 30 })], reward: cash(88), limits: { perPeriod: { period: 'day', count: 1 }, budget: { period: 'day', amountFen: 20_000 } } },
    // task.completed: 16 rules
    ...[1, 3, 5, 8, 12].map((n, i) => ({ name: `任务 ${n}`, trigger: 'task.completed' as const, conditions: [tasks(n)], reward: badge(`tasks-${n}`, `任务${n}`, Math.min(3, i >> 1)), limits: ONCE })),
    ...[2, 4].map((n) => ({ name: `今日任务 ${n}`, trigger: 'task.completed' as const, conditions: [tasks(n, 'day')], reward: privilege(`tasks_day_${n}`, 1), limits: DAILY })),
    { name: '七日任务', trigger: 'task.completed', conditions: [tasks(6, { rollingDays: 7 })], reward: privilege('tasks_week', 7), limits: DAILY },
    { name: '本周任务', trigger: 'task.completed', conditions: [tasks(3, 'week')], reward: badge('tasks-week', '周任务'), limits: WEEKLY },
    { name: '任务优惠券', trigger: 'task.completed', conditions: [tasks(4), fans(100)], reward: code('任务优惠券'), limits: ONCE },
    { name: '任务红包', trigger: 'task.completed', conditions: [tasks(6)], reward: cash(200), limits: { perMember: 1, budget: { period: 'day', amountFen: 40_000 } } },
    { name: '任务达人', trigger: 'task.completed', conditions: [tasks(2)], reward: privilege('task_runner', 30), limits: NONE },
    { name: '本月任务', trigger: 'task.completed', conditions: [tasks(5, 'month')], reward: privilege('tasks_month', 30), limits: MONTHLY },
    { name: '任务 10 达人', trigger: 'task.completed', conditions: [tasks(10), levelAtLeast(2)], reward: badge('tasks-10-l2', '任务精英', 2), limits: ONCE },
    { name: '前 500 名完成任务', trigger: 'task.completed', conditions: [tasks(1)], reward: privilege('early_tasker'), limits: { perMember: 1, total: 500 } },
    { name: '每日任务', trigger: 'task.completed', conditions: [tasks(1, 'day')], reward: badge('daily-task', '日日有为'), limits: DAILY },
    // group.size.reported: 8 rules
    ...[50, 100, 200, 400].map((n, i) => ({ name: `群 ${n} 人`, trigger: 'group.size.reported' as const, conditions: [group(n)], reward: badge(`group-${n}`, `群${n}`, i), limits: ONCE })),
    { name: '大群管理员', trigger: 'group.size.reported', conditions: [eventAtLeast('size', 300)], reward: privilege('group_admin_eligible', 90), limits: ONCE },
    { name: '群主优惠券', trigger: 'group.size.reported', conditions: [group(150), fans(100)], reward: code('群主优惠券'), limits: ONCE },
    { name: '超大群', trigger: 'group.size.reported', conditions: [eventAtLeast('size', 450)], reward: badge('group-huge', '超大群', 3), limits: ONCE },
    { name: '群主特权', trigger: 'group.size.reported', conditions: [group(250)], reward: privilege('group_owner', 30), limits: NONE },
    // level.changed (published by promotions): 4 rules
    { name: '升级 2', trigger: 'level.changed', conditions: [eventAtLeast('to', 2)], reward: badge('level-up-2', '晋级'), limits: ONCE },
    { name: '升级 3', trigger: 'level.changed', conditions: [eventAtLeast('to', 3)], reward: certificate('明星推广官', '晋级明星等级'), limits: ONCE },
    { name: '明星服务', trigger: 'level.changed', conditions: [levelAtLeast(3)], reward: privilege('vip_service'), limits: NONE },
    { name: '晋级红包', trigger: 'level.changed', conditions: [levelAtLeast(2)], reward: cash(288), limits: { perMember: 1, budget: { period: 'total', amountFen: 100_000 } } },
  ];
  return drafts.map((draft, i) => ruleBodySchema.parse({ ...draft, stage: (['early', 'middle', 'long-term'] as const)[i % 3] }));
}

/** 新人 → 达人 → 明星, promoted on the counters the bench's events move. */
export function benchLadder() {
  return [
    { level: 1, name: '新人', promote: [], keep: [], rewards: [] },
    { level: 2, name: '达人', promote: [fans(120), tasks(2)], keep: [], rewards: [badge('level-2', '达人', 1), privilege('l2_perks', 90)] },
    {
      level: 3,
      name: '明星',
      promote: [fans(300), tasks(4), group(200)],
      keep: [],
      rewards: [badge('level-3', '明星', 2), certificate('明星', '晋级明星等级')],
    },
  ].map((level) => levelDefSchema.parse(level));
}

/** How many rules each trigger has, for the report. */
export function triggerCounts(rules: RuleBody[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const rule of rules) counts[rule.trigger] = (counts[rule.trigger] ?? 0) + 1;
  return counts;
}
