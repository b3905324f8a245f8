import { Client } from 'pg';

const LOCAL_TEST_DATABASE = 'postgres://postgres@127.0.0.1:5432/test';
let cached: Promise<string | undefined> | undefined;

/**
 * Where tests run: DATABASE_URL, else the local PostgreSQL server's `test` database, else
 * undefined (PGlite in memory), so `npm test` passes on a fresh machine too (TEST_DATABASE=pglite forces it).
 */
export function testDatabaseUrl(): Promise<string | undefined> {
  cached ??= (async () => {
    // TEST_DATABASE=pglite runs the suite as a fresh machine without PostgreSQL would.
    if (process.env.TEST_DATABASE === 'pglite') return undefined;
    if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
    const client = new Client({ connectionString: LOCAL_TEST_DATABASE, connectionTimeoutMillis: 1000 });
    try {
      await client.connect();
      await client.end();
      return LOCAL_TEST_DATABASE;
    } catch {
      return undefined;
    }
  })();
  return cached;
}

export async function dropSchema(url: string, schema: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}

/** The URL with every connection's search_path set to `schema`, for a server process that must use it. */
export function withSearchPath(url: string, schema: string): string {
  return `${url}${url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
}
