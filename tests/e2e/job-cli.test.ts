import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { testDatabaseUrl } from '../helpers/database-url';

jest.setTimeout(120_000);

const ROOT = join(__dirname, '..', '..');

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** `npm run job -- ...` as its own process (tsx as a loader, like the server in the e2e tests). */
function job(args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'job.ts'), ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.once('error', reject);
    child.once('exit', (status) => resolve({ status, stdout, stderr }));
  });
}

describe('npm run job', () => {
  it('runs a named period once, again only with --force, refuses bad periods, and runs once when started twice at once', async () => {
    const url = await testDatabaseUrl();
    if (!url) return; // Needs a server both this test and the script can reach; PGlite in memory is private to one process.
    const schema = `jobcli_${randomBytes(4).toString('hex')}`;
    const env = {
      DATABASE_URL: `${url}${url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`,
      DATA_DIR: mkdtempSync(join(tmpdir(), 'sharecircle-job-cli-')),
      SEED_DEMO_DATA: 'false',
    };
    const admin = new Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query(`CREATE SCHEMA ${schema}`);

      const help = await job(['--help'], env);
      expect(help.status).toBe(0);
      expect(help.stdout).toMatch(/levels\.reevaluate\s+month \(YYYY-MM\)/);
      expect(help.stdout).toMatch(/outbox\.dispatch\s+continuous/);

      const first = await job(['levels.reevaluate', '--period', '2026-10'], env);
      expect(first.stderr).toBe('');
      expect(first.status).toBe(0);
      expect(JSON.parse(first.stdout)).toEqual({ name: 'levels.reevaluate', periodKey: '2026-10', status: 'succeeded', attempts: 1, result: { skipped: 're-evaluation is off' } });

      const again = await job(['levels.reevaluate', '--period', '2026-10'], env);
      expect(again.status).toBe(0);
      expect(JSON.parse(again.stdout)).toMatchObject({ status: 'already_succeeded', attempts: 1 });

      const forced = await job(['levels.reevaluate', '--period', '2026-10', '--force'], env);
      expect(forced.status).toBe(0);
      expect(JSON.parse(forced.stdout)).toMatchObject({ status: 'succeeded', attempts: 2 });

      const bad = await job(['levels.reevaluate', '--period', '2026-13'], env);
      expect(bad.status).toBe(2);
      expect(bad.stderr).toContain('expected a month as YYYY-MM');
      expect((await job(['levels.reevaluate', '--period', '2999-01'], env)).stderr).toContain('has not ended yet');
      expect((await job(['no.such.job'], env)).status).toBe(2);

      // Two processes at once: one runs the period, the other finds it running or done.
      const both = await Promise.all([job(['levels.reevaluate', '--period', '2026-09'], env), job(['levels.reevaluate', '--period', '2026-09'], env)]);
      const statuses = both.map((run) => JSON.parse(run.stdout).status).sort();
      expect(statuses[1]).toBe('succeeded');
      expect(['already_succeeded', 'running_elsewhere']).toContain(statuses[0]);
      const rows = await admin.query(`SELECT period_key, status, attempts FROM ${schema}.job_runs WHERE job = 'levels.reevaluate' ORDER BY period_key`);
      expect(rows.rows).toEqual([
        { period_key: '2026-09', status: 'succeeded', attempts: 1 },
        { period_key: '2026-10', status: 'succeeded', attempts: 2 },
      ]);

      const continuous = await job(['outbox.dispatch'], env);
      expect(continuous.status).toBe(0);
      expect(JSON.parse(continuous.stdout)).toEqual({ name: 'outbox.dispatch', periodKey: null, status: 'succeeded', result: { done: 0, failed: 0 } });
    } finally {
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.end();
    }
  });
});
