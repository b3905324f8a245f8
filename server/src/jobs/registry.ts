import type { Services } from '../services';
import type { Cadence } from './cadence';

export type { Cadence } from './cadence';

/** What a run is told. */
export interface JobRunContext {
  /**
   * The period this run is for, China time: 'YYYY-MM-DD' (day), 'YYYY-MM' (month), 'YYYY-Qn' (quarter),
   * always one that has ended; 'continuous' for continuous jobs.
   */
  periodKey: string;
  /** When the run started, from the application clock. */
  now: Date;
}

/**
 * A scheduled job. To add one, append an entry to `jobRegistry` below that calls one service:
 *
 *   {
 *     name: 'assessments',              // unique; also the CLI's and POST /admin/jobs/{name}/run's name
 *     cadence: 'month',                 // 'continuous' | 'day' | 'month' | 'quarter'
 *     schedule: '30 0 1 * *',           // node-cron, China time: when to look for due periods
 *     description: 'Assess the month that ended',
 *     run: ({ periodKey }) => services.assessments.closeMonth(periodKey),
 *   }
 *
 * A periodic job (day / month / quarter) runs once per period, after the period has ended (month 2026-11
 * at or after 2026-12-01 00:00 China time), across all processes: the run is recorded in job_runs before
 * it starts, a failure is retried with backoff (at most 5 times by itself; HQ can retry by hand), a
 * succeeded period never runs again unless forced (`?force=true`, `--force`), and the periods missed while
 * no server ran are caught up at start (at most `catchUpPeriods`, never before the job's first recorded
 * period). Its `run` should still be safe to repeat for a period: a process that dies mid-run leaves the
 * period to be taken over once its heartbeat is 5 minutes old, and a forced run repeats it.
 *
 * A continuous job is an idempotent batch that may run at any time (every tick, concurrently in several
 * processes): nothing is recorded per period, only its last run and last error (for HQ), and it is
 * given periodKey 'continuous'.
 */
export interface JobDef {
  name: string;
  cadence: Cadence;
  /** node-cron expression, evaluated in China time. */
  schedule: string;
  description: string;
  /** Periodic jobs: how many missed periods a catch-up may run, oldest first (default 3). */
  catchUpPeriods?: number;
  /** Answers a small JSON-able summary; recorded for periodic jobs and shown to HQ. */
  run(context: JobRunContext): Promise<Record<string, unknown>>;
}

/** Every scheduled job: a thin entry that calls one domain service. Entries touch `services` only when run. */
export function jobRegistry(services: Services): JobDef[] {
  return [
    {
      name: 'bindings.expire',
      cadence: 'continuous',
      schedule: '*/5 * * * *',
      description: 'Unbind referral bindings whose validity ran out (expiring policy)',
      run: () => services.bindings.expireBindings({ batchSize: 500 }),
    },
    {
      name: 'outbox.dispatch',
      cadence: 'continuous',
      schedule: '*/5 * * * * *',
      description: 'Hand pending events (sale paid, refunded, ...) to their handlers: commission, rewards',
      run: () => services.outbox.drain({ batchSize: 200, maxBatches: 50, partitions: 2 }),
    },
    {
      name: 'commission.settle',
      cadence: 'continuous',
      schedule: '* * * * *',
      description: 'Move commission past its freeze days from pending to available, debt first',
      run: () => services.commission.settleDue({ batchSize: 500 }),
    },
    {
      name: 'assessments',
      cadence: 'month',
      schedule: '30 0 1 * *',
      description: 'When a month (or a quarter) closes, assess every active policy’s cohort and apply the outcome ladder',
      run: ({ periodKey }) => services.assessments.closeMonth(periodKey),
    },
    {
      name: 'assessments.warn',
      cadence: 'continuous',
      schedule: '0 9 * * *',
      description: 'Seven days before a period closes, tell members at risk what they still need',
      run: () => services.assessments.warnAtRisk(),
    },
    {
      name: 'levels.warn',
      // Continuous, not daily: it looks at today (the last week of the month or not) and warns each member
      // once a month by itself (a notification dedupe key), so running it again is harmless and answers
      // what that run did.
      cadence: 'continuous',
      schedule: '0 10 * * *',
      description: 'A week before the month ends, warn members whose level is at risk at re-evaluation',
      run: async () => ((await services.settings.get()).levels.reevaluation ? services.tellMembers.warnAtRisk({ batchSize: 500 }) : { skipped: 're-evaluation is off' }),
    },
    {
      name: 'levels.reevaluate',
      cadence: 'month',
      schedule: '10 0 1 * *',
      // It judges members as they stand now, whatever the period: catching up two missed months would
      // drop a member two levels for one shortfall.
      catchUpPeriods: 1,
      description: 'At the start of each month, members who no longer meet their level’s keep-conditions drop one level',
      run: async () => ((await services.settings.get()).levels.reevaluation ? services.rewards.levels.reevaluate({ batchSize: 500 }) : { skipped: 're-evaluation is off' }),
    },
    {
      name: 'withdrawals.submit',
      cadence: 'continuous',
      schedule: '*/2 * * * *',
      description: 'Send withdrawals WeChat Pay did not take (outage, rate limit) again, under the same out_bill_no',
      run: () => services.withdrawals.submitPending({ batchSize: 100 }),
    },
    {
      name: 'wechatpay.reconcile',
      // Continuous: every change goes through the notification's own handler under a row lock, so a
      // second run, or a notification arriving meanwhile, finds the row settled and leaves it.
      cadence: 'continuous',
      schedule: '*/10 * * * *',
      description: 'Ask WeChat Pay about orders, refunds and payouts whose notification is overdue and apply the answer; close orders left unpaid for two hours',
      run: async () => ({
        orders: await services.sales.reconcileOrders({ batchSize: 200 }),
        refunds: await services.refunds.reconcile({ batchSize: 200 }),
        withdrawals: await services.withdrawals.reconcile({ batchSize: 200 }),
      }),
    },
    {
      name: 'uploads.sweep',
      // Continuous: a row is deleted once (SKIP LOCKED), a missing file is no error.
      cadence: 'continuous',
      schedule: '20 * * * *',
      description: 'Delete proof images uploaded more than a day ago and never attached to a submission',
      run: () => services.tasks.uploads.sweepUnattached({ batchSize: 1000 }),
    },
    {
      name: 'competitions.close',
      // Closing is once per competition by itself (row lock, closed_at), so any tick in any process may run it.
      cadence: 'continuous',
      schedule: '* * * * *',
      description: 'Close competitions whose window has ended: freeze the results, grant the prizes, publish competition.closed',
      run: () => services.competitions.closeDue({ batchSize: 20 }),
    },
    {
      name: 'group-admins.expire',
      // Each right is revoked once (revoked_at, rows taken with SKIP LOCKED), so any tick in any process may run it.
      cadence: 'continuous',
      schedule: '*/10 * * * *',
      description: 'Revoke group-admin rights past their expiry: audit, tell the member and the manager, list the change for WeChat',
      run: () => services.communities.expireRights({ batchSize: 200 }),
    },
    {
      name: 'groups.wecom-sync',
      // Continuous: reading a size twice only records it twice; skipped when WeCom is not configured.
      cadence: 'continuous',
      schedule: '15 * * * *',
      description: 'Read the size of linked customer groups from WeCom (groupchat/get), least recently read first',
      run: () => services.communities.groups.syncAllFromWecom({ batchSize: 200 }),
    },
  ];
}
