import * as homeFixtures from './fixtures';
/** Replies of the competition, assessment, appeal and report routes, shaped like the demo server's. */
export const competition = {
  id: 12,
  name: '11 月销售冠军赛',
  metric: 'gmv' as const,
  cohort: {},
  startsAt: '2026-10-31T16:00:00.000Z',
  endsAt: '2026-11-30T16:00:00.000Z',
  repeat: 'monthly' as const,
  prizes: [{ fromRank: 1, toRank: 1, name: '月度销冠', reward: { kind: 'certificate' as const, title: '月度销冠', achievement: '11 月销售额第一名' } }],
  status: 'running' as const,
  closedAt: null,
  ranked: null,
  createdAt: '2026-10-30T02:00:00.000Z',
  eligible: true,
};

export const taskCompetition = { ...competition, id: 13, name: 'KOS 内容任务赛', metric: 'tasks' as const, prizes: [], eligible: false };

const board = {
  from: '2026-10-31T16:00:00.000Z',
  to: '2026-11-30T16:00:00.000Z',
  final: false,
  asOf: '2026-11-23T04:05:00.000Z',
};

export const competitionBoard = {
  ...board,
  metric: 'gmv' as const,
  unit: 'fen' as const,
  periodKey: null,
  scope: null,
  ranked: 3,
  items: [
    { rank: 1, nickname: '茶**王', value: 1280000, isMe: false },
    { rank: 2, nickname: '超**花', value: 530050, isMe: true },
    { rank: 3, nickname: '粉**美', value: 12000, isMe: false },
  ],
  me: { rank: 2, value: 530050 },
  competition,
};

export const taskBoard = { ...competitionBoard, metric: 'tasks' as const, unit: 'count' as const, ranked: 0, items: [], me: null, competition: taskCompetition };

export const standingBoard = (metric: 'gmv' | 'new_customers', period: 'week' | 'month') => ({
  ...board,
  metric,
  unit: metric === 'gmv' ? ('fen' as const) : ('count' as const),
  periodKey: period === 'month' ? '2026-11' : '2026-W47',
  scope: { kind: 'all' as const, id: null },
  ranked: 1,
  items: [{ rank: 1, nickname: '茶**王', value: metric === 'gmv' ? 99900 : 7, isMe: false }],
  me: { rank: null, value: 0 },
});

/** Home's assessment fixture, as a KOS sees it on the details page: a projected tier and last period's result. */
export const assessment = {
  items: [
    {
      ...homeFixtures.assessment.items[0],
      projectedTier: 'B' as const,
      lastResult: {
        policyId: 1,
        memberId: 3,
        periodKey: '2026-10',
        metrics: [],
        score: 120,
        passed: true,
        outcome: 'pass' as const,
        tier: 'A' as const,
        createdAt: '2026-11-01T00:00:00.000Z',
      },
    },
  ],
};

export const noAppeals = { items: [], removal: null };

export const removal = { id: 41, reason: '连续三个月考核未达标', cause: 'assessment' as const, removedAt: '2026-11-20T02:00:00.000Z', appealUntil: '2099-12-04T02:00:00.000Z' };

export const appeal = {
  id: 7,
  removalId: 41,
  status: 'rejected' as const,
  reason: '11 月住院，无法完成销售',
  decisionNote: '请提供住院证明后重新加入',
  createdAt: '2026-11-21T02:00:00.000Z',
  decidedAt: '2026-11-22T02:00:00.000Z',
};

export const report = {
  id: 31,
  memberCode: 'XY7Q2',
  reason: 'fake_orders' as const,
  status: 'confirmed' as const,
  createdAt: '2026-11-18T02:00:00.000Z',
  decidedAt: '2026-11-19T02:00:00.000Z',
};
