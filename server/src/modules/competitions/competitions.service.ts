import { and, desc, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import type { CompetitionBody, Leaderboard, Prize } from '@sharecircle/shared';
import type { Db } from '../../db/database';
import { DAY_MS, type Clock } from '../../clock';
import { AppError } from '../../http/app-error';
import { recordAudit } from '../audit';
import { maskNickname } from '../members';
import type { OrgService } from '../org';
import * as repo from './competitions.repository';
import { competitions, type CompetitionRow } from './competitions.tables';
import type { Leaderboards, Viewer } from './leaderboards.service';
import { isWholePeriod, METRIC_SOURCE, periodWindow } from './windows';
import { createClosing, specOf, type PrizeGranter } from './closing';

/** Members see competitions still to come, running, or closed within this many days. */
const RECENT_DAYS = 31;
const MEMBER_LIST_MAX = 50;

export type CompetitionStatus = 'scheduled' | 'running' | 'closing' | 'closed' | 'cancelled';

export function statusOf(row: CompetitionRow, now: Date): CompetitionStatus {
  if (row.cancelledAt) return 'cancelled';
  if (row.closedAt) return 'closed';
  if (now < row.startsAt) return 'scheduled';
  return now < row.endsAt ? 'running' : 'closing';
}

/** HQ's contests: a window, a cohort, a metric, prizes per rank; live boards while they run, frozen results after. */
export function createCompetitionsService(deps: { db: Db; clock: Clock; org: OrgService; leaderboards: Leaderboards; prizes: PrizeGranter }) {
  const { db, clock } = deps;

  const view = (row: CompetitionRow) => ({
    id: row.id,
    name: row.name,
    metric: row.metric,
    cohort: row.cohort,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    repeat: row.repeat,
    prizes: row.prizes,
    status: statusOf(row, clock.now()),
    closedAt: row.closedAt?.toISOString() ?? null,
    ranked: row.ranked,
    createdAt: row.createdAt.toISOString(),
  });

  async function find(id: number, tx: Db = db): Promise<CompetitionRow> {
    const [row] = await tx.select().from(competitions).where(eq(competitions.id, id));
    if (!row) throw new AppError('COMPETITION_NOT_FOUND', `there is no competition ${id}`);
    return row;
  }

  function invalid(path: string, issue: string): never {
    throw new AppError('VALIDATION_FAILED', `invalid body: ${path} ${issue}`, [{ path: `body.${path}`, issue }]);
  }

  async function checkBody(body: CompetitionBody, from: Date, to: Date) {
    if (body.repeat === 'monthly' && !isWholePeriod('month', from, to)) invalid('repeat', 'a monthly competition runs one calendar month');
    if (body.repeat === 'weekly' && !isWholePeriod('week', from, to)) invalid('repeat', 'a weekly competition runs one ISO week (Monday to Sunday)');
    if (body.cohort.storeId !== undefined) await deps.org.getStore(body.cohort.storeId);
    if (body.cohort.regionId !== undefined && !(await repo.regionExists(db, body.cohort.regionId))) {
      throw new AppError('REGION_NOT_FOUND', `there is no region ${body.cohort.regionId}`);
    }
    // Growing one's group is headcount: recognise it with badges or certificates, never cash.
    if (body.metric === 'group_growth' && body.prizes.some((prize: Prize) => prize.reward.kind === 'cash')) {
      throw new AppError('RULE_PAYS_FOR_RECRUITING', 'a group-growth competition pays cash for headcount; PRC anti-pyramid rules and WeChat platform rules forbid pay-per-head: give a badge or certificate instead');
    }
  }

  async function frozen(row: CompetitionRow, viewer: Viewer, limit: number) {
    const top = await repo.resultsAfter(db, row.id, null, limit);
    const names = await repo.nicknames(db, top.map((result) => result.memberId));
    const mine = viewer.memberId === null ? undefined : await repo.resultOf(db, row.id, viewer.memberId);
    let me: Leaderboard['me'] = mine ? { rank: mine.rank, value: mine.value } : null;
    if (!mine && viewer.memberId !== null) {
      // Whether they were in the cohort at close is not kept; today's cohort answers "not ranked".
      const member = await repo.memberFacts(db, viewer.memberId);
      if (member && repo.inCohort(member, row.cohort)) me = { rank: null, value: 0 };
    }
    return {
      items: top.map((result) => ({
        rank: result.rank,
        nickname: viewer.staff ? names.get(result.memberId) ?? '' : maskNickname(names.get(result.memberId) ?? ''),
        value: result.value,
        isMe: result.memberId === viewer.memberId,
        ...(viewer.staff ? { memberId: result.memberId } : {}),
      })),
      me,
      ranked: row.ranked ?? 0,
      asOf: row.closedAt!.toISOString(),
    };
  }

  const closing = createClosing({ db, clock, prizes: deps.prizes });

  return {
    view,
    closeDue: closing.closeDue,

    async create(actorUserId: number, body: CompetitionBody) {
      const now = clock.now();
      const month = periodWindow('month', now);
      const from = body.startsAt ? new Date(body.startsAt) : month.from;
      const to = body.endsAt ? new Date(body.endsAt) : month.to;
      await checkBody(body, from, to);
      return db.transaction(async (tx) => {
        const [row] = await tx
          .insert(competitions)
          .values({ name: body.name, metric: body.metric, cohort: body.cohort, startsAt: from, endsAt: to, repeat: body.repeat, prizes: body.prizes, createdBy: actorUserId, createdAt: now })
          .returning();
        await recordAudit(tx, { actorUserId, action: 'competition.created', subjectType: 'competition', subjectId: row.id, data: { ...body, startsAt: from.toISOString(), endsAt: to.toISOString() }, at: now });
        return view(row);
      });
    },

    async list(page: { beforeId?: number; limit: number }) {
      const rows = await db
        .select()
        .from(competitions)
        .where(page.beforeId ? lt(competitions.id, page.beforeId) : undefined)
        .orderBy(desc(competitions.id))
        .limit(page.limit);
      return rows.map(view);
    },

    /** Competitions a member sees: to come, running, or closed lately (not cancelled), each with whether they take part. */
    async listForMember(memberId: number) {
      const since = new Date(clock.now().getTime() - RECENT_DAYS * DAY_MS);
      const rows = await db
        .select()
        .from(competitions)
        .where(and(isNull(competitions.cancelledAt), or(isNull(competitions.closedAt), gt(competitions.endsAt, since))))
        .orderBy(desc(competitions.endsAt), desc(competitions.id))
        .limit(MEMBER_LIST_MAX);
      const member = await repo.memberFacts(db, memberId);
      return rows.map((row) => ({ ...view(row), eligible: member !== undefined && repo.inCohort(member, row.cohort) }));
    },

    /** Live standings while it runs (and until it is closed), the frozen results after. */
    async leaderboard(id: number, viewer: Viewer, limit: number) {
      const row = await find(id);
      if (row.cancelledAt && !viewer.staff) throw new AppError('COMPETITION_NOT_FOUND', `there is no competition ${id}`);
      const board = row.closedAt ? await frozen(row, viewer, limit) : await deps.leaderboards.live(specOf(row), viewer, limit);
      return {
        competition: view(row),
        metric: row.metric,
        unit: METRIC_SOURCE[row.metric].unit,
        from: row.startsAt.toISOString(),
        to: row.endsAt.toISOString(),
        periodKey: null,
        scope: null,
        final: row.closedAt !== null,
        ...board,
      };
    },

    /** HQ calls a competition off before it closes: no results, no prizes. */
    async cancel(actorUserId: number, id: number, reason: string) {
      return db.transaction(async (tx) => {
        await tx.execute(sql`SELECT id FROM competitions WHERE id = ${id} FOR UPDATE`);
        const row = await find(id, tx);
        if (row.closedAt) throw new AppError('COMPETITION_CLOSED', `competition ${id} closed at ${row.closedAt.toISOString()}; its prizes are granted`);
        if (row.cancelledAt) return view(row);
        const at = clock.now();
        const [updated] = await tx.update(competitions).set({ cancelledAt: at, cancelReason: reason }).where(eq(competitions.id, id)).returning();
        await recordAudit(tx, { actorUserId, action: 'competition.cancelled', subjectType: 'competition', subjectId: id, reason, at });
        return view(updated);
      });
    },

  };
}

export type CompetitionsService = ReturnType<typeof createCompetitionsService>;
