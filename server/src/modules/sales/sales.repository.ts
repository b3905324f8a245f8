import { anyId } from '../../db/bulk';
import { and, asc, desc, eq, lt, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/database';
import { refunds, saleLines, sales, type RefundRow, type SaleLineRow, type SaleRow } from './sales.tables';

export async function saleById(db: Db, saleId: number, lock = false): Promise<SaleRow | undefined> {
  const query = db.select().from(sales).where(eq(sales.id, saleId));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

export async function saleByOutTradeNo(db: Db, outTradeNo: string, lock = false): Promise<SaleRow | undefined> {
  const query = db.select().from(sales).where(eq(sales.outTradeNo, outTradeNo));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

/** Online orders still waiting for their payment, created before `before`, oldest first (wechatpay.reconcile). */
export async function ordersAwaitingPayment(db: Db, before: Date, limit: number): Promise<SaleRow[]> {
  return db
    .select()
    .from(sales)
    .where(and(eq(sales.channel, 'online'), eq(sales.status, 'created'), lt(sales.createdAt, before)))
    .orderBy(asc(sales.createdAt))
    .limit(limit);
}

/** Refunds still waiting for WeChat Pay's outcome (only orders' refunds wait), requested before `before`, oldest first. */
export async function refundsAwaitingOutcome(db: Db, before: Date, limit: number): Promise<RefundRow[]> {
  return db
    .select()
    .from(refunds)
    .where(and(eq(refunds.status, 'requested'), lt(refunds.createdAt, before)))
    .orderBy(asc(refunds.createdAt))
    .limit(limit);
}

export async function saleByReceipt(db: Db, storeId: number, receiptNo: string): Promise<SaleRow | undefined> {
  const [row] = await db
    .select()
    .from(sales)
    .where(and(eq(sales.channel, 'store'), eq(sales.storeId, storeId), eq(sales.receiptNo, receiptNo)));
  return row;
}

export async function linesOf(db: Db, saleId: number, lock = false): Promise<SaleLineRow[]> {
  const query = db.select().from(saleLines).where(eq(saleLines.saleId, saleId)).orderBy(asc(saleLines.id));
  return lock ? query.for('update') : query;
}

/** Several sales locked in id order (so two batches never deadlock) with their lines, in two queries. */
export async function salesWithLinesLocked(db: Db, saleIds: number[]): Promise<Map<number, { sale: SaleRow; lines: SaleLineRow[] }>> {
  const found = new Map<number, { sale: SaleRow; lines: SaleLineRow[] }>();
  if (saleIds.length === 0) return found;
  const rows = await db.select().from(sales).where(anyId(sales.id, saleIds)).orderBy(asc(sales.id)).for('update');
  for (const sale of rows) found.set(sale.id, { sale, lines: [] });
  const lines = await db.select().from(saleLines).where(anyId(saleLines.saleId, [...found.keys()])).orderBy(asc(saleLines.id));
  for (const line of lines) found.get(line.saleId)!.lines.push(line);
  return found;
}

export async function insertSale(db: Db, sale: typeof sales.$inferInsert, lines: Omit<typeof saleLines.$inferInsert, 'saleId'>[]) {
  const [row] = await db.insert(sales).values(sale).returning();
  const lineRows = await db
    .insert(saleLines)
    .values(lines.map((line) => ({ ...line, saleId: row.id })))
    .returning();
  return { sale: row, lines: lineRows };
}

export async function markCommissionDone(db: Db, saleIds: number[]) {
  if (saleIds.length > 0) await db.update(sales).set({ commissionDone: true }).where(anyId(sales.id, saleIds));
}

export async function updateSale(db: Db, saleId: number, patch: Partial<typeof sales.$inferInsert>): Promise<SaleRow> {
  const [row] = await db.update(sales).set(patch).where(eq(sales.id, saleId)).returning();
  return row;
}

/** Moves line quantities by a refund: positive to reserve or apply, negative to release. */
export async function adjustRefundedLines(db: Db, parts: { lineId: number; quantity: number; amountFen: number }[], sign: 1 | -1) {
  for (const part of parts) {
    await db
      .update(saleLines)
      .set({
        refundedQty: sql`${saleLines.refundedQty} + ${sign * part.quantity}`,
        refundedFen: sql`${saleLines.refundedFen} + ${sign * part.amountFen}`,
      })
      .where(eq(saleLines.id, part.lineId));
  }
}

export async function nextRefundId(db: Db): Promise<number> {
  const [row] = await queryRows<{ id: string }>(db, sql`SELECT nextval(pg_get_serial_sequence('refunds', 'id'))::text AS id`);
  return Number(row.id);
}

export async function insertRefund(db: Db, refund: typeof refunds.$inferInsert): Promise<RefundRow> {
  const [row] = await db.insert(refunds).values(refund).returning();
  return row;
}

export async function refundById(db: Db, refundId: number, lock = false): Promise<RefundRow | undefined> {
  const query = db.select().from(refunds).where(eq(refunds.id, refundId));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

export async function refundByOutRefundNo(db: Db, outRefundNo: string, lock = false): Promise<RefundRow | undefined> {
  const query = db.select().from(refunds).where(eq(refunds.outRefundNo, outRefundNo));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

export async function updateRefund(db: Db, refundId: number, patch: Partial<typeof refunds.$inferInsert>): Promise<RefundRow> {
  const [row] = await db.update(refunds).set(patch).where(eq(refunds.id, refundId)).returning();
  return row;
}

export async function refundsOf(db: Db, saleId: number): Promise<RefundRow[]> {
  return db.select().from(refunds).where(eq(refunds.saleId, saleId)).orderBy(asc(refunds.id));
}

export async function salesPage(db: Db, filter: { storeId?: number; clerkMemberId?: number; buyerUserId?: number; beforeId?: number; limit: number }) {
  return db
    .select()
    .from(sales)
    .where(
      and(
        filter.storeId !== undefined ? eq(sales.storeId, filter.storeId) : undefined,
        filter.clerkMemberId !== undefined ? eq(sales.clerkMemberId, filter.clerkMemberId) : undefined,
        filter.buyerUserId !== undefined ? eq(sales.buyerUserId, filter.buyerUserId) : undefined,
        filter.beforeId !== undefined ? lt(sales.id, filter.beforeId) : undefined,
      ),
    )
    .orderBy(desc(sales.id))
    .limit(filter.limit);
}
