import { formatYuan, type Reward } from '@sharecircle/shared';
import type { Db } from '../../db/database';
import type { OutboxEvent } from '../../outbox/outbox.tables';
import type { MembersService } from '../members';
import { levelUpContent, rewardGrantedContent, type NotificationsService } from '../notifications';
import type { GrantRow } from './rewards.tables';
import type { Clock } from '../../clock';
import type { LevelsService } from './levels.service';
import { monthKey, periodStart } from './periods';

const rewardName = (reward: Reward): string => {
  switch (reward.kind) {
    case 'badge':
      return `${reward.name}徽章`;
    case 'cash':
      return `${formatYuan(reward.amountFen)}元红包`;
    case 'code':
    case 'gift':
      return reward.name;
    case 'certificate':
      return `${reward.title}证书`;
    case 'privilege':
      return reward.name === 'group_admin_eligible' ? '群管理员资格' : reward.name;
  }
};

const METRIC_NAMES: Record<string, string> = { gmvFen: '销售额（分）', orders: '订单数', fansGained: '新增粉丝', tasksCompleted: '完成任务', groupSize: '社群人数' };

/** Tells members, in the inbox and by subscribe message, about rewards granted, levels reached and levels at risk. */
export function rewardNotifications(deps: { db: Db; clock: Clock; members: MembersService; notifications: NotificationsService; levels: LevelsService }) {
  return {
    /** Grants made in one transaction: one inbox line each (none for over budget), written in one statement. */
    async onGranted(tx: Db, granted: { grant: GrantRow; reward: Reward }[]) {
      const told = granted.filter(({ grant }) => grant.status !== 'over_budget');
      if (told.length === 0) return;
      const profiles = await deps.members.sellerProfiles(told.map(({ grant }) => grant.memberId), tx);
      await deps.notifications.notifyMany(
        tx,
        told.flatMap(({ grant, reward }) => {
          const userId = profiles.get(grant.memberId)?.userId;
          return userId ? [{ userId, ...rewardGrantedContent({ rewardName: rewardName(reward), grantId: grant.id }), dedupeKey: `reward.granted:${grant.id}` }] : [];
        }),
      );
    },
    /**
     * A week before the month ends (when re-evaluation is on), members whose level's keep-conditions fail
     * are told what they still need; once per member and month.
     */
    async warnAtRisk(options: { batchSize: number }) {
      const now = deps.clock.now();
      const daysLeft = Math.round((periodStart('month', new Date(periodStart('month', now).getTime() + 32 * 86_400_000)).getTime() - now.getTime()) / 86_400_000);
      if (daysLeft > 7) return { warned: 0, daysLeft };
      let warned = 0;
      for (let afterId = 0; ; ) {
        const { found, lastId } = await deps.levels.atRisk({ afterId, batchSize: options.batchSize });
        for (const risk of found) {
          const needs = risk.missing.map(({ condition, current }) => (condition.source === 'counter' ? `${METRIC_NAMES[condition.metric] ?? condition.metric} ${current}/${condition.value}` : '保持良好记录')).join('，');
          const id = await deps.db.transaction((tx) =>
            deps.notifications.notify(tx, { userId: risk.userId, kind: 'generic', title: '等级保级提醒', body: `本月还差：${needs}。月底未达标将从「${risk.name}」降一级。`, data: { level: risk.level, missing: risk.missing }, dedupeKey: `level.warn:${risk.memberId}:${monthKey(now)}` }),
          );
          if (id !== null) warned += 1;
        }
        if (lastId === null) return { warned, daysLeft };
        afterId = lastId;
      }
    },
    /** level.changed, a batch at a time: one inbox line per promotion, written in one statement. */
    async onLevelsChanged(tx: Db, events: OutboxEvent[]) {
      const promotions = events.filter((event) => event.payload.reason === 'promotion' && event.memberId !== null);
      if (promotions.length === 0) return;
      const profiles = await deps.members.sellerProfiles(promotions.map((event) => event.memberId!), tx);
      await deps.notifications.notifyMany(
        tx,
        promotions.flatMap((event) => {
          const userId = profiles.get(event.memberId!)?.userId;
          return userId ? [{ userId, ...levelUpContent({ level: Number(event.payload.to), levelName: String(event.payload.name) }), dedupeKey: `level.changed:${event.id}` }] : [];
        }),
      );
    },
  };
}
