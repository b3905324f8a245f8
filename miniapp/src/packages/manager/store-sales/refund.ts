import type { SaleView } from '../../../services/api';

type SaleLine = SaleView['lines'][number];

export const unitsLeft = (line: SaleLine) => line.quantity - line.refundedQty;

/** A sale a store manager can still refund or void (the server's REFUNDABLE statuses). */
export const isRefundable = (sale: SaleView) => (sale.status === 'paid' || sale.status === 'partially_refunded') && sale.totalFen > sale.refundedFen;

/**
 * What refunding `quantity` units of a line gives back, priced as the server does: unit price times
 * units, except that the last units take whatever of the line is left.
 */
export function refundLineFen(line: SaleLine, quantity: number): number {
  return quantity === unitsLeft(line) ? line.amountFen - line.refundedFen : line.unitPriceFen * quantity;
}

export function refundTotalFen(sale: SaleView, quantities: ReadonlyMap<number, number>): number {
  return sale.lines.reduce((sum, line) => sum + (quantities.get(line.id) ? refundLineFen(line, quantities.get(line.id)!) : 0), 0);
}
