/**
 * Rewards bench: not a test, it asserts nothing about time; it measures and prints.
 *   1. reward events handled per second by the outbox with 50 active rules (fans.reported,
 *      task.completed, group.size.reported over M KOC members), and the grants made
 *   2. baseline: a bare outbox (no handlers) reading and acknowledging a backlog of the same size
 *   3. verifyLedger over everything written (cash red packets post to the ledger)
 * Runs against local PostgreSQL in a schema of its own, dropped at the end. `--help` for the flags.
 */
import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { systemClock } from '../../server/src/clock';
import { verifyLedger } from '../../server/src/modules/ledger';
import { createOutbox, type Outbox } from '../../server/src/outbox/outbox';
import { explainDue, explainEngine, type Explained } from './rewards-lib/explain';
import { countStatements, cpuMeter, profileStatements, type CpuShare, type StatementTime } from './lib/probe';
import { LOCAL_DATABASE, analyze, dropSchema, openRewardsBench, pendingCount, seedBacklog, seedMembers, seedProgramme, type RewardsBench } from './rewards-lib/setup';

const GOAL_EVENTS_PER_SEC = 2000;

const FLAGS = {
  events: { type: 'string', default: '20000', help: 'reward events in the backlog (and bare events in the baseline)' },
  members: { type: 'string', default: '2000', help: 'KOC members the events are spread over' },
  join: { type: 'string', default: 'bulk', help: 'how members are made: bulk (two INSERTs) | service (signInDev + members.join each)' },
  codes: { type: 'string', default: '10000', help: 'codes in the pool that code rewards draw from' },
  'batch-size': { type: 'string', default: '500', help: 'events per outbox transaction' },
  partitions: { type: 'string', default: '2', help: 'outbox partitions = concurrent workers' },
  'max-batches': { type: 'string', default: '100000', help: 'passes over the partitions at most' },
  pool: { type: 'string', default: '10', help: 'connections in the app pool (DATABASE_POOL_MAX)' },
  deadline: { type: 'string', default: '120', help: 'seconds after which a drain stops, checked between passes (the run then reports it incomplete)' },
  seed: { type: 'string', default: '1', help: 'seed of the event generator' },
  'no-baseline': { type: 'boolean', default: false, help: 'skip the bare-outbox baseline' },
  'no-analyze': { type: 'boolean', default: false, help: 'skip VACUUM ANALYZE of the bench tables after loading each backlog' },
  profile: { type: 'boolean', default: false, help: 'time every SQL statement of the reward drain by shape and print the costliest' },
  explain: { type: 'boolean', default: false, help: 'EXPLAIN ANALYZE the outbox due query (before the drain) and the engine\'s hot reads (after)' },
  'keep-schema': { type: 'boolean', default: false, help: 'leave the bench schema in place (to EXPLAIN by hand)' },
  json: { type: 'boolean', default: false, help: 'print the figures as JSON instead of the table' },
  help: { type: 'boolean', default: false, help: 'this text' },
} as const;

function usage(): string {
  const lines = Object.entries(FLAGS).map(([name, flag]) => `  --${name.padEnd(12)} ${flag.help}${flag.type === 'string' ? ` (default ${flag.default})` : ''}`);
  return (
    `usage: npx tsx scripts/bench/rewards.ts [flags]     (npm run bench:rewards -- [flags])\n\n` +
    `Publishes a backlog of reward events and times services.outbox.drain() through the reward engine with\n` +
    `50 active rules and a 3-level ladder, against a bare outbox over a backlog of the same size.\n` +
    `DATABASE_URL, else ${LOCAL_DATABASE}; a schema of its own, dropped at the end. Only 127.0.0.1 traffic.\n\n` +
    `${lines.join('\n')}\n`
  );
}

const { values: args } = parseArgs({ options: FLAGS, strict: true });
const int = (name: keyof typeof FLAGS, min = 0) => {
  const value = Number(args[name]);
  if (!Number.isSafeInteger(value) || value < min) throw new Error(`--${name} must be a whole number >= ${min}`);
  return value;
};
const progress = (line: string) => process.stderr.write(`· ${line}\n`);

interface Drained {
  events: number;
  /** Backlog events done at the end (the rate's numerator). */
  done: number;
  handled: number;
  failed: number;
  seconds: number;
  perSecond: number;
  statements: number;
  statementsPerEvent: number;
  transactions: number;
  cpu: CpuShare;
  timedOut: boolean;
  leftPending: number;
  /** pg_stat_database.deadlocks of this database over the drain (other sessions on it would count too). */
  deadlocks: number;
  profile?: StatementTime[];
}

/** services.outbox.drain() in slices of a few passes (the same loop drain() runs), so a deadline can stop it. */
async function timeDrain(b: RewardsBench, outbox: Outbox, events: number, types: string[], o: { batchSize: number; partitions: number; maxBatches: number; deadlineMs: number; profile: boolean }): Promise<Drained> {
  const deadlocks = () => b.sql.query<{ n: string }>(`SELECT deadlocks::text AS n FROM pg_stat_database WHERE datname = current_database()`).then((r) => Number(r.rows[0].n));
  const deadlocks0 = await deadlocks();
  const statements = countStatements();
  const stopProfile = o.profile ? profileStatements() : undefined;
  const cpu = cpuMeter();
  const started = performance.now();
  let handled = 0;
  let failed = 0;
  let passes = 0;
  let timedOut = false;
  const SLICE = 1; // one pass over the partitions; the deadline is checked between passes, and lock waits can make one pass long
  while (passes < o.maxBatches) {
    const step = Math.min(SLICE, o.maxBatches - passes);
    const result = await outbox.drain({ batchSize: o.batchSize, maxBatches: step, partitions: o.partitions });
    passes += step;
    handled += result.done;
    failed += result.failed;
    if (result.done === 0) break;
    if (performance.now() - started > o.deadlineMs) {
      timedOut = true;
      break;
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const cpuShare = cpu();
  const sent = statements();
  const profile = stopProfile?.();
  const transactions = profile ? (profile.find((s) => s.statement.toLowerCase() === 'begin')?.count ?? 0) : 0;
  // Events of the backlog done (not follow-ups such as notification.created), for the rate.
  const { rows } = await b.sql.query<{ n: string }>(`SELECT count(*)::text AS n FROM outbox_events WHERE status = 'done' AND type = ANY($1)`, [types]);
  const done = Number(rows[0].n);
  return {
    events,
    done,
    handled,
    failed,
    seconds,
    perSecond: done / seconds,
    statements: sent,
    statementsPerEvent: sent / Math.max(handled, 1),
    transactions,
    cpu: cpuShare,
    timedOut,
    leftPending: await pendingCount(b),
    // The statistics collector reports with a short delay.
    deadlocks: await new Promise((resolve) => setTimeout(resolve, 600)).then(deadlocks).then((d) => d - deadlocks0),
    profile: profile?.slice(0, 25),
  };
}

async function outcome(b: RewardsBench) {
  const q = async <T extends Record<string, string>>(text: string) => (await b.sql.query<T>(text)).rows;
  const grants = await q<{ kind: string; status: string; n: string; fen: string }>(
    `SELECT kind, status, count(*)::text AS n, coalesce(sum(amount_fen), 0)::text AS fen FROM reward_grants GROUP BY kind, status ORDER BY kind, status`,
  );
  const [byOrigin] = await q<{ rules: string; levels: string; rules_hit: string; members: string }>(
    `SELECT count(*) FILTER (WHERE rule_id IS NOT NULL)::text AS rules, count(*) FILTER (WHERE level IS NOT NULL)::text AS levels,
            count(DISTINCT rule_id)::text AS rules_hit, count(DISTINCT member_id)::text AS members FROM reward_grants`,
  );
  const levels = await q<{ level: string; n: string }>(`SELECT level::text, count(*)::text AS n FROM members WHERE type = 'koc' GROUP BY level ORDER BY level`);
  const [other] = await q<{ notifications: string; badges: string; privileges: string; codes: string; certificates: string; entries: string }>(
    `SELECT (SELECT count(*) FROM notifications)::text AS notifications, (SELECT count(*) FROM badges)::text AS badges,
            (SELECT count(*) FROM privileges)::text AS privileges, (SELECT count(*) FROM pool_codes WHERE member_id IS NOT NULL)::text AS codes,
            (SELECT count(*) FROM certificates)::text AS certificates, (SELECT count(*) FROM ledger_entries)::text AS entries`,
  );
  const followUps = await q<{ type: string; n: string }>(
    `SELECT type, count(*)::text AS n FROM outbox_events WHERE type NOT IN ('fans.reported', 'task.completed', 'group.size.reported', 'bench.noop', 'member.joined') GROUP BY type ORDER BY type`,
  );
  const errors = await q<{ last_error: string; n: string }>(
    `SELECT last_error, count(*)::text AS n FROM outbox_events WHERE last_error IS NOT NULL GROUP BY last_error ORDER BY count(*) DESC LIMIT 3`,
  );
  const num = (rows: Record<string, string>[], key = 'n') => rows.reduce((sum, row) => sum + Number(row[key]), 0);
  return {
    grants: num(grants),
    byKind: Object.fromEntries(
      [...new Set(grants.map((g) => g.kind))].map((kind) => [kind, num(grants.filter((g) => g.kind === kind))]),
    ),
    byStatus: Object.fromEntries([...new Set(grants.map((g) => g.status))].map((status) => [status, num(grants.filter((g) => g.status === status))])),
    fromRules: Number(byOrigin.rules),
    fromLevels: Number(byOrigin.levels),
    rulesThatGranted: Number(byOrigin.rules_hit),
    membersRewarded: Number(byOrigin.members),
    cashFen: num(grants.filter((g) => g.kind === 'cash' && g.status === 'granted'), 'fen'),
    levels: Object.fromEntries(levels.map((row) => [`L${row.level}`, Number(row.n)])),
    badges: Number(other.badges),
    privileges: Number(other.privileges),
    codesDrawn: Number(other.codes),
    certificates: Number(other.certificates),
    ledgerEntries: Number(other.entries),
    notifications: Number(other.notifications),
    followUps: Object.fromEntries(followUps.map((row) => [row.type, Number(row.n)])),
    errors: errors.map((row) => `${row.n} x ${row.last_error.replace(/\s+/g, ' ').slice(0, 120)}`),
  };
}

async function main() {
  if (args.help) {
    process.stdout.write(usage());
    return;
  }
  const events = int('events', 1);
  const memberCount = int('members', 1);
  const batchSize = int('batch-size', 1);
  const partitions = int('partitions', 1);
  const maxBatches = int('max-batches', 1);
  const deadlineMs = int('deadline', 1) * 1000;
  const seed = int('seed');
  const join = String(args.join);
  if (join !== 'bulk' && join !== 'service') throw new Error('--join must be bulk or service');
  const url = process.env.DATABASE_URL ?? LOCAL_DATABASE;
  const drainOptions = { batchSize, partitions, maxBatches, deadlineMs };
  const load0 = loadavg()[0];

  const b = await openRewardsBench({ url, poolMax: int('pool', 1) });
  const keepSchema = args['keep-schema'];
  process.once('SIGINT', () => void (keepSchema ? Promise.resolve() : dropSchema(url, b.schema)).finally(() => process.exit(130)));
  progress(`schema ${b.schema} on ${url.replace(/\/\/[^@]*@/, '//')}`);
  try {
    const server = (await b.sql.query<{ server_version: string }>('SHOW server_version')).rows[0].server_version;
    let t = performance.now();
    const programme = await seedProgramme(b, { codes: int('codes') });
    const memberIds = await seedMembers(b, { count: memberCount, mode: join, concurrency: 4 });
    const joined = await pendingCount(b);
    if (joined > 0) await b.services.outbox.drain({ batchSize, maxBatches, partitions }); // member.joined, untimed
    const setupSeconds = (performance.now() - t) / 1000;
    progress(`${programme.rules} rules, ${memberIds.length} members (${join}) in ${setupSeconds.toFixed(1)} s`);

    let bare: Drained | undefined;
    if (!args['no-baseline']) {
      await seedBacklog(b, { count: events, memberIds, seed: seed + 1, type: 'bench.noop' });
      if (!args['no-analyze']) await analyze(b);
      progress(`baseline: draining ${events} events with a bare outbox (no handlers)`);
      bare = await timeDrain(b, createOutbox({ db: b.database.db, clock: systemClock, logger: b.logger }), events, ['bench.noop'], { ...drainOptions, profile: false });
    }

    t = performance.now();
    const mix = await seedBacklog(b, { count: events, memberIds, seed });
    if (!args['no-analyze']) await analyze(b);
    const backlogSeconds = (performance.now() - t) / 1000;
    const explained: Explained[] = [];
    if (args.explain) explained.push(await explainDue(b.sql, { batchSize, partitions }));
    progress(`rewards: draining ${events} events through the engine (backlog written in ${backlogSeconds.toFixed(1)} s)`);
    const engine = await timeDrain(b, b.services.outbox, events, Object.keys(mix), { ...drainOptions, profile: args.profile });
    progress(`drained in ${engine.seconds.toFixed(1)} s; checking`);
    if (args.explain) explained.push(...(await explainEngine(b.sql)));
    const result = await outcome(b);
    t = performance.now();
    const verify = await verifyLedger(b.database.db);
    const verifySeconds = (performance.now() - t) / 1000;

    const report = {
      server,
      cpus: availableParallelism(),
      node: process.version,
      load: [load0, loadavg()[0]],
      setup: { members: memberIds.length, join, rules: programme.rules, triggers: programme.triggers, codes: int('codes'), batchSize, partitions, pool: int('pool', 1), mix, setupSeconds },
      bare,
      engine,
      ratio: bare ? engine.perSecond / bare.perSecond : undefined,
      goal: { eventsPerSecond: GOAL_EVENTS_PER_SEC, met: engine.perSecond >= GOAL_EVENTS_PER_SEC && engine.done === events },
      outcome: result,
      verify: { ok: verify.ok, seconds: verifySeconds, problems: verify.ok ? undefined : verify },
      explained,
    };
    if (args.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    else printTable(report);
  } finally {
    await b.close({ keepSchema });
    if (keepSchema) progress(`kept schema ${b.schema}: DROP SCHEMA ${b.schema} CASCADE when done`);
  }
}

const n = (value: number) => Math.round(value).toLocaleString('en-US');
const cpu = (c: CpuShare) => `${c.node.toFixed(2)} / ${c.postgres.toFixed(2)} / ${c.machine.toFixed(2)} of ${availableParallelism()}`;

function printTable(r: {
  server: string;
  cpus: number;
  node: string;
  load: number[];
  setup: { members: number; join: string; rules: number; triggers: Record<string, number>; codes: number; batchSize: number; partitions: number; pool: number; mix: Record<string, number> };
  bare?: Drained;
  engine: Drained;
  ratio?: number;
  goal: { eventsPerSecond: number; met: boolean };
  outcome: Awaited<ReturnType<typeof outcome>>;
  verify: { ok: boolean; seconds: number };
  explained: Explained[];
}) {
  const e = r.engine;
  const bare = r.bare;
  const o = r.outcome;
  const kv = (record: Record<string, number>) => Object.entries(record).map(([k, v]) => `${k} ${n(v)}`).join(', ');
  const rows: string[][] = [
    ['', 'reward engine', 'bare outbox', 'ratio'],
    ['events/s', n(e.perSecond), bare ? n(bare.perSecond) : '-', r.ratio !== undefined ? r.ratio.toFixed(3) : '-'],
    ['backlog events / done / all handled (incl. follow-ups)', `${n(e.events)} / ${n(e.done)} / ${n(e.handled)}`, bare ? `${n(bare.events)} / ${n(bare.done)} / ${n(bare.handled)}` : '-', ''],
    ['wall time, s', e.seconds.toFixed(2), bare ? bare.seconds.toFixed(2) : '-', bare ? (e.seconds / bare.seconds).toFixed(1) : ''],
    ['ms per backlog event (wall)', ((e.seconds * 1000) / Math.max(e.done, 1)).toFixed(3), bare ? ((bare.seconds * 1000) / Math.max(bare.done, 1)).toFixed(3) : '-', ''],
    ['SQL statements per backlog event', (e.statements / Math.max(e.done, 1)).toFixed(1), bare ? (bare.statements / Math.max(bare.done, 1)).toFixed(1) : '-', ''],
    ['SQL statements per handled event', e.statementsPerEvent.toFixed(1), bare ? bare.statementsPerEvent.toFixed(1) : '-', ''],
    ['CPU cores busy: node / postgres / machine', cpu(e.cpu), bare ? cpu(bare.cpu) : '-', ''],
    ['failed / left pending / deadline hit', `${n(e.failed)} / ${n(e.leftPending)} / ${e.timedOut ? 'YES' : 'no'}`, bare ? `${n(bare.failed)} / ${n(bare.leftPending)} / ${bare.timedOut ? 'YES' : 'no'}` : '-', ''],
    ['deadlocks (pg_stat_database)', n(e.deadlocks), bare ? n(bare.deadlocks) : '-', ''],
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  const line = (row: string[]) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ').trimEnd();
  const out = [
    `Sharecircle rewards bench: PostgreSQL ${r.server}, ${r.cpus} CPUs, node ${r.node}, load average ${r.load.map((l) => l.toFixed(2)).join(' -> ')}`,
    `${n(r.setup.members)} KOC members (${r.setup.join}); ${r.setup.rules} active rules (${kv(r.setup.triggers)}); 3-level ladder; pool of ${n(r.setup.codes)} codes`,
    `backlog: ${kv(r.setup.mix)}; drain batch ${r.setup.batchSize}, ${r.setup.partitions} partitions, pool ${r.setup.pool}`,
    '',
    line(rows[0]),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...rows.slice(1).map(line),
    '',
    `goal >= ${n(r.goal.eventsPerSecond)} reward events/s: ${r.goal.met ? 'met' : 'MISSED'}`,
    `grants ${n(o.grants)} (rules ${n(o.fromRules)} from ${o.rulesThatGranted} rules, levels ${n(o.fromLevels)}; ${n(o.membersRewarded)} members): ${kv(o.byKind)}`,
    `  by status: ${kv(o.byStatus)}; red packets ${(o.cashFen / 100).toFixed(2)} yuan`,
    `  badges ${n(o.badges)}, privileges ${n(o.privileges)}, codes drawn ${n(o.codesDrawn)}, certificates ${n(o.certificates)}, ledger entries ${n(o.ledgerEntries)}, notifications ${n(o.notifications)}`,
    `  levels now: ${kv(o.levels)}; follow-up events: ${kv(o.followUps) || 'none'}`,
    ...(o.errors.length ? [`  handler errors: ${o.errors.join(' | ')}`] : []),
    `verifyLedger(db).ok: ${r.verify.ok} (${r.verify.seconds.toFixed(2)} s)`,
  ];
  if (e.profile) {
    const count = Math.max(e.done, 1);
    out.push('', `reward drain statements by total round-trip time (${n(e.seconds * 1000)} ms wall x ${r.setup.partitions} workers; ${n(e.transactions)} transactions):`);
    out.push(`${'total ms'.padStart(9)}  ${'per event'.padStart(9)}  ${'mean ms'.padStart(7)}  statement (per event = per backlog event)`);
    for (const s of e.profile) out.push(`${n(s.totalMs).padStart(9)}  ${(s.count / count).toFixed(3).padStart(9)}  ${s.meanMs.toFixed(3).padStart(7)}  ${s.statement.slice(0, 150)}`);
  }
  for (const x of r.explained) {
    out.push('', `EXPLAIN ANALYZE ${x.label}: ${x.executionMs.toFixed(3)} ms`, ...x.plan.map((l) => `  ${l}`));
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
