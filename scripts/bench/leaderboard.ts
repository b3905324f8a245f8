/**
 * Leaderboard bench: not a test, it asserts nothing about time; it measures and prints.
 *   p50 / p99 of GET /api/v1/leaderboards (this month's GMV board of every member, with the caller's own
 *   rank) under many concurrent keep-alive connections, closed and open loop, against a plain Koa route
 *   under the same load in the same run.
 * The board is 100,000 members with a month of counter rows (day, ISO week and month rows, as the
 * counters write them) bulk-inserted with SQL. Runs against local PostgreSQL in a schema of its own,
 * dropped at the end. `--help` for the flags.
 */
import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import type { Client } from 'pg';
import { createApp } from '../../server/src/app';
import { systemClock } from '../../server/src/clock';
import { createTokenIssuer } from '../../server/src/modules/identity';
import { latencyRows, measureRoute, parseRates, type LoadPlan, type LoadRun } from './lib/route-load';
import { openBench } from './lib/context';
import { LOCAL_DATABASE, dropSchema } from './lib/seed';

const GOAL_P99_MS = 50;

const FLAGS = {
  members: { type: 'string', default: '100000', help: 'members on the board' },
  days: { type: 'string', default: '30', help: 'days of counter rows per member, up to today (China time)' },
  requests: { type: 'string', default: '20000', help: 'measured GETs per route' },
  warmup: { type: 'string', default: '2000', help: 'GETs sent first and not measured' },
  connections: { type: 'string', default: '200', help: 'concurrent keep-alive connections' },
  rates: { type: 'string', default: '0,500', help: 'one run per entry: 0 = closed loop over the connections, else open loop at that many requests/s' },
  pool: { type: 'string', default: '20', help: 'DATABASE_POOL_MAX of the server' },
  query: { type: 'string', default: 'metric=gmv&period=month&scope=all&limit=20', help: 'the query string of GET /api/v1/leaderboards' },
  'keep-schema': { type: 'boolean', default: false, help: 'leave the bench schema in place (to EXPLAIN its queries)' },
  json: { type: 'boolean', default: false, help: 'print the figures as JSON instead of the table' },
  help: { type: 'boolean', default: false, help: 'this text' },
} as const;

function usage(): string {
  const lines = Object.entries(FLAGS).map(([name, flag]) => `  --${name.padEnd(13)} ${flag.help}${flag.type === 'string' ? ` (default ${flag.default})` : ''}`);
  return `usage: npx tsx scripts/bench/leaderboard.ts [flags]     (npm run bench:leaderboard -- [flags])\n\nDATABASE_URL, else ${LOCAL_DATABASE}; a schema of its own, dropped at the end. Only 127.0.0.1 traffic.\n\n${lines.join('\n')}\n`;
}

const { values: args } = parseArgs({ options: FLAGS, strict: true });
const int = (name: keyof typeof FLAGS, min = 0) => {
  const value = Number(args[name]);
  if (!Number.isSafeInteger(value) || value < min) throw new Error(`--${name} must be a whole number >= ${min}`);
  return value;
};
const progress = (line: string) => process.stderr.write(`· ${line}\n`);
const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);

/**
 * Regions, stores, `members` active members (every fourth a store's KOS, the rest KOC), and for each
 * member a sale on about six days in ten of the last `days` days: day rows, then the ISO week and month
 * rows summed from them, keyed in China time exactly as the counters key them.
 */
async function seedBoard(c: Client, o: { members: number; days: number; at: Date }): Promise<{ userIds: number[]; dayRows: number }> {
  await c.query(`INSERT INTO regions (name, created_at) SELECT 'bench-region-' || g, $1 FROM generate_series(1, 10) g`, [o.at]);
  await c.query(
    `INSERT INTO stores (region_id, name, created_at)
     SELECT r.id, 'bench-store-' || g, $1 FROM generate_series(0, 199) g JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS i FROM regions) r ON r.i = g % 10`,
    [o.at],
  );
  await c.query(
    `WITH u AS (INSERT INTO users (openid, nickname, created_at) SELECT 'bench-lb-' || g, '会员' || g, $1 FROM generate_series(1, $2::int) g RETURNING id),
          s AS (SELECT array_agg(id ORDER BY id) AS ids FROM stores)
     INSERT INTO members (user_id, type, status, level, referral_code, store_id, joined_at, status_changed_at)
     SELECT u.id, CASE WHEN u.id % 4 = 0 THEN 'kos' ELSE 'koc' END, 'active', 1 + u.id % 5, 'bench-lb-' || u.id,
            CASE WHEN u.id % 4 = 0 THEN s.ids[1 + u.id % cardinality(s.ids)] END, $1, $1
       FROM u, s`,
    [o.at, o.members],
  );
  progress(`${o.members} members; day rows next`);
  const started = performance.now();
  const dayRows = await c.query(
    `INSERT INTO member_counter_periods (member_id, period_kind, period_key, gmv_fen, orders, fans_gained, tasks_completed)
     SELECT m.id, 'day', to_char(d.day, 'YYYY-MM-DD'), 1000 + (hashint4((m.id * 31 + d.n)::int)::bigint + 2147483648) % 49000, 1 + d.n % 3, 0, 0
       FROM members m
      CROSS JOIN (SELECT n, ((($1::timestamptz AT TIME ZONE 'UTC') + interval '8 hours')::date - n) AS day FROM generate_series(0, $2::int - 1) n) d
      WHERE (hashint4((m.id * 7 + d.n)::int)::bigint + 2147483648) % 10 < 6`,
    [o.at, o.days],
  );
  progress(`${dayRows.rowCount} day rows in ${seconds(started)} s; week and month rows next`);
  for (const [kind, format] of [['week', 'IYYY-"W"IW'], ['month', 'YYYY-MM']] as const) {
    await c.query(
      `INSERT INTO member_counter_periods (member_id, period_kind, period_key, gmv_fen, orders, fans_gained, tasks_completed)
       SELECT member_id, '${kind}', to_char(period_key::date, '${format}'), sum(gmv_fen), sum(orders), 0, 0
         FROM member_counter_periods WHERE period_kind = 'day' GROUP BY member_id, to_char(period_key::date, '${format}')`,
    );
  }
  await c.query(
    `INSERT INTO member_counters (member_id, gmv_fen, orders, l1_count, l2_count, group_size, fans_gained, tasks_completed, active_days, streak_days, updated_at)
     SELECT member_id, sum(gmv_fen), sum(orders), 0, 0, 0, 0, 0, count(*), 0, $1 FROM member_counter_periods WHERE period_kind = 'day' GROUP BY member_id`,
    [o.at],
  );
  progress('VACUUM ANALYZE');
  await c.query('VACUUM ANALYZE users, members, stores, regions, staff_roles, member_counter_periods, member_counters');
  const users = await c.query(`SELECT user_id FROM members WHERE referral_code LIKE 'bench-lb-%'`);
  return { userIds: users.rows.map((row) => Number(row.user_id)), dayRows: dayRows.rowCount ?? 0 };
}

interface Report {
  server: string;
  cpus: number;
  node: string;
  load: number[];
  members: number;
  dayRows: number;
  ranked: number;
  coldMs: number;
  query: string;
  pool: number;
  plan: LoadPlan;
  runs: LoadRun[];
}

function printTable(r: Report) {
  const n = (value: number) => value.toLocaleString('en-US', { maximumFractionDigits: 0 });
  const rows = [['measure', 'leaderboard', 'plain Koa', 'ratio', 'goal'], ...latencyRows(r.runs, { route: 'GET /leaderboards', connections: r.plan.connections, goalP99Ms: GOAL_P99_MS })];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  const out = [
    `GET /api/v1/leaderboards?${r.query}: ${n(r.ranked)} ranked of ${n(r.members)} members (${n(r.dayRows)} day rows); first request (computes the board) ${n(r.coldMs)} ms`,
    `${n(r.plan.requests)} requests per load over ${r.plan.connections} keep-alive connections, pool ${r.pool}; PostgreSQL ${r.server}, ${r.cpus} CPUs, node ${r.node}, load ${r.load.map((l) => l.toFixed(2)).join(' -> ')}`,
    '',
    ...rows.map((row) => row.map((cell, i) => (i === 0 || i === 4 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('   ').trimEnd()),
  ];
  process.stdout.write(`${out.join('\n')}\n`);
}

async function main() {
  const ctx = await openBench({ url: process.env.DATABASE_URL ?? LOCAL_DATABASE, poolMax: int('pool', 1), progress });
  if (!args['keep-schema']) process.once('SIGINT', () => void dropSchema(ctx.url, ctx.schema).finally(() => process.exit(130)));
  try {
    const load = [loadavg()[0]];
    const started = performance.now();
    const seeded = await seedBoard(ctx.sql, { members: int('members', 1), days: int('days', 1), at: new Date() });
    progress(`seeded in ${seconds(started)} s`);
    const issuer = createTokenIssuer({ secret: ctx.config.tokenSecret, accessTtlSec: 3600, refreshTtlSec: 3600, clock: systemClock });
    const tokens: string[] = [];
    for (let i = 0; i < Math.min(5000, int('requests', 1)); i += 1) {
      tokens.push((await issuer.issue(seeded.userIds[Math.floor(Math.random() * seeded.userIds.length)])).accessToken);
    }
    const plan: LoadPlan = { requests: int('requests', 1), warmup: int('warmup'), connections: int('connections', 1), rates: parseRates(args.rates) };
    const { app } = createApp({ config: ctx.config, database: ctx.database, services: ctx.services, logger: ctx.logger });
    let cold = { ms: 0, ranked: 0 };
    const runs = await measureRoute({
      app,
      path: `/api/v1/leaderboards?${args.query}`,
      tokens,
      plan,
      progress,
      sample: (body, ms) => {
        const board = body as { ranked?: number; items?: unknown[]; me?: unknown };
        cold = { ms, ranked: board.ranked ?? 0 };
        progress(`board of ${board.ranked} computed in ${ms.toFixed(0)} ms; top: ${JSON.stringify(board.items?.[0])}, me: ${JSON.stringify(board.me)}`);
      },
    });
    load.push(loadavg()[0]);
    const report: Report = {
      server: (await ctx.sql.query('SHOW server_version')).rows[0].server_version,
      cpus: availableParallelism(),
      node: process.version,
      load,
      members: seeded.userIds.length,
      dayRows: seeded.dayRows,
      ranked: cold.ranked,
      coldMs: cold.ms,
      query: String(args.query),
      pool: ctx.config.databasePoolMax,
      plan,
      runs,
    };
    if (args.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
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
