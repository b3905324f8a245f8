import { and, eq, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/database';
import type { OutboxEvent } from '../../outbox/outbox.tables';
import { dayKey, monthKey, weekKey } from '../rewards/periods';
import { salesWithLines } from '../sales';
import { memberCustomerPeriods, memberCustomers } from './competitions.tables';

/**
 * New customers, as leaderboards and competitions count them: a buyer is a new customer of a member in
 * the period in which the buyer's first purchase credited to that member (the member is a seller of
 * record of the sale, whatever their share) was paid. A purchase refunded in full or voided is no
 * purchase: the buyer's next purchase through the member, if any, takes its place. Sales without a
 * known buyer (a store sale with no customer code scanned) count for nobody.
 *
 * Kept as a projection by the outbox handler of sale.paid and sale.refunded, which recomputes each
 * (member, buyer) pair of the sale from the sales themselves: replays and out-of-order events land on
 * the same answer.
 */
export function createCustomersService() {
  async function bump(tx: Db, memberId: number, paidAt: Date, delta: 1 | -1) {
    for (const [kind, key] of [['day', dayKey(paidAt)], ['week', weekKey(paidAt)], ['month', monthKey(paidAt)]] as const) {
      await tx
        .insert(memberCustomerPeriods)
        .values({ memberId, periodKind: kind, periodKey: key, newCustomers: Math.max(delta, 0) })
        .onConflictDoUpdate({
          target: [memberCustomerPeriods.memberId, memberCustomerPeriods.periodKind, memberCustomerPeriods.periodKey],
          set: { newCustomers: sql`${memberCustomerPeriods.newCustomers} + ${delta}` },
        });
    }
  }

  /** The buyer's first purchase still standing that credits the member (sales read-only). */
  async function firstPurchase(tx: Db, memberId: number, buyerUserId: number) {
    const [row] = await queryRows<{ id: string; paid_at: Date | string }>(
      tx,
      sql`SELECT s.id::text AS id, s.paid_at FROM sales s
           WHERE s.buyer_user_id = ${buyerUserId} AND s.paid_at IS NOT NULL AND s.status IN ('paid', 'partially_refunded')
             AND s.attribution->'sellers' @> ${JSON.stringify([{ memberId }])}::jsonb
           ORDER BY s.paid_at, s.id LIMIT 1`,
    );
    return row ? { saleId: Number(row.id), paidAt: new Date(row.paid_at) } : undefined;
  }

  /** Brings one (member, buyer) pair in line with the sales; answers whether anything changed. */
  async function recompute(tx: Db, memberId: number, buyerUserId: number): Promise<boolean> {
    // Two workers may handle two sales of the same pair at once (split attribution spreads a pair's
    // events over partitions): one at a time per pair.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('sharecircle:customers:' || current_schema()), hashtext(${`${memberId}:${buyerUserId}`}))`);
    const pair = and(eq(memberCustomers.memberId, memberId), eq(memberCustomers.buyerUserId, buyerUserId));
    const [stored] = await tx.select().from(memberCustomers).where(pair);
    const truth = await firstPurchase(tx, memberId, buyerUserId);
    if (stored?.firstSaleId === truth?.saleId) return false;
    if (stored) {
      await bump(tx, memberId, stored.firstPaidAt, -1);
      await tx.delete(memberCustomers).where(pair);
    }
    if (truth) {
      await tx.insert(memberCustomers).values({ memberId, buyerUserId, firstSaleId: truth.saleId, firstPaidAt: truth.paidAt });
      await bump(tx, memberId, truth.paidAt, 1);
    }
    return true;
  }

  return {
    recompute,
    /**
     * Outbox handler of sale.paid and sale.refunded (a void is a full refund), for a batch: the sales are
     * read in one query; only sales with a known buyer touch a (member, buyer) pair.
     */
    async onSaleEvents(tx: Db, events: OutboxEvent[]): Promise<void> {
      if (events.length === 0) return;
      const sales = await salesWithLines(tx, events.map((event) => Number(event.payload.saleId)));
      for (const event of events) {
        const sale = sales.get(Number(event.payload.saleId))?.sale;
        if (!sale?.buyerUserId || !sale.paidAt) continue;
        // In id order, so two events of one buyer take the pair locks in the same order.
        const sellers = [...new Set((sale.attribution?.sellers ?? []).map((seller) => seller.memberId))].sort((a, b) => a - b);
        for (const memberId of sellers) await recompute(tx, memberId, sale.buyerUserId);
      }
    },
  };
}

export type CustomersService = ReturnType<typeof createCustomersService>;
