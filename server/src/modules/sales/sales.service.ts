import { BASIS_POINTS_PER_WHOLE, type OrderBody, type SalePreviewBody, type StoreSaleBody } from '@sharecircle/shared';
import type { Db } from '../../db/database';
import type { Clock } from '../../clock';
import { isUniqueViolation } from '../../db/errors';
import { AppError } from '../../http/app-error';
import { requireMember, type Principal } from '../../http/principal';
import { publish } from '../../outbox/outbox';
import { checkEach, NOTIFICATION_OVERDUE_MS, unlessUnknown } from '../../wechat/overdue';
import { requireWechatPay, type WechatPay } from '../../wechat/wechat-pay';
import type { CatalogService, PricedSku } from '../catalog';
import type { IdentityService } from '../identity';
import { isDistributing, type BindingsService, type MembersService } from '../members';
import type { SettingsService } from '../settings';
import { onlineOrderAttribution, storeSaleAttribution } from './attribution';
import * as repo from './sales.repository';
import type { Attribution, SaleLineRow, SaleRow } from './sales.tables';

/** An order not paid within two hours (as long as the prepay_id wx.requestPayment uses lives) is closed. */
const PAYMENT_WINDOW_MS = 2 * 3_600_000;

export interface SalesDeps {
  db: Db;
  clock: Clock;
  catalog: CatalogService;
  members: MembersService;
  identity: IdentityService;
  settings: SettingsService;
  /** An order through a member's shared link binds the buyer as their customer (policy permitting). */
  bindings: Pick<BindingsService, 'bindFromOrder'>;
  wechatPay?: WechatPay;
  /**
   * Orders through a group (communities): the group behind a join code, and the member holding admin
   * rights over a customer group at a given time, who is then the seller of record.
   */
  groups?: {
    groupIdByCode(tx: Db, code: string): Promise<number | null>;
    groupSeller(tx: Db, groupId: number, at: Date): Promise<number | null>;
  };
}

/** WeChat wants out_trade_no of 6-32 characters; a prefix and the padded sale id are unique and readable. */
export const outTradeNoFor = (saleId: number) => `SC${String(saleId).padStart(10, '0')}`;

/** Where sales come from: a clerk at the till, or a buyer paying in the mini-program. */
export function createSalesService(deps: SalesDeps) {
  const { db, clock } = deps;

  async function saleView(sale: SaleRow, lines?: SaleLineRow[], tx: Db = db) {
    const saleLines = lines ?? (await repo.linesOf(tx, sale.id));
    const skus = await deps.catalog.skusById(saleLines.map((line) => line.skuId), tx);
    return {
      id: sale.id,
      channel: sale.channel,
      status: sale.status,
      storeId: sale.storeId,
      clerkMemberId: sale.clerkMemberId,
      receiptNo: sale.receiptNo,
      outTradeNo: sale.outTradeNo,
      totalFen: sale.totalFen,
      refundedFen: sale.refundedFen,
      createdAt: sale.createdAt.toISOString(),
      paidAt: sale.paidAt?.toISOString() ?? null,
      lines: saleLines.map((line) => ({
        id: line.id,
        sku: skus.get(line.skuId)?.skuCode ?? '',
        name: `${skus.get(line.skuId)?.productName ?? ''} ${skus.get(line.skuId)?.skuName ?? ''}`.trim(),
        quantity: line.quantity,
        unitPriceFen: line.unitPriceFen,
        amountFen: line.amountFen,
        refundedQty: line.refundedQty,
        refundedFen: line.refundedFen,
      })),
    };
  }

  const linesFrom = (skus: Map<string, PricedSku>, lines: { sku: string; quantity: number; unitPriceFen: number }[]) =>
    lines.map((line) => ({
      skuId: skus.get(line.sku)!.skuId,
      quantity: line.quantity,
      unitPriceFen: line.unitPriceFen,
      amountFen: line.unitPriceFen * line.quantity,
      refundedQty: 0,
      refundedFen: 0,
    }));

  /**
   * A store sale as the clerk describes it, checked and priced but not written: who sells it under the
   * brand's attribution policy and what each line is worth. Recording and the commission preview both
   * start here.
   */
  async function draftStoreSale(principal: Principal, body: SalePreviewBody, tx: Db = db) {
    const clerk = requireMember(principal);
    if (clerk.type !== 'kos' || clerk.storeId === null) throw new AppError('NOT_A_CLERK', 'only store clerks (KOS) record store sales');
    if (!isDistributing(clerk.status)) throw new AppError('MEMBER_NOT_ACTIVE', 'your membership is not active');
    const skus = await deps.catalog.requireSellableSkus(body.lines.map((line) => line.sku), tx);
    const customerUserId = body.customerCode ? await deps.members.userIdByCode(body.customerCode, tx) : undefined;
    if (body.customerCode && customerUserId === undefined) {
      throw new AppError('CUSTOMER_CODE_UNKNOWN', `no customer or member has the code ${body.customerCode}`);
    }
    const settings = await deps.settings.get(tx);
    const bound = customerUserId === undefined ? null : await distributingBoundMember(tx, customerUserId);
    const lines = linesFrom(skus, body.lines.map((line) => ({ ...line, unitPriceFen: line.unitPrice })));
    return {
      clerkMemberId: clerk.id,
      storeId: clerk.storeId,
      customerUserId: customerUserId ?? null,
      lines,
      totalFen: lines.reduce((sum, line) => sum + line.amountFen, 0),
      attribution: storeSaleAttribution(settings.attribution, clerk.id, bound),
    };
  }

  /** A clerk records a sale paid at the till; paid at once, so commission follows through the outbox. */
  async function recordStoreSale(principal: Principal, body: StoreSaleBody) {
    const clerk = requireMember(principal);
    const storeId = clerk.storeId;
    const existing = storeId === null ? undefined : await repo.saleByReceipt(db, storeId, body.receiptNo);
    if (existing) throw duplicateReceipt(await saleView(existing));
    try {
      return await db.transaction(async (tx) => {
        const draft = await draftStoreSale(principal, body, tx);
        const now = clock.now();
        const { sale, lines: saleLines } = await repo.insertSale(
          tx,
          {
            channel: 'store',
            status: 'paid',
            storeId: draft.storeId,
            clerkMemberId: draft.clerkMemberId,
            buyerUserId: draft.customerUserId,
            receiptNo: body.receiptNo,
            totalFen: draft.totalFen,
            refundedFen: 0,
            attribution: draft.attribution,
            commissionDone: false,
            createdAt: now,
            paidAt: now,
          },
          draft.lines,
        );
        await publish(tx, clock, { type: 'sale.paid', memberId: orderingKey(sale.attribution), payload: { saleId: sale.id } });
        return saleView(sale, saleLines, tx);
      });
    } catch (error) {
      // Two tills sending the same receipt at once: the unique index lets one through.
      if (isUniqueViolation(error) && storeId !== null) throw duplicateReceipt(await saleView((await repo.saleByReceipt(db, storeId, body.receiptNo))!));
      throw error;
    }
  }

  function duplicateReceipt(existing: Awaited<ReturnType<typeof saleView>>) {
    return new AppError('DUPLICATE_RECEIPT', `receipt ${existing.receiptNo} is already recorded as sale ${existing.id}`, undefined, { existing });
  }

  /** The member whose commission a buyer's purchase carries: their binding, if that member still distributes. */
  async function distributingBoundMember(tx: Db, userId: number): Promise<number | null> {
    const memberId = await deps.members.boundMemberOfUser(userId, tx);
    if (memberId === null) return null;
    const profile = await deps.members.sellerProfile(memberId, tx);
    return profile && isDistributing(profile.status) ? memberId : null;
  }

  async function groupOfCode(tx: Db, code: string): Promise<number> {
    const groupId = deps.groups ? await deps.groups.groupIdByCode(tx, code) : null;
    if (groupId === null) throw new AppError('GROUP_NOT_FOUND', `no group has the join code ${code}`);
    return groupId;
  }

  /** A buyer orders in the mini-program: priced from the catalog, then a WeChat Pay JSAPI prepayment. */
  async function createOrder(userId: number, body: OrderBody) {
    const pay = requireWechatPay(deps.wechatPay);
    const skus = await deps.catalog.requireSellableSkus(body.lines.map((line) => line.sku));
    const { sale, lines } = await db.transaction(async (tx) => {
      if (body.referralCode) await deps.bindings.bindFromOrder(tx, userId, body.referralCode);
      const groupId = body.groupCode ? await groupOfCode(tx, body.groupCode) : null;
      const priced = linesFrom(skus, body.lines.map((line) => ({ ...line, unitPriceFen: skus.get(line.sku)!.priceFen })));
      const created = await repo.insertSale(
        tx,
        {
          channel: 'online',
          status: 'created',
          buyerUserId: userId,
          groupId,
          totalFen: priced.reduce((sum, line) => sum + line.amountFen, 0),
          refundedFen: 0,
          commissionDone: false,
          createdAt: clock.now(),
        },
        priced,
      );
      return { sale: await repo.updateSale(tx, created.sale.id, { outTradeNo: outTradeNoFor(created.sale.id) }), lines: created.lines };
    });
    return { order: await saleView(sale, lines), payment: await prepay(pay, sale, userId) };
  }

  async function prepay(pay: WechatPay, sale: SaleRow, userId: number) {
    const user = await deps.identity.getUser(userId);
    return pay.client.createJsapiPrepay({
      outTradeNo: sale.outTradeNo!,
      description: `Sharecircle 订单 ${sale.id}`,
      amountFen: sale.totalFen,
      payerOpenid: user.openid,
      notifyUrl: pay.notifyUrl,
    });
  }

  /** TRANSACTION.SUCCESS: marks the order paid exactly once and fixes who earns on it. */
  async function onPaymentNotification(tx: Db, resource: Record<string, unknown>) {
    const outTradeNo = String(resource.out_trade_no ?? '');
    const sale = await repo.saleByOutTradeNo(tx, outTradeNo, true);
    if (!sale) throw new AppError('UNPROCESSABLE', `payment for unknown order ${outTradeNo}`);
    if (resource.trade_state !== 'SUCCESS' || sale.status !== 'created') return;
    const paidFen = Number((resource.amount as { total?: unknown } | undefined)?.total);
    if (paidFen !== sale.totalFen) throw new AppError('UNPROCESSABLE', `order ${sale.id} is ${sale.totalFen} fen but ${paidFen} was paid`);
    // Through a customer group whose admin rights someone holds now: they sell (never to themselves);
    // otherwise the buyer's binding.
    const groupAdmin = sale.groupId !== null && deps.groups ? await deps.groups.groupSeller(tx, sale.groupId, clock.now()) : null;
    const groupSeller = groupAdmin !== null && (await deps.members.sellerProfile(groupAdmin, tx))?.userId !== sale.buyerUserId ? groupAdmin : null;
    const attribution: Attribution =
      groupSeller !== null
        ? { policy: 'online_group', sellers: [{ memberId: groupSeller, shareBp: BASIS_POINTS_PER_WHOLE }] }
        : onlineOrderAttribution(await distributingBoundMember(tx, sale.buyerUserId!));
    await repo.updateSale(tx, sale.id, {
      status: 'paid',
      paidAt: clock.now(),
      transactionId: String(resource.transaction_id ?? ''),
      attribution,
    });
    await publish(tx, clock, { type: 'sale.paid', memberId: orderingKey(attribution), payload: { saleId: sale.id } });
  }

  /**
   * The wechatpay.reconcile job's part for orders whose payment notification is overdue: a paid one
   * goes through the notification's own handler (paid once: row lock and status); one still unpaid
   * after the payment window is closed at WeChat first, so it can never be paid later, then here.
   */
  async function reconcileOrders(options: { batchSize: number }) {
    const now = clock.now().getTime();
    const due = await repo.ordersAwaitingPayment(db, new Date(now - NOTIFICATION_OVERDUE_MS), options.batchSize);
    return checkEach(due, async (sale) => {
      const pay = requireWechatPay(deps.wechatPay);
      const order = await unlessUnknown(pay.client.queryOrder(sale.outTradeNo!));
      if (order?.tradeState === 'SUCCESS') {
        const resource = { out_trade_no: sale.outTradeNo, trade_state: 'SUCCESS', transaction_id: order.transactionId, amount: { total: order.amountFen } };
        await db.transaction((tx) => onPaymentNotification(tx, resource));
        return 'paid';
      }
      if (sale.createdAt.getTime() > now - PAYMENT_WINDOW_MS || order?.tradeState === 'USERPAYING') return 'waiting';
      // Unknown to WeChat (the prepay call never got through): nothing there to close.
      if (order) await pay.client.closeOrder(sale.outTradeNo!);
      await db.transaction(async (tx) => {
        if ((await repo.saleById(tx, sale.id, true))?.status === 'created') await repo.updateSale(tx, sale.id, { status: 'closed' });
      });
      return 'closed';
    });
  }

  return {
    recordStoreSale,
    draftStoreSale,
    createOrder,
    onPaymentNotification,
    reconcileOrders,
    saleView,

    /** Fresh wx.requestPayment parameters for an order not yet paid. */
    async payOrder(userId: number, saleId: number) {
      const pay = requireWechatPay(deps.wechatPay);
      const sale = await repo.saleById(db, saleId);
      if (!sale || sale.channel !== 'online' || sale.buyerUserId !== userId) throw new AppError('SALE_NOT_FOUND', `you have no order ${saleId}`);
      if (sale.status !== 'created') throw new AppError('CONFLICT', `order ${saleId} is ${sale.status}`);
      return { order: await saleView(sale), payment: await prepay(pay, sale, userId) };
    },

    async getSale(principal: Principal, saleId: number) {
      const sale = await repo.saleById(db, saleId);
      if (!sale || !canSee(principal, sale)) throw new AppError('SALE_NOT_FOUND', `there is no sale ${saleId} you can see`);
      return saleView(sale);
    },

    async listSales(filter: Parameters<typeof repo.salesPage>[1]) {
      const rows = await repo.salesPage(db, filter);
      return Promise.all(rows.map((row) => saleView(row)));
    },
  };
}

/**
 * A sale's events carry its first seller of record as their ordering key, so the outbox hands that
 * member's sale.paid and sale.refunded to the same worker, in order.
 */
export const orderingKey = (attribution: Attribution | null): number | null => attribution?.sellers[0]?.memberId ?? null;

/** HQ sees every sale; a store manager their store's; a clerk their own; a buyer their orders. */
export function canSee(principal: Principal, sale: SaleRow): boolean {
  if (principal.roles.some((grant) => grant.role === 'hq_admin')) return true;
  if (sale.storeId !== null && principal.roles.some((grant) => grant.role === 'store_manager' && grant.storeId === sale.storeId)) return true;
  if (principal.member && sale.clerkMemberId === principal.member.id) return true;
  return sale.buyerUserId === principal.userId;
}

export type SalesService = ReturnType<typeof createSalesService>;
