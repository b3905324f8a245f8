import { createServer } from 'node:http';
import { join } from 'node:path';
import { createApp } from './app';
import { loadConfig, ConfigError } from './config';
import { systemClock } from './clock';
import { openDatabase } from './db/database';
import { seedDemo, DEMO_OPENIDS } from './demo/seed-demo';
import { startScheduler } from './jobs/scheduler';
import { createLogger } from './logger';
import { buildServices } from './services';

/** Composition root: config -> database -> services -> app -> listen -> scheduler. */
async function main() {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const database = await openDatabase({
    url: config.databaseUrl,
    pgliteDir: join(config.dataDir, 'pglite'),
    poolMax: config.databasePoolMax,
  });
  logger.info({ database: database.kind }, 'database ready');
  const services = buildServices({ config, db: database.db, clock: systemClock, logger });
  if (config.seedDemoData && config.env !== 'production' && (await seedDemo(services, logger))) {
    logger.info('seeded the demo brand');
  }
  const { app, jobs } = createApp({ config, database, services, logger });
  const server = createServer(app.callback());
  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  const scheduler = config.jobsEnabled ? startScheduler(jobs, { db: database.db, clock: systemClock, logger }) : undefined;
  // Periods missed while no server ran (a month-end during a deploy): in the background, continuous jobs go on meanwhile.
  void scheduler?.catchUp();

  const url = config.publicBaseUrl;
  logger.info({ url }, 'Sharecircle is listening');
  if (config.env !== 'production') {
    process.stdout.write(
      `\nSharecircle is running at ${url}\n` +
        `  API: ${url}/api/v1/openapi.json\n` +
        `  Sign in as a demo user: curl -X POST ${url}/api/v1/auth/dev -H 'content-type: application/json' -d '{"openid":"${DEMO_OPENIDS.kocChain[0]}"}'\n` +
        `  Demo openids: ${[DEMO_OPENIDS.admin, DEMO_OPENIDS.manager, ...DEMO_OPENIDS.clerks, DEMO_OPENIDS.community, ...DEMO_OPENIDS.kocChain].join(', ')}\n\n`,
    );
  }

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: no new connections, finishing in-flight requests');
    await scheduler?.stop();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    await closed;
    await database.close();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`Sharecircle failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  }
  process.exit(1);
});
