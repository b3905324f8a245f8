import { integer, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import type { Cohort, CompetitionMetric, Prize } from '@sharecircle/shared';
import { at, fen, id, ref } from '../../db/columns';

export type Repeat = 'none' | 'weekly' | 'monthly';

export const competitions = pgTable('competitions', {
  id: id(),
  name: text('name').notNull(),
  metric: text('metric').$type<CompetitionMetric>().notNull(),
  cohort: jsonb('cohort').$type<Cohort>().notNull(),
  startsAt: at('starts_at').notNull(),
  endsAt: at('ends_at').notNull(),
  repeat: text('repeat').$type<Repeat>().notNull(),
  prizes: jsonb('prizes').$type<Prize[]>().notNull(),
  closedAt: at('closed_at'),
  ranked: integer('ranked'),
  cancelledAt: at('cancelled_at'),
  cancelReason: text('cancel_reason'),
  createdBy: ref('created_by'),
  createdAt: at('created_at').notNull(),
});

export const competitionResults = pgTable('competition_results', {
  competitionId: ref('competition_id').notNull(),
  memberId: ref('member_id').notNull(),
  rank: integer('rank').notNull(),
  value: fen('value').notNull(),
});

export const memberCustomers = pgTable('member_customers', {
  memberId: ref('member_id').notNull(),
  buyerUserId: ref('buyer_user_id').notNull(),
  firstSaleId: ref('first_sale_id').notNull(),
  firstPaidAt: at('first_paid_at').notNull(),
});

export const memberCustomerPeriods = pgTable('member_customer_periods', {
  memberId: ref('member_id').notNull(),
  periodKind: text('period_kind').$type<'day' | 'week' | 'month'>().notNull(),
  periodKey: text('period_key').notNull(),
  newCustomers: integer('new_customers').notNull(),
});

export type CompetitionRow = typeof competitions.$inferSelect;
