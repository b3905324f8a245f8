import { Client } from 'pg';

/** Bulk SQL for the bench: people, catalog and a sales backlog (part 1), members with a big ledger (part 2). */

export const LOCAL_DATABASE = 'postgres://postgres@127.0.0.1:5432/test';

/** One connection whose search_path is the bench schema (temp tables live as long as it does). */
export async function connect(url: string, schema: string): Promise<Client> {
  const client = new Client({ connectionString: url, options: `-c search_path=${schema}` });
  await client.connect();
  return client;
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

const one = async <T>(c: Client, text: string, params: unknown[] = []) => (await c.query(text, params)).rows[0] as T;

/**
 * A store; `uplines` active KOCs; `clerks` active KOS of the store, clerk i brought in by KOC i mod
 * uplines (a binding, so L2 applies); a category with a hot product and a plain one, two SKUs each.
 */
export async function seedStoreAndCatalog(c: Client, o: { clerks: number; uplines: number; at: Date }) {
  const { id: regionId } = await one<{ id: string }>(c, `INSERT INTO regions (name, created_at) VALUES ('bench-region', $1) RETURNING id`, [o.at]);
  const { id: storeId } = await one<{ id: string }>(c, `INSERT INTO stores (region_id, name, created_at) VALUES ($1, 'bench-store', $2) RETURNING id`, [regionId, o.at]);
  const people = async (prefix: string, count: number, type: 'koc' | 'kos') => {
    await c.query(
      `WITH u AS (INSERT INTO users (openid, nickname, created_at)
                  SELECT $1 || g, $1 || g, $2 FROM generate_series(1, $3::int) g RETURNING id)
       INSERT INTO members (user_id, type, status, level, referral_code, store_id, joined_at, status_changed_at)
       SELECT id, $4, 'active', 1, $1 || id, $5::bigint, $2, $2 FROM u`,
      [prefix, o.at, count, type, type === 'kos' ? storeId : null],
    );
  };
  await people('bench-koc-', o.uplines, 'koc');
  await people('bench-clerk-', o.clerks, 'kos');
  await c.query(
    `WITH up AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS i FROM members WHERE referral_code LIKE 'bench-koc-%'),
          cl AS (SELECT user_id, row_number() OVER (ORDER BY id) - 1 AS i FROM members WHERE referral_code LIKE 'bench-clerk-%')
     INSERT INTO bindings (user_id, member_id, source, bound_at) SELECT cl.user_id, up.id, 'join', $2 FROM cl JOIN up ON up.i = cl.i % $1`,
    [o.uplines, o.at],
  );
  const { id: categoryId } = await one<{ id: string }>(c, `INSERT INTO categories (name, created_at) VALUES ('bench-tea', $1) RETURNING id`, [o.at]);
  await c.query(
    `WITH p AS (INSERT INTO products (category_id, name, hot, created_at, updated_at)
                VALUES ($1, 'bench-longjing', true, $2, $2), ($1, 'bench-teapot', false, $2, $2) RETURNING id, hot)
     INSERT INTO skus (product_id, code, name, price_fen, created_at, updated_at)
     SELECT p.id, 'BENCH-' || p.id || '-' || s.n, s.n || ' unit', s.price, $2, $2
       FROM p CROSS JOIN (VALUES (1, 26800), (2, 49900)) s(n, price)`,
    [categoryId, o.at],
  );
  return { storeId: Number(storeId) };
}

/**
 * `count` paid store sales of two lines each, each with its sale.paid event: the rows recordStoreSale
 * writes (attribution policy 'clerk', the clerk sells alone), in one statement. Each sale's clerk is
 * picked by a hash of its number, so consecutive events belong to clerks in no particular order, as at
 * real tills (a round-robin order would hide lock-order conflicts between concurrent workers).
 */
export async function seedSalesBacklog(c: Client, o: { count: number; storeId: number; at: Date }): Promise<void> {
  await c.query('BEGIN');
  try {
    await c.query(
      `CREATE TEMP TABLE plan ON COMMIT DROP AS
       SELECT g, cl.clerks[1 + (hashint4(g)::bigint + 2147483648) % cardinality(cl.clerks)] AS clerk,
              sk.ids[1 + g % cardinality(sk.ids)] AS sku1, sk.prices[1 + g % cardinality(sk.ids)] AS price1, 1 + g % 3 AS qty1,
              sk.ids[1 + (g + 1) % cardinality(sk.ids)] AS sku2, sk.prices[1 + (g + 1) % cardinality(sk.ids)] AS price2
         FROM generate_series(1, $1::int) g,
              (SELECT array_agg(id ORDER BY id) AS clerks FROM members WHERE referral_code LIKE 'bench-clerk-%') cl,
              (SELECT array_agg(id ORDER BY id) AS ids, array_agg(price_fen ORDER BY id) AS prices FROM skus WHERE code LIKE 'BENCH-%') sk`,
      [o.count],
    );
    await c.query(
      `WITH s AS (
         INSERT INTO sales (channel, status, store_id, clerk_member_id, receipt_no, total_fen, refunded_fen, attribution, commission_done, created_at, paid_at)
         SELECT 'store', 'paid', $2::bigint, p.clerk, 'BENCH-' || p.g, p.price1 * p.qty1 + p.price2, 0,
                jsonb_build_object('policy', 'clerk', 'sellers', jsonb_build_array(jsonb_build_object('memberId', p.clerk, 'shareBp', 10000))),
                false, $1, $1
           FROM plan p ORDER BY p.g RETURNING id, receipt_no, clerk_member_id),
       l AS (
         INSERT INTO sale_lines (sale_id, sku_id, quantity, unit_price_fen, amount_fen)
         SELECT s.id, x.sku, x.qty, x.price, x.qty * x.price
           FROM s JOIN plan p ON s.receipt_no = 'BENCH-' || p.g
          CROSS JOIN LATERAL (VALUES (1, p.sku1, p.qty1, p.price1), (2, p.sku2, 1, p.price2)) x(n, sku, qty, price)
          ORDER BY s.id, x.n)
       INSERT INTO outbox_events (type, member_id, payload, status, attempts, available_at, created_at)
       SELECT 'sale.paid', s.clerk_member_id, jsonb_build_object('saleId', s.id), 'pending', 0, $1, $1 FROM s ORDER BY s.id`,
      [o.at, o.storeId],
    );
    await c.query('COMMIT');
  } catch (error) {
    await c.query('ROLLBACK');
    throw error;
  }
  await c.query('ANALYZE');
}

/** What the default rules must pay on the backlog: per line, rounded down; hot item 15% / 5%, brand default 10% / 3%. */
export async function expectedCommission(c: Client): Promise<{ sales: number; fen: number }> {
  const row = await one<{ sales: string; fen: string }>(
    c,
    `SELECT count(DISTINCT s.id)::text AS sales,
            coalesce(sum(floor(l.amount_fen * CASE WHEN p.hot THEN 1500 ELSE 1000 END / 10000)
                       + floor(l.amount_fen * CASE WHEN p.hot THEN 500 ELSE 300 END / 10000)), 0)::text AS fen
       FROM sales s JOIN sale_lines l ON l.sale_id = s.id JOIN skus k ON k.id = l.sku_id JOIN products p ON p.id = k.product_id
      WHERE s.receipt_no LIKE 'BENCH-%'`,
  );
  return { sales: Number(row.sales), fen: Number(row.fen) };
}

export async function commissionOutcome(c: Client) {
  return one<{ sales_left: string; commissions: string; fen: string; events_left: string; top_error: string | null }>(
    c,
    `SELECT (SELECT count(*) FROM sales WHERE receipt_no LIKE 'BENCH-%' AND NOT commission_done)::text AS sales_left,
            (SELECT count(*) FROM commissions)::text AS commissions,
            (SELECT coalesce(sum(amount_fen), 0) FROM commissions)::text AS fen,
            (SELECT count(*) FROM outbox_events WHERE type = 'sale.paid' AND status <> 'done')::text AS events_left,
            (SELECT last_error FROM outbox_events WHERE last_error IS NOT NULL GROUP BY last_error ORDER BY count(*) DESC LIMIT 1) AS top_error`,
  );
}

/**
 * `members` active KOCs, each with a pending and an available account, and postings/2 balanced
 * entries spread round-robin over them: commission earned (expense -> pending), and in the last
 * round a settlement of the first round's amount (pending -> available). Balances are then set to
 * the sum of each account's postings, so the book verifies.
 */
export async function seedBigLedger(c: Client, o: { members: number; postings: number; at: Date; progress: (line: string) => void }) {
  const n = o.members;
  const entries = Math.floor(o.postings / 2);
  const rounds = Math.ceil(entries / n);
  await c.query(
    `WITH u AS (INSERT INTO users (openid, nickname, created_at) SELECT 'bench-m-' || g, 'member ' || g, $2 FROM generate_series(1, $1::int) g RETURNING id),
          m AS (INSERT INTO members (user_id, type, status, level, referral_code, joined_at, status_changed_at)
                SELECT id, 'koc', 'active', 1, 'bench-m-' || id, $2, $2 FROM u RETURNING id)
     INSERT INTO ledger_accounts (member_id, kind, balance, updated_at)
     SELECT m.id, k.kind, 0, $2 FROM m CROSS JOIN (VALUES ('pending'), ('available')) k(kind)`,
    [n, o.at],
  );
  await c.query(
    `CREATE TEMP TABLE acc AS
     SELECT row_number() OVER (ORDER BY m.id) - 1 AS mi, m.id AS member_id, p.id AS pending_id, a.id AS available_id
       FROM members m JOIN ledger_accounts p ON p.member_id = m.id AND p.kind = 'pending'
       JOIN ledger_accounts a ON a.member_id = m.id AND a.kind = 'available'
      WHERE m.referral_code LIKE 'bench-m-%';
     ALTER TABLE acc ADD PRIMARY KEY (mi)`,
  );
  const { id: expense } = await one<{ id: string }>(c, `SELECT id FROM ledger_accounts WHERE member_id IS NULL AND kind = 'commission_expense'`);
  const chunk = 100_000;
  for (let from = 1; from <= entries; from += chunk) {
    const to = Math.min(entries, from + chunk - 1);
    await c.query(
      `WITH plan AS (
         SELECT g, a.*, (g - 1) / $3 = $4 - 1 AND $4 > 1 AS settle,
                100 + ((a.mi * 7919 + (CASE WHEN (g - 1) / $3 = $4 - 1 THEN 0 ELSE (g - 1) / $3 END) * 104729) % 4900) AS amount
           FROM generate_series($1::int, $2::int) g JOIN acc a ON a.mi = (g - 1) % $3),
       e AS (
         INSERT INTO ledger_entries (idempotency_key, kind, member_id, ref_type, memo, created_at)
         SELECT 'bench:' || g, CASE WHEN settle THEN 'commission.settled' ELSE 'commission.earned' END, member_id, 'bench',
                CASE WHEN settle THEN 'Bench commission settled' ELSE 'Bench L1 commission' END, $5
           FROM plan ORDER BY g RETURNING id, idempotency_key)
       INSERT INTO ledger_postings (entry_id, account_id, amount, created_at)
       SELECT e.id, x.account_id, x.amount, $5
         FROM e JOIN plan p ON e.idempotency_key = 'bench:' || p.g
        CROSS JOIN LATERAL (VALUES (CASE WHEN p.settle THEN p.pending_id ELSE $6::bigint END, -p.amount),
                                   (CASE WHEN p.settle THEN p.available_id ELSE p.pending_id END, p.amount)) x(account_id, amount)
        ORDER BY e.id`,
      [from, to, n, rounds, o.at, expense],
    );
    o.progress(`ledger: ${to * 2} / ${entries * 2} postings`);
  }
  await c.query(
    `UPDATE ledger_accounts a SET balance = s.total
       FROM (SELECT p.account_id, sum(p.amount) AS total FROM ledger_postings p
              WHERE p.account_id IN (SELECT pending_id FROM acc UNION ALL SELECT available_id FROM acc) GROUP BY p.account_id) s
      WHERE a.id = s.account_id`,
  );
  o.progress('ledger: balances set; VACUUM ANALYZE');
  await c.query('VACUUM ANALYZE users, members, staff_roles, ledger_accounts, ledger_entries, ledger_postings');
  const users = await c.query(`SELECT user_id FROM members WHERE referral_code LIKE 'bench-m-%'`);
  return { userIds: users.rows.map((row) => Number(row.user_id)), entries, postings: entries * 2 };
}
