import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import type { Client } from 'pg';
import pino, { type Logger } from 'pino';
import { systemClock } from '../../../server/src/clock';
import { loadConfig, type Config } from '../../../server/src/config';
import { openDatabase, type Database } from '../../../server/src/db/database';
import { buildServices, type Services } from '../../../server/src/services';
import { connect, dropSchema } from './seed';

/** The app's services on a fresh, migrated schema of the local PostgreSQL, and a plain connection for bulk SQL. */
export interface BenchContext {
  url: string;
  schema: string;
  config: Config;
  database: Database;
  services: Services;
  logger: Logger;
  /** search_path = the bench schema; for seeding and checks, outside the app's pool. */
  sql: Client;
  progress(line: string): void;
  close(options: { keepSchema: boolean }): Promise<void>;
}

export async function openBench(o: { url: string; poolMax: number; progress: (line: string) => void }): Promise<BenchContext> {
  const schema = `bench_${process.pid}_${randomBytes(3).toString('hex')}`;
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    TOKEN_SECRET: randomBytes(32).toString('hex'),
    ACCESS_TOKEN_TTL_SEC: '3600',
    DATA_DIR: tmpdir(),
    DATABASE_URL: o.url,
    DATABASE_POOL_MAX: String(o.poolMax),
    SEED_DEMO_DATA: 'false',
    JOBS_ENABLED: 'false',
  });
  o.progress(`schema ${schema} on ${o.url.replace(/\/\/[^@]*@/, '//')}`);
  // Creates the schema and applies the migrations, as the server does at start.
  const database = await openDatabase({ url: o.url, pgliteDir: 'memory://', poolMax: config.databasePoolMax, searchPath: schema });
  const logger = pino({ level: process.env.BENCH_LOG_LEVEL ?? 'silent' });
  const services = buildServices({ config, db: database.db, clock: systemClock, logger });
  const sql = await connect(o.url, schema);
  return {
    url: o.url,
    schema,
    config,
    database,
    services,
    logger,
    sql,
    progress: o.progress,
    async close({ keepSchema }) {
      await sql.end();
      await database.close();
      if (keepSchema) o.progress(`kept schema ${schema}: DROP SCHEMA ${schema} CASCADE when done`);
      else await dropSchema(o.url, schema);
    },
  };
}
