import { sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Clock } from '../clock';
import { queryRows, type Db } from '../db/database';
import { lastCompletePeriods, type PeriodCadence } from './cadence';
import type { JobDef } from './registry';

export interface RunnerDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
}

/** The scheduler waits out backoff and stops after MAX_AUTOMATIC_ATTEMPTS; a person (HTTP, CLI) retries at once. */
export type Trigger = 'schedule' | 'manual';

export type JobResult = Record<string, unknown>;

export type PeriodicOutcome = { periodKey: string; attempts: number } & (
  | { status: 'succeeded'; result: JobResult }
  | { status: 'already_succeeded'; result: JobResult }
  | { status: 'failed'; error: unknown }
  /** Another process (or this one) is running the period now. */
  | { status: 'running_elsewhere'; startedAt: Date }
  /** Failed before; the scheduler tries again at retryAt. */
  | { status: 'retry_later'; retryAt: Date }
  /** Failed MAX_AUTOMATIC_ATTEMPTS times; only HQ (POST run, CLI) tries it again. */
  | { status: 'gave_up' }
);

export type ContinuousOutcome = { status: 'succeeded'; result: JobResult } | { status: 'failed'; error: unknown };

export interface JobRunRow {
  job: string;
  periodKey: string;
  status: 'running' | 'succeeded' | 'failed';
  attempts: number;
  startedAt: Date;
  heartbeatAt: Date;
  finishedAt: Date | null;
  result: JobResult | null;
  error: string | null;
  errorAt: Date | null;
}

export const MAX_AUTOMATIC_ATTEMPTS = 5;
export const HEARTBEAT_MS = 30_000;
/** A 'running' row whose heartbeat is older than this was left by a process that died: the period may be retaken. */
export const ABANDONED_AFTER_MS = 5 * 60_000;
export const CATCH_UP_PERIODS = 3;
/** The period key of a continuous job's single row (and what its run is given). */
export const CONTINUOUS_KEY = 'continuous';
/** A continuous job that keeps succeeding is recorded at most this often per process (outbox.dispatch ticks every 5 s). */
const CONTINUOUS_RECORD_EVERY_MS = 60_000;
const ERROR_LENGTH_MAX = 2000;

export const retryBackoffMs = (attempts: number) => Math.min(60_000 * 2 ** (attempts - 1), 3_600_000);

const errorText = (error: unknown) => (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(0, ERROR_LENGTH_MAX);

const COLUMNS = sql.raw(`job, period_key AS "periodKey", status, attempts, started_at AS "startedAt", heartbeat_at AS "heartbeatAt",
  finished_at AS "finishedAt", result, error, error_at AS "errorAt"`);

/** Rows as plain objects whatever the driver made of timestamps and jsonb. */
function toRow(raw: Record<string, unknown>): JobRunRow {
  const at = (value: unknown) => (value === null || value === undefined ? null : new Date(value as string));
  const result = typeof raw.result === 'string' ? JSON.parse(raw.result) : raw.result;
  return {
    job: String(raw.job),
    periodKey: String(raw.periodKey),
    status: raw.status as JobRunRow['status'],
    attempts: Number(raw.attempts),
    startedAt: at(raw.startedAt)!,
    heartbeatAt: at(raw.heartbeatAt)!,
    finishedAt: at(raw.finishedAt),
    result: (result ?? null) as JobResult | null,
    error: (raw.error as string | null) ?? null,
    errorAt: at(raw.errorAt),
  };
}

/**
 * What to do with an existing row of the period: a pure decision, taken under the period's lock.
 * 'claim' means this caller runs it.
 */
export function decide(row: JobRunRow, now: Date, options: { force: boolean; trigger: Trigger }): 'claim' | PeriodicOutcome {
  const base = { periodKey: row.periodKey, attempts: row.attempts };
  if (row.status === 'running') {
    const abandoned = now.getTime() - row.heartbeatAt.getTime() >= ABANDONED_AFTER_MS;
    return abandoned ? 'claim' : { ...base, status: 'running_elsewhere', startedAt: row.startedAt };
  }
  if (row.status === 'succeeded') return options.force ? 'claim' : { ...base, status: 'already_succeeded', result: row.result ?? {} };
  if (options.trigger === 'manual') return 'claim';
  if (row.attempts >= MAX_AUTOMATIC_ATTEMPTS) return { ...base, status: 'gave_up' };
  const retryAt = new Date((row.finishedAt ?? row.startedAt).getTime() + retryBackoffMs(row.attempts));
  return now < retryAt ? { ...base, status: 'retry_later', retryAt } : 'claim';
}

/**
 * Runs jobs through job_runs. A periodic run first claims its (job, period) row in a short transaction
 * under an advisory lock of that period (per schema: tests share one database): insert it, or retake it
 * when it failed, was forced, or was abandoned. The work then runs outside that transaction (it opens its
 * own), the row's heartbeat moving forward meanwhile, and the outcome is recorded only if the row is
 * still ours (same attempt number), so a process that was wrongly thought dead cannot record over its
 * successor.
 */
export function createJobRunner(deps: RunnerDeps) {
  const { db, clock, logger } = deps;
  const lastRecorded = new Map<string, { atMs: number; failed: boolean }>();

  async function claim(job: JobDef, periodKey: string, options: { force: boolean; trigger: Trigger }): Promise<{ attempts: number } | PeriodicOutcome> {
    return db.transaction(async (tx) => {
      await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('sharecircle:job:' || current_schema()), hashtext(${`${job.name}@${periodKey}`}::text))`);
      const now = clock.now();
      const [existing] = await queryRows<Record<string, unknown>>(tx, sql`SELECT ${COLUMNS} FROM job_runs WHERE job = ${job.name} AND period_key = ${periodKey} FOR UPDATE`);
      if (!existing) {
        await tx.execute(sql`INSERT INTO job_runs (job, period_key, status, attempts, started_at, heartbeat_at) VALUES (${job.name}, ${periodKey}, 'running', 1, ${now}, ${now})`);
        return { attempts: 1 };
      }
      const decision = decide(toRow(existing), now, options);
      if (decision !== 'claim') return decision;
      const [taken] = await queryRows<{ attempts: number }>(
        tx,
        sql`UPDATE job_runs SET status = 'running', attempts = attempts + 1, started_at = ${now}, heartbeat_at = ${now}, finished_at = NULL, result = NULL
             WHERE job = ${job.name} AND period_key = ${periodKey} RETURNING attempts`,
      );
      return { attempts: Number(taken.attempts) };
    });
  }

  /** Records the outcome if the row is still this attempt's; answers whether it was. */
  async function finish(job: JobDef, periodKey: string, attempts: number, outcome: ContinuousOutcome): Promise<boolean> {
    const now = clock.now();
    const set =
      outcome.status === 'succeeded'
        ? sql`status = 'succeeded', finished_at = ${now}, result = ${JSON.stringify(outcome.result)}::jsonb`
        : sql`status = 'failed', finished_at = ${now}, error = ${errorText(outcome.error)}, error_at = ${now}`;
    const rows = await queryRows<{ job: string }>(
      db,
      sql`UPDATE job_runs SET ${set} WHERE job = ${job.name} AND period_key = ${periodKey} AND attempts = ${attempts} AND status = 'running' RETURNING job`,
    );
    return rows.length > 0;
  }

  /** Runs one period of a periodic job, unless it already succeeded (force runs it again) or is running elsewhere. */
  async function runPeriodic(job: JobDef, periodKey: string, options: { force?: boolean; trigger?: Trigger } = {}): Promise<PeriodicOutcome> {
    const decision = await claim(job, periodKey, { force: options.force ?? false, trigger: options.trigger ?? 'manual' });
    if ('status' in decision) return decision;
    const { attempts } = decision;
    const heartbeat = setInterval(() => {
      db.execute(sql`UPDATE job_runs SET heartbeat_at = ${clock.now()} WHERE job = ${job.name} AND period_key = ${periodKey} AND attempts = ${attempts} AND status = 'running'`).catch((error) =>
        logger.warn({ err: error, job: job.name, periodKey }, 'job heartbeat failed'),
      );
    }, HEARTBEAT_MS);
    heartbeat.unref();
    let outcome: ContinuousOutcome;
    try {
      outcome = { status: 'succeeded', result: await job.run({ periodKey, now: clock.now() }) };
    } catch (error) {
      outcome = { status: 'failed', error };
    } finally {
      clearInterval(heartbeat);
    }
    try {
      if (!(await finish(job, periodKey, attempts, outcome))) logger.warn({ job: job.name, periodKey, attempts }, 'job run was taken over by another process; its outcome is not recorded');
    } catch (error) {
      // The row stays 'running' and is retaken once abandoned: the period runs again rather than never.
      logger.error({ err: error, job: job.name, periodKey }, 'could not record the job run');
    }
    if (outcome.status === 'failed') {
      logger.error({ err: outcome.error, job: job.name, periodKey, attempts }, 'job failed');
      return { periodKey, attempts, status: 'failed', error: outcome.error };
    }
    logger.info({ job: job.name, periodKey, attempts, result: outcome.result }, 'job succeeded');
    return { periodKey, attempts, status: 'succeeded', result: outcome.result };
  }

  /** Runs a continuous job now and keeps its last run and last error in its single row (throttled when all is well). */
  async function runContinuous(job: JobDef, options: { trigger?: Trigger } = {}): Promise<ContinuousOutcome> {
    const startedAt = clock.now();
    let outcome: ContinuousOutcome;
    try {
      outcome = { status: 'succeeded', result: await job.run({ periodKey: CONTINUOUS_KEY, now: startedAt }) };
    } catch (error) {
      outcome = { status: 'failed', error };
    }
    const finishedAt = clock.now();
    const failed = outcome.status === 'failed';
    const error = outcome.status === 'failed' ? errorText(outcome.error) : null;
    const result = outcome.status === 'succeeded' ? JSON.stringify(outcome.result) : null;
    const previous = lastRecorded.get(job.name);
    const worthRecording = options.trigger === 'manual' || failed || !previous || previous.failed || finishedAt.getTime() - previous.atMs >= CONTINUOUS_RECORD_EVERY_MS;
    if (worthRecording) {
      try {
        await db.execute(sql`
          INSERT INTO job_runs (job, period_key, status, attempts, started_at, heartbeat_at, finished_at, result, error, error_at)
          VALUES (${job.name}, ${CONTINUOUS_KEY}, ${outcome.status}, ${failed ? 1 : 0}, ${startedAt}, ${finishedAt}, ${finishedAt},
                  ${result}::jsonb, ${error}, ${failed ? finishedAt : null})
          ON CONFLICT (job, period_key) DO UPDATE SET
            status = EXCLUDED.status,
            attempts = CASE WHEN EXCLUDED.status = 'failed' THEN job_runs.attempts + 1 ELSE 0 END,
            started_at = EXCLUDED.started_at, heartbeat_at = EXCLUDED.heartbeat_at, finished_at = EXCLUDED.finished_at,
            result = EXCLUDED.result,
            error = coalesce(EXCLUDED.error, job_runs.error), error_at = coalesce(EXCLUDED.error_at, job_runs.error_at)`);
        lastRecorded.set(job.name, { atMs: finishedAt.getTime(), failed });
      } catch (error) {
        logger.error({ err: error, job: job.name }, 'could not record the job run');
      }
    }
    if (outcome.status === 'failed') logger.error({ err: outcome.error, job: job.name }, 'job failed');
    else logger.debug({ job: job.name, result: outcome.result }, 'job finished');
    return outcome;
  }

  /**
   * Runs a periodic job's due periods that have not succeeded, oldest first: the last `catchUpPeriods`
   * complete periods, none before the job's first recorded period (a new job starts with the latest
   * one rather than inventing history). Stops at the first period that cannot go through now, so periods
   * run in order; one the scheduler gave up on is passed over (HQ sees it failed). `retriesOnly` does
   * nothing unless a period in the window failed (and may be retried) or was left running: the retry
   * sweep between a job's ticks, which then carries on with the later periods too.
   */
  async function runDue(job: JobDef, options: { retriesOnly?: boolean } = {}): Promise<PeriodicOutcome[]> {
    const cadence = job.cadence as PeriodCadence;
    const window = lastCompletePeriods(cadence, clock.now(), Math.max(1, job.catchUpPeriods ?? CATCH_UP_PERIODS));
    const rows = await queryRows<{ periodKey: string; status: string; attempts: number }>(
      db,
      sql`SELECT period_key AS "periodKey", status, attempts FROM job_runs WHERE job = ${job.name} AND period_key >= ${window[0]}`,
    );
    const retryable = rows.some((row) => row.status === 'running' || (row.status === 'failed' && Number(row.attempts) < MAX_AUTOMATIC_ATTEMPTS));
    if (options.retriesOnly && !retryable) return [];
    const [{ first }] = await queryRows<{ first: string | null }>(db, sql`SELECT min(period_key) AS first FROM job_runs WHERE job = ${job.name}`);
    const statusOf = new Map(rows.map((row) => [row.periodKey, row.status]));
    const candidates = first === null ? window.slice(-1) : window.filter((period) => period >= first);
    const outcomes: PeriodicOutcome[] = [];
    for (const period of candidates) {
      if (statusOf.get(period) === 'succeeded') continue;
      const outcome = await runPeriodic(job, period, { trigger: 'schedule' });
      outcomes.push(outcome);
      if (!['succeeded', 'already_succeeded', 'gave_up'].includes(outcome.status)) break;
    }
    return outcomes;
  }

  /** At start: every periodic job's missed periods (see runDue). One job's trouble does not stop the others. */
  async function catchUp(jobs: JobDef[]): Promise<Record<string, PeriodicOutcome[]>> {
    const report: Record<string, PeriodicOutcome[]> = {};
    for (const job of jobs.filter((candidate) => candidate.cadence !== 'continuous')) {
      try {
        report[job.name] = await runDue(job);
      } catch (error) {
        logger.error({ err: error, job: job.name }, 'job catch-up failed');
        report[job.name] = [];
      }
    }
    return report;
  }

  /** The last `perJob` rows of each job, newest period first, for HQ. */
  async function history(perJob: number): Promise<Map<string, JobRunRow[]>> {
    const raw = await queryRows<Record<string, unknown>>(
      db,
      sql`SELECT ${COLUMNS} FROM (SELECT *, row_number() OVER (PARTITION BY job ORDER BY period_key DESC) AS n FROM job_runs) ranked WHERE n <= ${perJob} ORDER BY job, period_key DESC`,
    );
    const byJob = new Map<string, JobRunRow[]>();
    for (const row of raw.map(toRow)) byJob.set(row.job, [...(byJob.get(row.job) ?? []), row]);
    return byJob;
  }

  return { runPeriodic, runContinuous, runDue, catchUp, history };
}

export type JobRunner = ReturnType<typeof createJobRunner>;

/** One period of a periodic job, as the scheduler, HQ and the command line run it. */
export function runPeriodic(job: JobDef, periodKey: string, deps: RunnerDeps & { force?: boolean; trigger?: Trigger }): Promise<PeriodicOutcome> {
  return createJobRunner(deps).runPeriodic(job, periodKey, { force: deps.force, trigger: deps.trigger });
}
