import { openBench, type BenchContext } from '../lib/context';
import { benchLadder, benchRules, triggerCounts } from './rules';

export { LOCAL_DATABASE, dropSchema } from '../lib/seed';

/** The app's services on a fresh, migrated schema, and a plain connection for bulk SQL (the ledger bench's context). */
export type RewardsBench = BenchContext;

export const openRewardsBench = (o: { url: string; poolMax: number }): Promise<RewardsBench> => openBench({ ...o, progress: () => undefined });

/** Deterministic pseudo-random numbers (mulberry32), so runs publish the same events. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * KOC members, active at level 1. `bulk`: users and members rows in two INSERTs; `service`: each one
 * signs in (signInDev) and joins (members.join), as the mini-program would, which also publishes
 * member.joined (drained by the caller before measuring).
 */
export async function seedMembers(b: RewardsBench, o: { count: number; mode: 'bulk' | 'service'; concurrency: number }): Promise<number[]> {
  if (o.mode === 'bulk') {
    const { rows } = await b.sql.query<{ id: string }>(
      `WITH u AS (
         INSERT INTO users (openid, nickname, created_at, customer_code)
         SELECT 'bench-koc-' || g, 'KOC ' || g, now(), 'cbench' || g FROM generate_series(1, $1) g
         RETURNING id)
       INSERT INTO members (user_id, type, status, level, referral_code, joined_at, status_changed_at)
       SELECT id, 'koc', 'active', 1, 'BENCH' || id, now(), now() FROM u
       RETURNING id::text`,
      [o.count],
    );
    return rows.map((row) => Number(row.id)).sort((x, y) => x - y);
  }
  const ids: number[] = [];
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < o.count; i = next++) {
      const { userId } = await b.services.identity.signInDev(`bench-koc-${i + 1}`, `KOC ${i + 1}`);
      const { member } = await b.services.members.join(userId, { type: 'koc' });
      ids.push(member.id);
    }
  };
  await Promise.all(Array.from({ length: o.concurrency }, worker));
  return ids.sort((x, y) => x - y);
}

/** HQ's side: an actor, the code pool, the ladder and the rules, through the services HQ's routes call. */
export async function seedProgramme(b: RewardsBench, o: { codes: number }) {
  const { userId: actorUserId } = await b.services.identity.signInDev('bench-hq-admin', 'HQ');
  const codes = Array.from({ length: o.codes }, (_, i) => `BENCH-${String(i + 1).padStart(6, '0')}`);
  const poolId = await b.services.rewards.rules.createPool(actorUserId, { name: 'bench coupons', kind: 'coupon', codes: codes.slice(0, 10_000) });
  for (let i = 10_000; i < codes.length; i += 10_000) await b.services.rewards.rules.addCodes(poolId, codes.slice(i, i + 10_000));
  await b.services.rewards.levels.replace(benchLadder());
  const rules = benchRules(poolId);
  for (const rule of rules) await b.services.rewards.rules.create(actorUserId, rule);
  return { actorUserId, poolId, rules: rules.length, triggers: triggerCounts(rules) };
}

export const EVENT_MIX = [
  { type: 'fans.reported', share: 0.5 },
  { type: 'task.completed', share: 0.3 },
  { type: 'group.size.reported', share: 0.2 },
] as const;

/**
 * A backlog of pending events, as publish() writes them, spread uniformly over the members. `type`
 * given: every event has it (the bare baseline); else the reward mix with realistic payloads.
 */
export async function seedBacklog(b: RewardsBench, o: { count: number; memberIds: number[]; seed: number; type?: string }): Promise<Record<string, number>> {
  const random = prng(o.seed);
  const byType: Record<string, number> = {};
  const CHUNK = 5000;
  for (let start = 0; start < o.count; start += CHUNK) {
    const types: string[] = [];
    const members: number[] = [];
    const payloads: string[] = [];
    for (let i = start; i < Math.min(o.count, start + CHUNK); i += 1) {
      const member = o.memberIds[Math.floor(random() * o.memberIds.length)];
      let type = o.type;
      if (!type) {
        const r = random();
        let acc = 0;
        type = EVENT_MIX[EVENT_MIX.length - 1].type;
        for (const entry of EVENT_MIX) {
          acc += entry.share;
          if (r < acc) {
            type = entry.type;
            break;
          }
        }
      }
      const payload =
        type === 'fans.reported'
          ? { gained: 1 + Math.floor(random() * 50) }
          : type === 'task.completed'
            ? { taskId: 1 + Math.floor(random() * 40) }
            : type === 'group.size.reported'
              ? { size: 10 + Math.floor(random() * 491) }
              : { n: i };
      types.push(type);
      members.push(member);
      payloads.push(JSON.stringify(payload));
      byType[type] = (byType[type] ?? 0) + 1;
    }
    await b.sql.query(
      `INSERT INTO outbox_events (type, member_id, payload, status, attempts, available_at, created_at)
       SELECT t, m, p::jsonb, 'pending', 0, now() - interval '1 second', now()
         FROM unnest($1::text[], $2::bigint[], $3::text[]) AS x(t, m, p)`,
      [types, members, payloads],
    );
  }
  return byType;
}

export async function pendingCount(b: RewardsBench): Promise<number> {
  const { rows } = await b.sql.query<{ n: string }>(`SELECT count(*)::text AS n FROM outbox_events WHERE status = 'pending'`);
  return Number(rows[0].n);
}

/** Refreshes planner statistics and the visibility map, as autovacuum would after a bulk load. */
export async function analyze(b: RewardsBench): Promise<void> {
  const { rows } = await b.sql.query<{ name: string }>(`SELECT tablename AS name FROM pg_tables WHERE schemaname = $1`, [b.schema]);
  for (const { name } of rows) await b.sql.query(`VACUUM ANALYZE ${b.schema}.${name}`);
}
