import { and, asc, eq, isNull, lte } from 'drizzle-orm';
import type { Db } from '../../db/database';
import type { Clock } from '../../clock';
import { publish } from '../../outbox/outbox';
import { recordAudit } from '../audit';
import type { Rewards } from '../rewards';
import * as repo from './competitions.repository';
import { competitions, type CompetitionRow } from './competitions.tables';
import { METRIC_SOURCE, nextPeriodStart, periodsOf } from './windows';

/** The reward engine's grant, which competitions call for the prizes defined on them. */
export type PrizeGranter = Pick<Rewards['grants'], 'grantMany'>;

/**
 * How long after its end a competition waits for the outbox to count the events of its window. Past
 * it, an event still failing (it will go dead and HQ replays it) no longer holds up everyone's prizes.
 */
export const SETTLE_WAIT_MAX_MS = 3_600_000;
/** Members who share the prize ranks, at most (ties can make more winners than ranks). */
const PRIZE_WINNERS_MAX = 5_000;
const ANNOUNCE_PAGE = 1_000;

export const specOf = (row: CompetitionRow): repo.BoardSpec => ({ metric: row.metric, periods: periodsOf(row.startsAt, row.endsAt), cohort: row.cohort });

export type CloseOutcome = 'closed' | 'skipped' | 'waiting';

/**
 * Closing a competition, once: one transaction per competition under its row lock (a second run, in
 * this process or another, waits for the lock and then finds it closed), the standings frozen into
 * competition_results, prizes granted under keys unique per competition, rank and member, and
 * competition.closed published for every ranked member so HQ's rules can reward ranks too.
 */
export function createClosing(deps: { db: Db; clock: Clock; prizes: PrizeGranter }) {
  const { db, clock } = deps;

  async function grantPrizes(tx: Db, row: CompetitionRow, at: Date): Promise<number> {
    let granted = 0;
    for (const prize of row.prizes) {
      const winners = await repo.resultsBetween(tx, row.id, prize.fromRank, prize.toRank, PRIZE_WINNERS_MAX);
      const grants = await deps.prizes.grantMany(
        tx,
        winners.map((winner) => ({ memberId: winner.memberId, reward: prize.reward, sourceKey: `competition:${row.id}:rank:${winner.rank}:member:${winner.memberId}`, at })),
      );
      granted += grants.filter(Boolean).length;
    }
    return granted;
  }

  async function announce(tx: Db, row: CompetitionRow, ranked: number) {
    for (let after: repo.StandingRow | null = null; ; ) {
      const page: repo.StandingRow[] = await repo.resultsAfter(tx, row.id, after, ANNOUNCE_PAGE);
      for (const result of page) {
        await publish(tx, clock, {
          type: 'competition.closed',
          memberId: result.memberId,
          payload: { competitionId: row.id, name: row.name, metric: row.metric, rank: result.rank, value: result.value, ranked },
        });
      }
      if (page.length < ANNOUNCE_PAGE) return;
      after = page[page.length - 1];
    }
  }

  /** A repeating competition opens its next window as it closes, in the same transaction: once. */
  async function openNext(tx: Db, row: CompetitionRow, at: Date): Promise<number> {
    const to = nextPeriodStart(row.repeat === 'weekly' ? 'week' : 'month', row.endsAt);
    const [next] = await tx
      .insert(competitions)
      .values({ name: row.name, metric: row.metric, cohort: row.cohort, startsAt: row.endsAt, endsAt: to, repeat: row.repeat, prizes: row.prizes, createdBy: row.createdBy, createdAt: at })
      .returning({ id: competitions.id });
    return next.id;
  }

  async function closeOne(id: number): Promise<CloseOutcome> {
    return db.transaction(async (tx) => {
      const [row] = await tx.select().from(competitions).where(eq(competitions.id, id)).for('update');
      const now = clock.now();
      if (!row || row.closedAt || row.cancelledAt || row.endsAt > now) return 'skipped';
      const settling = now.getTime() < row.endsAt.getTime() + SETTLE_WAIT_MAX_MS;
      if (settling && (await repo.eventsPendingBefore(tx, METRIC_SOURCE[row.metric].events, row.endsAt))) return 'waiting';
      const ranked = await repo.insertResults(tx, row.id, specOf(row));
      const granted = await grantPrizes(tx, row, now);
      await announce(tx, row, ranked);
      const nextId = row.repeat === 'none' ? null : await openNext(tx, row, now);
      await tx.update(competitions).set({ closedAt: now, ranked }).where(eq(competitions.id, row.id));
      await recordAudit(tx, { actorUserId: null, action: 'competition.closed', subjectType: 'competition', subjectId: row.id, data: { ranked, prizesGranted: granted, nextId }, at: now });
      return 'closed';
    });
  }

  return {
    closeOne,
    /** The competitions.close job: every open competition whose window has ended, oldest first. */
    async closeDue(options: { batchSize: number }) {
      const due = await db
        .select({ id: competitions.id })
        .from(competitions)
        .where(and(isNull(competitions.closedAt), isNull(competitions.cancelledAt), lte(competitions.endsAt, clock.now())))
        .orderBy(asc(competitions.endsAt), asc(competitions.id))
        .limit(options.batchSize);
      const outcome: Record<CloseOutcome, number> = { closed: 0, skipped: 0, waiting: 0 };
      for (const { id } of due) outcome[await closeOne(id)] += 1;
      return outcome;
    },
  };
}
