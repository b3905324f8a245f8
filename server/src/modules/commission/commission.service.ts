import { and, asc, desc, eq, isNull, lt, lte, sql } from 'drizzle-orm';
import { bulkRows } from '../../db/bulk';
import { queryRows } from '../../db/database';
import type { Db } from '../../db/database';
import { addDays, type Clock } from '../../clock';
import { AppError } from '../../http/app-error';
import { publish, RetryLater } from '../../outbox/outbox';
import type { OutboxEvent } from '../../outbox/outbox.tables';
import type { CatalogService } from '../catalog';
import { formatYuan, type SalePreviewBody } from '@sharecircle/shared';
import type { Principal } from '../../http/principal';
import type { LedgerService } from '../ledger';
import { isDistributing, type MembersService } from '../members';
import { markCommissionDone, refundById, saleWithLines, salesWithLines, type Attribution, type SaleLineRow, type SalesService } from '../sales';
import type { SettingsService } from '../settings';
import { lineRules, reversalFor, type CommissionLine, type Earner, type LineRule, type Tier } from './commission-rules';
import { commissions, type CommissionRow } from './commission.tables';

export interface CommissionDeps {
  db: Db;
  clock: Clock;
  ledger: LedgerService;
  members: MembersService;
  catalog: CatalogService;
  settings: SettingsService;
  sales: Pick<SalesService, 'draftStoreSale'>;
}

/**
 * Turns paid sales into L1 and L2 commission in `pending`, settles it to `available` after the freeze,
 * and claws it back on refunds. Every ledger entry has a key, so a replayed event posts nothing twice.
 */
export function createCommissionService(deps: CommissionDeps) {
  const { db, clock, ledger } = deps;

  type SaleToEarnOn = { attribution: Attribution | null; lines: Pick<SaleLineRow, 'id' | 'skuId' | 'quantity' | 'amountFen'>[] };

  /** What computing commission on these sales needs, read in at most four queries for all of them. */
  async function earningInputs(tx: Db, sales: SaleToEarnOn[]) {
    const settings = (await deps.settings.get(tx)).commission;
    const skus = await deps.catalog.skusById(sales.flatMap(({ lines }) => lines.map((line) => line.skuId)), tx);
    const profiles = await deps.members.sellerProfiles(sales.flatMap(({ attribution }) => (attribution?.sellers ?? []).map((seller) => seller.memberId)), tx);
    if (settings.l2Enabled) {
      const uplineIds = [...profiles.values()].map((p) => p.uplineMemberId).filter((id): id is number => id !== null && !profiles.has(id));
      for (const [id, profile] of await deps.members.sellerProfiles(uplineIds, tx)) profiles.set(id, profile);
    }
    return { settings, skus, profiles };
  }

  /** Who earns what on one sale: L1 for each seller of record (by share), L2 for the member who brought that seller in. */
  function earningsOn(sale: SaleToEarnOn, { settings, skus, profiles }: Awaited<ReturnType<typeof earningInputs>>) {
    const items: CommissionLine[] = sale.lines.map((line) => {
      const sku = skus.get(line.skuId)!;
      return { lineId: line.id, skuCode: sku.skuCode, quantity: line.quantity, amountFen: line.amountFen, hot: sku.hot, sku: sku.skuCommission, category: sku.categoryCommission };
    });
    const earnerOf = (p: { id: number; type: Earner['type']; level: number }): Earner => ({ memberId: p.id, type: p.type, level: p.level });
    const earnings: { memberId: number; tier: Tier; amountFen: number; explanation: { sellerMemberId: number; shareBp: number; lines: LineRule[] } }[] = [];
    for (const seller of sale.attribution?.sellers ?? []) {
      const profile = profiles.get(seller.memberId);
      if (!profile || !isDistributing(profile.status)) continue;
      const earners: [Earner, Tier][] = [[earnerOf(profile), 1]];
      const upline = settings.l2Enabled && profile.uplineMemberId !== null ? profiles.get(profile.uplineMemberId) : undefined;
      if (upline && isDistributing(upline.status)) earners.push([earnerOf(upline), 2]);
      for (const [earner, tier] of earners) {
        const rules = lineRules(items, earner, tier, seller.shareBp, settings);
        const amountFen = rules.reduce((sum, rule) => sum + rule.resultFen, 0);
        if (amountFen > 0) earnings.push({ memberId: earner.memberId, tier, amountFen, explanation: { sellerMemberId: seller.memberId, shareBp: seller.shareBp, lines: rules } });
      }
    }
    return earnings;
  }

  /**
   * sale.paid, a batch of events at once. Reads the sales, SKUs and people in a handful of queries and
   * writes the commissions and their ledger entries in one statement each, so a backlog drains fast;
   * levels and rates are as they stand when the batch runs (the paying moment is what counts, not a
   * promotion later in the same batch). A sale already commissioned is skipped, and keys make a replay
   * post nothing.
   */
  async function onSalesPaid(tx: Db, events: OutboxEvent[]) {
    const found = await salesWithLines(tx, events.map((event) => Number(event.payload.saleId)));
    const due = [...found.values()].filter(({ sale }) => !sale.commissionDone && sale.paidAt);
    if (due.length === 0) return;
    const inputs = await earningInputs(tx, due.map(({ sale, lines }) => ({ attribution: sale.attribution, lines })));
    const rows = due.flatMap(({ sale, lines }) =>
      earningsOn({ attribution: sale.attribution, lines }, inputs).map((earning) => ({
        ...earning,
        saleId: sale.id,
        reversedFen: 0,
        status: 'pending' as const,
        settleAt: addDays(sale.paidAt!, inputs.settings.freezeDays),
        createdAt: clock.now(),
      })),
    );
    const bulk = bulkRows(rows, [
      ['sale_id', 'bigint', (r) => r.saleId],
      ['member_id', 'bigint', (r) => r.memberId],
      ['tier', 'smallint', (r) => r.tier],
      ['amount_fen', 'bigint', (r) => r.amountFen],
      ['reversed_fen', 'bigint', (r) => r.reversedFen],
      ['status', 'text', (r) => r.status],
      ['settle_at', 'timestamptz', (r) => r.settleAt],
      ['explanation', 'jsonb', (r) => r.explanation],
      ['created_at', 'timestamptz', (r) => r.createdAt],
    ]);
    const inserted = rows.length
      ? (
          await queryRows<{ id: string; sale_id: string; member_id: string; tier: number; amount_fen: string }>(
            tx,
            sql`INSERT INTO commissions ${bulk.names} ${bulk.select} ON CONFLICT DO NOTHING RETURNING id::text, sale_id::text, member_id::text, tier, amount_fen::text`,
          )
        ).map((r) => ({ id: Number(r.id), saleId: Number(r.sale_id), memberId: Number(r.member_id), tier: r.tier, amountFen: Number(r.amount_fen) }))
      : [];
    await ledger.postMany(
      tx,
      inserted.map((row) => ({
        key: `commission:${row.id}`,
        kind: 'commission.earned',
        memberId: row.memberId,
        refType: 'sale',
        refId: row.saleId,
        memo: `${row.tier === 1 ? '一级' : '二级'}佣金 · 订单 #${row.saleId}`,
        postings: [
          { account: { platform: 'commission_expense' as const }, amountFen: -row.amountFen },
          { account: { memberId: row.memberId, kind: 'pending' as const }, amountFen: row.amountFen },
        ],
        at: clock.now(),
      })),
    );
    await markCommissionDone(tx, due.map(({ sale }) => sale.id));
  }

  /** What a store sale would pay, computed exactly as paying it will (POST /sales/preview for the clerk). */
  async function preview(principal: Principal, body: SalePreviewBody) {
    return db.transaction(async (tx) => {
      const draft = await deps.sales.draftStoreSale(principal, body, tx);
      const sale = { attribution: draft.attribution, lines: draft.lines.map((line, index) => ({ ...line, id: index + 1 })) };
      const inputs = await earningInputs(tx, [sale]);
      const commissionsOut = [];
      // The earners' profiles were read for the rates already; at most four earners, so a nickname each.
      for (const earning of earningsOn(sale, inputs)) {
        commissionsOut.push({
          tier: earning.tier,
          memberId: earning.memberId,
          nickname: await deps.members.nicknameOf(inputs.profiles.get(earning.memberId)!.userId, tx),
          amountFen: earning.amountFen,
          mine: earning.memberId === draft.clerkMemberId,
        });
      }
      return {
        totalFen: draft.totalFen,
        myCommissionFen: commissionsOut.filter((c) => c.mine).reduce((sum, c) => sum + c.amountFen, 0),
        commissions: commissionsOut,
      };
    });
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
        memo: `订单 #${found.sale.id} 退款，收回${row.tier === 1 ? '一级' : '二级'}佣金`,
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
        memo: toDebt > 0 ? `订单 #${row.saleId} 佣金结算，其中 ${formatYuan(toDebt)} 元抵扣欠款` : `订单 #${row.saleId} 佣金结算`,
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
    onSalesPaid,
    preview,
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

    /** The L2 commission a member earned through each of these sellers (their L1 downlines), net of refunds. */
    async earnedThrough(memberId: number, sellerIds: number[]): Promise<Map<number, number>> {
      if (sellerIds.length === 0) return new Map();
      const rows = await queryRows<{ seller: string; fen: string }>(
        db,
        sql`SELECT explanation->>'sellerMemberId' AS seller, sum(amount_fen - reversed_fen)::text AS fen FROM commissions
             WHERE member_id = ${memberId} AND tier = 2 AND (explanation->>'sellerMemberId')::bigint = ANY(${sql.param(sellerIds)}::bigint[])
             GROUP BY 1`,
      );
      return new Map(rows.map((row) => [Number(row.seller), Number(row.fen)]));
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
