import { fork } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import Koa from 'koa';
import { createApp } from '../../../server/src/app';
import { systemClock } from '../../../server/src/clock';
import { createTokenIssuer } from '../../../server/src/modules/identity';
import type { BenchContext } from './context';
import type { Report } from './report';
import { seedBigLedger } from './seed';
import type { LoadJob, LoadResult } from './load-driver';
import { countStatements, cpuMeter, type CpuShare } from './probe';

/** Part 2: latency of one HTTP route under many keep-alive connections, driven from another process. */

export async function listen(handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; url: string }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}` };
}

export async function close(server: Server): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeAllConnections();
  await closed;
}

/** The baseline: the smallest Koa app there is. */
export function plainKoa(): Koa {
  const app = new Koa();
  app.use((ctx) => {
    ctx.body = { ok: true };
  });
  return app;
}

export type Measured = LoadResult & { statementsPerRequest: number; cpu: CpuShare };

/** Runs one load job in a forked driver process and answers its summary. */
export async function drive(job: LoadJob): Promise<Measured> {
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
 * Bulk-creates the big ledger, mints access tokens for random members, starts the whole app on
 * 127.0.0.1 and drives GET /api/v1/me/balances; then the same load against a plain Koa route.
 */
export async function balancesPart(
  ctx: BenchContext,
  o: { members: number; postings: number; requests: number; warmup: number; connections: number; rate: number },
): Promise<NonNullable<Report['balances']>> {
  const started = performance.now();
  const ledger = await seedBigLedger(ctx.sql, { members: o.members, postings: o.postings, at: new Date(), progress: ctx.progress });
  ctx.progress(`ledger: ${ledger.userIds.length} members, ${ledger.postings} postings in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const issuer = createTokenIssuer({ secret: ctx.config.tokenSecret, accessTtlSec: 3600, refreshTtlSec: 3600, clock: systemClock });
  const tokens: string[] = [];
  for (let i = 0; i < Math.min(5000, o.requests); i += 1) {
    tokens.push((await issuer.issue(ledger.userIds[Math.floor(Math.random() * ledger.userIds.length)])).accessToken);
  }
  const job = { tokens, requests: o.requests, warmup: o.warmup, connections: o.connections, rate: o.rate };

  const { app } = createApp({ config: ctx.config, database: ctx.database, services: ctx.services, logger: ctx.logger });
  const api = await listen(app.callback());
  const url = `${api.url}/api/v1/me/balances`;
  let route: Measured;
  try {
    const sample = await (await fetch(url, { headers: { authorization: `Bearer ${tokens[0]}` } })).json();
    ctx.progress(`GET /me/balances answers ${JSON.stringify(sample)}; ${o.requests} requests over ${o.connections} connections`);
    route = await drive({ ...job, url });
  } finally {
    await close(api.server);
  }
  ctx.progress(`balances: p50 ${route.p50.toFixed(1)} ms, p99 ${route.p99.toFixed(1)} ms; plain Koa baseline next`);
  const koa = await listen(plainKoa().callback());
  try {
    const baseline = await drive({ ...job, tokens: [], url: koa.url });
    return { ...o, members: ledger.userIds.length, postings: ledger.postings, pool: ctx.config.databasePoolMax, tokens: tokens.length, route, baseline };
  } finally {
    await close(koa.server);
  }
}
