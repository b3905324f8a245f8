import type { Db } from '../../db/database';
import type { Clock } from '../../clock';
import { AppError } from '../../http/app-error';
import { assertManagesStore, hasRole, type Principal } from '../../http/principal';
import { publish } from '../../outbox/outbox';
import { checkEach, NOTIFICATION_OVERDUE_MS, unlessUnknown } from '../../wechat/overdue';
import { requireWechatPay, type WechatPay } from '../../wechat/wechat-pay';
import * as repo from './sales.repository';
import { orderingKey } from './sales.service';
import type { RefundLine, RefundRow, SaleLineRow, SaleRow } from './sales.tables';

export const outRefundNoFor = (refundId: number) => `RF${String(refundId).padStart(10, '0')}`;

const REFUNDABLE: SaleRow['status'][] = ['paid', 'partially_refunded'];

/**
 * Refunds take back some units of some lines. A store sale's refund (or void) completes at once; an
 * order's refund reserves the units, asks WeChat Pay, and completes on REFUND.SUCCESS. Completion
 * publishes sale.refunded, from which commission is clawed back.
 */
export function createRefundsService(deps: { db: Db; clock: Clock; wechatPay?: WechatPay }) {
  const { db, clock } = deps;

  /** Line amounts are unit price times quantity, so any part is exact; the last units take what is left. */
  function priceRefund(lines: SaleLineRow[], wanted: { lineId: number; quantity: number }[]): RefundLine[] {
    return wanted.map((part) => {
      const line = lines.find((candidate) => candidate.id === part.lineId);
      if (!line) throw new AppError('VALIDATION_FAILED', `line ${part.lineId} is not on this sale`, [{ path: 'body.lines', issue: `unknown line ${part.lineId}` }]);
      const left = line.quantity - line.refundedQty;
      if (part.quantity > left) throw new AppError('REFUND_EXCEEDS_SALE', `line ${line.id} has ${left} units left to refund`);
      const amountFen = part.quantity === left ? line.amountFen - line.refundedFen : line.unitPriceFen * part.quantity;
      return { lineId: line.id, quantity: part.quantity, amountFen };
    });
  }

  function authorizeRefund(principal: Principal, sale: SaleRow) {
    if (sale.channel === 'store') assertManagesStore(principal, sale.storeId);
    else if (!hasRole(principal, 'hq_admin')) throw new AppError('FORBIDDEN', 'HQ refunds mini-program orders');
  }

  /** Applies a completed refund to the sale and announces it, inside the caller's transaction. */
  async function complete(tx: Db, sale: SaleRow, refund: RefundRow, finalStatus?: SaleRow['status']) {
    const refundedFen = sale.refundedFen + refund.amountFen;
    const status = finalStatus ?? (refundedFen === sale.totalFen ? 'refunded' : 'partially_refunded');
    await repo.updateSale(tx, sale.id, { refundedFen, status });
    await repo.updateRefund(tx, refund.id, { status: 'succeeded', completedAt: clock.now() });
    await publish(tx, clock, { type: 'sale.refunded', memberId: orderingKey(sale.attribution), payload: { saleId: sale.id, refundId: refund.id } });
  }

  async function refund(principal: Principal, saleId: number, wanted: { lineId: number; quantity: number }[], reason: string, voiding = false) {
    const { sale, refund: created } = await db.transaction(async (tx) => {
      const sale = await repo.saleById(tx, saleId, true);
      if (!sale) throw new AppError('SALE_NOT_FOUND', `there is no sale ${saleId}`);
      authorizeRefund(principal, sale);
      if (voiding && sale.channel !== 'store') throw new AppError('SALE_NOT_REFUNDABLE', 'only store sales are voided; refund an order instead');
      if (!REFUNDABLE.includes(sale.status)) throw new AppError('SALE_NOT_REFUNDABLE', `sale ${saleId} is ${sale.status}`);
      const lines = await repo.linesOf(tx, saleId, true);
      const parts = voiding
        ? lines.filter((line) => line.refundedQty < line.quantity).map((line) => ({ lineId: line.id, quantity: line.quantity - line.refundedQty }))
        : wanted;
      const priced = priceRefund(lines, parts);
      const amountFen = priced.reduce((sum, part) => sum + part.amountFen, 0);
      if (amountFen <= 0) throw new AppError('SALE_NOT_REFUNDABLE', `sale ${saleId} has nothing left to refund`);
      await repo.adjustRefundedLines(tx, priced, 1);
      const id = await repo.nextRefundId(tx);
      const refund = await repo.insertRefund(tx, {
        id,
        saleId,
        outRefundNo: outRefundNoFor(id),
        status: 'requested',
        amountFen,
        lines: priced,
        reason,
        actorUserId: principal.userId,
        createdAt: clock.now(),
      });
      if (sale.channel === 'store') await complete(tx, sale, refund, voiding ? 'voided' : undefined);
      return { sale, refund };
    });
    if (sale.channel === 'online') await requestWechatRefund(sale, created);
    return (await repo.refundById(db, created.id))!;
  }

  async function requestWechatRefund(sale: SaleRow, refund: RefundRow) {
    const pay = requireWechatPay(deps.wechatPay);
    await pay.client.refund({
      outTradeNo: sale.outTradeNo!,
      outRefundNo: refund.outRefundNo,
      refundFen: refund.amountFen,
      totalFen: sale.totalFen,
      reason: refund.reason ?? undefined,
      notifyUrl: pay.notifyUrl,
    });
  }

  /** REFUND.SUCCESS completes the refund; ABNORMAL or CLOSED releases the reserved units. */
  async function onRefundNotification(tx: Db, resource: Record<string, unknown>) {
    const refund = await repo.refundByOutRefundNo(tx, String(resource.out_refund_no ?? ''), true);
    if (!refund) throw new AppError('UNPROCESSABLE', `notification for unknown refund ${String(resource.out_refund_no)}`);
    if (refund.status !== 'requested') return;
    const sale = (await repo.saleById(tx, refund.saleId, true))!;
    if (resource.refund_status === 'SUCCESS') {
      await complete(tx, sale, refund);
    } else if (resource.refund_status === 'ABNORMAL' || resource.refund_status === 'CLOSED') {
      await repo.adjustRefundedLines(tx, refund.lines, -1);
      await repo.updateRefund(tx, refund.id, { status: 'failed', completedAt: clock.now() });
    }
  }

  /**
   * The wechatpay.reconcile job's part for refunds whose outcome is overdue: a final status goes
   * through the notification's own handler; a refund WeChat never heard of (the request after commit
   * did not get through) is sent again under the same out_refund_no, which WeChat takes once.
   */
  async function reconcile(options: { batchSize: number }) {
    const due = await repo.refundsAwaitingOutcome(db, new Date(clock.now().getTime() - NOTIFICATION_OVERDUE_MS), options.batchSize);
    return checkEach(due, async (refund) => {
      const pay = requireWechatPay(deps.wechatPay);
      const found = await unlessUnknown(pay.client.queryRefund(refund.outRefundNo));
      if (!found) {
        await requestWechatRefund((await repo.saleById(db, refund.saleId))!, refund);
        return 'sentAgain';
      }
      if (found.status === 'PROCESSING') return 'waiting';
      await db.transaction((tx) => onRefundNotification(tx, { out_refund_no: refund.outRefundNo, refund_status: found.status }));
      return found.status === 'SUCCESS' ? 'refunded' : 'refundFailed';
    });
  }

  return {
    reconcile,
    refund: (principal: Principal, saleId: number, lines: { lineId: number; quantity: number }[], reason: string) => refund(principal, saleId, lines, reason),
    voidSale: (principal: Principal, saleId: number, reason: string) => refund(principal, saleId, [], reason, true),
    onRefundNotification,
    refundsOf: (saleId: number) => repo.refundsOf(db, saleId),
  };
}

export type RefundsService = ReturnType<typeof createRefundsService>;
