import cron from 'node-cron';
import { createJobRunner, type PeriodicOutcome, type RunnerDeps } from './job-runner';
import type { JobDef } from './registry';

/** Schedules are read in China time, like the periods. */
export const SCHEDULE_TIME_ZONE = 'Asia/Shanghai';
/** Between a periodic job's ticks (a month apart), failed or abandoned periods are looked at this often. */
const RETRY_SWEEP_SCHEDULE = '* * * * *';
/** On shutdown, in-flight runs get this long to finish; a periodic one cut short is retaken later. */
const STOP_WAIT_MS = 10_000;

export interface Scheduler {
  /** Runs every periodic job's missed periods; never rejects (failures are recorded and logged). */
  catchUp(): Promise<Record<string, PeriodicOutcome[]>>;
  stop(): Promise<void>;
}

/**
 * Starts each job on its schedule: a continuous job runs its batch, a periodic job runs its due periods
 * (see JobDef). In this process a job never runs twice at once (a tick during a run is skipped); across
 * processes job_runs sees to it for periodic jobs and continuous jobs lock for themselves.
 */
export function startScheduler(jobs: JobDef[], deps: RunnerDeps): Scheduler {
  const runner = createJobRunner(deps);
  const running = new Map<string, Promise<unknown>>();

  function exclusive<T>(job: JobDef, work: () => Promise<T>, fallback: T): Promise<T> {
    if (running.has(job.name)) return Promise.resolve(fallback);
    const run = work()
      .catch((error) => {
        deps.logger.error({ err: error, job: job.name }, 'job run failed');
        return fallback;
      })
      .finally(() => running.delete(job.name));
    running.set(job.name, run);
    return run;
  }

  const tick = (job: JobDef) =>
    job.cadence === 'continuous'
      ? exclusive(job, () => runner.runContinuous(job, { trigger: 'schedule' }), undefined)
      : exclusive(job, () => runner.runDue(job), []);
  const periodic = jobs.filter((job) => job.cadence !== 'continuous');
  const options = { noOverlap: true, timezone: SCHEDULE_TIME_ZONE };
  const tasks = jobs.map((job) => cron.schedule(job.schedule, () => tick(job), { ...options, name: job.name }));
  tasks.push(
    cron.schedule(RETRY_SWEEP_SCHEDULE, () => Promise.all(periodic.map((job) => exclusive(job, () => runner.runDue(job, { retriesOnly: true }), []))), { ...options, name: 'jobs.retry' }),
  );

  return {
    async catchUp() {
      const report: Record<string, PeriodicOutcome[]> = {};
      for (const job of periodic) report[job.name] = await exclusive(job, () => runner.runDue(job), []);
      return report;
    },
    async stop() {
      await Promise.all(tasks.map((task) => task.stop()));
      await Promise.race([Promise.allSettled([...running.values()]), new Promise((resolve) => setTimeout(resolve, STOP_WAIT_MS).unref())]);
    },
  };
}

/** Runs every periodic job's missed periods once, without scheduling anything (tests, tools). */
export function catchUp(jobs: JobDef[], deps: RunnerDeps): Promise<Record<string, PeriodicOutcome[]>> {
  return createJobRunner(deps).catchUp(jobs);
}
