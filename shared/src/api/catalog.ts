import { z } from 'zod';
import { basisPointsSchema, fenSchema, idSchema, timestampSchema } from './common';

/** Ten million yuan: above any real price, far below the safe-integer edge. */
export const PRICE_FEN_MAX = 1_000_000_000;
export const SKUS_PER_PRODUCT_MAX = 50;

export const skuCodeSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, dot, dash and underscore, starting with a letter or digit');
export const priceFenSchema = fenSchema.positive().max(PRICE_FEN_MAX).describe('integer fen');
const commissionFenSchema = fenSchema.min(0).max(PRICE_FEN_MAX).describe('integer fen per unit');
const nameSchema = z.string().trim().min(1).max(64);
const descriptionSchema = z.string().max(2000);

/** A SKU's commission override: per tier a rate or a fixed amount, never both; null means no override. */
export interface SkuCommission {
  l1RateBp: number | null;
  l2RateBp: number | null;
  l1FixedFen: number | null;
  l2FixedFen: number | null;
}
export interface CategoryCommission {
  l1RateBp: number | null;
  l2RateBp: number | null;
}

/**
 * What is wrong with a SKU's overrides (empty when nothing): both a rate and a fixed amount on one
 * tier, or a fixed amount above the price. Shared so the body schemas and the service's check of a
 * patched SKU apply the same rule.
 */
export function skuCommissionIssues(commission: Partial<SkuCommission>, priceFen?: number): { path: string[]; message: string }[] {
  const issues: { path: string[]; message: string }[] = [];
  for (const tier of ['l1', 'l2'] as const) {
    const rate = commission[`${tier}RateBp`];
    const fixed = commission[`${tier}FixedFen`];
    if (rate != null && fixed != null) issues.push({ path: [`${tier}FixedFen`], message: `${tier} takes a rate or a fixed amount, not both` });
    if (fixed != null && priceFen !== undefined && fixed > priceFen) issues.push({ path: [`${tier}FixedFen`], message: `a fixed ${tier} commission cannot exceed the price` });
  }
  return issues;
}

const skuCommissionBodySchema = z
  .strictObject({
    l1RateBp: basisPointsSchema.optional(),
    l2RateBp: basisPointsSchema.optional(),
    l1FixedFen: commissionFenSchema.optional(),
    l2FixedFen: commissionFenSchema.optional(),
  })
  .describe('overrides of the brand commission for this SKU');

export const skuBodySchema = z
  .strictObject({
    code: skuCodeSchema,
    name: nameSchema,
    priceFen: priceFenSchema,
    commission: skuCommissionBodySchema.optional(),
  })
  .superRefine((sku, ctx) => {
    for (const issue of skuCommissionIssues(sku.commission ?? {}, sku.priceFen)) {
      ctx.addIssue({ code: 'custom', path: ['commission', ...issue.path], message: issue.message });
    }
  });
export type SkuBody = z.infer<typeof skuBodySchema>;

/** A field left out is kept; null clears an override. */
export const skuPatchSchema = z
  .strictObject({
    name: nameSchema.optional(),
    priceFen: priceFenSchema.optional(),
    active: z.boolean().optional(),
    commission: z
      .strictObject({
        l1RateBp: basisPointsSchema.nullable().optional(),
        l2RateBp: basisPointsSchema.nullable().optional(),
        l1FixedFen: commissionFenSchema.nullable().optional(),
        l2FixedFen: commissionFenSchema.nullable().optional(),
      })
      .superRefine((commission, ctx) => {
        for (const issue of skuCommissionIssues(commission)) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
      })
      .optional(),
  })
  .refine((patch) => Object.keys(patch).length > 0, { message: 'send at least one field to change' });
export type SkuPatch = z.infer<typeof skuPatchSchema>;

export const categoryBodySchema = z.strictObject({
  name: nameSchema,
  commission: z
    .strictObject({ l1RateBp: basisPointsSchema.optional(), l2RateBp: basisPointsSchema.optional() })
    .describe('overrides of the brand commission rates for this category')
    .optional(),
});
export type CategoryBody = z.infer<typeof categoryBodySchema>;

export const categoryPatchSchema = z
  .strictObject({
    name: nameSchema.optional(),
    commission: z.strictObject({ l1RateBp: basisPointsSchema.nullable().optional(), l2RateBp: basisPointsSchema.nullable().optional() }).optional(),
  })
  .refine((patch) => Object.keys(patch).length > 0, { message: 'send at least one field to change' });
export type CategoryPatch = z.infer<typeof categoryPatchSchema>;

export const productBodySchema = z
  .strictObject({
    categoryId: idSchema,
    name: nameSchema,
    description: descriptionSchema.optional(),
    hot: z.boolean().optional(),
    skus: z.array(skuBodySchema).min(1).max(SKUS_PER_PRODUCT_MAX),
  })
  .superRefine((product, ctx) => {
    const seen = new Set<string>();
    product.skus.forEach((sku, index) => {
      if (seen.has(sku.code)) ctx.addIssue({ code: 'custom', path: ['skus', index, 'code'], message: 'SKU codes must differ' });
      seen.add(sku.code);
    });
  });
export type ProductBody = z.infer<typeof productBodySchema>;

export const productPatchSchema = z
  .strictObject({
    name: nameSchema.optional(),
    description: descriptionSchema.nullable().optional(),
    hot: z.boolean().optional(),
    active: z.boolean().optional(),
    categoryId: idSchema.optional(),
  })
  .refine((patch) => Object.keys(patch).length > 0, { message: 'send at least one field to change' });
export type ProductPatch = z.infer<typeof productPatchSchema>;

export const productsQuerySchema = z.object({ categoryId: idSchema.optional() });

const rateSchema = z.number().int().nullable();
const fixedSchema = z.number().int().nullable();

export const categorySchema = z.object({
  id: z.number().int(),
  name: z.string(),
  commission: z.object({ l1RateBp: rateSchema, l2RateBp: rateSchema }),
  createdAt: timestampSchema,
});

export const skuSchema = z.object({
  id: z.number().int(),
  productId: z.number().int(),
  code: z.string(),
  name: z.string(),
  priceFen: z.number().int(),
  active: z.boolean(),
  commission: z.object({ l1RateBp: rateSchema, l2RateBp: rateSchema, l1FixedFen: fixedSchema, l2FixedFen: fixedSchema }),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});

/** HQ's view: every product, active or not, with all its SKUs and their overrides. */
export const productSchema = z.object({
  id: z.number().int(),
  categoryId: z.number().int(),
  categoryName: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  hot: z.boolean(),
  active: z.boolean(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
  skus: z.array(skuSchema),
});

/** What any signed-in user sees: active products with their active SKUs, by category, hot items first. */
export const catalogSchema = z.object({
  categories: z.array(
    z.object({
      id: z.number().int(),
      name: z.string(),
      products: z.array(
        z.object({
          id: z.number().int(),
          name: z.string(),
          description: z.string().nullable(),
          hot: z.boolean(),
          skus: z.array(z.object({ id: z.number().int(), code: z.string(), name: z.string(), priceFen: z.number().int() })),
        }),
      ),
    }),
  ),
});
export type Catalog = z.infer<typeof catalogSchema>;
