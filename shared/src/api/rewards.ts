import { z } from 'zod';
import { fenSchema, positiveFenSchema, timestampSchema } from './common';

/** Events the reward engine hears (DESIGN.md); a rule names one as its trigger. */
export const REWARD_EVENTS = [
  'member.joined',
  'member.approved',
  'downline.joined',
  'sale.paid',
  'sale.refunded',
  'commission.settled',
  'withdrawal.paid',
  'level.changed',
  'group.size.reported',
  'fans.reported',
  'task.completed',
  'competition.closed',
  'assessment.closed',
  'violation.confirmed',
  'course.completed',
] as const;
export type RewardEvent = (typeof REWARD_EVENTS)[number];

export const COUNTER_METRICS = [
  'gmvFen',
  'orders',
  'l1Count',
  'l2Count',
  'groupSize',
  'fansGained',
  'tasksCompleted',
  'activeDays',
  'streakDays',
  'monthsActive',
  'coursesCompleted',
] as const;
export type CounterMetric = (typeof COUNTER_METRICS)[number];
/** Metrics that also exist per day, week and month. */
export const WINDOWED_METRICS = ['gmvFen', 'orders', 'fansGained', 'tasksCompleted'] as const;

const opSchema = z.enum(['gte', 'gt', 'lte', 'lt', 'eq']);
export const windowSchema = z.union([
  z.enum(['total', 'day', 'week', 'month']),
  z.strictObject({ rollingDays: z.number().int().min(1).max(366) }),
]);

export const conditionSchema = z.discriminatedUnion('source', [
  z.strictObject({
    source: z.literal('counter'),
    metric: z.enum(COUNTER_METRICS),
    window: windowSchema.default('total'),
    op: opSchema,
    value: z.number().int().min(0),
  }),
  z.strictObject({
    source: z.literal('event'),
    field: z.string().min(1).max(40).describe('a numeric field of the event payload, e.g. size, gained, rank'),
    op: opSchema,
    value: z.number().int(),
  }),
  z.strictObject({ source: z.literal('level'), op: opSchema, value: z.number().int().min(1) }),
  z.strictObject({ source: z.literal('status'), op: z.literal('eq'), value: z.enum(['active', 'warned', 'probation']).describe('"active" = a clean record') }),
]);
export type Condition = z.infer<typeof conditionSchema>;

export const rewardSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('badge'),
    code: z.string().regex(/^[a-z0-9_-]{2,40}$/),
    name: z.string().min(1).max(40),
    icon: z.string().min(1).max(200),
    tier: z.enum(['bronze', 'silver', 'gold', 'diamond']).default('bronze'),
  }),
  z.strictObject({ kind: z.literal('cash'), amountFen: positiveFenSchema.max(20_000).describe('a red packet into available') }),
  z.strictObject({ kind: z.literal('code'), poolId: z.number().int().positive(), name: z.string().min(1).max(60) }),
  z.strictObject({ kind: z.literal('gift'), name: z.string().min(1).max(60), description: z.string().max(300).optional() }),
  z.strictObject({ kind: z.literal('certificate'), title: z.string().min(1).max(40), achievement: z.string().min(1).max(120) }),
  z.strictObject({ kind: z.literal('privilege'), name: z.string().regex(/^[a-z0-9_]{2,40}$/), days: z.number().int().min(1).max(3650).optional() }),
]);
export type Reward = z.infer<typeof rewardSchema>;

const periodSchema = z.enum(['day', 'week', 'month']);
export const limitsSchema = z.strictObject({
  perMember: z.number().int().min(1).optional().describe('at most this many grants per member, ever (1 = once)'),
  perPeriod: z.strictObject({ period: periodSchema, count: z.number().int().min(1) }).optional().describe('per member per period'),
  total: z.number().int().min(1).optional().describe('at most this many grants in all'),
  budget: z.strictObject({ period: z.union([periodSchema, z.literal('total')]), amountFen: positiveFenSchema }).optional().describe('cash per period'),
});
export type Limits = z.infer<typeof limitsSchema>;

export const STAGES = ['early', 'middle', 'long-term'] as const;

export const ruleBodySchema = z.strictObject({
  name: z.string().min(1).max(80),
  trigger: z.enum(REWARD_EVENTS),
  conditions: z.array(conditionSchema).max(10).default([]),
  reward: rewardSchema,
  limits: limitsSchema.default({}),
  stage: z.enum(STAGES),
  activeFrom: timestampSchema.datetime().optional(),
  activeUntil: timestampSchema.datetime().optional(),
  paused: z.boolean().default(false),
});
export type RuleBody = z.infer<typeof ruleBodySchema>;
export const rulePatchSchema = ruleBodySchema.partial().refine((patch) => Object.keys(patch).length > 0, 'send at least one field');

export const ruleSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  trigger: z.enum(REWARD_EVENTS),
  conditions: z.array(conditionSchema),
  reward: rewardSchema,
  limits: limitsSchema,
  stage: z.enum(STAGES),
  activeFrom: timestampSchema.nullable(),
  activeUntil: timestampSchema.nullable(),
  paused: z.boolean(),
});

export const GRANT_STATUSES = ['granted', 'awaiting_address', 'address_confirmed', 'shipped', 'received', 'pool_empty', 'over_budget'] as const;
export const grantSchema = z.object({
  id: z.number().int(),
  ruleId: z.number().int().nullable(),
  level: z.number().int().nullable(),
  kind: z.enum(['badge', 'cash', 'code', 'gift', 'certificate', 'privilege']),
  status: z.enum(GRANT_STATUSES),
  amountFen: fenSchema,
  data: z.record(z.string(), z.unknown()),
  createdAt: timestampSchema,
});

export const badgeSchema = z.object({ code: z.string(), name: z.string(), icon: z.string(), tier: z.string(), earnedAt: timestampSchema });
export const privilegeSchema = z.object({
  name: z.string(),
  grantedAt: timestampSchema,
  expiresAt: timestampSchema.nullable(),
  group: z.object({ id: z.number().int(), name: z.string(), scope: z.string() }).optional().describe('group_admin: the group the right is over'),
});

export const addressBodySchema = z.strictObject({
  recipient: z.string().min(1).max(40),
  phone: z.string().regex(/^1\d{10}$/, 'an 11-digit mainland mobile number'),
  address: z.string().min(5).max(200),
});
export const shipBodySchema = z.strictObject({ carrier: z.string().min(1).max(40), trackingNo: z.string().min(4).max(40) });

/**
 * What a grant's `data` holds for the member to see: the reward as the rule gave it (name, title ...)
 * and what fulfilment added (the code drawn, the certificate serial, the address and the shipment).
 * Unknown keys are dropped, so a reader takes only what it needs.
 */
export const grantDataSchema = z.object({
  name: z.string().optional().describe('badge, code, gift, privilege'),
  description: z.string().optional().describe('gift'),
  title: z.string().optional().describe('certificate'),
  achievement: z.string().optional().describe('certificate'),
  code: z.string().optional().describe('code: the coupon or membership code drawn from the pool'),
  serial: z.string().optional().describe('certificate'),
  shipTo: addressBodySchema.optional().describe('gift: where the member asked it to go'),
  shipment: z.object({ carrier: z.string(), trackingNo: z.string(), shippedAt: timestampSchema }).optional().describe('gift, once shipped'),
  receivedAt: timestampSchema.optional().describe('gift, once the member confirmed receipt'),
  expiresAt: timestampSchema.nullable().optional().describe('privilege'),
});
export type GrantData = z.infer<typeof grantDataSchema>;

export const codePoolBodySchema = z.strictObject({
  name: z.string().min(1).max(60),
  kind: z.enum(['coupon', 'membership']),
  codes: z.array(z.string().min(1).max(64)).min(1).max(10_000),
});
export const codesBodySchema = z.strictObject({ codes: z.array(z.string().min(1).max(64)).min(1).max(10_000) });
export const codePoolSchema = z.object({ id: z.number().int(), name: z.string(), kind: z.enum(['coupon', 'membership']), total: z.number().int(), left: z.number().int() });

export const levelDefSchema = z.strictObject({
  level: z.number().int().min(1).max(20),
  name: z.string().min(1).max(20),
  promote: z.array(conditionSchema).max(10).default([]).describe('counter conditions to reach this level'),
  keep: z.array(conditionSchema).max(10).default([]).describe('conditions to keep it at re-evaluation'),
  rewards: z.array(rewardSchema).max(5).default([]),
});
export const levelsBodySchema = z.strictObject({ levels: z.array(levelDefSchema).min(1).max(20) });
export const myLevelSchema = z.object({
  level: z.number().int(),
  name: z.string(),
  next: z
    .object({
      level: z.number().int(),
      name: z.string(),
      progress: z.array(z.object({ condition: conditionSchema, current: z.number(), target: z.number(), met: z.boolean() })),
    })
    .nullable(),
});
