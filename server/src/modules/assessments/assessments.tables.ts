import { boolean, integer, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import type { PolicyBody } from '@sharecircle/shared';
import { at, id, ref } from '../../db/columns';

export interface MetricResult {
  metric: PolicyBody['metrics'][number]['metric'];
  value: number;
  threshold: number;
  met: boolean;
  /** group_growth: the group size at this close, the base of the next period's growth. */
  groupSize?: number;
}

export const assessmentPolicies = pgTable('assessment_policies', {
  id: id(),
  name: text('name').notNull(),
  cohort: jsonb('cohort').$type<PolicyBody['cohort']>().notNull(),
  period: text('period').$type<'month' | 'quarter'>().notNull(),
  metrics: jsonb('metrics').$type<PolicyBody['metrics']>().notNull(),
  ladder: jsonb('ladder').$type<PolicyBody['ladder']>().notNull(),
  tiers: jsonb('tiers').$type<PolicyBody['tiers'] | null>(),
  active: boolean('active').notNull(),
  createdAt: at('created_at').notNull(),
  updatedAt: at('updated_at').notNull(),
});

export const assessmentResults = pgTable('assessment_results', {
  id: id(),
  policyId: ref('policy_id').notNull(),
  memberId: ref('member_id').notNull(),
  periodKey: text('period_key').notNull(),
  metrics: jsonb('metrics').$type<MetricResult[]>().notNull(),
  score: integer('score').notNull(),
  passed: boolean('passed').notNull(),
  misses: integer('misses').notNull(),
  outcome: text('outcome').$type<'pass' | 'warn' | 'probation' | 'remove'>().notNull(),
  tier: text('tier').$type<'S' | 'A' | 'B' | 'C'>(),
  createdAt: at('created_at').notNull(),
});

export type PolicyRow = typeof assessmentPolicies.$inferSelect;
export type ResultRow = typeof assessmentResults.$inferSelect;
