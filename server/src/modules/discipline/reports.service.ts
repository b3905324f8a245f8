import { REPORT_WINDOW_HOURS, REPORTS_PER_WINDOW_MAX, type ReportReason } from '@sharecircle/shared';
import type { Db } from '../../db/database';
import type { Clock } from '../../clock';
import { AppError } from '../../http/app-error';
import { publish } from '../../outbox/outbox';
import { recordAudit } from '../audit';
import type { CommissionService } from '../commission';
import type { IdentityService } from '../identity';
import type { LedgerService, Posting } from '../ledger';
import { isDistributing, type MembersService } from '../members';
import type { NotificationsService } from '../notifications';
import * as repo from './discipline.repository';
import { REPORT_REASON_TEXT, reportOutcomeNotice, violationNotice } from './discipline-messages';
import type { ReportRow, ReportStatus } from './discipline.tables';
import type { RemovalsService } from './removals.service';

export interface ReportsDeps {
  db: Db;
  clock: Clock;
  members: MembersService;
  identity: Pick<IdentityService, 'usersByIds'>;
  notifications: Pick<NotificationsService, 'notify'>;
  ledger: LedgerService;
  commission: Pick<CommissionService, 'forfeitPending'>;
  removals: RemovalsService;
}

const REPORT_WINDOW_MS = REPORT_WINDOW_HOURS * 3_600_000;

/** What the reporter sees: the outcome only. */
const myView = (row: ReportRow) => ({
  id: row.id,
  memberCode: row.memberCode,
  reason: row.reason,
  status: row.status,
  createdAt: row.createdAt.toISOString(),
  decidedAt: row.decidedAt?.toISOString() ?? null,
});

const staffView = (row: ReportRow, memberNickname: string) => ({
  ...myView(row),
  reporterUserId: row.reporterUserId,
  memberId: row.memberId,
  memberNickname,
  evidence: row.evidence,
  note: row.note,
  decidedBy: row.decidedBy,
  forfeitedFen: row.status === 'confirmed' ? { pending: row.forfeitedPendingFen ?? 0, available: row.forfeitedAvailableFen ?? 0 } : null,
});

/**
 * Anyone signed in reports a member (rate-limited per reporter, counted in the database); a community
 * manager or HQ confirms or dismisses. Confirmation, in one transaction: the member is banned (removed
 * first with the handover if they were working), pending and available commission is forfeited to the
 * platform by a ledger entry, privileges and rights are revoked, and violation.confirmed is published.
 */
export function createReportsService(deps: ReportsDeps) {
  const { db, clock } = deps;

  function file(reporterUserId: number, body: { memberCode: string; reason: ReportReason; evidence?: string }) {
    return db.transaction(async (tx) => {
      const member = await deps.members.memberByReferralCode(body.memberCode, tx);
      if (!member) throw new AppError('MEMBER_NOT_FOUND', `no member has the referral code ${body.memberCode}`);
      if (member.userId === reporterUserId) throw new AppError('SELF_REPORT', 'you cannot report yourself');
      await repo.lockReporter(tx, reporterUserId);
      const now = clock.now();
      const recent = await repo.reportTimesSince(tx, reporterUserId, new Date(now.getTime() - REPORT_WINDOW_MS));
      if (recent.length >= REPORTS_PER_WINDOW_MAX) {
        // Room opens when enough of the window's reports age out of it.
        const retryAt = new Date(recent[recent.length - REPORTS_PER_WINDOW_MAX].getTime() + REPORT_WINDOW_MS);
        throw new AppError('RATE_LIMITED', `at most ${REPORTS_PER_WINDOW_MAX} reports in ${REPORT_WINDOW_HOURS} hours`, undefined, {
          retryAfter: retryAt.toISOString(),
          retryAfterSec: Math.ceil((retryAt.getTime() - now.getTime()) / 1000),
        });
      }
      const report = await repo.insertReport(tx, {
        reporterUserId,
        memberId: member.id,
        memberCode: body.memberCode,
        reason: body.reason,
        evidence: body.evidence ?? null,
        status: 'open',
        createdAt: now,
      });
      return myView(report);
    });
  }

  async function mine(reporterUserId: number, beforeId: number | undefined, limit: number) {
    return (await repo.reportsOfReporter(db, reporterUserId, beforeId, limit)).map(myView);
  }

  async function list(status: ReportStatus, beforeId: number | undefined, limit: number) {
    const rows = await repo.reportsPage(db, status, beforeId, limit);
    const profiles = new Map<number, number>();
    for (const memberId of new Set(rows.map((row) => row.memberId))) {
      const profile = await deps.members.sellerProfile(memberId);
      if (profile) profiles.set(memberId, profile.userId);
    }
    const users = await deps.identity.usersByIds([...profiles.values()]);
    return rows.map((row) => staffView(row, users.get(profiles.get(row.memberId) ?? -1)?.nickname ?? ''));
  }

  async function nicknameOf(tx: Db, memberId: number): Promise<string> {
    const profile = await deps.members.sellerProfile(memberId, tx);
    return (profile && (await deps.identity.usersByIds([profile.userId], tx)).get(profile.userId)?.nickname) ?? '';
  }

  async function openReport(tx: Db, reportId: number): Promise<ReportRow> {
    const report = await repo.reportById(tx, reportId, true);
    if (!report) throw new AppError('REPORT_NOT_FOUND', `there is no report ${reportId}`);
    if (report.status !== 'open') throw new AppError('REPORT_ALREADY_DECIDED', `the report was already ${report.status}`);
    return report;
  }

  /**
   * Moves everything pending and available to forfeiture income in one entry (`forfeit:{reportId}`),
   * after marking the pending commission rows so settlement never moves them again. The rows are locked
   * before the balances, in settlement's order.
   */
  async function forfeit(tx: Db, report: ReportRow, at: Date) {
    await deps.commission.forfeitPending(tx, report.memberId, at);
    const { pending, available } = await deps.ledger.balancesOf(tx, report.memberId, { lock: true });
    const postings: Posting[] = [
      ...(pending > 0 ? [{ account: { memberId: report.memberId, kind: 'pending' as const }, amountFen: -pending }] : []),
      ...(available > 0 ? [{ account: { memberId: report.memberId, kind: 'available' as const }, amountFen: -available }] : []),
    ];
    if (postings.length > 0) {
      await deps.ledger.post(tx, {
        key: `forfeit:${report.id}`,
        kind: 'violation.forfeited',
        memberId: report.memberId,
        refType: 'report',
        refId: report.id,
        memo: `违规核实，待结算佣金没收（举报 #${report.id}）`,
        postings: [...postings, { account: { platform: 'forfeiture_income' }, amountFen: pending + available }],
        at,
      });
    }
    return { pending, available };
  }

  function confirm(actorUserId: number, reportId: number, note: string) {
    return db.transaction(async (tx) => {
      const report = await openReport(tx, reportId);
      const member = await deps.members.lockMember(tx, report.memberId);
      if (!member) throw new AppError('MEMBER_NOT_FOUND', `there is no member ${report.memberId}`);
      const at = clock.now();
      const reason = `违规（举报 #${report.id}）：${REPORT_REASON_TEXT[report.reason]}`;
      if (isDistributing(member.status)) {
        await deps.removals.removeMember(tx, { memberId: member.id, reason, actorUserId, cause: 'violation' }, { notifyMember: false });
      } else {
        const standing = await repo.standingRemoval(tx, member.id);
        await deps.removals.revokeRights(tx, { removalId: standing?.id ?? null, memberId: member.id, userId: member.userId, cause: 'violation', reason, actorUserId, at });
      }
      await deps.members.setStatusIn(tx, { memberId: member.id, to: 'banned', reason, actorUserId });
      const forfeited = await forfeit(tx, report, at);
      const decided = await repo.updateReport(tx, report.id, {
        status: 'confirmed',
        note,
        decidedBy: actorUserId,
        decidedAt: at,
        forfeitedPendingFen: forfeited.pending,
        forfeitedAvailableFen: forfeited.available,
      });
      await publish(tx, clock, { type: 'violation.confirmed', memberId: member.id, payload: { reportId: report.id, memberId: member.id, reason: report.reason } });
      await recordAudit(tx, {
        actorUserId,
        action: 'report.confirmed',
        subjectType: 'member',
        subjectId: member.id,
        data: { reportId: report.id, reason: report.reason, forfeitedPendingFen: forfeited.pending, forfeitedAvailableFen: forfeited.available },
        reason: note,
        at,
      });
      await deps.notifications.notify(tx, {
        userId: member.userId,
        kind: 'generic',
        ...violationNotice(report.reason, forfeited.pending + forfeited.available),
        data: { reportId: report.id, forfeitedFen: forfeited.pending + forfeited.available },
        dedupeKey: `report:${report.id}:member`,
      });
      await tellReporter(tx, decided);
      return staffView(decided, await nicknameOf(tx, decided.memberId));
    });
  }

  function dismiss(actorUserId: number, reportId: number, note: string) {
    return db.transaction(async (tx) => {
      const report = await openReport(tx, reportId);
      const at = clock.now();
      const decided = await repo.updateReport(tx, report.id, { status: 'dismissed', note, decidedBy: actorUserId, decidedAt: at });
      await recordAudit(tx, { actorUserId, action: 'report.dismissed', subjectType: 'member', subjectId: report.memberId, data: { reportId: report.id }, reason: note, at });
      await tellReporter(tx, decided);
      return staffView(decided, await nicknameOf(tx, decided.memberId));
    });
  }

  async function tellReporter(tx: Db, report: ReportRow) {
    await deps.notifications.notify(tx, {
      userId: report.reporterUserId,
      kind: 'generic',
      ...reportOutcomeNotice(report.status === 'confirmed'),
      data: { reportId: report.id, status: report.status },
      dedupeKey: `report:${report.id}:outcome`,
    });
  }

  return { file, mine, list, confirm, dismiss };
}

export type ReportsService = ReturnType<typeof createReportsService>;
