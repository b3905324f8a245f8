import type { Db } from '../../db/database';
import * as repo from './sales.repository';

export { createSalesService, type SalesService } from './sales.service';
export { createRefundsService, outRefundNoFor, type RefundsService } from './refunds.service';
export { salesRoutes } from './sales.routes';
export type { Attribution, SaleRow, SaleLineRow, RefundRow, RefundLine } from './sales.tables';

/** For commission: paid sales with their lines, locked so their commission is computed once. */
export const salesWithLines = (tx: Db, saleIds: number[]) => repo.salesWithLinesLocked(tx, [...new Set(saleIds)]);
export const saleWithLines = async (tx: Db, saleId: number) => (await salesWithLines(tx, [saleId])).get(saleId);

export const refundById = (tx: Db, refundId: number) => repo.refundById(tx, refundId);
export const markCommissionDone = (tx: Db, saleIds: number[]) => repo.markCommissionDone(tx, saleIds);

/** What a sale's completed refunds up to and including this one add up to (a replay-safe "was this the last?"). */
export async function refundedUpTo(tx: Db, saleId: number, refundId: number): Promise<number> {
  const rows = await repo.refundsOf(tx, saleId);
  return rows.filter((refund) => refund.status === 'succeeded' && refund.id <= refundId).reduce((sum, refund) => sum + refund.amountFen, 0);
}
