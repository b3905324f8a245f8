import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/database';
import type { Clock } from '../../clock';
import type { OutboxEvent } from '../../outbox/outbox.tables';
import type { MembersService } from '../members';
import { isDistributing } from '../members';
import { allMet } from './conditions';
import type { CountersService } from './counters.service';
import type { GrantRequest, GrantsService } from './grants.service';
import type { LevelsService } from './levels.service';
import { rewardRules, type RuleRow } from './rewards.tables';

/**
 * The reward engine's outbox handler, for a batch of events: counters first (each event
 * sees its own "after" state), then every active rule set off by each event for each member it
 * concerns is judged, the level ladder climbed once per member, and the rules' grants made. Runs inside the worker's transaction, so grants and
 * the events' acknowledgement commit together; grant keys make a replay grant nothing.
 */
export function createRewardEngine(deps: { clock: Clock; members: MembersService; counters: CountersService; grants: GrantsService; levels: LevelsService }) {
  const isActive = (rule: RuleRow, at: Date) =>
    !rule.paused && (!rule.activeFrom || rule.activeFrom <= at) && (!rule.activeUntil || rule.activeUntil > at);

  return {
    async handleMany(tx: Db, events: OutboxEvent[]) {
      const at = deps.clock.now();
      const types = [...new Set(events.map((event) => event.type))];
      const rules = (await tx.select().from(rewardRules).where(and(inArray(rewardRules.trigger, types), eq(rewardRules.paused, false)))).filter((rule) => isActive(rule, at));
      const rulesOf = (type: string) => rules.filter((rule) => rule.trigger === type);
      const applied = await deps.counters.applyMany(tx, events, rules.flatMap((rule) => rule.conditions));
      const memberIds = [...new Set(applied.flatMap(({ members }) => members.map((m) => m.memberId)))];
      if (memberIds.length === 0) return;
      const profiles = await deps.members.sellerProfiles(memberIds, tx);
      const requests: GrantRequest[] = [];
      for (const { event, members } of applied) {
        for (const { memberId, counterFor } of members) {
          const profile = profiles.get(memberId);
          if (!profile || !isDistributing(profile.status)) continue;
          const context = { counter: counterFor(profile.joinedAt), event: event.payload, member: { level: profile.level, status: profile.status } };
          for (const rule of rulesOf(event.type)) {
            if (allMet(rule.conditions, context)) requests.push({ memberId, reward: rule.reward, rule, sourceKey: `rule:${rule.id}:member:${memberId}:event:${event.id}`, at });
          }
        }
      }
      // A level change is the ladder's own doing: it does not set off another climb. Rules were judged on
      // the levels before this batch's promotions, as they were when their events happened.
      const climbers = new Set(applied.filter(({ event }) => event.type !== 'level.changed').flatMap(({ members }) => members.map((m) => m.memberId)));
      await deps.levels.promoteMany(tx, [...profiles.values()].filter((profile) => climbers.has(profile.id)));
      // In event order, limits counted as they go. Last: a rule whose limit all members share is locked
      // from here to the commit (see grants.readLimits), so other workers wait on it as briefly as can be.
      await deps.grants.grantMany(tx, requests);
    },
  };
}

export type RewardEngine = ReturnType<typeof createRewardEngine>;
