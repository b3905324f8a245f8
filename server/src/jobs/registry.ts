import type { Services } from '../services';
import { periodKeyAt, previousPeriod } from '../modules/assessments';

export interface JobDef {
  name: string;
  /** node-cron expression. */
  schedule: string;
  description: string;
  run(): Promise<Record<string, unknown>>;
}

/** Every periodic job: a thin entry that calls one domain service. */
export function jobRegistry(services: Services): JobDef[] {
  return [
    {
      name: 'bindings.expire',
      schedule: '*/5 * * * *',
      description: 'Unbind referral bindings whose validity ran out (expiring policy)',
      run: () => services.bindings.expireBindings({ batchSize: 500 }),
    },
    {
      name: 'outbox.dispatch',
      schedule: '*/5 * * * * *',
      description: 'Hand pending events (sale paid, refunded, ...) to their handlers: commission, rewards',
      run: () => services.outbox.drain({ batchSize: 200, maxBatches: 50, partitions: 2 }),
    },
    {
      name: 'commission.settle',
      schedule: '* * * * *',
      description: 'Move commission past its freeze days from pending to available, debt first',
      run: () => services.commission.settleDue({ batchSize: 500 }),
    },
    {
      name: 'assessments',
      schedule: '30 0 1 * *',
      description: 'When a month (or a quarter) closes, assess every active policy’s cohort and apply the outcome ladder',
      run: () => services.assessments.closeMonth(previousPeriod(periodKeyAt('month', services.clock.now()))),
    },
    {
      name: 'assessments.warn',
      schedule: '0 9 * * *',
      description: 'Seven days before a period closes, tell members at risk what they still need',
      run: () => services.assessments.warnAtRisk(),
    },
    {
      name: 'levels.warn',
      schedule: '0 10 * * *',
      description: 'A week before the month ends, warn members whose level is at risk at re-evaluation',
      run: async () => ((await services.settings.get()).levels.reevaluation ? services.tellMembers.warnAtRisk({ batchSize: 500 }) : { skipped: 're-evaluation is off' }),
    },
    {
      name: 'levels.reevaluate',
      schedule: '10 0 1 * *',
      description: 'At the start of each month, members who no longer meet their level’s keep-conditions drop one level',
      run: async () => ((await services.settings.get()).levels.reevaluation ? services.rewards.levels.reevaluate({ batchSize: 500 }) : { skipped: 're-evaluation is off' }),
    },
    {
      name: 'withdrawals.submit',
      schedule: '*/2 * * * *',
      description: 'Send withdrawals WeChat Pay did not take (outage, rate limit) again, under the same out_bill_no',
      run: () => services.withdrawals.submitPending({ batchSize: 100 }),
    },
  ];
}
