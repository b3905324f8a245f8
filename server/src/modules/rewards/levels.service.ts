import { asc, sql } from 'drizzle-orm';
import type { Condition } from '@sharecircle/shared';
import type { Db } from '../../db/database';
import type { Clock } from '../../clock';
import { AppError } from '../../http/app-error';
import { publish, publishMany, type NewEvent } from '../../outbox/outbox';
import type { MembersService } from '../members';
import { allMet, conditionMet, valueOf, type EvaluationContext } from './conditions';
import type { CountersService } from './counters.service';
import type { GrantRequest, GrantsService } from './grants.service';
import { levels, type LevelRow } from './rewards.tables';

type Profile = NonNullable<Awaited<ReturnType<MembersService['sellerProfile']>>>;

/**
 * The level ladder: promotion as soon as a level's conditions hold (several steps at once if earned),
 * with that level's rewards; optional re-evaluation drops one level when the keep-conditions fail.
 * External distributors have no levels.
 */
export function createLevelsService(deps: { db: Db; clock: Clock; members: MembersService; counters: CountersService; grants: GrantsService }) {
  const ladder = (db: Db): Promise<LevelRow[]> => db.select().from(levels).orderBy(asc(levels.level));

  async function contextFor(tx: Db, profile: Profile, conditions: Condition[], event: Record<string, unknown> = {}): Promise<EvaluationContext> {
    const counter = await deps.counters.snapshot(tx, { id: profile.id, joinedAt: profile.joinedAt }, conditions, deps.clock.now());
    return { counter, event, member: { level: profile.level, status: profile.status } };
  }

  const levelChanged = (profile: Profile, to: LevelRow, reason: 'promotion' | 'demotion'): NewEvent => ({
    type: 'level.changed',
    memberId: profile.id,
    payload: { from: profile.level, to: to.level, name: to.name, reason },
  });

  return {
    ladder,

    /** Replaces the ladder; levels must run 1, 2, 3 ... without gaps. */
    async replace(definitions: Omit<LevelRow, 'updatedAt'>[]) {
      const sorted = [...definitions].sort((a, b) => a.level - b.level);
      sorted.forEach((definition, index) => {
        if (definition.level !== index + 1) throw new AppError('VALIDATION_FAILED', 'levels must be numbered 1, 2, 3 ... without gaps', [{ path: 'body.levels', issue: `level ${index + 1} is missing` }]);
      });
      await deps.db.transaction(async (tx) => {
        await tx.delete(levels);
        await tx.insert(levels).values(sorted.map((definition) => ({ ...definition, updatedAt: deps.clock.now() })));
      });
      return ladder(deps.db);
    },

    /**
     * After members' counters changed: each climbs as far as the conditions allow. Given their profiles
     * as the caller read them in this transaction; the ladder and the counters of all of them are read
     * in three queries.
     */
    async promoteMany(tx: Db, members: Profile[]) {
      if (members.length === 0) return;
      const all = await ladder(tx);
      if (all.length === 0) return;
      const top = all[all.length - 1].level;
      const profiles = members.filter((p) => p.type !== 'external' && p.level < top);
      if (profiles.length === 0) return;
      const counters = await deps.counters.snapshots(tx, profiles.map((p) => ({ id: p.id, joinedAt: p.joinedAt })), all.flatMap((level) => level.promote), deps.clock.now());
      const requests: GrantRequest[] = [];
      const promoted: { profile: Profile; to: LevelRow }[] = [];
      for (const profile of profiles.sort((a, b) => a.id - b.id)) {
        const above = all.filter((level) => level.level > profile.level);
        const context: EvaluationContext = { counter: counters.get(profile.id)!, event: {}, member: { level: profile.level, status: profile.status } };
        let reached: LevelRow | undefined;
        for (const level of above) {
          if (level.level !== (reached?.level ?? profile.level) + 1 || !allMet(level.promote, context)) break;
          reached = level;
        }
        if (!reached) continue;
        for (const level of above.filter((candidate) => candidate.level <= reached!.level)) {
          for (const [index, reward] of level.rewards.entries()) {
            requests.push({ memberId: profile.id, reward, sourceKey: `level:${level.level}:member:${profile.id}:reward:${index}`, level: level.level, at: deps.clock.now() });
          }
        }
        promoted.push({ profile, to: reached });
      }
      await deps.grants.grantMany(tx, requests);
      await deps.members.setLevels(tx, promoted.map(({ profile, to }) => ({ memberId: profile.id, level: to.level })));
      await publishMany(tx, deps.clock, promoted.map(({ profile, to }) => levelChanged(profile, to, 'promotion')));
    },

    /** Re-evaluation at a period's end: a member who no longer meets their level's keep-conditions drops one level. */
    async reevaluate(options: { batchSize: number }) {
      const all = await ladder(deps.db);
      let demoted = 0;
      let checked = 0;
      let afterId = 0;
      for (;;) {
        const ids = (await deps.db.execute(sql`SELECT id FROM members WHERE level > 1 AND type <> 'external' AND id > ${afterId} ORDER BY id LIMIT ${options.batchSize}`)) as unknown as { rows: { id: string }[] };
        if (ids.rows.length === 0) return { checked, demoted };
        for (const { id } of ids.rows) {
          afterId = Number(id);
          checked += 1;
          await deps.db.transaction(async (tx) => {
            const profile = await deps.members.sellerProfile(afterId, tx);
            const current = all.find((level) => level.level === profile?.level);
            const below = all.find((level) => level.level === (profile?.level ?? 0) - 1);
            if (!profile || !current || !below) return;
            if (allMet(current.keep, await contextFor(tx, profile, current.keep))) return;
            await deps.members.setLevels(tx, [{ memberId: profile.id, level: below.level }]);
            await publish(tx, deps.clock, levelChanged(profile, below, 'demotion'));
            demoted += 1;
          });
        }
      }
    },

    /**
     * Members who, as things stand, would drop at the coming re-evaluation: their level's keep-conditions
     * fail today. Answers what each still misses, for the warning a week ahead.
     */
    async atRisk(options: { afterId: number; batchSize: number }) {
      const all = await ladder(deps.db);
      const rows = (await deps.db.execute(sql`SELECT id FROM members WHERE level > 1 AND type <> 'external' AND status IN ('active', 'warned', 'probation') AND id > ${options.afterId} ORDER BY id LIMIT ${options.batchSize}`)) as unknown as { rows: { id: string }[] };
      const found = [];
      for (const { id } of rows.rows) {
        const profile = await deps.members.sellerProfile(Number(id), deps.db);
        const current = all.find((level) => level.level === profile?.level);
        if (!profile || !current || current.keep.length === 0) continue;
        const context = await contextFor(deps.db, profile, current.keep);
        const missing = current.keep.filter((condition) => !conditionMet(condition, context)).map((condition) => ({ condition, current: valueOf(condition, context) }));
        if (missing.length > 0) found.push({ memberId: profile.id, userId: profile.userId, level: current.level, name: current.name, missing });
      }
      return { found, lastId: rows.rows.length ? Number(rows.rows[rows.rows.length - 1].id) : null };
    },

    /** My level and, for the next one, how far each condition has come. */
    async myLevel(memberId: number) {
      const profile = await deps.members.sellerProfile(memberId);
      if (!profile) throw new AppError('MEMBER_NOT_FOUND', `there is no member ${memberId}`);
      const all = await ladder(deps.db);
      const current = all.find((level) => level.level === profile.level);
      const next = profile.type === 'external' ? undefined : all.find((level) => level.level === profile.level + 1);
      const context = next ? await contextFor(deps.db, profile, next.promote) : undefined;
      return {
        level: profile.level,
        name: current?.name ?? `L${profile.level}`,
        next:
          next && context
            ? {
                level: next.level,
                name: next.name,
                progress: next.promote.map((condition) => {
                  const current = valueOf(condition, context);
                  return { condition, current: typeof current === 'number' ? current : 0, target: typeof condition.value === 'number' ? condition.value : 0, met: conditionMet(condition, context) };
                }),
              }
            : null,
      };
    },
  };
}

export type LevelsService = ReturnType<typeof createLevelsService>;
