/** Replies of the notifications and subscriptions routes, shaped like the demo server's. */
const notification = (id: number, kind: string, title: string, body: string, data: Record<string, unknown>, createdAt: string, readAt: string | null = null) => ({
  id,
  kind,
  title,
  body,
  data,
  createdAt,
  readAt,
});

/** Newest first, as the server sends them. */
export const notifications = {
  reward: notification(15, 'reward_granted', '获得奖励', '恭喜您获得「首单达成徽章」，点击查看详情。', { rewardName: '首单达成徽章', grantId: 8 }, '2026-11-21T06:30:00.000Z'),
  commission: notification(14, 'commission_settled', '佣金已结算', '您有一笔 ¥25.90 的佣金已结算，可以提现了。', { commissionId: 11, amountFen: 2590 }, '2026-11-20T04:05:00.000Z'),
  levelUp: notification(13, 'level_up', '恭喜升级', '您已升级为「白银」，新等级的权益已生效。', { level: 2, levelName: '白银' }, '2026-11-19T02:00:00.000Z'),
  withdrawal: notification(12, 'withdrawal_paid', '提现已到账', '¥100.00 已转入您的微信零钱。', { withdrawalId: 3, netFen: 10000 }, '2026-11-18T09:00:00.000Z', '2026-11-18T10:00:00.000Z'),
  generic: notification(11, 'generic', '等级保级提醒', '本月还差：订单数 1/3。月底未达标将从「白银」降一级。', { level: 2 }, '2026-11-17T01:00:00.000Z'),
};

export const inboxPage = (items: object[], unreadCount: number, nextCursor: string | null = null) => ({ items, nextCursor, unreadCount });

/** All five above: four unread, the withdrawal read. */
export const fullInbox = inboxPage(Object.values(notifications), 4);

export const templates = {
  level_up: { kind: 'level_up', templateId: 'tmpl-level', remaining: 2 },
  reward_granted: { kind: 'reward_granted', templateId: 'tmpl-reward', remaining: 0 },
  commission_settled: { kind: 'commission_settled', templateId: 'tmpl-commission', remaining: 1 },
  withdrawal_paid: { kind: 'withdrawal_paid', templateId: 'tmpl-withdrawal', remaining: 0 },
};
