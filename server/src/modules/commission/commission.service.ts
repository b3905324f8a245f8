import { and, asc, desc, eq, isNull, lt, lte } from 'drizzle-orm';
import type { Db } from '../../db/database';
import { addDays, type Clock } from '../../clock';
import { AppError } from '../../http/app-error';
import { publish, RetryLater } from '../../outbox/outbox';
import type { OutboxEvent } from '../../outbox/outbox.tables';
import type { CatalogService } from '../catalog';
import type { LedgerService } from '../ledger';
import { isDistributing, type MembersService } from '../members';
import { markCommissionDone, refundById, saleWithLines, type SaleLineRow } from '../sales';
import type { SettingsService } from '../settings';
import { lineRules, reversalFor, type CommissionLine, type Earner, type Tier } from './commission-rules';
import { commissions, type CommissionRow } from './commission.tables';

export interface CommissionDeps {
  db: Db;
  clock: Clock;
  ledger: LedgerService;
  members: MembersService;
  catalog: CatalogService;
  settings: SettingsService;
}

/**
 * Turns paid sales into L1 and L2 commission in `pending`, settles it to `available` after the freeze,
 * and claws it back on refunds. Every ledger entry has a key, so a replayed event posts nothing twice.
 */
export function createCommissionService(deps: CommissionDeps) {
  const { db, clock, ledger } = deps;

  async function commissionLines(tx: Db, lines: SaleLineRow[]): Promise<CommissionLine[]> {
    const skus = await deps.catalog.skusById(lines.map((line) => line.skuId), tx);
    return lines.map((line) => {
      const sku = skus.get(line.skuId)!;
      return {
        lineId: line.id,
        skuCode: sku.skuCode,
        quantity: line.quantity,
        amountFen: line.amountFen,
        hot: sku.hot,
        sku: sku.skuCommission,
        category: sku.categoryCommission,
      };
    });
  }

  /** sale.paid: L1 for each seller of record (by share), L2 for the member who brought that seller in. */
  async function onSalePaid(tx: Db, event: OutboxEvent) {
    const found = await saleWithLines(tx, Number(event.payload.saleId));
    if (!found || found.sale.commissionDone || !found.sale.paidAt) return;
    const { sale, lines } = found;
    const settings = (await deps.settings.get(tx)).commission;
    const items = await commissionLines(tx, lines);
    const settleAt = addDays(sale.paidAt!, settings.freezeDays);
    for (const seller of sale.attribution?.sellers ?? []) {
      const profile = await deps.members.sellerProfile(seller.memberId, tx);
      if (!profile || !isDistributing(profile.status)) continue;
      const earnerOf = (p: NonNullable<typeof profile>): Earner => ({ memberId: p.id, type: p.type, level: p.level });
      const earners: [Earner, Tier][] = [[earnerOf(profile), 1]];
      if (settings.l2Enabled && profile.uplineMemberId !== null) {
        const upline = await deps.members.sellerProfile(profile.uplineMemberId, tx);
        if (upline && isDistributing(upline.status)) earners.push([earnerOf(upline), 2]);
      }
      for (const [earner, tier] of earners) {
        const rules = lineRules(items, earner, tier, seller.shareBp, settings);
        const amountFen = rules.reduce((sum, rule) => sum + rule.resultFen, 0);
        if (amountFen <= 0) continue;
        const [row] = await tx
          .insert(commissions)
          .values({
            saleId: sale.id,
            memberId: earner.memberId,
            tier,
            amountFen,
            reversedFen: 0,
            status: 'pending',
            settleAt,
            explanation: { sellerMemberId: seller.memberId, shareBp: seller.shareBp, lines: rules },
            createdAt: clock.now(),
          })
          .onConflictDoNothing()
          .returning();
        if (!row) continue;
        await ledger.post(tx, {
          key: `commission:${row.id}`,
          kind: 'commission.earned',
          memberId: earner.memberId,
          refType: 'sale',
          refId: sale.id,
          memo: `L${tier} commission on sale #${sale.id}`,
          postings: [
            { account: { platform: 'commission_expense' }, amountFen: -amountFen },
            { account: { memberId: earner.memberId, kind: 'pending' }, amountFen },
          ],
          at: clock.now(),
        });
      }
    }
    await markCommissionDone(tx, sale.id);
  }

  /** sale.refunded: take back what the refunded units earned, from pending or, once settled, from available then debt. */
  async function onSaleRefunded(tx: Db, event: OutboxEvent) {
    const found = await saleWithLines(tx, Number(event.payload.saleId));
    if (!found || (found.sale.attribution?.sellers.length ?? 0) === 0) return;
    // Commission must exist before it can be clawed back; sale.paid may still be queued.
    if (found.sale.paidAt && !found.sale.commissionDone) throw new RetryLater(`sale ${found.sale.id} commission not computed yet`);
    const refund = await refundById(tx, Number(event.payload.refundId));
    if (!refund) return;
    const rows = await tx.select().from(commissions).where(eq(commissions.saleId, found.sale.id)).orderBy(asc(commissions.id)).for('update');
    const fullyRefunded = found.sale.refundedFen === found.sale.totalFen;
    for (const row of rows) {
      const remaining = row.amountFen - row.reversedFen;
      const takeBack = reversalFor(row.explanation.lines, row.explanation.shareBp, refund.lines, remaining, fullyRefunded);
      if (takeBack <= 0) continue;
      const postings = await clawbackPostings(tx, row, takeBack);
      const { created } = await ledger.post(tx, {
        key: `refund:${refund.id}:commission:${row.id}`,
        kind: 'commission.reversed',
        memberId: row.memberId,
        refType: 'sale',
        refId: found.sale.id,
        memo: `Refund on sale #${found.sale.id}: L${row.tier} commission taken back`,
        postings,
        at: clock.now(),
      });
      if (created) await tx.update(commissions).set({ reversedFen: row.reversedFen + takeBack }).where(eq(commissions.id, row.id));
    }
  }

  async function clawbackPostings(tx: Db, row: CommissionRow, amountFen: number) {
    const expense = { account: { platform: 'commission_expense' as const }, amountFen };
    // Forfeited on a confirmed violation: the money already left pending for forfeiture income; take it back from there.
    if (row.status === 'pending' && row.forfeitedAt) return [expense, { account: { platform: 'forfeiture_income' as const }, amountFen: -amountFen }];
    if (row.status === 'pending') return [expense, { account: { memberId: row.memberId, kind: 'pending' as const }, amountFen: -amountFen }];
    const { available } = await ledger.balancesOf(tx, row.memberId, { lock: true });
    const fromAvailable = Math.min(available, amountFen);
    const toDebt = amountFen - fromAvailable;
    return [
      expense,
      ...(fromAvailable > 0 ? [{ account: { memberId: row.memberId, kind: 'available' as const }, amountFen: -fromAvailable }] : []),
      ...(toDebt > 0 ? [{ account: { memberId: row.memberId, kind: 'debt' as const }, amountFen: -toDebt }] : []),
    ];
  }

  /**
   * Moves commission past its freeze date from pending to available, paying off debt first. Batches of
   * rows locked with SKIP LOCKED, one transaction each: safe to run twice, concurrently, or after an outage.
   */
  async function settleDue(options: { batchSize: number }): Promise<{ settled: number; amountFen: number }> {
    let settled = 0;
    let total = 0;
    for (;;) {
      const batch = await db.transaction(async (tx) => {
        const due = await tx
          .select()
          .from(commissions)
          .where(and(eq(commissions.status, 'pending'), isNull(commissions.forfeitedAt), lte(commissions.settleAt, clock.now())))
          .orderBy(asc(commissions.settleAt), asc(commissions.id))
          .limit(options.batchSize)
          .for('update', { skipLocked: true });
        let amount = 0;
        for (const row of due) amount += await settleOne(tx, row);
        return { count: due.length, amount };
      });
      settled += batch.count;
      total += batch.amount;
      if (batch.count < options.batchSize) return { settled, amountFen: total };
    }
  }

  async function settleOne(tx: Db, row: CommissionRow): Promise<number> {
    const net = row.amountFen - row.reversedFen;
    if (net > 0) {
      const { debt } = await ledger.balancesOf(tx, row.memberId, { lock: true });
      const toDebt = Math.min(debt, net);
      await ledger.post(tx, {
        key: `settle:${row.id}`,
        kind: 'commission.settled',
        memberId: row.memberId,
        refType: 'sale',
        refId: row.saleId,
        memo: toDebt > 0 ? `Commission on sale #${row.saleId} settled; ${toDebt} fen repaid debt` : `Commission on sale #${row.saleId} settled`,
        postings: [
          { account: { memberId: row.memberId, kind: 'pending' }, amountFen: -net },
          ...(toDebt > 0 ? [{ account: { memberId: row.memberId, kind: 'debt' as const }, amountFen: toDebt }] : []),
          ...(net - toDebt > 0 ? [{ account: { memberId: row.memberId, kind: 'available' as const }, amountFen: net - toDebt }] : []),
        ],
        at: clock.now(),
      });
      await publish(tx, clock, { type: 'commission.settled', memberId: row.memberId, payload: { commissionId: row.id, amountFen: net } });
    }
    await tx.update(commissions).set({ status: 'settled', settledAt: clock.now() }).where(eq(commissions.id, row.id));
    return Math.max(net, 0);
  }

  const view = (row: CommissionRow) => ({
    id: row.id,
    saleId: row.saleId,
    tier: row.tier,
    amountFen: row.amountFen,
    reversedFen: row.reversedFen,
    status: row.status,
    settleAt: row.settleAt.toISOString(),
    settledAt: row.settledAt?.toISOString() ?? null,
    explanation: row.explanation,
  });

  return {
    onSalePaid,
    onSaleRefunded,
    settleDue,

    /**
     * A confirmed violation forfeits the member's pending commission (the discipline module posts the
     * money to forfeiture income in the same transaction): the rows are marked, so settlement never moves
     * them out of pending again. Locks the rows before the caller locks balances, in settlement's order.
     */
    async forfeitPending(tx: Db, memberId: number, at: Date): Promise<number> {
      const rows = await tx
        .update(commissions)
        .set({ forfeitedAt: at })
        .where(and(eq(commissions.memberId, memberId), eq(commissions.status, 'pending'), isNull(commissions.forfeitedAt)))
        .returning({ id: commissions.id });
      return rows.length;
    },

    /** A member's commission on one sale, with how each line was computed. */
    async forSale(memberId: number, saleId: number) {
      const rows = await db
        .select()
        .from(commissions)
        .where(and(eq(commissions.memberId, memberId), eq(commissions.saleId, saleId)))
        .orderBy(asc(commissions.tier));
      if (rows.length === 0) throw new AppError('COMMISSION_NOT_FOUND', `you earned nothing on sale ${saleId}`);
      return rows.map(view);
    },

    async listForMember(memberId: number, beforeId: number | undefined, limit: number) {
      const rows = await db
        .select()
        .from(commissions)
        .where(and(eq(commissions.memberId, memberId), beforeId ? lt(commissions.id, beforeId) : undefined))
        .orderBy(desc(commissions.id))
        .limit(limit);
      return rows.map(view);
    },
  };
}

export type CommissionService = ReturnType<typeof createCommissionService>;
