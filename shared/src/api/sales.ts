import { z } from 'zod';
import { fenSchema, idSchema, pageOf, positiveFenSchema, timestampSchema } from './common';
import { referralCodeSchema } from './members';

const skuCodeSchema = z.string().min(1).max(64);
const quantitySchema = z.number().int().min(1).max(9999);

export const storeSaleBodySchema = z.object({
  receiptNo: z.string().trim().min(1).max(64),
  lines: z
    .array(z.object({ sku: skuCodeSchema, quantity: quantitySchema, unitPrice: positiveFenSchema.describe('fen actually charged per unit') }))
    .min(1)
    .max(50),
  customerCode: z.string().min(1).max(40).optional().describe("the buyer's customer code or a member's referral code, as scanned"),
});
export type StoreSaleBody = z.infer<typeof storeSaleBodySchema>;

export const orderBodySchema = z.object({
  lines: z.array(z.object({ sku: skuCodeSchema, quantity: quantitySchema })).min(1).max(50),
  groupCode: z.string().min(4).max(32).regex(/^[0-9A-Za-z]+$/).optional().describe('the join code of the group the order came through: its admin earns'),
  referralCode: referralCodeSchema
    .optional()
    .describe("the referral code of the member whose shared link the buyer came through: binds the buyer as that member's customer if the binding policy allows (a code that cannot bind is passed over)"),
});
export type OrderBody = z.infer<typeof orderBodySchema>;

export const SALE_STATUSES = ['created', 'paid', 'closed', 'partially_refunded', 'refunded', 'voided'] as const;

export const saleLineSchema = z.object({
  id: z.number().int(),
  sku: z.string(),
  name: z.string(),
  quantity: z.number().int(),
  unitPriceFen: fenSchema,
  amountFen: fenSchema,
  refundedQty: z.number().int(),
  refundedFen: fenSchema,
});

export const saleSchema = z.object({
  id: z.number().int(),
  channel: z.enum(['store', 'online']),
  status: z.enum(SALE_STATUSES),
  storeId: z.number().int().nullable(),
  clerkMemberId: z.number().int().nullable(),
  receiptNo: z.string().nullable(),
  outTradeNo: z.string().nullable(),
  totalFen: fenSchema,
  refundedFen: fenSchema,
  createdAt: timestampSchema,
  paidAt: timestampSchema.nullable(),
  lines: z.array(saleLineSchema),
});
export type SaleView = z.infer<typeof saleSchema>;
export const salePageSchema = pageOf(saleSchema);

export const requestPaymentSchema = z.object({
  appId: z.string(),
  timeStamp: z.string(),
  nonceStr: z.string(),
  package: z.string(),
  signType: z.literal('RSA'),
  paySign: z.string(),
});
export const orderCreatedSchema = z.object({ order: saleSchema, payment: requestPaymentSchema.describe('pass to wx.requestPayment') });

export const refundBodySchema = z.object({
  lines: z.array(z.object({ lineId: idSchema, quantity: quantitySchema })).min(1).max(50),
  reason: z.string().min(1).max(500),
});
export const voidBodySchema = z.object({ reason: z.string().min(1).max(500) });

export const refundSchema = z.object({
  id: z.number().int(),
  saleId: z.number().int(),
  status: z.enum(['requested', 'succeeded', 'failed']),
  amountFen: fenSchema,
  lines: z.array(z.object({ lineId: z.number().int(), quantity: z.number().int(), amountFen: fenSchema })),
  reason: z.string().nullable(),
  createdAt: timestampSchema,
  completedAt: timestampSchema.nullable(),
});

export const salesQuerySchema = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

/** What a clerk sends before recording a sale: the same lines and customer code, no receipt yet. */
export const salePreviewBodySchema = storeSaleBodySchema.omit({ receiptNo: true });
export type SalePreviewBody = z.infer<typeof salePreviewBodySchema>;

/** The commission the sale would pay if recorded now, computed by the same code that pays it. */
export const salePreviewSchema = z.object({
  totalFen: fenSchema,
  myCommissionFen: fenSchema.describe('what the caller would earn'),
  commissions: z.array(
    z.object({
      tier: z.union([z.literal(1), z.literal(2)]),
      memberId: z.number().int(),
      nickname: z.string(),
      amountFen: fenSchema,
      mine: z.boolean(),
    }),
  ),
});
export type SalePreview = z.infer<typeof salePreviewSchema>;
