import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { PolicyBody } from '@sharecircle/shared';
import type { Db } from '../../db/database';
import type { Clock } from '../../clock';
import { AppError } from '../../http/app-error';
import { isUniqueViolation } from '../../db/errors';
import { publishMany } from '../../outbox/outbox';
import type { OutboxEvent } from '../../outbox/outbox.tables';
import { recordAudit } from '../audit';
import type { MembersService } from '../members';
import type { NotificationsService } from '../notifications';
import { cohortPage, type CohortMember } from './assessment-metrics';
import { boundsOf, periodKeyAt, previousPeriod } from './assessment-periods';
import { measure, outcomeFor, tierFor, type Outcome } from './assessment-rules';
import { assessmentPolicies, assessmentResults, type PolicyRow, type ResultRow } from './assessments.tables';

/** Ends a member's distributor status inside the caller's transaction (the discipline module). */
export type RemoveMember = (tx: Db, input: { memberId: number; reason: string; actorUserId: number | null; cause: 'assessment' }) => Promise<unknown>;

export interface AssessmentsDeps {
  db: Db;
  clock: Clock;
  members: MembersService;
  notifications: NotificationsService;
  removeMember: RemoveMember;
}

/** Members per page and transaction: large pages amortise the one scan of the period’s sales each page makes. */
const PAGE_SIZE = 5000;
const OUTCOME_TEXT: Record<Outcome, string> = { pass: '通过', warn: '警告', probation: '观察期（下个周期需达标）', remove: '取消分销资格' };

export const policyView = (row: PolicyRow) => ({
  id: row.id,
  name: row.name,
  cohort: row.cohort,
  period: row.period,
  metrics: row.metrics,
  ladder: row.ladder,
  tiers: row.tiers ?? undefined,
  active: row.active,
});

export const resultView = (row: ResultRow) => ({
  policyId: row.policyId,
  memberId: row.memberId,
  periodKey: row.periodKey,
  metrics: row.metrics.map(({ metric, value, threshold, met }) => ({ metric, value, threshold, met })),
  score: row.score,
  passed: row.passed,
  outcome: row.outcome,
  tier: row.tier,
  createdAt: row.createdAt.toISOString(),
});

/**
 * Periodic assessments: each active policy measures its cohort over a closed period and moves each
 * member along the ladder (pass, warn, probation, remove) by consecutive misses. A result is unique
 * per policy, member and period, and its consequences commit with it, so a re-run changes nothing.
 */
export function createAssessmentsService(deps: AssessmentsDeps) {
  const { db, clock } = deps;
  const isKos = (member: CohortMember) => member.type === 'kos';

  function evaluate(policy: PolicyRow, member: CohortMember, previousMisses: number) {
    const measured = measure(policy, member.values);
    const misses = measured.passed ? 0 : previousMisses + 1;
    const metrics = measured.metrics.map((m) => (m.metric === 'group_growth' ? { ...m, groupSize: member.groupSize } : m));
    return { ...measured, metrics, misses, outcome: outcomeFor(policy.ladder, misses), tier: isKos(member) ? tierFor(measured.score, policy.tiers) : null };
  }

  /**
   * The consequences of a page of fresh results, in the page's transaction and in a handful of
   * statements: status changes per outcome, removals one by one (they hand over downlines), and one
   * assessment.closed event per member (the outbox tells them, and the reward engine hears it).
   */
  async function applyOutcomes(tx: Db, policy: PolicyRow, periodKey: string, fresh: { member: CohortMember; result: ReturnType<typeof evaluate> }[]) {
    const reasonOf = (result: ReturnType<typeof evaluate>) =>
      `${policy.name} ${periodKey}: ${result.metrics.filter((m) => !m.met).map((m) => `${m.metric} ${m.value}/${m.threshold}`).join(', ') || 'all thresholds met'}`;
    const ids = (outcome: Outcome) => fresh.filter(({ result }) => result.outcome === outcome).map(({ member }) => member.memberId);
    await deps.members.setStatusMany(tx, { memberIds: ids('pass'), to: 'active', reason: `${policy.name} ${periodKey}: passed`, actorUserId: null, onlyFrom: ['warned', 'probation'] });
    await deps.members.setStatusMany(tx, { memberIds: ids('warn'), to: 'warned', reason: `${policy.name} ${periodKey}: thresholds missed`, actorUserId: null });
    await deps.members.setStatusMany(tx, { memberIds: ids('probation'), to: 'probation', reason: `${policy.name} ${periodKey}: missed again, one more period to recover`, actorUserId: null });
    for (const { member, result } of fresh.filter(({ result }) => result.outcome === 'remove')) {
      await deps.removeMember(tx, { memberId: member.memberId, reason: reasonOf(result), actorUserId: null, cause: 'assessment' });
    }
    await publishMany(
      tx,
      clock,
      fresh.map(({ member, result }) => ({
        type: 'assessment.closed' as const,
        memberId: member.memberId,
        payload: { policyId: policy.id, policyName: policy.name, periodKey, outcome: result.outcome, score: result.score, tier: result.tier, passed: result.passed, userId: member.userId },
      })),
    );
  }

  /** assessment.closed: the member hears how it went, unless they simply passed. */
  async function onAssessmentClosed(tx: Db, event: OutboxEvent) {
    const payload = event.payload as { policyId: number; policyName: string; periodKey: string; outcome: Outcome; tier: string | null; userId: number };
    if (payload.outcome === 'pass' && !payload.tier) return;
    await deps.notifications.notify(tx, {
      userId: payload.userId,
      kind: 'generic',
      title: `${payload.periodKey} 考核结果`,
      body: `「${payload.policyName}」结果：${OUTCOME_TEXT[payload.outcome]}${payload.tier ? `，评级 ${payload.tier}` : ''}。`,
      data: { policyId: payload.policyId, periodKey: payload.periodKey, outcome: payload.outcome, tier: payload.tier },
      dedupeKey: `assessment:${payload.policyId}:${payload.periodKey}:${event.memberId}`,
    });
  }

  /** Assesses one policy for one closed period, a page of members per transaction. */
  async function assessPolicy(policy: PolicyRow, periodKey: string) {
    const counts: Record<Outcome, number> = { pass: 0, warn: 0, probation: 0, remove: 0 };
    let assessed = 0;
    for (let afterId = 0; ; ) {
      const page = await cohortPage(db, policy, periodKey, { afterId, size: PAGE_SIZE });
      if (page.length === 0) break;
      afterId = page[page.length - 1].memberId;
      await db.transaction(async (tx) => {
        const previous = await tx
          .select({ memberId: assessmentResults.memberId, misses: assessmentResults.misses })
          .from(assessmentResults)
          .where(and(eq(assessmentResults.policyId, policy.id), eq(assessmentResults.periodKey, previousPeriod(periodKey)), inArray(assessmentResults.memberId, page.map((m) => m.memberId))));
        const missesBefore = new Map(previous.map((row) => [row.memberId, row.misses]));
        const evaluated = page.map((member) => ({ member, result: evaluate(policy, member, missesBefore.get(member.memberId) ?? 0) }));
        const inserted = await tx
          .insert(assessmentResults)
          .values(evaluated.map(({ member, result }) => ({ policyId: policy.id, memberId: member.memberId, periodKey, metrics: result.metrics, score: result.score, passed: result.passed, misses: result.misses, outcome: result.outcome, tier: result.tier, createdAt: clock.now() })))
          .onConflictDoNothing()
          .returning({ memberId: assessmentResults.memberId });
        const freshIds = new Set(inserted.map((row) => row.memberId));
        const fresh = evaluated.filter(({ member }) => freshIds.has(member.memberId));
        await applyOutcomes(tx, policy, periodKey, fresh);
        for (const { result } of fresh) counts[result.outcome] += 1;
        assessed += fresh.length;
      });
    }
    return { policyId: policy.id, periodKey, assessed, ...counts };
  }

  async function activePolicies() {
    return db.select().from(assessmentPolicies).where(eq(assessmentPolicies.active, true)).orderBy(asc(assessmentPolicies.id));
  }

  return {
    policyView,
    onAssessmentClosed,

    async createPolicy(actorUserId: number, body: PolicyBody) {
      try {
        return await db.transaction(async (tx) => {
          const at = clock.now();
          const [row] = await tx.insert(assessmentPolicies).values({ ...body, tiers: body.tiers ?? null, createdAt: at, updatedAt: at }).returning();
          await recordAudit(tx, { actorUserId, action: 'assessment_policy.created', subjectType: 'assessment_policy', subjectId: row.id, data: body, at });
          return policyView(row);
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw new AppError('CONFLICT', `a policy named ${body.name} exists`);
        throw error;
      }
    },

    async setActive(actorUserId: number, policyId: number, active: boolean) {
      const [row] = await db.update(assessmentPolicies).set({ active, updatedAt: clock.now() }).where(eq(assessmentPolicies.id, policyId)).returning();
      if (!row) throw new AppError('POLICY_NOT_FOUND', `there is no assessment policy ${policyId}`);
      await recordAudit(db, { actorUserId, action: active ? 'assessment_policy.resumed' : 'assessment_policy.paused', subjectType: 'assessment_policy', subjectId: policyId, at: clock.now() });
      return policyView(row);
    },

    listPolicies: async () => (await db.select().from(assessmentPolicies).orderBy(asc(assessmentPolicies.id))).map(policyView),

    /**
     * Assesses every active policy whose period is `monthKey` or ends with it (a quarter closes with
     * its last month). Safe to run twice: results already recorded are skipped with their consequences.
     */
    async closeMonth(monthKey: string) {
      const results = [];
      for (const policy of await activePolicies()) {
        const periodKey = policy.period === 'month' ? monthKey : periodKeyAt('quarter', new Date(`${monthKey}-15T00:00:00+08:00`));
        if (boundsOf(periodKey).end.getTime() !== boundsOf(monthKey).end.getTime()) continue;
        results.push(await assessPolicy(policy, periodKey));
      }
      return { monthKey, policies: results };
    },

    /** Seven days or fewer before a period closes: members set to miss get told what they still need, once. */
    async warnAtRisk() {
      const now = clock.now();
      let warned = 0;
      for (const policy of await activePolicies()) {
        const periodKey = periodKeyAt(policy.period, now);
        const daysLeft = (boundsOf(periodKey).end.getTime() - now.getTime()) / 86_400_000;
        if (daysLeft > 7) continue;
        for (let afterId = 0; ; ) {
          const page = await cohortPage(db, policy, periodKey, { afterId, size: PAGE_SIZE });
          if (page.length === 0) break;
          afterId = page[page.length - 1].memberId;
          await db.transaction(async (tx) => {
            for (const member of page) {
              const measured = measure(policy, member.values);
              if (measured.passed) continue;
              const needs = measured.metrics.filter((m) => !m.met).map((m) => `${m.metric} 还差 ${m.threshold - m.value}`).join('，');
              const id = await deps.notifications.notify(tx, {
                userId: member.userId,
                kind: 'generic',
                title: '考核提醒',
                body: `「${policy.name}」${periodKey} 还有 ${Math.ceil(daysLeft)} 天结束：${needs}。`,
                data: { policyId: policy.id, periodKey, missing: measured.metrics.filter((m) => !m.met) },
                dedupeKey: `assessment-warning:${policy.id}:${periodKey}:${member.memberId}`,
              });
              if (id !== null) warned += 1;
            }
          });
        }
      }
      return { warned };
    },

    /** The current period of each policy that covers me: where I stand and what would happen if it closed now. */
    async myAssessment(memberId: number) {
      const now = clock.now();
      const items = [];
      for (const policy of await activePolicies()) {
        const periodKey = periodKeyAt(policy.period, now);
        const [member] = await cohortPage(db, policy, periodKey, { afterId: 0, size: 1, memberIds: [memberId] });
        if (!member) continue;
        const [last] = await db.select().from(assessmentResults).where(and(eq(assessmentResults.policyId, policy.id), eq(assessmentResults.memberId, memberId))).orderBy(desc(assessmentResults.id)).limit(1);
        const projected = evaluate(policy, member, last?.misses ?? 0);
        items.push({
          policy: { id: policy.id, name: policy.name, period: policy.period },
          periodKey,
          closesAt: boundsOf(periodKey).end.toISOString(),
          metrics: projected.metrics.map(({ metric, value, threshold, met }) => ({ metric, value, threshold, met })),
          score: projected.score,
          projectedOutcome: projected.outcome,
          projectedTier: projected.tier,
          lastResult: last ? resultView(last) : null,
        });
      }
      return { items };
    },

    /** A store's clerks with their latest tier, score and outcome for a period. */
    async storeResults(storeMemberIds: number[], periodKey?: string) {
      if (storeMemberIds.length === 0) return [];
      const rows = await db
        .select()
        .from(assessmentResults)
        .where(and(inArray(assessmentResults.memberId, storeMemberIds), periodKey ? eq(assessmentResults.periodKey, periodKey) : undefined))
        .orderBy(desc(assessmentResults.id))
        .limit(500);
      return rows.map(resultView);
    },
  };
}

export type AssessmentsService = ReturnType<typeof createAssessmentsService>;
