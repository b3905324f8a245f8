import { z } from 'zod';
import { fenSchema, pageOf, pageQuerySchema, positiveFenSchema, timestampSchema } from './common';

/**
 * review: above the threshold, waiting for HQ (money already reserved in withdrawing).
 * submitting: reserved, not yet accepted by WeChat Pay (a job retries).
 * wait_user_confirm: the member must confirm in the mini-program (wx.requestMerchantTransfer).
 * processing: accepted by WeChat Pay, waiting for its final notification.
 * succeeded / failed / cancelled / rejected: final.
 */
export const WITHDRAWAL_STATUSES = ['review', 'submitting', 'wait_user_confirm', 'processing', 'succeeded', 'failed', 'cancelled', 'rejected'] as const;
export type WithdrawalStatus = (typeof WITHDRAWAL_STATUSES)[number];
export const FINAL_WITHDRAWAL_STATUSES: readonly WithdrawalStatus[] = ['succeeded', 'failed', 'cancelled', 'rejected'];

/**
 * `amountFen` is the name the rest of the API would use; `amount` (fen too) is the name the
 * withdrawal issue gives the field. Exactly one of them.
 */
export const withdrawalRequestSchema = z
  .strictObject({
    amountFen: positiveFenSchema.optional().describe('fen taken from available; the fee comes out of it'),
    amount: positiveFenSchema.optional().describe('same as amountFen'),
  })
  .refine((body) => (body.amountFen === undefined) !== (body.amount === undefined), {
    message: 'send amountFen (a positive integer number of fen)',
    path: ['amountFen'],
  });

export const withdrawalSchema = z.object({
  id: z.number().int(),
  memberId: z.number().int(),
  amountFen: fenSchema.describe('what left available'),
  feeFen: fenSchema.describe('the brand’s fee, kept out of the payout'),
  netFen: fenSchema.describe('what WeChat Pay pays the member'),
  status: z.enum(WITHDRAWAL_STATUSES),
  failReason: z.string().nullable(),
  transferBillNo: z.string().nullable(),
  requestMerchantTransfer: z
    .object({ mchId: z.string(), appId: z.string(), package: z.string() })
    .nullable()
    .describe('while wait_user_confirm: the parameters for wx.requestMerchantTransfer'),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type WithdrawalView = z.infer<typeof withdrawalSchema>;
export const withdrawalPageSchema = pageOf(withdrawalSchema);

export const adminWithdrawalsQuerySchema = pageQuerySchema.extend({ status: z.enum(WITHDRAWAL_STATUSES).optional() });

export const withdrawalQuoteQuerySchema = z.object({ amountFen: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });

/** The fee and the limits for a withdrawal of `amountFen`, asked before the member confirms. */
export const withdrawalQuoteSchema = z.object({
  amountFen: fenSchema,
  feeFen: fenSchema,
  netFen: fenSchema,
  availableFen: fenSchema,
  minFen: fenSchema,
  maxNetFen: fenSchema,
  dailyCountLeft: z.number().int(),
  dailyAmountLeftFen: fenSchema,
  needsReview: z.boolean().describe('above the review threshold: HQ approves before WeChat Pay pays'),
  refusal: z
    .object({ code: z.string(), message: z.string(), data: z.record(z.string(), z.unknown()) })
    .nullable()
    .describe('the error POST /me/withdrawals would answer now, or null'),
});
export type WithdrawalQuote = z.infer<typeof withdrawalQuoteSchema>;
