import { fork } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import Koa from 'koa';
import type { LoadJob, LoadResult } from './load-driver';
import { countStatements, cpuMeter, type CpuShare } from './probe';

/**
 * Latency of one HTTP route under many keep-alive connections, driven from another process, against
 * the smallest Koa app there is under the very same load: closed loop (each connection sends its next
 * request when the last one answers) and open loop at given rates (requests sent when due, whatever the
 * server's pace: the load of many phones rather than of 200 scripts in a tight loop).
 */

export type Measured = LoadResult & { statementsPerRequest: number; cpu: CpuShare };

/** One load and what the route and the baseline did under it; rate 0 = closed loop. */
export interface LoadRun {
  rate: number;
  route: Measured;
  baseline: Measured;
}

export interface LoadPlan {
  connections: number;
  requests: number;
  warmup: number;
  /** One run per entry; 0 = closed loop over `connections`, else open loop at that many requests a second. */
  rates: number[];
}

/** `--rates 0,500` as numbers. */
export function parseRates(value: string): number[] {
  const rates = value.split(',').map((part) => Number(part.trim()));
  if (rates.length === 0 || rates.some((rate) => !Number.isSafeInteger(rate) || rate < 0)) throw new Error('--rates must be whole numbers, comma-separated (0 = closed loop)');
  return rates;
}

async function listen(handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; url: string }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}` };
}

async function close(server: Server): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeAllConnections();
  await closed;
}

function plainKoa(): Koa {
  const app = new Koa();
  app.use((ctx) => {
    ctx.body = { ok: true };
  });
  return app;
}

/** Runs one load job in a forked driver process and answers its summary. */
async function drive(job: LoadJob): Promise<Measured> {
  const child = fork(join(__dirname, 'load-driver.ts'), [], { execArgv: process.execArgv, stdio: 'inherit' });
  const statements = countStatements();
  const cpu = cpuMeter();
  try {
    const result = await new Promise<LoadResult>((resolve, reject) => {
      child.once('message', (message) => resolve(message as LoadResult));
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`load driver exited with ${code}`)));
      child.send(job);
    });
    return { ...result, statementsPerRequest: statements() / (job.requests + job.warmup), cpu: cpu() };
  } finally {
    child.kill();
  }
}

/**
 * Serves `app` on 127.0.0.1, checks one signed-in GET of `path` answers 200 (handing its body to
 * `sample`), then drives every load of the plan against it and against a plain Koa route.
 */
export async function measureRoute(o: {
  app: Koa;
  path: string;
  tokens: string[];
  plan: LoadPlan;
  progress: (line: string) => void;
  sample?: (body: unknown, ms: number) => void;
}): Promise<LoadRun[]> {
  const job = { tokens: o.tokens, requests: o.plan.requests, warmup: o.plan.warmup, connections: o.plan.connections };
  const label = (rate: number) => (rate === 0 ? `closed loop over ${o.plan.connections} connections` : `open loop at ${rate} req/s`);
  const routes: Measured[] = [];
  const api = await listen(o.app.callback());
  try {
    const url = `${api.url}${o.path}`;
    const started = performance.now();
    const first = await fetch(url, { headers: { authorization: `Bearer ${o.tokens[0]}` } });
    const body = await first.json();
    if (first.status !== 200) throw new Error(`GET ${o.path} answered ${first.status} ${JSON.stringify(body)}`);
    o.sample?.(body, performance.now() - started);
    for (const rate of o.plan.rates) {
      o.progress(`GET ${o.path}: ${o.plan.requests} requests, ${label(rate)}`);
      const run = await drive({ ...job, rate, url });
      o.progress(`  p50 ${run.p50.toFixed(1)} ms, p99 ${run.p99.toFixed(1)} ms, ${run.perSecond.toFixed(0)} req/s`);
      routes.push(run);
    }
  } finally {
    await close(api.server);
  }
  const koa = await listen(plainKoa().callback());
  try {
    const runs: LoadRun[] = [];
    for (const [i, rate] of o.plan.rates.entries()) {
      o.progress(`plain Koa baseline, ${label(rate)}`);
      runs.push({ rate, route: routes[i], baseline: await drive({ ...job, tokens: [], rate, url: koa.url }) });
    }
    return runs;
  } finally {
    await close(koa.server);
  }
}

/** Table rows for each load: latency, throughput, errors, statements and CPU, route against baseline, the p99 goal judged. */
export function latencyRows(runs: LoadRun[], o: { route: string; connections: number; goalP99Ms: number }): string[][] {
  const n = (value: number) => value.toLocaleString('en-US', { maximumFractionDigits: 0 });
  const ratio = (a: number, z: number) => (z > 0 ? (a / z).toFixed(1) : '-');
  const cpu = (share: CpuShare) => `${share.node.toFixed(2)} / ${share.postgres.toFixed(2)} / ${share.machine.toFixed(2)}`;
  const errors = (m: Measured) =>
    m.errors === 0 ? '0' : `${n(m.errors)} (${Object.entries(m.statuses).filter(([status]) => status !== '200').map(([status, count]) => `${status}: ${count}`).join(', ')})`;
  const rows: string[][] = [];
  for (const { rate, route: r, baseline: b } of runs) {
    const met = r.p99 < o.goalP99Ms ? 'met' : 'MISSED';
    rows.push(
      [`${o.route}, ${rate === 0 ? `closed loop, ${o.connections} connections` : `open loop, ${n(rate)} req/s`}`, '', '', '', ''],
      ['  p50, ms', r.p50.toFixed(2), b.p50.toFixed(2), ratio(r.p50, b.p50), ''],
      ['  p99, ms', r.p99.toFixed(2), b.p99.toFixed(2), ratio(r.p99, b.p99), `< ${o.goalP99Ms} ${met}`],
      ['  p90 / max, ms', `${r.p90.toFixed(1)} / ${r.max.toFixed(0)}`, `${b.p90.toFixed(1)} / ${b.max.toFixed(0)}`, '', ''],
      ['  requests/s', n(r.perSecond), n(b.perSecond), ratio(r.perSecond, b.perSecond), ''],
      ...(rate === 0 ? [['  connections / req/s (closed-loop mean), ms', ((o.connections / r.perSecond) * 1000).toFixed(1), ((o.connections / b.perSecond) * 1000).toFixed(1), '', '']] : []),
      ['  non-200 answers (status: count, 0 = no answer)', errors(r), errors(b), '', ''],
      ['  SQL statements per request', r.statementsPerRequest.toFixed(1), '0', '', ''],
      ['  server CPU per request, ms', ((r.cpu.node / r.perSecond) * 1000).toFixed(2), ((b.cpu.node / b.perSecond) * 1000).toFixed(2), ratio(r.cpu.node / r.perSecond, b.cpu.node / b.perSecond), ''],
      ['  CPU cores busy: server / postgres / machine', cpu(r.cpu), cpu(b.cpu), '', ''],
    );
  }
  return rows;
}
