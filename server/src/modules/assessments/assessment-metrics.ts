import { sql } from 'drizzle-orm';
import type { PolicyBody } from '@sharecircle/shared';
import { queryRows, type Db } from '../../db/database';
import { boundsOf, monthsOf } from './assessment-periods';

export interface CohortMember {
  memberId: number;
  userId: number;
  status: string;
  type: string;
  storeId: number | null;
  values: Record<string, number>;
  groupSize: number;
}

/**
 * One page of a policy's cohort with every metric for the period, in one query: GMV, orders, fans
 * and tasks from the monthly counters; new customers from the projection competitions keep
 * (member_customer_periods: one definition for both, see competitions/customers.service.ts); group
 * growth against the size recorded at the last close. Members who joined after the period began are not assessed for it.
 */
export async function cohortPage(
  db: Db,
  policy: { id: number; cohort: PolicyBody['cohort'] },
  periodKey: string,
  page: { afterId: number; size: number; memberIds?: number[] },
): Promise<CohortMember[]> {
  const { start } = boundsOf(periodKey);
  const months = monthsOf(periodKey);
  const rows = await queryRows<{
    member_id: string;
    user_id: string;
    status: string;
    type: string;
    store_id: string | null;
    gmv: string;
    orders: string;
    fans: string;
    tasks: string;
    new_customers: string;
    group_size: string;
    last_group_size: string;
  }>(
    db,
    sql`WITH cohort AS (
          SELECT m.id, m.user_id, m.status, m.type, m.store_id FROM members m
           WHERE m.type IN (${sql.join(policy.cohort.types.map((t) => sql`${t}`), sql`, `)})
             AND m.level >= ${policy.cohort.minLevel ?? 1}
             AND m.status IN ('active', 'warned', 'probation')
             AND m.joined_at < ${start}
             AND m.id > ${page.afterId}
             ${page.memberIds ? sql`AND m.id IN (${sql.join(page.memberIds.map((id) => sql`${id}`), sql`, `)})` : sql``}
           ORDER BY m.id LIMIT ${page.size}
        ),
        counted AS (
          SELECT p.member_id, sum(p.gmv_fen) AS gmv, sum(p.orders) AS orders, sum(p.fans_gained) AS fans, sum(p.tasks_completed) AS tasks
            FROM member_counter_periods p
           WHERE p.period_kind = 'month' AND p.period_key IN (${sql.join(months.map((m) => sql`${m}`), sql`, `)})
             AND p.member_id IN (SELECT id FROM cohort)
           GROUP BY p.member_id
        ),
        fresh AS (
          SELECT n.member_id, sum(n.new_customers) AS new_customers
            FROM member_customer_periods n
           WHERE n.period_kind = 'month' AND n.period_key IN (${sql.join(months.map((m) => sql`${m}`), sql`, `)})
             AND n.member_id IN (SELECT id FROM cohort)
           GROUP BY n.member_id
        ),
        last_close AS (
          SELECT DISTINCT ON (r.member_id) r.member_id, (m->>'groupSize')::int AS group_size
            FROM assessment_results r, jsonb_array_elements(r.metrics) m
           WHERE r.policy_id = ${policy.id} AND r.member_id IN (SELECT id FROM cohort) AND m->>'metric' = 'group_growth'
           ORDER BY r.member_id, r.id DESC
        )
        SELECT c.id::text AS member_id, c.user_id::text, c.status, c.type, c.store_id::text,
               coalesce(k.gmv, 0)::text AS gmv, coalesce(k.orders, 0)::text AS orders, coalesce(k.fans, 0)::text AS fans,
               coalesce(k.tasks, 0)::text AS tasks, coalesce(f.new_customers, 0)::text AS new_customers,
               coalesce(mc.group_size, 0)::text AS group_size, coalesce(l.group_size, 0)::text AS last_group_size
          FROM cohort c
          LEFT JOIN counted k ON k.member_id = c.id
          LEFT JOIN fresh f ON f.member_id = c.id
          LEFT JOIN member_counters mc ON mc.member_id = c.id
          LEFT JOIN last_close l ON l.member_id = c.id
         ORDER BY c.id`,
  );
  return rows.map((row) => ({
    memberId: Number(row.member_id),
    userId: Number(row.user_id),
    status: row.status,
    type: row.type,
    storeId: row.store_id === null ? null : Number(row.store_id),
    groupSize: Number(row.group_size),
    values: {
      gmv: Number(row.gmv),
      orders: Number(row.orders),
      fans_gained: Number(row.fans),
      tasks_completed: Number(row.tasks),
      new_customers: Number(row.new_customers),
      group_growth: Number(row.group_size) - Number(row.last_group_size),
    },
  }));
}
