import { z } from 'zod';
import { AppError } from '../http/app-error';
import { route } from '../http/route';
import { hasEnded, isPeriodKey, PERIOD_FORMAT, periodToRun, type PeriodCadence } from './cadence';
import { createJobRunner, type JobRunRow, type RunnerDeps } from './job-runner';
import type { JobDef } from './registry';

const RUNS_SHOWN = 5;

const runSchema = z.object({
  periodKey: z.string(),
  status: z.enum(['running', 'succeeded', 'failed']),
  attempts: z.number().int(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  result: z.record(z.string(), z.unknown()).nullable(),
  error: z.string().nullable(),
  errorAt: z.string().nullable(),
});

const runView = (row: JobRunRow) => ({
  periodKey: row.periodKey,
  status: row.status,
  attempts: row.attempts,
  startedAt: row.startedAt.toISOString(),
  finishedAt: row.finishedAt?.toISOString() ?? null,
  result: row.result,
  error: row.error,
  errorAt: row.errorAt?.toISOString() ?? null,
});

/**
 * The period HQ asked for, or the last complete one; refused unless it is a period of the job's cadence
 * that has ended (running a month before its end would mark it done too early).
 */
export function periodFor(cadence: PeriodCadence, requested: string | undefined, now: Date): string {
  if (requested === undefined) return periodToRun(cadence, now);
  const refuse = (issue: string) => new AppError('VALIDATION_FAILED', `invalid query: query.period ${issue}`, [{ path: 'query.period', issue }]);
  if (!isPeriodKey(cadence, requested)) throw refuse(`expected a ${cadence} as ${PERIOD_FORMAT[cadence]} (China time)`);
  if (!hasEnded(cadence, requested, now)) throw refuse(`${requested} has not ended yet (the last complete ${cadence} is ${periodToRun(cadence, now)})`);
  return requested;
}

export function jobsRoutes(jobs: JobDef[], deps: RunnerDeps) {
  const runner = createJobRunner(deps);
  return [
    route({
      method: 'get',
      path: '/admin/jobs',
      summary: 'The scheduled jobs and their recent runs',
      tag: 'admin',
      access: ['hq_admin'],
      response: z.object({
        items: z.array(
          z.object({
            name: z.string(),
            cadence: z.enum(['continuous', 'day', 'month', 'quarter']),
            schedule: z.string(),
            description: z.string(),
            /** Periodic jobs: the period a run now is for. */
            duePeriod: z.string().nullable(),
            /** Periodic jobs: the last runs, newest period first. */
            lastRuns: z.array(runSchema),
            /** Continuous jobs: the last recorded run, with the last error even if a later run succeeded. */
            lastRun: runSchema.nullable(),
          }),
        ),
      }),
      handler: async () => {
        const history = await runner.history(RUNS_SHOWN);
        const now = deps.clock.now();
        return {
          items: jobs.map((job) => {
            const runs = (history.get(job.name) ?? []).map(runView);
            const continuous = job.cadence === 'continuous';
            return {
              name: job.name,
              cadence: job.cadence,
              schedule: job.schedule,
              description: job.description,
              duePeriod: continuous ? null : periodToRun(job.cadence as PeriodCadence, now),
              lastRuns: continuous ? [] : runs,
              lastRun: continuous ? (runs[0] ?? null) : null,
            };
          }),
        };
      },
    }),
    route({
      method: 'post',
      path: '/admin/jobs/:name/run',
      summary: 'Run a scheduled job now (a periodic job: the given or last complete period, once unless forced)',
      tag: 'admin',
      access: ['hq_admin'],
      params: z.object({ name: z.string().max(64) }),
      query: z.object({
        period: z.string().max(16).optional(),
        force: z.enum(['true', 'false']).optional().transform((value) => value === 'true'),
      }),
      response: z.object({
        name: z.string(),
        periodKey: z.string().nullable(),
        status: z.enum(['succeeded', 'already_succeeded']),
        result: z.record(z.string(), z.unknown()),
      }),
      errors: ['NOT_FOUND', 'CONFLICT'],
      handler: async ({ params, query }) => {
        const job = jobs.find((candidate) => candidate.name === params.name);
        if (!job) throw new AppError('NOT_FOUND', `there is no job ${params.name}`);
        if (job.cadence === 'continuous') {
          if (query.period !== undefined) throw new AppError('VALIDATION_FAILED', 'invalid query: query.period a continuous job has no periods', [{ path: 'query.period', issue: 'a continuous job has no periods' }]);
          const outcome = await runner.runContinuous(job, { trigger: 'manual' });
          if (outcome.status === 'failed') throw outcome.error;
          return { name: job.name, periodKey: null, status: outcome.status, result: outcome.result };
        }
        const periodKey = periodFor(job.cadence, query.period, deps.clock.now());
        const outcome = await runner.runPeriodic(job, periodKey, { force: query.force, trigger: 'manual' });
        // A failure is recorded (GET /admin/jobs shows it) and answered like any other error.
        if (outcome.status === 'failed') throw outcome.error;
        if (outcome.status === 'succeeded' || outcome.status === 'already_succeeded') return { name: job.name, periodKey, status: outcome.status, result: outcome.result };
        if (outcome.status === 'running_elsewhere') throw new AppError('CONFLICT', `${job.name} for ${periodKey} is running since ${outcome.startedAt.toISOString()}`);
        throw new AppError('CONFLICT', `${job.name} for ${periodKey} cannot run now (${outcome.status})`);
      },
    }),
  ];
}
