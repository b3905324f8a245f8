import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/database';
import type { Clock } from '../../clock';
import type { OutboxEvent } from '../../outbox/outbox.tables';
import type { MembersService } from '../members';
import { isDistributing } from '../members';
import { allMet } from './conditions';
import type { CountersService } from './counters.service';
import type { GrantsService } from './grants.service';
import type { LevelsService } from './levels.service';
import { rewardRules, type RuleRow } from './rewards.tables';

/**
 * The reward engine's outbox handler: counters first, then every active rule set off by this event
 * for each member it concerns, then the level ladder. Runs inside the worker's transaction, so the
 * grant and the event's acknowledgement commit together; grant keys make a replay grant nothing.
 */
export function createRewardEngine(deps: { clock: Clock; members: MembersService; counters: CountersService; grants: GrantsService; levels: LevelsService }) {
  const isActive = (rule: RuleRow, at: Date) =>
    !rule.paused && (!rule.activeFrom || rule.activeFrom <= at) && (!rule.activeUntil || rule.activeUntil > at);

  async function applyRules(tx: Db, event: OutboxEvent, memberId: number, rules: RuleRow[]) {
    const profile = await deps.members.sellerProfile(memberId, tx);
    if (!profile || !isDistributing(profile.status)) return;
    const at = deps.clock.now();
    const counter = await deps.counters.snapshot(tx, { id: profile.id, joinedAt: profile.joinedAt }, rules.flatMap((rule) => rule.conditions), at);
    const context = { counter, event: event.payload, member: { level: profile.level, status: profile.status } };
    let memberName: string | undefined;
    for (const rule of rules) {
      if (!allMet(rule.conditions, context)) continue;
      memberName ??= await deps.members.nicknameOf(profile.userId, tx);
      await deps.grants.grant(tx, { memberId, memberName, reward: rule.reward, rule, sourceKey: `rule:${rule.id}:member:${memberId}:event:${event.id}`, at });
    }
  }

  return {
    async handle(tx: Db, event: OutboxEvent) {
      const members = await deps.counters.apply(tx, event);
      if (members.length === 0) return;
      const at = deps.clock.now();
      const rules = (await tx.select().from(rewardRules).where(and(eq(rewardRules.trigger, event.type), eq(rewardRules.paused, false)))).filter((rule) => isActive(rule, at));
      for (const memberId of members) {
        if (rules.length > 0) await applyRules(tx, event, memberId, rules);
        if (event.type !== 'level.changed') await deps.levels.promote(tx, memberId);
      }
    },
  };
}

export type RewardEngine = ReturnType<typeof createRewardEngine>;
