import { z } from 'zod';
import { fenSchema, pageOf, timestampSchema } from './common';

export const balancesSchema = z.object({
  pending: fenSchema.describe('earned, inside the freeze window'),
  available: fenSchema.describe('withdrawable'),
  withdrawing: fenSchema.describe('sent to WeChat Pay, not yet confirmed'),
  debt: fenSchema.describe('clawed back after settlement and not yet recovered'),
});
export type BalancesView = z.infer<typeof balancesSchema>;

export const ledgerLineSchema = z.object({
  postingId: z.number().int(),
  entryId: z.number().int(),
  account: z.enum(['pending', 'available', 'withdrawing', 'debt']),
  amountFen: fenSchema,
  kind: z.string(),
  reason: z.string(),
  refType: z.string().nullable(),
  refId: z.number().int().nullable(),
  at: timestampSchema,
});
export const ledgerPageSchema = pageOf(ledgerLineSchema);

export const liabilitySchema = z.object({
  pending: fenSchema,
  available: fenSchema,
  withdrawing: fenSchema,
  debt: fenSchema,
  total: fenSchema.describe('pending + available + withdrawing - debt: what the brand owes its members'),
  members: z.number().int(),
});
