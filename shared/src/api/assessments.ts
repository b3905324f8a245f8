import { z } from 'zod';
import { timestampSchema } from './common';
import { memberTypeSchema } from './members';

export const ASSESSMENT_METRICS = ['gmv', 'orders', 'new_customers', 'group_growth', 'fans_gained', 'tasks_completed'] as const;
export const OUTCOMES = ['pass', 'warn', 'probation', 'remove'] as const;
export const TIERS = ['S', 'A', 'B', 'C'] as const;

export const policyBodySchema = z.strictObject({
  name: z.string().min(1).max(60),
  cohort: z.strictObject({
    types: z.array(memberTypeSchema).min(1).max(3),
    minLevel: z.number().int().min(1).optional().describe('only members at this level or above'),
  }),
  period: z.enum(['month', 'quarter']),
  metrics: z
    .array(
      z.strictObject({
        metric: z.enum(ASSESSMENT_METRICS),
        threshold: z.number().int().min(1).describe('fen for gmv, a count otherwise'),
        weight: z.number().int().min(1).max(100).default(1),
      }),
    )
    .min(1)
    .max(8),
  ladder: z
    .array(z.enum(['warn', 'probation', 'remove']))
    .min(1)
    .max(5)
    .describe('the outcome of the 1st, 2nd, ... consecutive missed period; the last repeats'),
  tiers: z
    .strictObject({ S: z.number().int(), A: z.number().int(), B: z.number().int() })
    .optional()
    .describe('KOS tiers: the lowest score of S, A and B (score 100 = every threshold exactly met); below B is C'),
  active: z.boolean().default(true),
});
export type PolicyBody = z.infer<typeof policyBodySchema>;
export const policyPatchSchema = z.strictObject({ active: z.boolean() });

export const policySchema = policyBodySchema.extend({ id: z.number().int() });

export const metricResultSchema = z.object({
  metric: z.enum(ASSESSMENT_METRICS),
  value: z.number().int(),
  threshold: z.number().int(),
  met: z.boolean(),
});

export const assessmentResultSchema = z.object({
  policyId: z.number().int(),
  memberId: z.number().int(),
  periodKey: z.string(),
  metrics: z.array(metricResultSchema),
  score: z.number().int(),
  passed: z.boolean(),
  outcome: z.enum(OUTCOMES),
  tier: z.enum(TIERS).nullable(),
  createdAt: timestampSchema,
});

export const myAssessmentSchema = z.object({
  items: z.array(
    z.object({
      policy: z.object({ id: z.number().int(), name: z.string(), period: z.enum(['month', 'quarter']) }),
      periodKey: z.string(),
      closesAt: timestampSchema,
      metrics: z.array(metricResultSchema),
      score: z.number().int(),
      projectedOutcome: z.enum(OUTCOMES),
      projectedTier: z.enum(TIERS).nullable(),
      lastResult: assessmentResultSchema.nullable(),
    }),
  ),
});
