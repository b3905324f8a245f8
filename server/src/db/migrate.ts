import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ScriptSession {
  exec(script: string): Promise<void>;
  query(text: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
}
/** Runs work inside one transaction on one connection. */
export type ScriptRunner = (work: (session: ScriptSession) => Promise<void>) => Promise<void>;

const MIGRATIONS_DIR = join(__dirname, 'migrations');

/**
 * Applies the checked-in SQL files in name order, each once. Several processes starting at once
 * serialise on an advisory lock, so a migration never runs twice.
 */
export async function applyMigrations(runner: ScriptRunner): Promise<string[]> {
  const files = readdirSync(MIGRATIONS_DIR).filter((name) => name.endsWith('.sql')).sort();
  const applied: string[] = [];
  await runner(async (session) => {
    await session.query(`SELECT pg_advisory_xact_lock(hashtext('sharecircle:migrations'))`);
    await session.exec(
      'CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const done = new Set((await session.query('SELECT name FROM schema_migrations')).map((row) => String(row.name)));
    for (const name of files) {
      if (done.has(name)) continue;
      await session.exec(readFileSync(join(MIGRATIONS_DIR, name), 'utf8'));
      await session.query('INSERT INTO schema_migrations (name) VALUES ($1)', [name]);
      applied.push(name);
    }
  });
  return applied;
}
