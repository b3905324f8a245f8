import { z } from 'zod';
import { fenSchema, pageOf, pageQuerySchema, timestampSchema } from './common';
import { referralCodeSchema } from './members';

/** A removed member may appeal for this long after the removal. */
export const APPEAL_WINDOW_DAYS = 14;
/** Reports one user may file in a rolling window, counted in the database. */
export const REPORTS_PER_WINDOW_MAX = 5;
export const REPORT_WINDOW_HOURS = 24;

export const REMOVAL_CAUSES = ['assessment', 'violation', 'manual'] as const;
export type RemovalCause = (typeof REMOVAL_CAUSES)[number];

export const REPORT_REASONS = ['other_brand_goods', 'fake_orders', 'harassment', 'other'] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];
export const REPORT_STATUSES = ['open', 'confirmed', 'dismissed'] as const;
export const APPEAL_STATUSES = ['open', 'upheld', 'rejected'] as const;

const reasonTextSchema = z.string().trim().min(1).max(300);
const noteSchema = z.string().trim().min(1).max(500);

// Removal (HQ by hand; assessments and violations remove through the service).

export const removeBodySchema = z.object({ reason: reasonTextSchema.describe('shown to the member in the removal notice') });

export const removalSchema = z.object({
  id: z.number().int(),
  memberId: z.number().int(),
  cause: z.enum(REMOVAL_CAUSES),
  reason: z.string(),
  removedAt: timestampSchema,
  reversedAt: timestampSchema.nullable().describe('set when an appeal was upheld'),
  toMemberId: z.number().int().nullable().describe('the upline who took over the downlines and customers; null: none'),
  storeId: z.number().int().nullable().describe('a KOS without an upline: their store keeps the customers'),
  handedOver: z.number().int().describe('users whose binding moved'),
});

// Appeals.

export const appealBodySchema = z.object({ reason: z.string().trim().min(1).max(1000) });

export const appealSchema = z.object({
  id: z.number().int(),
  removalId: z.number().int(),
  status: z.enum(APPEAL_STATUSES),
  reason: z.string(),
  decisionNote: z.string().nullable().describe("HQ's answer, once decided"),
  createdAt: timestampSchema,
  decidedAt: timestampSchema.nullable(),
});

export const myAppealsSchema = z.object({
  items: z.array(appealSchema),
  removal: z
    .object({ id: z.number().int(), reason: z.string(), cause: z.enum(REMOVAL_CAUSES), removedAt: timestampSchema, appealUntil: timestampSchema })
    .nullable()
    .describe('my standing removal, if I am removed'),
});

export const adminAppealSchema = appealSchema.extend({
  memberId: z.number().int(),
  nickname: z.string(),
  removal: z.object({ reason: z.string(), cause: z.enum(REMOVAL_CAUSES), removedAt: timestampSchema }),
});
export const adminAppealsQuerySchema = pageQuerySchema.extend({ status: z.enum(APPEAL_STATUSES).default('open') });
export const adminAppealPageSchema = pageOf(adminAppealSchema);

export const decideAppealBodySchema = z.object({
  upheld: z.boolean().describe('true restores the member and the bindings handed over at removal'),
  note: noteSchema.describe('shown to the member'),
});

// Reports.

export const reportBodySchema = z.object({
  memberCode: referralCodeSchema.describe("the reported member's referral code"),
  reason: z.enum(REPORT_REASONS),
  evidence: z.string().trim().min(1).max(1000).optional().describe('a link or a description'),
});

/** What the reporter sees: the outcome, never the investigation. */
export const myReportSchema = z.object({
  id: z.number().int(),
  memberCode: z.string(),
  reason: z.enum(REPORT_REASONS),
  status: z.enum(REPORT_STATUSES),
  createdAt: timestampSchema,
  decidedAt: timestampSchema.nullable(),
});
export const myReportPageSchema = pageOf(myReportSchema);

export const adminReportSchema = myReportSchema.extend({
  reporterUserId: z.number().int(),
  memberId: z.number().int(),
  memberNickname: z.string(),
  evidence: z.string().nullable(),
  note: z.string().nullable(),
  decidedBy: z.number().int().nullable(),
  forfeitedFen: z
    .object({ pending: fenSchema, available: fenSchema })
    .nullable()
    .describe('moved to forfeiture income on confirmation'),
});
export const adminReportsQuerySchema = pageQuerySchema.extend({ status: z.enum(REPORT_STATUSES).default('open') });
export const adminReportPageSchema = pageOf(adminReportSchema);

export const reportDecisionBodySchema = z.object({ note: noteSchema.describe('investigation notes; never shown to the reporter') });
