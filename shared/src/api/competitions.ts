import { z } from 'zod';
import { idSchema, pageOf, timestampSchema } from './common';
import { memberTypeSchema } from './members';
import { rewardSchema } from './rewards';

/**
 * What a competition ranks members by (each over the competition's window, China time):
 * - gmv: paid GMV credited to the member as seller of record (their share under split attribution),
 *   less refunds of those sales; fen.
 * - orders: paid sales credited to the member, less the ones refunded in full.
 * - new_customers: buyers whose first purchase credited to the member was paid inside the window
 *   (a purchase refunded in full or voided does not count; the next one does).
 * - group_growth: new fans reported for the member's own WeChat group (fans.reported).
 * - tasks: content tasks completed (task.completed).
 */
export const COMPETITION_METRICS = ['gmv', 'orders', 'new_customers', 'group_growth', 'tasks'] as const;
export const competitionMetricSchema = z.enum(COMPETITION_METRICS);
export type CompetitionMetric = z.infer<typeof competitionMetricSchema>;

/** Standing leaderboards exist for these metrics, per ISO week and month. */
export const BOARD_METRICS = ['gmv', 'new_customers'] as const;
export const BOARD_PERIODS = ['week', 'month'] as const;
export const BOARD_SCOPES = ['all', 'region', 'store'] as const;

export const COMPETITION_STATUSES = ['scheduled', 'running', 'closing', 'closed', 'cancelled'] as const;
export const COMPETITION_REPEATS = ['none', 'weekly', 'monthly'] as const;

/** The largest rank a prize may reach: prizes are for the top of a board, not for taking part. */
export const PRIZE_RANK_MAX = 1000;
/** The longest window a competition may have. */
export const COMPETITION_DAYS_MAX = 366;
export const LEADERBOARD_LIMIT_MAX = 100;

const DAY_MS = 86_400_000;
const CHINA_OFFSET_MS = 8 * 3_600_000;
/** Counters are kept per China-time day, so windows start and end at 00:00 China time. */
export const isChinaMidnight = (iso: string) => (Date.parse(iso) + CHINA_OFFSET_MS) % DAY_MS === 0;

const dateTimeSchema = timestampSchema.datetime({ offset: true });

export const cohortSchema = z
  .strictObject({
    types: z.array(memberTypeSchema).min(1).max(3).optional().describe('member types taking part; all when absent'),
    level: z.number().int().min(1).max(20).optional().describe('only members at exactly this level'),
    regionId: z.number().int().positive().optional().describe('only members of stores in this region'),
    storeId: z.number().int().positive().optional().describe('only members of this store'),
  })
  .refine((cohort) => cohort.regionId === undefined || cohort.storeId === undefined, { message: 'name a region or a store, not both', path: ['storeId'] });
export type Cohort = z.infer<typeof cohortSchema>;

export const prizeSchema = z
  .strictObject({
    fromRank: z.number().int().min(1).max(PRIZE_RANK_MAX),
    toRank: z.number().int().min(1).max(PRIZE_RANK_MAX),
    name: z.string().min(1).max(40).optional().describe('e.g. 月度冠军'),
    reward: rewardSchema,
  })
  .refine((prize) => prize.fromRank <= prize.toRank, { message: 'fromRank must not be after toRank', path: ['toRank'] });
export type Prize = z.infer<typeof prizeSchema>;

export const competitionBodySchema = z
  .strictObject({
    name: z.string().trim().min(1).max(60),
    metric: competitionMetricSchema.default('gmv'),
    cohort: cohortSchema.default({}),
    startsAt: dateTimeSchema.optional().describe('00:00 China time; with endsAt absent too, the current calendar month'),
    endsAt: dateTimeSchema.optional().describe('00:00 China time, exclusive'),
    repeat: z.enum(COMPETITION_REPEATS).default('none').describe('when it closes, open the same competition for the next month or week'),
    prizes: z.array(prizeSchema).max(20).default([]).describe('granted at close to the members ranked fromRank..toRank (tied members share a rank)'),
  })
  .superRefine((body, ctx) => {
    if ((body.startsAt === undefined) !== (body.endsAt === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'give both startsAt and endsAt, or neither for the current month' });
    }
    if (body.startsAt !== undefined && body.endsAt !== undefined) {
      for (const field of ['startsAt', 'endsAt'] as const) {
        if (!isChinaMidnight(body[field]!)) ctx.addIssue({ code: 'custom', path: [field], message: 'must be 00:00 China time (e.g. 2026-12-01T00:00:00+08:00)' });
      }
      const days = (Date.parse(body.endsAt) - Date.parse(body.startsAt)) / DAY_MS;
      if (days <= 0) ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'must be after startsAt' });
      if (days > COMPETITION_DAYS_MAX) ctx.addIssue({ code: 'custom', path: ['endsAt'], message: `a competition lasts at most ${COMPETITION_DAYS_MAX} days` });
    }
    const ranges = [...body.prizes].sort((a, b) => a.fromRank - b.fromRank);
    for (let i = 1; i < ranges.length; i += 1) {
      if (ranges[i].fromRank <= ranges[i - 1].toRank) ctx.addIssue({ code: 'custom', path: ['prizes'], message: `prize ranks overlap at rank ${ranges[i].fromRank}` });
    }
  });
export type CompetitionBody = z.infer<typeof competitionBodySchema>;

export const cancelCompetitionBodySchema = z.strictObject({ reason: z.string().trim().min(1).max(200) });

export const competitionSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  metric: competitionMetricSchema,
  cohort: z.object({
    types: z.array(memberTypeSchema).optional(),
    level: z.number().int().optional(),
    regionId: z.number().int().optional(),
    storeId: z.number().int().optional(),
  }),
  startsAt: timestampSchema,
  endsAt: timestampSchema,
  repeat: z.enum(COMPETITION_REPEATS),
  prizes: z.array(z.object({ fromRank: z.number().int(), toRank: z.number().int(), name: z.string().optional(), reward: rewardSchema })),
  status: z.enum(COMPETITION_STATUSES),
  closedAt: timestampSchema.nullable(),
  ranked: z.number().int().nullable().describe('members ranked at close'),
  createdAt: timestampSchema,
});
export const competitionPageSchema = pageOf(competitionSchema);
export const memberCompetitionSchema = competitionSchema.extend({ eligible: z.boolean().describe('the caller is in the cohort') });

export const leaderboardLimitSchema = z.coerce.number().int().min(1).max(LEADERBOARD_LIMIT_MAX).default(20);
export const competitionLeaderboardQuerySchema = z.object({ limit: leaderboardLimitSchema });

export const boardQuerySchema = z.object({
  metric: z.enum(BOARD_METRICS).default('gmv'),
  period: z.enum(BOARD_PERIODS).default('month'),
  scope: z.enum(BOARD_SCOPES).default('all'),
  scopeId: idSchema.optional().describe('the region or store; a member’s own by default'),
  limit: leaderboardLimitSchema,
});
export type BoardQuery = z.infer<typeof boardQuerySchema>;

export const leaderboardEntrySchema = z.object({
  rank: z.number().int().describe('tied values share a rank (1, 2, 2, 4)'),
  nickname: z.string().describe('masked for members'),
  value: z.number().int(),
  isMe: z.boolean(),
  memberId: z.number().int().optional().describe('for staff only'),
});

export const leaderboardSchema = z.object({
  metric: competitionMetricSchema,
  unit: z.enum(['fen', 'count']),
  from: timestampSchema,
  to: timestampSchema.describe('exclusive'),
  periodKey: z.string().nullable().describe('2026-11 or 2026-W45 for standing boards'),
  scope: z.object({ kind: z.enum(BOARD_SCOPES), id: z.number().int().nullable() }).nullable(),
  final: z.boolean().describe('results frozen at close'),
  asOf: timestampSchema.describe('when these standings were computed; live boards refresh within seconds'),
  ranked: z.number().int().describe('members on the board (value above zero)'),
  items: z.array(leaderboardEntrySchema),
  me: z.object({ rank: z.number().int().nullable(), value: z.number().int() }).nullable().describe('null when the caller is not in the cohort'),
});
export type Leaderboard = z.infer<typeof leaderboardSchema>;
export const competitionLeaderboardSchema = leaderboardSchema.extend({ competition: competitionSchema });
