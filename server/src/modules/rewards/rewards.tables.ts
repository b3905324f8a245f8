import { boolean, date, integer, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import type { Condition, Limits, Reward } from '@sharecircle/shared';
import { at, fen, id, ref } from '../../db/columns';

export const memberCounters = pgTable('member_counters', {
  memberId: ref('member_id').primaryKey(),
  gmvFen: fen('gmv_fen').notNull(),
  orders: integer('orders').notNull(),
  firstOrderAt: at('first_order_at'),
  l1Count: integer('l1_count').notNull(),
  l2Count: integer('l2_count').notNull(),
  groupSize: integer('group_size').notNull(),
  fansGained: integer('fans_gained').notNull(),
  tasksCompleted: integer('tasks_completed').notNull(),
  coursesCompleted: integer('courses_completed').notNull().default(0),
  activeDays: integer('active_days').notNull(),
  streakDays: integer('streak_days').notNull(),
  lastActiveDay: date('last_active_day', { mode: 'string' }),
  updatedAt: at('updated_at').notNull(),
});

export const memberCounterPeriods = pgTable('member_counter_periods', {
  memberId: ref('member_id').notNull(),
  periodKind: text('period_kind').$type<'day' | 'week' | 'month'>().notNull(),
  periodKey: text('period_key').notNull(),
  gmvFen: fen('gmv_fen').notNull(),
  orders: integer('orders').notNull(),
  fansGained: integer('fans_gained').notNull(),
  tasksCompleted: integer('tasks_completed').notNull(),
});

export const rewardRules = pgTable('reward_rules', {
  id: id(),
  name: text('name').notNull(),
  trigger: text('trigger').notNull(),
  conditions: jsonb('conditions').$type<Condition[]>().notNull(),
  reward: jsonb('reward').$type<Reward>().notNull(),
  limits: jsonb('limits').$type<Limits>().notNull(),
  stage: text('stage').$type<'early' | 'middle' | 'long-term'>().notNull(),
  activeFrom: at('active_from'),
  activeUntil: at('active_until'),
  paused: boolean('paused').notNull(),
  createdAt: at('created_at').notNull(),
  updatedAt: at('updated_at').notNull(),
});

export type GrantStatus = 'granted' | 'awaiting_address' | 'address_confirmed' | 'shipped' | 'received' | 'pool_empty' | 'over_budget';

export const rewardGrants = pgTable('reward_grants', {
  id: id(),
  ruleId: ref('rule_id'),
  level: integer('level'),
  memberId: ref('member_id').notNull(),
  sourceKey: text('source_key').notNull().unique(),
  periodKey: text('period_key').notNull(),
  kind: text('kind').$type<Reward['kind']>().notNull(),
  status: text('status').$type<GrantStatus>().notNull(),
  amountFen: fen('amount_fen').notNull(),
  data: jsonb('data').$type<Record<string, unknown>>().notNull(),
  createdAt: at('created_at').notNull(),
  updatedAt: at('updated_at').notNull(),
});

export const badges = pgTable('badges', {
  memberId: ref('member_id').notNull(),
  code: text('code').notNull(),
  name: text('name').notNull(),
  icon: text('icon').notNull(),
  tier: text('tier').notNull(),
  grantId: ref('grant_id'),
  earnedAt: at('earned_at').notNull(),
});

export const codePools = pgTable('code_pools', {
  id: id(),
  name: text('name').notNull(),
  kind: text('kind').$type<'coupon' | 'membership'>().notNull(),
  createdAt: at('created_at').notNull(),
});

export const poolCodes = pgTable('pool_codes', {
  id: id(),
  poolId: ref('pool_id').notNull(),
  code: text('code').notNull(),
  memberId: ref('member_id'),
  grantId: ref('grant_id'),
  grantedAt: at('granted_at'),
});

export const privileges = pgTable('privileges', {
  id: id(),
  memberId: ref('member_id').notNull(),
  name: text('name').notNull(),
  grantedAt: at('granted_at').notNull(),
  expiresAt: at('expires_at'),
  revokedAt: at('revoked_at'),
  grantId: ref('grant_id'),
  reason: text('reason'),
});

export const levels = pgTable('levels', {
  level: integer('level').primaryKey(),
  name: text('name').notNull(),
  promote: jsonb('promote').$type<Condition[]>().notNull(),
  keep: jsonb('keep').$type<Condition[]>().notNull(),
  rewards: jsonb('rewards').$type<Reward[]>().notNull(),
  updatedAt: at('updated_at').notNull(),
});

export type RuleRow = typeof rewardRules.$inferSelect;
export type GrantRow = typeof rewardGrants.$inferSelect;
export type CountersRow = typeof memberCounters.$inferSelect;
export type LevelRow = typeof levels.$inferSelect;
export type CounterPeriodRow = typeof memberCounterPeriods.$inferSelect;
