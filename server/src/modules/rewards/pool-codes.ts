import { sql } from 'drizzle-orm';
import type { Db } from '../../db/database';
import { queryRows } from '../../db/database';

/** A grant that wants a code from a pool. */
export interface CodeWanted {
  grantId: number;
  memberId: number;
  poolId: number;
  at: Date;
}

/**
 * Draws one free code for each grant, for a whole batch in one statement: the n-th grant of a pool (in
 * the order given) gets the n-th lowest free code. The codes are locked SKIP LOCKED, so two workers
 * never draw the same one and neither waits for the other; a code goes to one member only. Answers the
 * code by grant id; a grant missing from the answer found its pool empty.
 */
export async function drawCodes(tx: Db, wanted: CodeWanted[]): Promise<Map<number, string>> {
  if (wanted.length === 0) return new Map();
  const rows = await queryRows<{ grant_id: string; code: string }>(
    tx,
    sql`WITH wanted AS (
          SELECT w.grant_id, w.member_id, w.pool_id, w.at, row_number() OVER (PARTITION BY w.pool_id ORDER BY w.ord) AS n
            FROM unnest(${sql.param(wanted.map((w) => w.grantId))}::bigint[], ${sql.param(wanted.map((w) => w.memberId))}::bigint[],
                        ${sql.param(wanted.map((w) => w.poolId))}::bigint[], ${sql.param(wanted.map((w) => w.at.toISOString()))}::timestamptz[])
                 WITH ORDINALITY AS w(grant_id, member_id, pool_id, at, ord)),
        free AS (
          SELECT c.id, c.pool_id, row_number() OVER (PARTITION BY c.pool_id ORDER BY c.id) AS n
            FROM (SELECT pool_id, count(*) AS k FROM wanted GROUP BY pool_id) p
            CROSS JOIN LATERAL (SELECT id, pool_id FROM pool_codes WHERE pool_id = p.pool_id AND member_id IS NULL
                                 ORDER BY id LIMIT p.k FOR UPDATE SKIP LOCKED) c)
        UPDATE pool_codes pc SET member_id = w.member_id, grant_id = w.grant_id, granted_at = w.at
          FROM free f JOIN wanted w ON w.pool_id = f.pool_id AND w.n = f.n
         WHERE pc.id = f.id
        RETURNING w.grant_id::text, pc.code`,
  );
  return new Map(rows.map((row) => [Number(row.grant_id), row.code]));
}
