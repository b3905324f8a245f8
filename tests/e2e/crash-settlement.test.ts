import { Client } from 'pg';
import { verifyLedger } from '../../server/src/modules/ledger';
import { testDatabaseUrl } from '../helpers/database-url';
import { startTestApp } from '../helpers/test-app';
import { freePort, spawnServer, waitUntilReady, type ServerProcess } from '../helpers/server-process';
import { approvedKos, createStore, joinKoc } from '../factories/people';
import { createCatalog } from '../factories/catalog';
import { dispatch } from '../factories/sales';

jest.setTimeout(300_000);

const SALES = 600;

/**
 * The server process is SIGKILLed while a settlement batch is running, then restarted and the job run
 * again: nothing is lost, nothing is posted twice, and the book still balances.
 */
describe('a crash in the middle of settlement', () => {
  it('loses and doubles nothing', async () => {
    const url = await testDatabaseUrl();
    if (!url) return; // the server process and this test must share a database server
    const t = await startTestApp();
    const schema = (await t.database.db.execute('SELECT current_schema() AS s' as never) as unknown as { rows: { s: string }[] }).rows[0].s;
    const { storeId } = await createStore(t, 'crash-store');
    const catalog = await createCatalog(t);
    const clerks = [];
    for (let i = 0; i < 4; i += 1) {
      const upline = await joinKoc(t, `crash-upline-${i}`);
      clerks.push(await approvedKos(t, `crash-clerk-${i}`, storeId, upline.referralCode));
    }
    const principals = await Promise.all(clerks.map((clerk) => t.services.members.principalOf(clerk.client.userId)));
    for (let i = 0; i < SALES; i += 1) {
      await t.services.sales.recordStoreSale(principals[i % principals.length], {
        receiptNo: `CRASH-${i}`,
        lines: [{ sku: catalog.skus.teapot.code, quantity: 1, unitPrice: 10_000 + i }],
      });
    }
    await dispatch(t);
    const db = new Client({ connectionString: url, options: `-c search_path=${schema}` });
    await db.connect();
    const count = async (query: string) => Number((await db.query(query)).rows[0].n);
    const commissions = await count(`SELECT count(*) AS n FROM commissions`);
    expect(commissions).toBe(SALES * 2);
    await db.query(`UPDATE commissions SET settle_at = now() - interval '1 day'`);

    const env = {
      DATABASE_URL: `${url}${url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`,
      PORT: String(await freePort()),
      HQ_ADMIN_OPENIDS: 'crash-admin',
      SEED_DEMO_DATA: 'false',
      DATA_DIR: t.config.dataDir,
    };
    const runSettlement = async (server: ServerProcess) => {
      const session = (await (await fetch(`${server.baseUrl}/api/v1/auth/dev`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"openid":"crash-admin"}' })).json()) as { accessToken: string };
      return fetch(`${server.baseUrl}/api/v1/admin/jobs/commission.settle/run`, { method: 'POST', headers: { authorization: `Bearer ${session.accessToken}` } });
    };

    const first = spawnServer(env);
    try {
      await waitUntilReady(first);
      const settling = runSettlement(first).catch(() => undefined);
      while ((await count(`SELECT count(*) AS n FROM commissions WHERE status = 'settled'`)) === 0) await new Promise((r) => setTimeout(r, 20));
      first.child.kill('SIGKILL');
      await first.exited;
      await settling;
    } finally {
      first.child.kill('SIGKILL');
    }
    const settledAtCrash = await count(`SELECT count(*) AS n FROM commissions WHERE status = 'settled'`);
    expect(settledAtCrash).toBeGreaterThan(0);
    expect(settledAtCrash).toBeLessThan(commissions);
    // What committed is whole: every settled commission has its entry, and no entry lacks its commission.
    expect(await count(`SELECT count(*) AS n FROM ledger_entries WHERE kind = 'commission.settled'`)).toBe(settledAtCrash);

    const second = spawnServer(env);
    try {
      await waitUntilReady(second);
      const response = await runSettlement(second);
      expect(response.status).toBe(200);
      expect(((await response.json()) as { result: { settled: number } }).result.settled).toBe(commissions - settledAtCrash);
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
    expect(await count(`SELECT count(*) AS n FROM commissions WHERE status = 'settled'`)).toBe(commissions);
    expect(await count(`SELECT count(*) AS n FROM ledger_entries WHERE kind = 'commission.settled'`)).toBe(commissions);
    expect(await count(`SELECT count(*) AS n FROM ledger_accounts WHERE kind = 'pending' AND balance <> 0`)).toBe(0);
    const owed = await count(`SELECT sum(amount_fen) AS n FROM commissions`);
    expect(await count(`SELECT sum(balance) AS n FROM ledger_accounts WHERE kind = 'available'`)).toBe(owed);
    expect((await verifyLedger(t.database.db)).ok).toBe(true);
    await db.end();
    await t.close();
  });
});
