import { asc, eq, sql } from 'drizzle-orm';
import type { RuleBody } from '@sharecircle/shared';
import type { Db } from '../../db/database';
import { queryRows } from '../../db/database';
import type { Clock } from '../../clock';
import { AppError } from '../../http/app-error';
import { isUniqueViolation } from '../../db/errors';
import { recordAudit } from '../audit';
import { recruitingCashViolation } from './compliance';
import { codePools, poolCodes, rewardRules, type RuleRow } from './rewards.tables';

const ruleView = (row: RuleRow) => ({
  id: row.id,
  name: row.name,
  trigger: row.trigger as RuleBody['trigger'],
  conditions: row.conditions,
  reward: row.reward,
  limits: row.limits,
  stage: row.stage,
  activeFrom: row.activeFrom?.toISOString() ?? null,
  activeUntil: row.activeUntil?.toISOString() ?? null,
  paused: row.paused,
});

/** HQ's side of the engine: rules as data (checked by the compliance guard) and the code pools rewards draw from. */
export function createRulesService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;

  function assertCompliant(rule: Pick<RuleBody, 'trigger' | 'conditions' | 'reward'>) {
    const violation = recruitingCashViolation(rule);
    if (violation) throw new AppError('RULE_PAYS_FOR_RECRUITING', violation);
  }

  async function getRule(id: number, tx: Db = db) {
    const [row] = await tx.select().from(rewardRules).where(eq(rewardRules.id, id));
    if (!row) throw new AppError('RULE_NOT_FOUND', `there is no reward rule ${id}`);
    return row;
  }

  const dates = (body: Partial<RuleBody>) => ({
    activeFrom: body.activeFrom === undefined ? undefined : new Date(body.activeFrom),
    activeUntil: body.activeUntil === undefined ? undefined : new Date(body.activeUntil),
  });

  return {
    ruleView,
    async create(actorUserId: number, body: RuleBody) {
      assertCompliant(body);
      return db.transaction(async (tx) => {
        const at = clock.now();
        const { activeFrom, activeUntil } = dates(body);
        const [row] = await tx
          .insert(rewardRules)
          .values({ ...body, activeFrom: activeFrom ?? null, activeUntil: activeUntil ?? null, createdAt: at, updatedAt: at })
          .returning();
        await recordAudit(tx, { actorUserId, action: 'reward_rule.created', subjectType: 'reward_rule', subjectId: row.id, data: body, at });
        return ruleView(row);
      });
    },
    async update(actorUserId: number, id: number, patch: Partial<RuleBody>) {
      return db.transaction(async (tx) => {
        const current = await getRule(id, tx);
        assertCompliant({ trigger: (patch.trigger ?? current.trigger) as RuleBody['trigger'], conditions: patch.conditions ?? current.conditions, reward: patch.reward ?? current.reward });
        const at = clock.now();
        const [row] = await tx.update(rewardRules).set({ ...patch, ...dates(patch), updatedAt: at }).where(eq(rewardRules.id, id)).returning();
        await recordAudit(tx, { actorUserId, action: 'reward_rule.changed', subjectType: 'reward_rule', subjectId: id, data: { patch }, at });
        return ruleView(row);
      });
    },
    async list() {
      return (await db.select().from(rewardRules).orderBy(asc(rewardRules.id))).map(ruleView);
    },
    get: async (id: number) => ruleView(await getRule(id)),

    async createPool(actorUserId: number, body: { name: string; kind: 'coupon' | 'membership'; codes: string[] }) {
      try {
        return await db.transaction(async (tx) => {
          const at = clock.now();
          const [pool] = await tx.insert(codePools).values({ name: body.name, kind: body.kind, createdAt: at }).returning();
          await tx.insert(poolCodes).values([...new Set(body.codes)].map((code) => ({ poolId: pool.id, code })));
          await recordAudit(tx, { actorUserId, action: 'code_pool.created', subjectType: 'code_pool', subjectId: pool.id, data: { name: body.name, codes: body.codes.length }, at });
          return pool.id;
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw new AppError('CONFLICT', `a code pool named ${body.name} exists`);
        throw error;
      }
    },
    /** Adds codes; a code already in the pool is skipped, never handed out twice. */
    async addCodes(poolId: number, codes: string[]) {
      const [pool] = await db.select().from(codePools).where(eq(codePools.id, poolId));
      if (!pool) throw new AppError('POOL_NOT_FOUND', `there is no code pool ${poolId}`);
      await db.insert(poolCodes).values(codes.map((code) => ({ poolId, code }))).onConflictDoNothing();
    },
    async pools() {
      return queryRows<{ id: string; name: string; kind: 'coupon' | 'membership'; total: string; left: string }>(
        db,
        sql`SELECT p.id::text, p.name, p.kind, count(c.id)::text AS total, count(c.id) FILTER (WHERE c.member_id IS NULL)::text AS left
              FROM code_pools p LEFT JOIN pool_codes c ON c.pool_id = p.id GROUP BY p.id ORDER BY p.id DESC`,
      ).then((rows) => rows.map((row) => ({ id: Number(row.id), name: row.name, kind: row.kind, total: Number(row.total), left: Number(row.left) })));
    },
  };
}

export type RulesService = ReturnType<typeof createRulesService>;
