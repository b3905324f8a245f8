import type { Db } from '../../db/database';
import type { Clock } from '../../clock';
import type { OutboxEvent } from '../../outbox/outbox.tables';
import type { OrgService } from '../org';
import { createBoardCache } from './board-cache';
import type { PrizeGranter } from './closing';
import { createCompetitionsService } from './competitions.service';
import { createCustomersService } from './customers.service';
import { createLeaderboards, type Standings } from './leaderboards.service';

export { competitionsRoutes } from './competitions.routes';

/** Boards up to this many members are recomputed on the spot after a change (milliseconds of SQL). */
const SMALL_BOARD_ROWS = 5_000;

/** Events whose handling changes what boards count (besides the counters' own handler). */
export const BOARD_EVENTS = ['sale.paid', 'sale.refunded', 'fans.reported', 'task.completed'] as const;

/** Competitions, standing leaderboards, and the new-customer counts both read. */
export function createCompetitions(deps: { db: Db; clock: Clock; org: OrgService; prizes: PrizeGranter }) {
  const cache = createBoardCache<Standings>({ maxEntries: 200, minTtlMs: 1_000, maxTtlMs: 60_000, isSmall: (board) => board.memberIds.length <= SMALL_BOARD_ROWS, nowMs: () => performance.now() });
  const leaderboards = createLeaderboards({ db: deps.db, clock: deps.clock, org: deps.org, cache });
  const customers = createCustomersService();
  const competitions = createCompetitionsService({ db: deps.db, clock: deps.clock, org: deps.org, leaderboards, prizes: deps.prizes });
  return {
    competitions,
    leaderboards,
    customers,
    /** Outbox batch handler for BOARD_EVENTS: keeps new customers in line with sales and marks cached boards stale. */
    async onBoardEvents(tx: Db, events: OutboxEvent[]): Promise<void> {
      await customers.onSaleEvents(tx, events.filter((event) => event.type === 'sale.paid' || event.type === 'sale.refunded'));
      leaderboards.invalidate();
    },
    closeDue: competitions.closeDue,
  };
}

export type Competitions = ReturnType<typeof createCompetitions>;
