import { performance } from 'node:perf_hooks';
import { openBench } from './lib/context';
import { LOCAL_DATABASE } from './lib/seed';

const HELP = `npx tsx scripts/bench/assessments.ts [--members N] [--keep]

Prints how long the monthly assessment of N members (default 100,000) takes, each with a month of
counters and sales, against a bare full-table aggregate over the same rows in the same run (the floor
any assessment must pay). Uses DATABASE_URL or the local PostgreSQL, in a schema of its own (dropped
afterwards unless --keep). Not a test: nothing is asserted.`;

function arg(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
}

async function main() {
  if (process.argv.includes('--help')) return void process.stdout.write(`${HELP}\n`);
  const members = arg('members', 100_000);
  const progress = (line: string) => process.stderr.write(`  ${line}\n`);
  const ctx = await openBench({ url: process.env.DATABASE_URL ?? LOCAL_DATABASE, poolMax: 10, progress });
  try {
    const joinedAt = new Date('2026-09-15T00:00:00+08:00');
    const month = '2026-10';
    progress(`seeding ${members} KOC with a month of counters and ~3 sales each`);
    let started = performance.now();
    await ctx.sql.query(
      `WITH u AS (INSERT INTO users (openid, nickname, created_at) SELECT 'bench-a-' || g, 'bench-a-' || g, $1 FROM generate_series(1, $2::int) g RETURNING id)
       INSERT INTO members (user_id, type, status, level, referral_code, joined_at, status_changed_at) SELECT id, 'koc', 'active', 1, 'BA' || id, $1, $1 FROM u`,
      [joinedAt, members],
    );
    // Each member sold 0..6 orders this month; a third of them sold nothing much (they will be warned).
    await ctx.sql.query(
      `INSERT INTO member_counter_periods (member_id, period_kind, period_key, gmv_fen, orders, fans_gained, tasks_completed)
       SELECT id, 'month', $1, (id % 7) * 12000, id % 7, id % 11, 0 FROM members`,
      [month],
    );
    await ctx.sql.query(
      `INSERT INTO member_counters (member_id, gmv_fen, orders, group_size, updated_at) SELECT id, (id % 7) * 12000, id % 7, id % 50, now() FROM members`,
    );
    await ctx.sql.query(
      `INSERT INTO sales (channel, status, buyer_user_id, total_fen, attribution, created_at, paid_at)
       SELECT 'online', 'paid', m.user_id, 12000, jsonb_build_object('policy', 'online_binding', 'sellers', jsonb_build_array(jsonb_build_object('memberId', m.id, 'shareBp', 10000))),
              $1::timestamptz + (g || ' hours')::interval, $1::timestamptz + (g || ' hours')::interval
         FROM members m CROSS JOIN generate_series(1, 3) g WHERE m.id % 7 >= g`,
      [new Date('2026-10-05T00:00:00+08:00')],
    );
    // The new-customer projection the outbox keeps from those sales (competitions/customers.service.ts).
    await ctx.sql.query(
      `INSERT INTO member_customers (member_id, buyer_user_id, first_sale_id, first_paid_at)
       SELECT DISTINCT ON (1, 2) (attribution->'sellers'->0->>'memberId')::bigint, buyer_user_id, id, paid_at FROM sales ORDER BY 1, 2, paid_at, id`,
    );
    await ctx.sql.query(
      `INSERT INTO member_customer_periods (member_id, period_kind, period_key, new_customers) SELECT member_id, 'month', $1, count(*) FROM member_customers GROUP BY member_id`,
      [month],
    );
    await ctx.sql.query('ANALYZE');
    progress(`seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`);

    started = performance.now();
    const bare = await ctx.sql.query(
      `SELECT count(*) AS n, sum(gmv_fen) AS gmv FROM member_counter_periods WHERE period_kind = 'month' AND period_key = $1`,
      [month],
    );
    const bareSalesAggregate = await ctx.sql.query(`SELECT count(DISTINCT (attribution->'sellers'->0->>'memberId')) AS sellers FROM sales WHERE paid_at IS NOT NULL`);
    const bareMs = performance.now() - started;
    progress(`bare aggregate over ${bare.rows[0].n} counter rows and the sales: ${bareMs.toFixed(0)} ms (${bareSalesAggregate.rows[0].sellers} sellers)`);

    const admin = await ctx.services.identity.signInDev('bench-hq');
    await ctx.services.assessments.createPolicy(admin.userId, {
      name: 'bench KOC monthly',
      cohort: { types: ['koc'] },
      period: 'month',
      metrics: [
        { metric: 'gmv', threshold: 24_000, weight: 2 },
        { metric: 'orders', threshold: 2, weight: 1 },
        { metric: 'new_customers', threshold: 1, weight: 1 },
      ],
      ladder: ['warn', 'probation', 'remove'],
      active: true,
    });
    started = performance.now();
    const result = await ctx.services.assessments.closeMonth(month);
    const assessMs = performance.now() - started;
    const [policy] = result.policies;
    process.stdout.write(
      [
        '',
        'assessments (monthly, one policy, three metrics)',
        `  members assessed        ${policy.assessed}   (pass ${policy.pass}, warn ${policy.warn})`,
        `  time                    ${(assessMs / 1000).toFixed(1)} s   (goal < 30 s)   ${((policy.assessed / assessMs) * 1000).toFixed(0)} members/s`,
        `  bare aggregate          ${bareMs.toFixed(0)} ms   ratio ${(assessMs / bareMs).toFixed(1)}x`,
        '',
      ].join('\n'),
    );
  } finally {
    await ctx.close({ keepSchema: process.argv.includes('--keep') });
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
