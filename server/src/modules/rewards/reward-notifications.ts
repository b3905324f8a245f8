import type { Reward } from '@sharecircle/shared';
import type { Db } from '../../db/database';
import type { OutboxEvent } from '../../outbox/outbox.tables';
import type { MembersService } from '../members';
import { levelUpContent, rewardGrantedContent, type NotificationsService } from '../notifications';
import type { GrantRow } from './rewards.tables';

const rewardName = (reward: Reward): string => {
  switch (reward.kind) {
    case 'badge':
      return `${reward.name}徽章`;
    case 'cash':
      return `${(reward.amountFen / 100).toFixed(2)}元红包`;
    case 'code':
    case 'gift':
      return reward.name;
    case 'certificate':
      return `${reward.title}证书`;
    case 'privilege':
      return reward.name === 'group_admin_eligible' ? '群管理员资格' : reward.name;
  }
};

/** Tells members, in the inbox and by subscribe message, about rewards granted and levels reached. */
export function rewardNotifications(deps: { members: MembersService; notifications: NotificationsService }) {
  const userOf = async (tx: Db, memberId: number) => (await deps.members.sellerProfile(memberId, tx))?.userId;
  return {
    async onGranted(tx: Db, grant: GrantRow, reward: Reward) {
      if (grant.status === 'over_budget') return;
      const userId = await userOf(tx, grant.memberId);
      if (userId) await deps.notifications.notify(tx, { userId, ...rewardGrantedContent({ rewardName: rewardName(reward), grantId: grant.id }), dedupeKey: `reward.granted:${grant.id}` });
    },
    async onLevelChanged(tx: Db, event: OutboxEvent) {
      if (event.payload.reason !== 'promotion' || event.memberId === null) return;
      const userId = await userOf(tx, event.memberId);
      const level = Number(event.payload.to);
      if (userId) await deps.notifications.notify(tx, { userId, ...levelUpContent({ level, levelName: String(event.payload.name) }), dedupeKey: `level.changed:${event.id}` });
    },
  };
}
