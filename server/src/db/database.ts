import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { sql, type SQL } from 'drizzle-orm';
import { Pool } from 'pg';
import { pgliteChangeFeed, postgresChangeFeed, type ChangeFeed } from './change-feed';
import { applyMigrations, type ScriptRunner } from './migrate';

/** The Drizzle handle every repository takes; a transaction handle has the same type. */
export type Db = PgDatabase<PgQueryResultHKT>;

export interface Database {
  db: Db;
  kind: 'postgres' | 'pglite';
  /** Throws when the database cannot answer (used by /readyz). */
  ping(): Promise<void>;
  /** Announcements on a NOTIFY channel, from every process writing to this database; closed with it. */
  watch(channel: string, onError: (error: Error) => void): ChangeFeed;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres:// URL; when absent, PGlite with its files in pgliteDir. */
  url?: string;
  /** A folder, or 'memory://' for a throwaway database. */
  pgliteDir: string;
  poolMax: number;
  /** Tests isolate themselves in a schema of their own. */
  searchPath?: string;
}

/** Opens the database and brings its schema up to date before anyone queries it. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.url ? openPostgres(options.url, options) : openPglite(options);
}

async function openPostgres(url: string, options: DatabaseOptions): Promise<Database> {
  const pool = new Pool({
    connectionString: url,
    max: options.poolMax,
    connectionTimeoutMillis: 5000,
    idleTimeoutMillis: 30_000,
    // JIT compiles for plans it guesses are big and costs a second each time; OLTP queries never repay it.
    options: ['-c jit=off', options.searchPath ? `-c search_path=${options.searchPath}` : ''].join(' ').trim(),
  });
  const runner: ScriptRunner = async (work) => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await work({
        exec: async (script) => void (await client.query(script)),
        query: async (text, params) => (await client.query(text, params)).rows,
      });
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
  };
  if (options.searchPath) await pool.query(`CREATE SCHEMA IF NOT EXISTS ${options.searchPath}`);
  await applyMigrations(runner);
  const db = drizzlePg(pool) as unknown as Db;
  const feeds: ChangeFeed[] = [];
  return {
    db,
    kind: 'postgres',
    ping: async () => void (await pool.query('SELECT 1')),
    watch(channel, onError) {
      // Named, so an operator sees the listening connections in pg_stat_activity for what they are.
      const feed = postgresChangeFeed({ connectionString: url, connectionTimeoutMillis: 5000, application_name: `sharecircle:${channel}` }, channel, onError);
      feeds.push(feed);
      return feed;
    },
    async close() {
      await Promise.all(feeds.map((feed) => feed.close()));
      await pool.end();
    },
  };
}

async function openPglite(options: DatabaseOptions): Promise<Database> {
  if (!options.pgliteDir.startsWith('memory://')) mkdirSync(options.pgliteDir, { recursive: true });
  const client = await PGlite.create(options.pgliteDir);
  if (options.searchPath) {
    await client.exec(`CREATE SCHEMA IF NOT EXISTS ${options.searchPath}; SET search_path TO ${options.searchPath}`);
  }
  await applyMigrations((work) =>
    client.transaction(async (tx) => {
      await work({
        exec: async (script) => void (await tx.exec(script)),
        query: async (text, params) => (await tx.query<Record<string, unknown>>(text, params)).rows,
      });
    }),
  );
  const db = drizzlePglite(client) as unknown as Db;
  const feeds: ChangeFeed[] = [];
  return {
    db,
    kind: 'pglite',
    ping: async () => void (await client.query('SELECT 1')),
    watch(channel) {
      const feed = pgliteChangeFeed(client, channel);
      feeds.push(feed);
      return feed;
    },
    async close() {
      await Promise.all(feeds.map((feed) => feed.close()));
      await client.close();
    },
  };
}

/** Raw SQL that answers rows, for queries clearer in SQL than in the builder (ledger posting, reports). */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

export { sql };
