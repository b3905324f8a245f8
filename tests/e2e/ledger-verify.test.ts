import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { randomBytes } from 'node:crypto';
import { testDatabaseUrl } from '../helpers/database-url';

const ROOT = join(__dirname, '..', '..');
const run = (env: Record<string, string>) =>
  spawnSync(process.execPath, [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(ROOT, 'scripts', 'ledger-verify.ts')], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    encoding: 'utf8',
  });

describe('npm run ledger:verify', () => {
  it('passes on a consistent book and exits 1, naming the account, once a balance is tampered with', async () => {
    const url = await testDatabaseUrl();
    if (!url) return; // Needs a server both this test and the script can reach; PGlite in memory is private to one process.
    const schema = `verify_${randomBytes(4).toString('hex')}`;
    const scoped = `${url}${url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
    const admin = new Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query(`CREATE SCHEMA ${schema}`);
      const clean = run({ DATABASE_URL: scoped });
      expect(clean.stdout).toMatch(/^OK: 0 entries/);
      expect(clean.status).toBe(0);
      await admin.query(`SET search_path TO ${schema}`);
      await admin.query(`INSERT INTO users (id, openid, nickname, created_at) VALUES (1, 'o', 'n', now())`);
      await admin.query(`INSERT INTO members (id, user_id, type, status, referral_code, joined_at, status_changed_at) VALUES (1, 1, 'koc', 'active', 'BXXXX', now(), now())`);
      await admin.query(`INSERT INTO ledger_accounts (member_id, kind, balance, updated_at) VALUES (1, 'available', 500, now())`);
      const tampered = run({ DATABASE_URL: scoped });
      expect(tampered.status).toBe(1);
      expect(tampered.stdout).toMatch(/INCONSISTENT[\s\S]*member 1 available\) stores 500, postings give 0/);
    } finally {
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.end();
    }
  });
});
