import type { Client } from 'pg';

/**
 * EXPLAIN ANALYZE of the statements the reward drain runs most, with real values from the bench's data.
 * The texts mirror server/src/outbox/outbox.ts, counters.service.ts and grants.service.ts.
 */
export interface Explained {
  label: string;
  executionMs: number;
  plan: string[];
}

async function explain(sql: Client, label: string, text: string, params: unknown[] = []): Promise<Explained> {
  await sql.query('BEGIN');
  try {
    const { rows } = await sql.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${text}`, params);
    const plan = rows.map((row) => row['QUERY PLAN']);
    const time = plan.find((line) => line.startsWith('Execution Time'));
    return { label, executionMs: time ? Number(time.replace(/[^\d.]/g, '')) : NaN, plan };
  } finally {
    // EXPLAIN ANALYZE runs the statement: roll back whatever it did.
    await sql.query('ROLLBACK');
  }
}

/** The outbox's "what is due" query, on the backlog as it is now (run it before the drain). */
export function explainDue(sql: Client, o: { batchSize: number; partitions: number }) {
  return explain(
    sql,
    `outbox due query (partition 0 of ${o.partitions}, LIMIT ${o.batchSize})`,
    `SELECT e.id::text AS id FROM outbox_events e
      WHERE e.status = 'pending' AND e.available_at <= now()
        AND mod(coalesce(e.member_id, e.id), $1) = 0
        AND (e.member_id IS NULL OR NOT EXISTS (
              SELECT 1 FROM outbox_events b
               WHERE b.member_id = e.member_id AND b.status = 'pending' AND b.id < e.id AND b.available_at > now()))
      ORDER BY e.id LIMIT $2`,
    [o.partitions, o.batchSize],
  );
}

/**
 * The engine's per-event reads, for the member with most grants and the rule with most grants (run it
 * after the drain): a total or budget limit counts every grant of its rule, so its cost grows with the
 * rule's history.
 */
export async function explainEngine(sql: Client): Promise<Explained[]> {
  const out: Explained[] = [];
  const { rows: [busy] } = await sql.query<{ member_id: string }>(
    `SELECT member_id::text FROM reward_grants GROUP BY member_id ORDER BY count(*) DESC LIMIT 1`,
  );
  const { rows: [top] } = await sql.query<{ rule_id: string; n: string }>(
    `SELECT rule_id::text, count(*)::text AS n FROM reward_grants WHERE rule_id IS NOT NULL GROUP BY rule_id ORDER BY count(*) DESC LIMIT 1`,
  );
  const member = busy?.member_id ?? '1';
  const ruleId = top?.rule_id ?? '1';
  const grants = top?.n ?? '0';
  out.push(await explain(sql, 'rules of a trigger', `SELECT * FROM reward_rules WHERE trigger = 'fans.reported' AND paused = false`));
  out.push(await explain(sql, `counter snapshot: periods of member ${member}`, `SELECT * FROM member_counter_periods WHERE member_id = $1 AND period_key = ANY($2::text[])`, [
    member,
    Array.from({ length: 30 }, (_, i) => new Date(Date.now() + 8 * 3_600_000 - i * 86_400_000).toISOString().slice(0, 10)),
  ]));
  out.push(await explain(sql, `limit as perMember checks it: grants of rule ${ruleId} to member ${member}`, `SELECT count(*)::text AS n, coalesce(sum(amount_fen), 0)::text AS fen FROM reward_grants WHERE rule_id = $1 AND status <> 'over_budget' AND member_id = $2`, [ruleId, member]));
  out.push(await explain(sql, `limit as a budget check counts it: grants of rule ${ruleId} (${grants} in all) in the last day`, `SELECT count(*)::text AS n, coalesce(sum(amount_fen), 0)::text AS fen FROM reward_grants WHERE rule_id = $1 AND status <> 'over_budget' AND created_at >= now() - interval '1 day'`, [ruleId]));
  out.push(await explain(sql, `limit as a total check counts it: all ${grants} grants of rule ${ruleId}`, `SELECT count(*)::text AS n, coalesce(sum(amount_fen), 0)::text AS fen FROM reward_grants WHERE rule_id = $1 AND status <> 'over_budget' AND true`, [ruleId]));
  return out;
}
