import { Pool } from 'pg';
import type { Services } from '../../../server/src/services';
import type { BenchContext } from './context';
import type { Report } from './report';
import { commissionOutcome, expectedCommission, seedSalesBacklog, seedStoreAndCatalog } from './seed';
import { countStatements, cpuMeter, profileStatements, type CpuShare, type StatementTime } from './probe';

/** Part 1: how fast the outbox turns a backlog of sale.paid events into commission, against bare commits. */

export interface Throughput {
  count: number;
  seconds: number;
  perSecond: number;
  statementsPerItem: number;
  cpu: CpuShare;
}

export interface DrainRun {
  /** Events handled, of every type (handlers may publish more). */
  events: number;
  failed: number;
  seconds: number;
  statements: number;
  cpu: CpuShare;
  profile?: StatementTime[];
}

/**
 * services.outbox.drain with `partitions` concurrent workers (as the outbox.dispatch job runs it), called
 * again until a call finds nothing due or the deadline (checked between calls) has passed.
 */
export async function measureDrain(
  services: Services,
  o: { partitions: number; batchSize: number; maxBatches: number; deadlineMs: number; profile: boolean; progress: () => Promise<void> },
): Promise<DrainRun> {
  let events = 0;
  let failed = 0;
  const statements = countStatements();
  const profile = o.profile ? profileStatements() : undefined;
  const cpu = cpuMeter();
  const started = performance.now();
  const ticker = setInterval(() => void o.progress(), 5000);
  try {
    while (performance.now() - started < o.deadlineMs) {
      const result = await services.outbox.drain({ batchSize: o.batchSize, maxBatches: o.maxBatches, partitions: o.partitions });
      events += result.done;
      failed += result.failed;
      if (result.done + result.failed === 0) break;
    }
  } finally {
    clearInterval(ticker);
  }
  return { events, failed, seconds: (performance.now() - started) / 1000, statements: statements(), cpu: cpu(), profile: profile?.().slice(0, 25) };
}

/** The floor: BEGIN; one-row INSERT; COMMIT, `count` times over `concurrency` connections. */
export async function measureBareInserts(url: string, schema: string, o: { count: number; concurrency: number }): Promise<Throughput> {
  const pool = new Pool({ connectionString: url, max: o.concurrency, options: `-c search_path=${schema}` });
  try {
    await pool.query('CREATE TABLE bench_scratch (id bigserial PRIMARY KEY, n integer NOT NULL, at timestamptz NOT NULL)');
    const statements = countStatements();
    const cpu = cpuMeter();
    const started = performance.now();
    let next = 0;
    const worker = async () => {
      const client = await pool.connect();
      try {
        while (next < o.count) {
          const n = next++;
          await client.query('BEGIN');
          await client.query('INSERT INTO bench_scratch (n, at) VALUES ($1, $2)', [n, new Date()]);
          await client.query('COMMIT');
        }
      } finally {
        client.release();
      }
    };
    await Promise.all(Array.from({ length: o.concurrency }, worker));
    const seconds = (performance.now() - started) / 1000;
    return { count: o.count, seconds, perSecond: o.count / seconds, statementsPerItem: statements() / o.count, cpu: cpu() };
  } finally {
    await pool.end();
  }
}

/**
 * Seeds a store, its clerks and their uplines, a catalog and `sales` paid sales with their sale.paid
 * events (bulk SQL: the backlog is not what is measured), drains them, checks every sale got exactly
 * the commission the default rules give, then runs the bare-insert baseline.
 */
export async function commissionPart(
  ctx: BenchContext,
  o: { sales: number; clerks: number; uplines: number; drainers: number; batchSize: number; maxBatches: number; deadlineMs: number; profile: boolean },
): Promise<NonNullable<Report['commission']>> {
  const at = new Date(Date.now() - 60_000);
  const { storeId } = await seedStoreAndCatalog(ctx.sql, { clerks: o.clerks, uplines: o.uplines, at });
  const started = performance.now();
  await seedSalesBacklog(ctx.sql, { count: o.sales, storeId, at });
  ctx.progress(`backlog: ${o.sales} paid sales with sale.paid events in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const expected = await expectedCommission(ctx.sql);
  const commissioned = async () => Number((await ctx.sql.query(`SELECT count(*) FROM sales WHERE commission_done`)).rows[0].count);
  const drainStarted = performance.now();
  const run = await measureDrain(ctx.services, {
    ...o,
    partitions: o.drainers,
    progress: async () => {
      const sales = await commissioned();
      ctx.progress(`drain: ${sales} sales commissioned, ${Math.round(sales / ((performance.now() - drainStarted) / 1000))}/s`);
    },
  });
  const outcome = await commissionOutcome(ctx.sql);
  const sales = o.sales - Number(outcome.sales_left);
  ctx.progress(`drain: ${sales} sales commissioned (${run.events} events) in ${run.seconds.toFixed(1)} s; bare insert baseline next`);
  const bare = await measureBareInserts(ctx.url, ctx.schema, { count: o.sales, concurrency: o.drainers });
  const drain = { ...run, count: sales, perSecond: sales / run.seconds, statementsPerItem: run.statements / Math.max(sales, 1) };
  return {
    ...o,
    drain,
    bare,
    ratio: drain.perSecond / bare.perSecond,
    complete: Number(outcome.sales_left) === 0 && Number(outcome.events_left) === 0 && run.failed === 0,
    salesLeft: Number(outcome.sales_left),
    topError: outcome.top_error,
    commissions: Number(outcome.commissions),
    commissionFen: Number(outcome.fen),
    expectedFen: expected.fen,
  };
}
