import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { api } from '../helpers/http-api';
import { freePort, spawnServer, waitUntilReady } from '../helpers/server-process';

/** What `npm start` does on a fresh machine: PGlite in DATA_DIR, demo data, graceful stop, data kept. */
jest.setTimeout(120_000);

describe('npm start on the embedded database', () => {
  it('seeds the demo brand once, stops cleanly on SIGTERM and keeps its data across a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sharecircle-start-'));
    const env = { DATA_DIR: dataDir, PORT: String(await freePort()) };

    const first = spawnServer(env);
    await waitUntilReady(first);
    const ready = await (await fetch(`${first.baseUrl}/readyz`)).json();
    expect(ready).toEqual({ ok: true, database: 'pglite' });
    expect(first.output()).toContain('demo-koc-1');
    const session = await api(first.baseUrl, '/auth/dev', { body: { openid: 'demo-koc-3' } });
    const me = await api(first.baseUrl, '/me', { token: session.body.accessToken });
    expect(me.body.member).toMatchObject({ type: 'koc', status: 'active' });
    expect(me.body.member.upline).not.toBeNull();
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);

    const second = spawnServer(env);
    await waitUntilReady(second);
    const again = await api(second.baseUrl, '/auth/dev', { body: { openid: 'demo-koc-3' } });
    const meAgain = await api(second.baseUrl, '/me', { token: again.body.accessToken });
    expect(meAgain.body.member.id).toBe(me.body.member.id);
    const admin = await api(second.baseUrl, '/auth/dev', { body: { openid: 'demo-admin' } });
    const regions = await api(second.baseUrl, '/admin/regions', { token: admin.body.accessToken });
    expect(regions.body.items).toHaveLength(1);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });

  it('refuses to start on a bad setting and names the variable', async () => {
    const server = spawnServer({ PORT: 'not-a-port', DATA_DIR: mkdtempSync(join(tmpdir(), 'sharecircle-bad-')) });
    expect(await server.exited).toBe(1);
    expect(server.output()).toMatch(/PORT: /);
    expect(server.output()).not.toMatch(/\bat .*\.ts:\d+/);
  });
});
