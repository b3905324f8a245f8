import { and, asc, desc, eq, gte, inArray, lt, notInArray, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import { z } from 'zod';
import { FINAL_WITHDRAWAL_STATUSES, formatYuan, type WithdrawalStatus, type WithdrawalQuote, type WithdrawalView } from '@sharecircle/shared';
import type { Clock } from '../../clock';
import type { Db } from '../../db/database';
import { AppError } from '../../http/app-error';
import { publish } from '../../outbox/outbox';
import type { TransferBillState } from '../../wechat/pay-client';
import { checkEach, NOTIFICATION_OVERDUE_MS } from '../../wechat/overdue';
import { requireWechatPay, type WechatPay } from '../../wechat/wechat-pay';
import { recordAudit } from '../audit';
import type { IdentityService } from '../identity';
import type { LedgerService } from '../ledger';
import { isDistributing, type MembersService } from '../members';
import type { SettingsService } from '../settings';
import {
  AT_WECHAT_STATUSES,
  AWAITING_OUTCOME_STATUSES,
  beijingDay,
  definitiveRefusal,
  outBillNoFor,
  paidEntry,
  provisional,
  RETURNED_STATUSES,
  reserveEntry,
  reversalEntry,
  splitFee,
  statusForState,
  withdrawalIdOf,
} from './withdrawal-rules';
import { withdrawals, type WithdrawalRow } from './withdrawals.tables';

export interface WithdrawalsDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  ledger: LedgerService;
  settings: SettingsService;
  members: Pick<MembersService, 'sellerProfile'>;
  identity: Pick<IdentityService, 'getUser'>;
  wechatPay?: WechatPay;
}

/** What WeChat Pay told us about a bill, from a reply or a notification. */
interface TransferReport {
  state: TransferBillState;
  transferBillNo?: string;
  packageInfo?: string;
  failReason?: string;
}

const TRANSFER_REMARK = '佣金提现';
const FINAL_TRANSFER_STATES: readonly TransferBillState[] = ['SUCCESS', 'FAIL', 'CANCELLED'];

/** MCHTRANSFER.BILL.FINISHED, decrypted. The amount is checked against what we asked WeChat to pay. */
const transferResourceSchema = z.object({
  out_bill_no: z.string(),
  transfer_bill_no: z.string(),
  state: z.enum(['ACCEPTED', 'PROCESSING', 'WAIT_USER_CONFIRM', 'TRANSFERING', 'SUCCESS', 'FAIL', 'CANCELING', 'CANCELLED']),
  transfer_amount: z.number().int(),
  mch_id: z.string().optional(),
  fail_reason: z.string().optional(),
});

/**
 * Withdrawals to WeChat Pay change. The money is reserved (available -> withdrawing) in the same
 * transaction that creates the row, so the ledger's CHECK decides "never below zero" whatever the
 * concurrency; WeChat is called only after commit, and its final notification settles or reverses.
 */
export function createWithdrawalsService(deps: WithdrawalsDeps) {
  const { db, clock, ledger } = deps;

  const lockRow = async (tx: Db, id: number) => (await tx.select().from(withdrawals).where(eq(withdrawals.id, id)).for('update'))[0];
  const findRow = async (id: number) => (await db.select().from(withdrawals).where(eq(withdrawals.id, id)))[0];
  const update = async (tx: Db, id: number, patch: Partial<WithdrawalRow>) =>
    (await tx.update(withdrawals).set({ ...patch, updatedAt: clock.now() }).where(eq(withdrawals.id, id)).returning())[0];

  /** One member's requests queue here, so the daily limits hold under concurrency too (two-key space: no clash with other locks). */
  const lockMember = (tx: Db, memberId: number) =>
    tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('sharecircle:withdrawals'), (${memberId}::bigint % 2147483647)::int)`);

  async function usedToday(tx: Db, memberId: number): Promise<{ count: number; amountFen: number }> {
    const { start, end } = beijingDay(clock.now());
    const [row] = await tx
      .select({ count: sql<string>`count(*)::text`, amountFen: sql<string>`coalesce(sum(${withdrawals.amountFen}), 0)::text` })
      .from(withdrawals)
      .where(
        and(
          eq(withdrawals.memberId, memberId),
          gte(withdrawals.createdAt, start),
          lt(withdrawals.createdAt, end),
          notInArray(withdrawals.status, [...RETURNED_STATUSES]),
        ),
      );
    return { count: Number(row.count), amountFen: Number(row.amountFen) };
  }

  /**
   * The brand's rules as they apply to a withdrawal of `amountFen` now: fee, payout, today's use, and
   * the first rule it breaks (as the error the request answers), checked in the order a member would
   * fix them. The balance is not among them: the ledger's CHECK judges that under its lock.
   */
  async function assess(tx: Db, memberId: number, amountFen: number) {
    const rules = (await deps.settings.get(tx)).withdrawals;
    const { feeFen, netFen } = splitFee(amountFen, rules.feeBp);
    const member = await deps.members.sellerProfile(memberId, tx);
    const today = await usedToday(tx, memberId);
    const refusal = (() => {
      if (amountFen < rules.minFen || netFen < 1) {
        return new AppError('WITHDRAWAL_BELOW_MINIMUM', `the smallest withdrawal is ${formatYuan(rules.minFen)} yuan`, undefined, { minFen: rules.minFen });
      }
      if (netFen > rules.maxNetFen) {
        // WeChat Pay wants the payee's real name from 2,000 yuan up, which Sharecircle does not collect.
        return new AppError('WITHDRAWAL_ABOVE_MAXIMUM', `one withdrawal pays out at most ${formatYuan(rules.maxNetFen)} yuan; split it`, undefined, { maxNetFen: rules.maxNetFen });
      }
      if (!member || !isDistributing(member.status)) return new AppError('MEMBER_NOT_ACTIVE', 'only an active distributor can withdraw');
      if (today.count + 1 > rules.dailyCountMax) {
        return new AppError('WITHDRAWAL_LIMIT_REACHED', `at most ${rules.dailyCountMax} withdrawals a day`, undefined, { limit: 'count', dailyCountMax: rules.dailyCountMax });
      }
      if (today.amountFen + amountFen > rules.dailyAmountMaxFen) {
        return new AppError('WITHDRAWAL_LIMIT_REACHED', `at most ${formatYuan(rules.dailyAmountMaxFen)} yuan a day; ${formatYuan(rules.dailyAmountMaxFen - today.amountFen)} left today`, undefined, {
          limit: 'amount',
          dailyAmountMaxFen: rules.dailyAmountMaxFen,
          leftTodayFen: rules.dailyAmountMaxFen - today.amountFen,
        });
      }
      return null;
    })();
    return { rules, feeFen, netFen, today, refusal };
  }

  function view(row: WithdrawalRow): WithdrawalView {
    const pay = deps.wechatPay;
    const confirmable = row.status === 'wait_user_confirm' && row.packageInfo !== null && pay !== undefined;
    return {
      id: row.id,
      memberId: row.memberId,
      amountFen: row.amountFen,
      feeFen: row.feeFen,
      netFen: row.netFen,
      status: row.status,
      failReason: row.failReason,
      transferBillNo: row.transferBillNo,
      requestMerchantTransfer: confirmable ? { mchId: pay.mchid, appId: pay.appid, package: row.packageInfo! } : null,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    };
  }

  /** Moves a locked row to what WeChat reported: SUCCESS pays out, FAIL/CANCELLED give the money back. */
  async function applyTransfer(tx: Db, row: WithdrawalRow, report: TransferReport): Promise<WithdrawalRow> {
    const status = statusForState(report.state);
    const at = clock.now();
    if (status === 'succeeded') {
      await ledger.post(tx, paidEntry(row, at));
      await publish(tx, clock, {
        type: 'withdrawal.paid',
        memberId: row.memberId,
        payload: { withdrawalId: row.id, amountFen: row.amountFen, feeFen: row.feeFen, netFen: row.netFen },
      });
    }
    if (status === 'failed' || status === 'cancelled') await ledger.post(tx, reversalEntry(row, at));
    return update(tx, row.id, {
      status,
      transferBillNo: report.transferBillNo ?? row.transferBillNo,
      packageInfo: report.packageInfo ?? row.packageInfo,
      failReason: report.failReason ?? row.failReason,
    });
  }

  /** Applies a report only if the row is still where the caller left it; otherwise someone got there first. */
  const applyIfStill = (id: number, from: WithdrawalStatus, report: TransferReport) =>
    db.transaction(async (tx) => {
      const row = await lockRow(tx, id);
      return row.status === from ? applyTransfer(tx, row, report) : row;
    });

  /**
   * Sends a `submitting` withdrawal to WeChat Pay. Safe to repeat and to run concurrently: the same
   * out_bill_no returns the same bill, and only a row still `submitting` takes the answer.
   */
  async function submit(id: number): Promise<WithdrawalRow> {
    const row = await findRow(id);
    if (row.status !== 'submitting') return row;
    const pay = requireWechatPay(deps.wechatPay);
    let report: TransferReport;
    try {
      const member = await deps.members.sellerProfile(row.memberId);
      const { openid } = await deps.identity.getUser(member!.userId);
      const bill = await pay.client.createTransferBill({ outBillNo: outBillNoFor(id), openid, amountFen: row.netFen, remark: TRANSFER_REMARK, notifyUrl: pay.notifyUrl });
      report = { state: provisional(bill.state), transferBillNo: bill.transferBillNo, packageInfo: bill.packageInfo };
      if (bill.state === 'FAIL') report.failReason = (await pay.client.queryTransferBill(bill.outBillNo).catch(() => undefined))?.failReason ?? 'FAIL';
    } catch (error) {
      const refusal = definitiveRefusal(error);
      if (refusal === undefined) {
        deps.logger.warn({ err: error, withdrawalId: id }, 'withdrawal not accepted by WeChat Pay yet; withdrawals.submit retries it');
        return row;
      }
      report = { state: 'FAIL', failReason: refusal };
    }
    return applyIfStill(id, 'submitting', report);
  }

  async function ownRow(memberId: number, id: number): Promise<WithdrawalRow> {
    const row = await findRow(id);
    if (!row || row.memberId !== memberId) throw new AppError('WITHDRAWAL_NOT_FOUND', `you have no withdrawal ${id}`);
    return row;
  }

  /** Refuses a notification: not acknowledged, so WeChat retries and someone looks at the log. */
  function refuse(message: string, resource: unknown): never {
    deps.logger.error({ resource }, message);
    throw new AppError('UNPROCESSABLE', message);
  }

  return {
    /** A member asks to withdraw amountFen from available. */
    async request(memberId: number, amountFen: number): Promise<WithdrawalView> {
      requireWechatPay(deps.wechatPay);
      const row = await db.transaction(async (tx) => {
        await lockMember(tx, memberId);
        const { rules, feeFen, netFen, refusal } = await assess(tx, memberId, amountFen);
        if (refusal) throw refusal;
        const now = clock.now();
        const status = amountFen >= rules.reviewThresholdFen ? 'review' : 'submitting';
        const [created] = await tx.insert(withdrawals).values({ memberId, amountFen, feeFen, netFen, status, createdAt: now, updatedAt: now }).returning();
        await ledger.post(tx, reserveEntry(created, now)).catch((error: unknown) => {
          if (error instanceof AppError && error.code === 'INSUFFICIENT_BALANCE') {
            throw new AppError('INSUFFICIENT_BALANCE', `your available balance does not cover ${formatYuan(amountFen)} yuan`, undefined, { amountFen });
          }
          throw error;
        });
        return created;
      });
      return view(row.status === 'submitting' ? await submit(row.id) : row);
    },

    /** The fee and limits of a withdrawal of `amountFen`, and what POST /me/withdrawals would refuse now. */
    async quote(memberId: number, amountFen: number): Promise<WithdrawalQuote> {
      const { rules, feeFen, netFen, today, refusal } = await assess(db, memberId, amountFen);
      const { available } = await ledger.balancesOf(db, memberId);
      const shortfall = available < amountFen ? new AppError('INSUFFICIENT_BALANCE', `your available balance does not cover ${formatYuan(amountFen)} yuan`, undefined, { amountFen }) : null;
      const refused = refusal ?? shortfall;
      return {
        amountFen,
        feeFen,
        netFen,
        availableFen: available,
        minFen: rules.minFen,
        maxNetFen: rules.maxNetFen,
        dailyCountLeft: Math.max(rules.dailyCountMax - today.count, 0),
        dailyAmountLeftFen: Math.max(rules.dailyAmountMaxFen - today.amountFen, 0),
        needsReview: amountFen >= rules.reviewThresholdFen,
        refusal: refused ? { code: refused.code, message: refused.message, data: refused.data ?? {} } : null,
      };
    },

    async listOfMember(memberId: number, beforeId: number | undefined, limit: number): Promise<WithdrawalView[]> {
      const rows = await db
        .select()
        .from(withdrawals)
        .where(and(eq(withdrawals.memberId, memberId), beforeId ? lt(withdrawals.id, beforeId) : undefined))
        .orderBy(desc(withdrawals.id))
        .limit(limit);
      return rows.map(view);
    },

    async getOfMember(memberId: number, id: number): Promise<WithdrawalView> {
      return view(await ownRow(memberId, id));
    },

    /** While WeChat waits for the member's confirmation the member may withdraw the request; CANCELLED arrives by notification. */
    async cancel(memberId: number, id: number): Promise<WithdrawalView> {
      const row = await ownRow(memberId, id);
      if (row.status !== 'wait_user_confirm') throw new AppError('STATUS_TRANSITION_INVALID', `a withdrawal that is ${row.status} cannot be cancelled`);
      const pay = requireWechatPay(deps.wechatPay);
      const bill = await pay.client.cancelTransferBill(outBillNoFor(id)).catch((error: unknown) => {
        if (definitiveRefusal(error) !== undefined) throw new AppError('STATUS_TRANSITION_INVALID', 'WeChat Pay no longer lets this transfer be cancelled');
        throw error;
      });
      return view(await applyIfStill(id, 'wait_user_confirm', { state: provisional(bill.state), transferBillNo: bill.transferBillNo }));
    },

    async list(filter: { status?: WithdrawalStatus; beforeId?: number; limit: number }): Promise<WithdrawalView[]> {
      const rows = await db
        .select()
        .from(withdrawals)
        .where(and(filter.status ? eq(withdrawals.status, filter.status) : undefined, filter.beforeId ? lt(withdrawals.id, filter.beforeId) : undefined))
        .orderBy(desc(withdrawals.id))
        .limit(filter.limit);
      return rows.map(view);
    },

    async approve(actorUserId: number, id: number): Promise<WithdrawalView> {
      requireWechatPay(deps.wechatPay);
      await db.transaction(async (tx) => {
        const row = await lockRow(tx, id);
        if (!row) throw new AppError('WITHDRAWAL_NOT_FOUND', `there is no withdrawal ${id}`);
        if (row.status !== 'review') throw new AppError('WITHDRAWAL_NOT_IN_REVIEW', `withdrawal ${id} is ${row.status}`);
        await update(tx, id, { status: 'submitting' });
        await recordAudit(tx, { actorUserId, action: 'withdrawal.approved', subjectType: 'withdrawal', subjectId: id, at: clock.now() });
      });
      return view(await submit(id));
    },

    async reject(actorUserId: number, id: number, reason: string): Promise<WithdrawalView> {
      return view(
        await db.transaction(async (tx) => {
          const row = await lockRow(tx, id);
          if (!row) throw new AppError('WITHDRAWAL_NOT_FOUND', `there is no withdrawal ${id}`);
          if (row.status !== 'review') throw new AppError('WITHDRAWAL_NOT_IN_REVIEW', `withdrawal ${id} is ${row.status}`);
          const at = clock.now();
          await ledger.post(tx, reversalEntry(row, at));
          await recordAudit(tx, { actorUserId, action: 'withdrawal.rejected', subjectType: 'withdrawal', subjectId: id, reason, at });
          return update(tx, id, { status: 'rejected', failReason: reason });
        }),
      );
    },

    /** The withdrawals.submit job: retries what WeChat Pay did not take (outage, rate limit, no funds). */
    async submitPending(options: { batchSize: number }): Promise<Record<string, number>> {
      const due = await db
        .select({ id: withdrawals.id })
        .from(withdrawals)
        .where(eq(withdrawals.status, 'submitting'))
        .orderBy(asc(withdrawals.id))
        .limit(options.batchSize);
      const counts = { tried: due.length, accepted: 0, failed: 0, stillSubmitting: 0 };
      for (const { id } of due) {
        const after = await submit(id);
        if (after.status === 'submitting') counts.stillSubmitting += 1;
        else if (RETURNED_STATUSES.includes(after.status)) counts.failed += 1;
        else counts.accepted += 1;
      }
      return counts;
    },

    /**
     * The wechatpay.reconcile job's part for payouts whose final notification is overdue: asks WeChat
     * for the bill and applies a changed state as the notification would (under the row lock, only if
     * the row is still where it was), so a lost notification neither strands the money in withdrawing
     * nor pays twice when it turns up after all.
     */
    async reconcile(options: { batchSize: number }) {
      const due = await db
        .select()
        .from(withdrawals)
        .where(and(inArray(withdrawals.status, [...AWAITING_OUTCOME_STATUSES]), lt(withdrawals.updatedAt, new Date(clock.now().getTime() - NOTIFICATION_OVERDUE_MS))))
        .orderBy(asc(withdrawals.updatedAt))
        .limit(options.batchSize);
      return checkEach(due, async (row) => {
        const pay = requireWechatPay(deps.wechatPay);
        const bill = await pay.client.queryTransferBill(outBillNoFor(row.id));
        const status = statusForState(bill.state);
        if (status === row.status) return 'waiting';
        await applyIfStill(row.id, row.status, { state: bill.state, transferBillNo: bill.transferBillNo, failReason: bill.failReason });
        return status;
      });
    },

    /**
     * MCHTRANSFER.BILL.FINISHED, already verified and de-duplicated by notification id, in the
     * payments transaction. Idempotent by state too: WeChat may send the same outcome again under a new id.
     */
    async onTransferNotification(tx: Db, resource: Record<string, unknown>): Promise<void> {
      const parsed = transferResourceSchema.safeParse(resource);
      if (!parsed.success) refuse('a transfer notification in an unexpected shape', resource);
      const report = parsed.data;
      const pay = requireWechatPay(deps.wechatPay);
      if (report.mch_id !== undefined && report.mch_id !== pay.mchid) refuse(`a transfer notification for merchant ${report.mch_id}`, resource);
      const id = withdrawalIdOf(report.out_bill_no);
      const row = id === undefined ? undefined : await lockRow(tx, id);
      if (!row) refuse(`a transfer notification for unknown bill ${report.out_bill_no}`, resource);
      if (FINAL_WITHDRAWAL_STATUSES.includes(row.status)) {
        if (row.status !== statusForState(report.state)) deps.logger.error({ withdrawalId: row.id, status: row.status, resource }, 'WeChat Pay reports another outcome for a settled withdrawal');
        return;
      }
      if (!FINAL_TRANSFER_STATES.includes(report.state)) return;
      if (!AT_WECHAT_STATUSES.includes(row.status)) refuse(`withdrawal ${row.id} is ${row.status} and was never sent to WeChat Pay`, resource);
      if (report.transfer_amount !== row.netFen) refuse(`withdrawal ${row.id} pays ${row.netFen} fen but WeChat Pay reports ${report.transfer_amount}`, resource);
      await applyTransfer(tx, row, { state: report.state, transferBillNo: report.transfer_bill_no, failReason: report.fail_reason });
    },
  };
}

export type WithdrawalsService = ReturnType<typeof createWithdrawalsService>;
