import path from 'node:path';
import Koa from 'koa';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { Config } from './config';
import type { ChangeFeed } from './db/change-feed';
import type { Database } from './db/database';
import { body } from './http/body';
import { errorHandler } from './http/errors';
import { buildOpenApiDocument } from './http/openapi';
import { createPrincipalCache } from './http/principal-cache';
import { requestId } from './http/request-id';
import { serveH5 } from './http/static-h5';
import { route, type RouteDef } from './http/route';
import { buildRouter } from './http/router';
import { jobRegistry, type JobDef } from './jobs/registry';
import { jobsRoutes } from './jobs/jobs.routes';
import { outboxRoutes } from './outbox/outbox.routes';
import { auditRoutes } from './modules/audit';
import { identityRoutes } from './modules/identity';
import { membersRoutes } from './modules/members';
import { orgRoutes } from './modules/org';
import { catalogRoutes } from './modules/catalog';
import { settingsRoutes } from './modules/settings';
import { rewardsRoutes } from './modules/rewards';
import { competitionsRoutes } from './modules/competitions';
import { assessmentsRoutes } from './modules/assessments';
import { disciplineRoutes } from './modules/discipline';
import { salesRoutes } from './modules/sales';
import { commissionRoutes } from './modules/commission';
import { ledgerRoutes } from './modules/ledger';
import { paymentsRoutes } from './modules/payments';
import { withdrawalsRoutes } from './modules/withdrawals';
import { certificatesRoutes } from './modules/certificates';
import { notificationsRoutes } from './modules/notifications';
import { communitiesRoutes } from './modules/communities';
import { tasksRoutes, withFileUploads } from './modules/tasks';
import { postersRoutes } from './modules/posters';
import type { Services } from './services';

export interface AppDeps {
  config: Config;
  database: Database;
  services: Services;
  logger: Logger;
}

const BODY_LIMIT_BYTES = 1_000_000;
/** The NOTIFY channel of migration 0017: any change to staff roles or to what a member record holds for auth. */
const PRINCIPAL_CHANGES_CHANNEL = 'principal_changes';
/** A safety net only: principals are dropped when a change is announced (see http/principal-cache.ts). */
const PRINCIPAL_TTL_MS = 60_000;
/** The mini-program's H5 build, served at / when `npm run build:h5` has written it. */
const H5_DIST_DIR = path.resolve(__dirname, '../../miniapp/dist/h5');

/** Builds the Koa app without listening, so tests run it in-process. */
export function createApp(deps: AppDeps): { app: Koa; routes: RouteDef[]; jobs: JobDef[]; principalChanges: ChangeFeed } {
  const { services, database, config } = deps;
  const jobs = jobRegistry(services);
  const routes: RouteDef[] = [
    ...identityRoutes(services.identity, { devLogin: config.env !== 'production' }),
    ...membersRoutes(services.members, services.bindings),
    ...orgRoutes(services.org),
    ...catalogRoutes(services.catalog),
    ...salesRoutes(services.sales, services.refunds, services.org),
    ...commissionRoutes(services.commission),
    ...ledgerRoutes(database.db),
    ...paymentsRoutes(services.payments),
    ...withdrawalsRoutes(services.withdrawals),
    ...certificatesRoutes(services.certificates),
    ...postersRoutes(services.posters),
    ...notificationsRoutes(services.notifications),
    ...rewardsRoutes({ db: database.db, clock: services.clock, ...services.rewards, otherPrivileges: services.communities.rightsAsPrivileges }),
    ...competitionsRoutes(services.competitions),
    ...assessmentsRoutes(services.assessments, services.members),
    ...disciplineRoutes(services.discipline),
    ...communitiesRoutes(services.communities),
    ...tasksRoutes(services.tasks),
    ...settingsRoutes(services.settings),
    ...auditRoutes(database.db),
    ...jobsRoutes(jobs, { db: database.db, clock: services.clock, logger: deps.logger }),
    ...outboxRoutes(services.outbox),
  ];
  const openApi = () => buildOpenApiDocument(routes, { version: '0.1.0' });
  routes.push(
    route({
      method: 'get',
      path: '/openapi.json',
      summary: 'This document',
      tag: 'meta',
      access: 'public',
      response: z.record(z.string(), z.unknown()),
      handler: async () => openApi() as unknown as Record<string, unknown>,
    }),
  );

  const principalChanges = database.watch(PRINCIPAL_CHANGES_CHANNEL, (error) => deps.logger.warn({ err: error }, 'principal change feed lost; callers are looked up on every request until it is back'));
  const principals = createPrincipalCache({
    ttlMs: PRINCIPAL_TTL_MS,
    maxEntries: 50_000,
    changes: principalChanges,
    localWrites: () => services.members.writeCount() + services.identity.roleWriteCount(),
  });
  const router = buildRouter(routes, {
    verifyAccessToken: (token) => services.identity.verifyAccessToken(token),
    loadPrincipal: (userId) => principals(userId, services.members.principalOf),
  });

  const app = new Koa({ proxy: true });
  app.use(requestId());
  app.use(errorHandler(deps.logger));
  app.use(async (ctx, next) => {
    if (ctx.path === '/healthz') {
      ctx.body = { ok: true };
      return;
    }
    if (ctx.path === '/readyz') {
      try {
        await database.ping();
        ctx.body = { ok: true, database: database.kind };
      } catch {
        ctx.status = 503;
        ctx.body = { ok: false, database: 'unreachable' };
      }
      return;
    }
    await next();
  });
  app.use(serveH5(H5_DIST_DIR));
  app.use(withFileUploads(body({ limitBytes: BODY_LIMIT_BYTES })));
  app.use(router.routes());
  app.use(router.allowedMethods({ throw: true }));
  return { app, routes, jobs, principalChanges };
}
