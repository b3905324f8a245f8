/**
 * Ledger bench: not a test, it asserts nothing about time; it measures and prints.
 *   1. paid store sales per second turned into L1 + L2 commission by the outbox (vs bare one-row commits)
 *   2. p50 / p99 of GET /api/v1/me/balances under many keep-alive connections, closed and open loop (vs a plain Koa route)
 *   3. verifyLedger over everything written
 * Runs against local PostgreSQL in a schema of its own, dropped at the end. `--help` for the flags.
 */
import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { verifyLedger } from '../../server/src/modules/ledger';
import { balancesPart } from './lib/balances';
import { commissionPart } from './lib/commission';
import { openBench } from './lib/context';
import { printJson, printTable, type Report } from './lib/report';
import { parseRates } from './lib/route-load';
import { LOCAL_DATABASE, dropSchema } from './lib/seed';

const FLAGS = {
  sales: { type: 'string', default: '20000', help: 'paid store sales in the backlog (part 1)' },
  clerks: { type: 'string', default: '50', help: 'KOS clerks who recorded them' },
  uplines: { type: 'string', default: '1', help: 'KOC uplines the clerks were brought in by (L2 earners)' },
  drainers: { type: 'string', default: '2', help: 'concurrent outbox workers, drain({ partitions }) (and bare-insert connections)' },
  'batch-size': { type: 'string', default: '200', help: 'events per outbox transaction (the outbox.dispatch job uses 200)' },
  'max-batches': { type: 'string', default: '5', help: 'batches per partition per drain() call (the deadline is checked between calls)' },
  deadline: { type: 'string', default: '300', help: 'seconds after which the drain stops (the run then reports it incomplete)' },
  members: { type: 'string', default: '100000', help: 'members in the big ledger (part 2)' },
  postings: { type: 'string', default: '1000000', help: 'postings in the big ledger' },
  requests: { type: 'string', default: '20000', help: 'measured GETs per route' },
  warmup: { type: 'string', default: '2000', help: 'GETs sent first and not measured' },
  connections: { type: 'string', default: '200', help: 'concurrent keep-alive connections' },
  rates: { type: 'string', default: '0,500', help: 'one run per entry: 0 = closed loop over the connections, else open loop at that many requests/s' },
  pool: { type: 'string', default: '20', help: 'DATABASE_POOL_MAX of the server' },
  only: { type: 'string', default: 'all', help: 'commission | balances | all' },
  profile: { type: 'boolean', default: false, help: 'time every SQL statement of the drain by shape and print the costliest' },
  'keep-schema': { type: 'boolean', default: false, help: 'leave the bench schema in place (to EXPLAIN its queries)' },
  json: { type: 'boolean', default: false, help: 'print the figures as JSON instead of the table' },
  help: { type: 'boolean', default: false, help: 'this text' },
} as const;

function usage(): string {
  const lines = Object.entries(FLAGS).map(([name, flag]) => `  --${name.padEnd(13)} ${flag.help}${flag.type === 'string' ? ` (default ${flag.default})` : ''}`);
  return `usage: npx tsx scripts/bench/ledger.ts [flags]\n\nDATABASE_URL, else ${LOCAL_DATABASE}; a schema of its own, dropped at the end.\n\n${lines.join('\n')}\n`;
}

const { values: args } = parseArgs({ options: FLAGS, strict: true });
const int = (name: keyof typeof FLAGS) => {
  const value = Number(args[name]);
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`--${name} must be a whole number`);
  return value;
};
const progress = (line: string) => process.stderr.write(`· ${line}\n`);

async function main() {
  const ctx = await openBench({ url: process.env.DATABASE_URL ?? LOCAL_DATABASE, poolMax: int('pool'), progress });
  if (!args['keep-schema']) process.once('SIGINT', () => void dropSchema(ctx.url, ctx.schema).finally(() => process.exit(130)));
  const report: Report = {
    server: (await ctx.sql.query('SHOW server_version')).rows[0].server_version,
    cpus: availableParallelism(),
    node: process.version,
    schema: ctx.schema,
    load: [loadavg()[0]],
  };
  try {
    if (args.only !== 'balances') {
      report.commission = await commissionPart(ctx, {
        sales: int('sales'),
        clerks: int('clerks'),
        uplines: int('uplines'),
        drainers: int('drainers'),
        batchSize: int('batch-size'),
        maxBatches: int('max-batches'),
        deadlineMs: int('deadline') * 1000,
        profile: args.profile,
      });
    }
    if (args.only !== 'commission') {
      report.balances = await balancesPart(ctx, {
        members: int('members'),
        postings: int('postings'),
        plan: { requests: int('requests'), warmup: int('warmup'), connections: int('connections'), rates: parseRates(args.rates) },
      });
    }
    progress('verifyLedger');
    const started = performance.now();
    report.verify = { ...(await verifyLedger(ctx.database.db)), seconds: (performance.now() - started) / 1000 };
    report.load.push(loadavg()[0]);
    if (args.json) printJson(report);
    else printTable(report);
  } finally {
    await ctx.close({ keepSchema: args['keep-schema'] });
  }
}

if (args.help) process.stdout.write(usage());
else
  main().catch((error) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  });
