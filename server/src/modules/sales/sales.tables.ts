import { boolean, integer, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { at, fen, id, ref } from '../../db/columns';

export type SaleChannel = 'store' | 'online';
export type SaleStatus = 'created' | 'paid' | 'closed' | 'partially_refunded' | 'refunded' | 'voided';

/** Who earns as seller of record, decided when the sale is paid; shares are basis points summing to 10000. */
export interface Attribution {
  /** online_group: a mini-program order that came through a customer group, credited to the group's admin. */
  policy: 'clerk' | 'binding' | 'split' | 'online_binding' | 'online_group';
  sellers: { memberId: number; shareBp: number }[];
}

export const sales = pgTable('sales', {
  id: id(),
  channel: text('channel').$type<SaleChannel>().notNull(),
  status: text('status').$type<SaleStatus>().notNull(),
  storeId: ref('store_id'),
  clerkMemberId: ref('clerk_member_id'),
  buyerUserId: ref('buyer_user_id'),
  receiptNo: text('receipt_no'),
  outTradeNo: text('out_trade_no'),
  transactionId: text('transaction_id'),
  totalFen: fen('total_fen').notNull(),
  refundedFen: fen('refunded_fen').notNull(),
  attribution: jsonb('attribution').$type<Attribution>(),
  commissionDone: boolean('commission_done').notNull(),
  createdAt: at('created_at').notNull(),
  paidAt: at('paid_at'),
  /** The community group a mini-program order came through (its join code on the order), if any. */
  groupId: ref('group_id'),
});

export const saleLines = pgTable('sale_lines', {
  id: id(),
  saleId: ref('sale_id').notNull(),
  skuId: ref('sku_id').notNull(),
  quantity: integer('quantity').notNull(),
  unitPriceFen: fen('unit_price_fen').notNull(),
  amountFen: fen('amount_fen').notNull(),
  refundedQty: integer('refunded_qty').notNull(),
  refundedFen: fen('refunded_fen').notNull(),
});

export interface RefundLine {
  lineId: number;
  quantity: number;
  amountFen: number;
}

export const refunds = pgTable('refunds', {
  id: id(),
  saleId: ref('sale_id').notNull(),
  outRefundNo: text('out_refund_no').notNull(),
  status: text('status').$type<'requested' | 'succeeded' | 'failed'>().notNull(),
  amountFen: fen('amount_fen').notNull(),
  lines: jsonb('lines').$type<RefundLine[]>().notNull(),
  reason: text('reason'),
  actorUserId: ref('actor_user_id'),
  createdAt: at('created_at').notNull(),
  completedAt: at('completed_at'),
});

export type SaleRow = typeof sales.$inferSelect;
export type SaleLineRow = typeof saleLines.$inferSelect;
export type RefundRow = typeof refunds.$inferSelect;
