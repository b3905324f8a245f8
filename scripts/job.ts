import pino from 'pino';
import { systemClock } from '../server/src/clock';
import { AppError } from '../server/src/http/app-error';
import { createJobRunner } from '../server/src/jobs/job-runner';
import { periodFor } from '../server/src/jobs/jobs.routes';
import { jobRegistry, type JobDef } from '../server/src/jobs/registry';
import { PERIOD_FORMAT } from '../server/src/jobs/cadence';
import { buildServices, type Services } from '../server/src/services';
import { openConfiguredDatabase } from './open-database';

const help = (jobs: JobDef[]) => `npm run job -- <name> [--period <key>] [--force]

Runs one scheduled job now, through the same runner as the server: a periodic job runs the given period
(by default the last complete one) once, recorded in job_runs, unless it already succeeded (--force runs
it again); a continuous job runs its batch. Prints the outcome as JSON. Exits 0 when the job succeeded
(or the period already had), 1 when it failed or is running in another process, 2 on a usage error.

Jobs:
${jobs.map((job) => `  ${job.name.padEnd(20)} ${(job.cadence === 'continuous' ? 'continuous' : `${job.cadence} (${PERIOD_FORMAT[job.cadence]})`).padEnd(22)} ${job.description}`).join('\n')}

Uses the database the server uses: DATABASE_URL, else PGlite in DATA_DIR (stop the server first:
PGlite serves one process at a time).`;

interface Args {
  name?: string;
  period?: string;
  force: boolean;
  help: boolean;
}

function parseArgs(argv: string[]): Args | string {
  const args: Args = { force: false, help: false };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') args.help = true;
    else if (arg === '--force') args.force = true;
    else if (arg === '--period') {
      if (argv[i + 1] === undefined || argv[i + 1].startsWith('--')) return '--period needs a value';
      args.period = argv[(i += 1)];
    } else if (arg.startsWith('--period=')) args.period = arg.slice('--period='.length);
    else if (!arg.startsWith('-') && args.name === undefined) args.name = arg;
    else return `unknown argument: ${arg}`;
  }
  return args;
}

const print = (value: unknown) => process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);

async function main(): Promise<number> {
  // Entries only touch `services` when run, so the list needs no database.
  const listed = jobRegistry({} as Services);
  const args = parseArgs(process.argv.slice(2));
  if (typeof args === 'string' || args.help || !args.name) {
    const problem = typeof args === 'string' ? args : args.help ? null : 'name a job';
    (problem ? process.stderr : process.stdout).write(`${problem ? `${problem}\n\n` : ''}${help(listed)}\n`);
    return problem ? 2 : 0;
  }
  const definition = listed.find((job) => job.name === args.name);
  if (!definition) {
    process.stderr.write(`there is no job ${args.name}\n\n${help(listed)}\n`);
    return 2;
  }
  let periodKey: string | null = null;
  try {
    if (definition.cadence !== 'continuous') periodKey = periodFor(definition.cadence, args.period, systemClock.now());
    else if (args.period !== undefined) throw new AppError('VALIDATION_FAILED', `${definition.name} is continuous: it has no periods`);
  } catch (error) {
    process.stderr.write(`${error instanceof AppError && error.details?.length ? error.details[0].issue : (error as Error).message}\n`);
    return 2;
  }

  const { config, database } = await openConfiguredDatabase();
  try {
    // Logs go to stderr: stdout is the outcome.
    const logger = pino({ level: config.logLevel, base: { service: 'sharecircle-job' } }, pino.destination(2));
    const services = buildServices({ config, db: database.db, clock: systemClock, logger });
    const job = jobRegistry(services).find((candidate) => candidate.name === definition.name)!;
    const runner = createJobRunner({ db: database.db, clock: systemClock, logger });
    const outcome = periodKey === null ? await runner.runContinuous(job, { trigger: 'manual' }) : await runner.runPeriodic(job, periodKey, { force: args.force, trigger: 'manual' });
    const { error, ...rest } = outcome as typeof outcome & { error?: unknown };
    print({ name: job.name, periodKey, ...rest, ...(error === undefined ? {} : { error: error instanceof Error ? error.message : String(error) }) });
    return outcome.status === 'succeeded' || outcome.status === 'already_succeeded' ? 0 : 1;
  } finally {
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`job failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
