import pino from 'pino';
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows, type Database } from '../../server/src/db/database';
import { periodToRun } from '../../server/src/jobs/cadence';
import { ABANDONED_AFTER_MS, createJobRunner, MAX_AUTOMATIC_ATTEMPTS, retryBackoffMs, type RunnerDeps } from '../../server/src/jobs/job-runner';
import { jobRegistry, type Cadence, type JobDef } from '../../server/src/jobs/registry';
import { catchUp } from '../../server/src/jobs/scheduler';
import { testDatabaseUrl } from '../helpers/database-url';
import { startTestApp, type TestApp, type UserClient } from '../helpers/test-app';

const logger = pino({ level: 'silent' });
let t: TestApp;
let admin: UserClient;
let deps: RunnerDeps;
/** A second connection pool on the same schema: another server process, as far as the database can tell. */
let other: Database | undefined;
let otherDeps: RunnerDeps;

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.admin();
  deps = { db: t.database.db, clock: t.clock, logger };
  const url = await testDatabaseUrl();
  if (url) {
    const [{ schema }] = await queryRows<{ schema: string }>(t.database.db, sql`SELECT current_schema() AS schema`);
    other = await openDatabase({ url, pgliteDir: 'memory://', poolMax: 2, searchPath: schema });
  }
  // PGlite in memory is private to this process: both "processes" share it there.
  otherDeps = { db: (other ?? t.database).db, clock: t.clock, logger };
});
afterAll(async () => {
  await other?.close();
  await t.close();
});
beforeEach(() => t.clock.set('2026-11-02T02:00:00.000Z'));

let jobs = 0;
/** A job registered only here: counts its runs per period, fails for the periods in `failing`, waits for `gate` if set. */
function countingJob(cadence: Cadence = 'month', options: { failing?: Set<string>; gate?: () => Promise<void> } = {}) {
  const runs: string[] = [];
  const job: JobDef = {
    name: `test.counting.${++jobs}`,
    cadence,
    schedule: '0 0 1 * *',
    description: 'counts its runs',
    async run({ periodKey }) {
      runs.push(periodKey);
      await options.gate?.();
      if (options.failing?.has(periodKey)) throw new Error(`no data for ${periodKey}`);
      return { periodKey, run: runs.length };
    },
  };
  return { job, runs };
}

const released = () => {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  return { gate: () => gate, release };
};

async function runRow(job: string, periodKey: string) {
  const [row] = await queryRows<{ status: string; attempts: number; error: string | null }>(t.database.db, sql`SELECT status, attempts, error FROM job_runs WHERE job = ${job} AND period_key = ${periodKey}`);
  return row ? { ...row, attempts: Number(row.attempts) } : undefined;
}

type JobView = { name: string; lastRuns: Record<string, unknown>[]; lastRun: Record<string, unknown> | null };
const jobView = async (name: string) => ((await admin.get('/admin/jobs').expect(200)).body.items as JobView[]).find((item) => item.name === name)!;

describe('periods', () => {
  it('a month is due once it has ended in China time, and a run answers the last complete period', () => {
    expect(periodToRun('month', new Date('2026-11-30T15:59:59.999Z'))).toBe('2026-10');
    expect(periodToRun('month', new Date('2026-11-30T16:00:00.000Z'))).toBe('2026-11');
    expect(periodToRun('day', new Date('2026-11-30T16:00:00.000Z'))).toBe('2026-11-30');
    expect(periodToRun('quarter', new Date('2027-01-01T00:00:00.000Z'))).toBe('2026-Q4');
    expect(periodToRun('quarter', new Date('2026-12-31T15:00:00.000Z'))).toBe('2026-Q3');
  });
});

describe('a period runs once', () => {
  it('a second run of a period that succeeded answers the recorded result without running', async () => {
    const { job, runs } = countingJob();
    const runner = createJobRunner(deps);
    expect(await runner.runPeriodic(job, '2026-10')).toMatchObject({ status: 'succeeded', attempts: 1, result: { periodKey: '2026-10', run: 1 } });
    expect(await runner.runPeriodic(job, '2026-10')).toMatchObject({ status: 'already_succeeded', attempts: 1, result: { periodKey: '2026-10', run: 1 } });
    expect(runs).toEqual(['2026-10']);
  });

  it('two processes running the same period at once run it once', async () => {
    const { gate, release } = released();
    const { job, runs } = countingJob('month', { gate });
    const first = createJobRunner(deps).runPeriodic(job, '2026-10');
    const second = createJobRunner(otherDeps).runPeriodic(job, '2026-10');
    const loser = await Promise.race([first, second]);
    expect(loser).toMatchObject({ status: 'running_elsewhere', periodKey: '2026-10' });
    release();
    const outcomes = await Promise.all([first, second]);
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['running_elsewhere', 'succeeded']);
    expect(runs).toEqual(['2026-10']);
    expect(await runRow(job.name, '2026-10')).toMatchObject({ status: 'succeeded', attempts: 1 });
  });

  it('two processes catching up at once run each missed period once, in order', async () => {
    const { job, runs } = countingJob();
    await catchUp([job], deps);
    t.clock.set('2027-01-05T02:00:00.000Z');
    await Promise.all([catchUp([job], deps), catchUp([job], otherDeps)]);
    await catchUp([job], otherDeps);
    expect(runs).toEqual(['2026-10', '2026-11', '2026-12']);
  });

  it('force runs a period that succeeded again', async () => {
    const { job, runs } = countingJob();
    const runner = createJobRunner(deps);
    await runner.runPeriodic(job, '2026-10');
    expect(await runner.runPeriodic(job, '2026-10', { force: true })).toMatchObject({ status: 'succeeded', attempts: 2, result: { run: 2 } });
    expect(runs).toEqual(['2026-10', '2026-10']);
  });
});

describe('catch-up at start', () => {
  it('runs the periods missed while no server ran, oldest first, at most three', async () => {
    const { job, runs } = countingJob();
    // A new job starts with the last complete period rather than inventing history.
    expect((await catchUp([job], deps))[job.name].map((outcome) => outcome.periodKey)).toEqual(['2026-10']);
    t.clock.set('2027-01-05T02:00:00.000Z');
    const report = await catchUp([job], deps);
    expect(report[job.name].map((outcome) => [outcome.periodKey, outcome.status])).toEqual([['2026-11', 'succeeded'], ['2026-12', 'succeeded']]);
    expect((await catchUp([job], deps))[job.name]).toEqual([]);
    t.clock.set('2027-06-05T02:00:00.000Z');
    await catchUp([job], deps);
    expect(runs).toEqual(['2026-10', '2026-11', '2026-12', '2027-03', '2027-04', '2027-05']);
  });

  it('daily and quarterly jobs catch up their own periods', async () => {
    const daily = countingJob('day');
    const quarterly = countingJob('quarter');
    await catchUp([daily.job, quarterly.job], deps);
    t.clock.set('2027-01-02T02:00:00.000Z');
    await catchUp([daily.job, quarterly.job], deps);
    expect(daily.runs).toEqual(['2026-11-01', '2026-12-30', '2026-12-31', '2027-01-01']);
    expect(quarterly.runs).toEqual(['2026-Q3', '2026-Q4']);
  });

  it('stops at a period that fails, so the later ones wait and then run in order', async () => {
    const failing = new Set(['2026-11']);
    const { job, runs } = countingJob('month', { failing });
    await catchUp([job], deps);
    t.clock.set('2027-01-05T02:00:00.000Z');
    expect((await catchUp([job], deps))[job.name].map((outcome) => outcome.status)).toEqual(['failed']);
    expect(runs).toEqual(['2026-10', '2026-11']);
    failing.clear();
    const runner = createJobRunner(deps);
    expect(await runner.runDue(job, { retriesOnly: true })).toEqual([expect.objectContaining({ periodKey: '2026-11', status: 'retry_later' })]);
    t.clock.advanceMs(retryBackoffMs(1));
    expect((await runner.runDue(job, { retriesOnly: true })).map((outcome) => [outcome.periodKey, outcome.status])).toEqual([['2026-11', 'succeeded'], ['2026-12', 'succeeded']]);
    expect(runs).toEqual(['2026-10', '2026-11', '2026-11', '2026-12']);
  });

  it('takes over a period left running by a process that died, once its heartbeat is old, and the late owner records nothing', async () => {
    const { gate, release } = released();
    const { job, runs } = countingJob('month', { gate });
    const dying = createJobRunner(deps).runPeriodic(job, '2026-10');
    while (runs.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const successor = countingJob();
    const takeOver = { ...successor.job, name: job.name };
    expect(await createJobRunner(otherDeps).runPeriodic(takeOver, '2026-10', { trigger: 'schedule' })).toMatchObject({ status: 'running_elsewhere' });
    t.clock.advanceMs(ABANDONED_AFTER_MS);
    expect(await createJobRunner(otherDeps).runPeriodic(takeOver, '2026-10', { trigger: 'schedule' })).toMatchObject({ status: 'succeeded', attempts: 2 });
    release();
    await dying;
    expect(await runRow(job.name, '2026-10')).toMatchObject({ status: 'succeeded', attempts: 2 });
    expect(successor.runs).toEqual(['2026-10']);
  });
});

describe('failures', () => {
  it('a failed run is retried with backoff up to a limit, then only by hand', async () => {
    const { job, runs } = countingJob('month', { failing: new Set(['2026-10']) });
    const runner = createJobRunner(deps);
    expect(await runner.runPeriodic(job, '2026-10', { trigger: 'schedule' })).toMatchObject({ status: 'failed', attempts: 1 });
    expect(await runRow(job.name, '2026-10')).toMatchObject({ status: 'failed', attempts: 1, error: 'Error: no data for 2026-10' });
    for (let attempts = 1; attempts < MAX_AUTOMATIC_ATTEMPTS; attempts += 1) {
      expect(await runner.runDue(job, { retriesOnly: true })).toEqual([expect.objectContaining({ status: 'retry_later' })]);
      t.clock.advanceMs(retryBackoffMs(attempts));
      expect(await runner.runDue(job, { retriesOnly: true })).toEqual([expect.objectContaining({ status: 'failed', attempts: attempts + 1 })]);
    }
    t.clock.advanceDays(1);
    expect(await runner.runDue(job, { retriesOnly: true })).toEqual([]);
    expect(await runner.runPeriodic(job, '2026-10', { trigger: 'schedule' })).toMatchObject({ status: 'gave_up' });
    expect(runs).toHaveLength(MAX_AUTOMATIC_ATTEMPTS);
    expect(await runner.runPeriodic(job, '2026-10', { trigger: 'manual' })).toMatchObject({ status: 'failed', attempts: MAX_AUTOMATIC_ATTEMPTS + 1 });
  });

  it('HQ sees a failed re-evaluation with its error, the retry that succeeds, and runs it again only when forced', async () => {
    const reevaluate = jobRegistry(t.services).find((job) => job.name === 'levels.reevaluate')!;
    await admin.patch('/admin/settings', { levels: { reevaluation: true } }).expect(200);
    const spy = jest.spyOn(t.services.rewards.levels, 'reevaluate').mockRejectedValueOnce(new Error('counters unavailable'));
    try {
      await admin.post('/admin/jobs/levels.reevaluate/run').expect(500);
      const failed = await jobView('levels.reevaluate');
      expect(failed).toMatchObject({ cadence: 'month', schedule: '10 0 1 * *', duePeriod: '2026-10', lastRun: null });
      expect(failed.lastRuns[0]).toMatchObject({ periodKey: '2026-10', status: 'failed', attempts: 1, error: 'Error: counters unavailable', finishedAt: '2026-11-02T02:00:00.000Z' });

      const runner = createJobRunner(deps);
      expect(await runner.runDue(reevaluate, { retriesOnly: true })).toEqual([expect.objectContaining({ status: 'retry_later' })]);
      t.clock.advanceMs(retryBackoffMs(1));
      expect(await runner.runDue(reevaluate, { retriesOnly: true })).toEqual([expect.objectContaining({ periodKey: '2026-10', status: 'succeeded', attempts: 2 })]);
      const retried = await jobView('levels.reevaluate');
      // The error stays visible after the retry that succeeded.
      expect(retried.lastRuns[0]).toMatchObject({ periodKey: '2026-10', status: 'succeeded', attempts: 2, error: 'Error: counters unavailable', result: { checked: 0, demoted: 0 } });

      const again = await admin.post('/admin/jobs/levels.reevaluate/run?period=2026-10').expect(200);
      expect(again.body).toEqual({ name: 'levels.reevaluate', periodKey: '2026-10', status: 'already_succeeded', result: { checked: 0, demoted: 0 } });
      expect(spy).toHaveBeenCalledTimes(2);
      const forced = await admin.post('/admin/jobs/levels.reevaluate/run?period=2026-10&force=true').expect(200);
      expect(forced.body).toMatchObject({ periodKey: '2026-10', status: 'succeeded' });
      expect(spy).toHaveBeenCalledTimes(3);
      expect(await runRow('levels.reevaluate', '2026-10')).toMatchObject({ status: 'succeeded', attempts: 3 });
    } finally {
      spy.mockRestore();
      await admin.patch('/admin/settings', { levels: { reevaluation: false } }).expect(200);
    }
  });

  it('a continuous job keeps its last run and last error for HQ, and answers its result as before', async () => {
    const spy = jest.spyOn(t.services.bindings, 'expireBindings').mockRejectedValueOnce(new Error('bindings table locked'));
    try {
      await admin.post('/admin/jobs/bindings.expire/run').expect(500);
      const failed = await jobView('bindings.expire');
      expect(failed).toMatchObject({ cadence: 'continuous', duePeriod: null, lastRuns: [], lastRun: { status: 'failed', attempts: 1, error: 'Error: bindings table locked' } });
      const ok = await admin.post('/admin/jobs/bindings.expire/run').expect(200);
      expect(ok.body).toMatchObject({ name: 'bindings.expire', periodKey: null, status: 'succeeded', result: expect.any(Object) });
      expect((await jobView('bindings.expire')).lastRun).toMatchObject({ status: 'succeeded', attempts: 0, error: 'Error: bindings table locked', errorAt: '2026-11-02T02:00:00.000Z' });
    } finally {
      spy.mockRestore();
    }
    expect(await t.runJob('outbox.dispatch')).toMatchObject({ done: expect.any(Number), failed: 0 });
    const [{ count }] = await queryRows<{ count: string }>(t.database.db, sql`SELECT count(*) AS count FROM job_runs WHERE job = 'outbox.dispatch'`);
    expect(Number(count)).toBe(1);
  });
});

describe('POST /admin/jobs/{name}/run', () => {
  it('refuses a period that is not one of the job’s, or has not ended, with details', async () => {
    for (const period of ['2026-13', '2026-10-01', '2026-Q3', 'junk', '2026-11']) {
      const response = await admin.post(`/admin/jobs/levels.reevaluate/run?period=${period}`).expect(400);
      expect(response.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'query.period', issue: expect.any(String) }] });
    }
    expect((await admin.post('/admin/jobs/outbox.dispatch/run?period=2026-10').expect(400)).body.error.code).toBe('VALIDATION_FAILED');
    expect((await admin.post('/admin/jobs/levels.reevaluate/run?force=maybe').expect(400)).body.error.code).toBe('VALIDATION_FAILED');
    expect((await admin.post('/admin/jobs/no.such.job/run').expect(404)).body.error.code).toBe('NOT_FOUND');
    expect(await runRow('levels.reevaluate', '2026-11')).toBeUndefined();
  });

  it('answers 409 while the period is running in another process', async () => {
    const reevaluate = jobRegistry(t.services).find((job) => job.name === 'levels.reevaluate')!;
    const { gate, release } = released();
    const slow: JobDef = { ...reevaluate, run: async () => (await gate(), { slow: true }) };
    const running = createJobRunner(otherDeps).runPeriodic(slow, '2026-09');
    while (!(await runRow('levels.reevaluate', '2026-09'))) await new Promise((resolve) => setTimeout(resolve, 5));
    expect((await admin.post('/admin/jobs/levels.reevaluate/run?period=2026-09').expect(409)).body.error.code).toBe('CONFLICT');
    release();
    await running;
    expect((await admin.post('/admin/jobs/levels.reevaluate/run?period=2026-09').expect(200)).body).toMatchObject({ status: 'already_succeeded', result: { slow: true } });
  });
});
