import { createApp } from '../../../server/src/app';
import { systemClock } from '../../../server/src/clock';
import { createTokenIssuer } from '../../../server/src/modules/identity';
import type { BenchContext } from './context';
import type { Report } from './report';
import { measureRoute, type LoadPlan } from './route-load';
import { seedBigLedger } from './seed';

/**
 * Part 2: bulk-creates the big ledger, mints access tokens for random members, starts the whole app
 * and measures GET /api/v1/me/balances under each load of the plan, against a plain Koa route.
 */
export async function balancesPart(ctx: BenchContext, o: { members: number; postings: number; plan: LoadPlan }): Promise<NonNullable<Report['balances']>> {
  const started = performance.now();
  const ledger = await seedBigLedger(ctx.sql, { members: o.members, postings: o.postings, at: new Date(), progress: ctx.progress });
  ctx.progress(`ledger: ${ledger.userIds.length} members, ${ledger.postings} postings in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const issuer = createTokenIssuer({ secret: ctx.config.tokenSecret, accessTtlSec: 3600, refreshTtlSec: 3600, clock: systemClock });
  const tokens: string[] = [];
  for (let i = 0; i < Math.min(5000, o.plan.requests); i += 1) {
    tokens.push((await issuer.issue(ledger.userIds[Math.floor(Math.random() * ledger.userIds.length)])).accessToken);
  }
  const { app } = createApp({ config: ctx.config, database: ctx.database, services: ctx.services, logger: ctx.logger });
  const runs = await measureRoute({
    app,
    path: '/api/v1/me/balances',
    tokens,
    plan: o.plan,
    progress: ctx.progress,
    sample: (body) => ctx.progress(`GET /me/balances answers ${JSON.stringify(body)}`),
  });
  return { members: ledger.userIds.length, postings: ledger.postings, pool: ctx.config.databasePoolMax, tokens: tokens.length, plan: o.plan, runs };
}
