import { z } from 'zod';
import { fenSchema, pageOf, timestampSchema } from './common';

export const commissionLineRuleSchema = z.object({
  lineId: z.number().int(),
  skuCode: z.string(),
  rule: z.enum(['sku_fixed', 'sku_rate', 'hot_item', 'category', 'level', 'external_default', 'brand_default']),
  quantity: z.number().int(),
  baseFen: fenSchema.describe('the amount paid for the line times the earner’s share'),
  rateBp: z.number().int().nullable(),
  perUnitFen: fenSchema.nullable(),
  resultFen: fenSchema,
});

export const commissionSchema = z.object({
  id: z.number().int(),
  saleId: z.number().int(),
  tier: z.union([z.literal(1), z.literal(2)]),
  amountFen: fenSchema,
  reversedFen: fenSchema,
  status: z.enum(['pending', 'settled']),
  settleAt: timestampSchema,
  settledAt: timestampSchema.nullable(),
  explanation: z.object({
    sellerMemberId: z.number().int().describe('the seller of record this commission comes through'),
    shareBp: z.number().int().describe('the seller’s share of the sale (split attribution)'),
    lines: z.array(commissionLineRuleSchema),
  }),
});
export type CommissionView = z.infer<typeof commissionSchema>;
export const commissionPageSchema = pageOf(commissionSchema);
