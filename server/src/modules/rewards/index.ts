import type { Db } from '../../db/database';
import type { Clock } from '../../clock';
import type { LedgerService } from '../ledger';
import type { MembersService } from '../members';
import { createCountersService } from './counters.service';
import { createRewardEngine } from './engine.service';
import { createGiftsService } from './gifts.service';
import { createGrantsService, type CertificateIssuer } from './grants.service';
import { createLevelsService } from './levels.service';
import { createRulesService } from './rules.service';

export { rewardsRoutes } from './rewards.routes';
export { recruitingCashViolation } from './compliance';
export { rewardNotifications } from './reward-notifications';

/** The reward engine and what HQ and members do with it. */
export function createRewards(deps: { db: Db; clock: Clock; ledger: LedgerService; members: MembersService; certificates?: CertificateIssuer }) {
  const counters = createCountersService({ clock: deps.clock });
  const grants = createGrantsService({ clock: deps.clock, ledger: deps.ledger, members: deps.members, certificates: deps.certificates });
  const levels = createLevelsService({ db: deps.db, clock: deps.clock, members: deps.members, counters, grants });
  const engine = createRewardEngine({ clock: deps.clock, members: deps.members, counters, grants, levels });
  const rules = createRulesService({ db: deps.db, clock: deps.clock });
  const gifts = createGiftsService({ db: deps.db, clock: deps.clock, grants });
  return { counters, grants, levels, engine, rules, gifts };
}

export type Rewards = ReturnType<typeof createRewards>;
