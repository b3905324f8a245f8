import { formatYuan, SUBSCRIBABLE_KINDS, type NotificationKind, type SubscribableKind } from '@sharecircle/shared';
import type { Config } from '../../config';
import type { MiniprogramState } from '../../wechat/subscribe-message';

/**
 * Everything a member reads: the inbox titles and bodies (Chinese, here and nowhere else) and the
 * WeChat subscribe-message templates they map to.
 */

/** What a notification needs besides who receives it; build these here so the wording stays in one file. */
export interface NotificationContent {
  kind: NotificationKind;
  title: string;
  body: string;
  data: Record<string, unknown>;
}

export function commissionSettledContent(input: { commissionId: number; amountFen: number }): NotificationContent {
  return {
    kind: 'commission_settled',
    title: '佣金已结算',
    body: `您有一笔 ¥${formatYuan(input.amountFen)} 的佣金已结算，可以提现了。`,
    data: { commissionId: input.commissionId, amountFen: input.amountFen },
  };
}

export function withdrawalPaidContent(input: { withdrawalId: number; netFen: number }): NotificationContent {
  return {
    kind: 'withdrawal_paid',
    title: '提现已到账',
    body: `¥${formatYuan(input.netFen)} 已转入您的微信零钱。`,
    data: { withdrawalId: input.withdrawalId, netFen: input.netFen },
  };
}

/** For the reward engine: a member reached a new level. */
export function levelUpContent(input: { level: number; levelName?: string }): NotificationContent {
  const name = input.levelName ?? `LV${input.level}`;
  return {
    kind: 'level_up',
    title: '恭喜升级',
    body: `您已升级为「${name}」，新等级的权益已生效。`,
    data: { level: input.level, levelName: name },
  };
}

/** For the reward engine: a reward (badge, gift, coupon code, privilege) was granted. */
export function rewardGrantedContent(input: { rewardName: string; grantId?: number }): NotificationContent {
  return {
    kind: 'reward_granted',
    title: '获得奖励',
    body: `恭喜您获得「${input.rewardName}」，点击查看详情。`,
    data: { rewardName: input.rewardName, ...(input.grantId !== undefined ? { grantId: input.grantId } : {}) },
  };
}

/** The inbox page the message opens (no leading slash, as WeChat wants it). */
export const NOTIFICATION_PAGE = 'packages/inbox/index/index';

type TemplateData = Record<string, { value: string }>;
interface NotificationForTemplate {
  id: number;
  title: string;
  data: Record<string, unknown>;
  createdAt: Date;
}

/**
 * The keywords each template must have when it is picked in the WeChat console (订阅消息 -> 选用模板).
 * Limits are WeChat's: thing at most 20 characters, amount a currency sign and digits, time a date.
 */
const TEMPLATES: Record<SubscribableKind, { configKey: keyof Config['wechat']['templates']; data: (n: NotificationForTemplate) => TemplateData }> = {
  // 佣金结算通知: 结算说明 thing1, 结算金额 amount2, 结算时间 time3
  commission_settled: {
    configKey: 'commissionSettled',
    data: (n) => ({ thing1: thing(n.title), amount2: amount(n.data.amountFen), time3: time(n.createdAt) }),
  },
  // 提现到账通知: 到账金额 amount1, 到账时间 time2, 备注 thing3
  withdrawal_paid: {
    configKey: 'withdrawalPaid',
    data: (n) => ({ amount1: amount(n.data.netFen), time2: time(n.createdAt), thing3: thing('已转入微信零钱') }),
  },
  // 等级提升通知: 当前等级 thing1, 升级时间 time2, 备注 thing3
  level_up: {
    configKey: 'levelUp',
    data: (n) => ({ thing1: thing(String(n.data.levelName ?? n.data.level ?? '')), time2: time(n.createdAt), thing3: thing('新等级的权益已生效') }),
  },
  // 奖励发放通知: 奖励名称 thing1, 发放时间 time2, 备注 thing3
  reward_granted: {
    configKey: 'rewardGranted',
    data: (n) => ({ thing1: thing(String(n.data.rewardName ?? n.title)), time2: time(n.createdAt), thing3: thing('点击查看奖励详情') }),
  },
};

export interface MessageTemplates {
  /** Kinds the brand configured a template for, with its id. */
  configured(): { kind: SubscribableKind; templateId: string }[];
  templateIdFor(kind: NotificationKind): string | undefined;
  /** The subscribe message for a notification, or undefined when its kind has no template. */
  messageFor(
    notification: NotificationForTemplate & { kind: NotificationKind },
  ): { template_id: string; page: string; data: TemplateData; miniprogram_state: MiniprogramState } | undefined;
}

export function createMessageTemplates(config: Pick<Config['wechat'], 'templates' | 'miniprogramState'>): MessageTemplates {
  const templateIdFor = (kind: NotificationKind) => (isSubscribable(kind) ? config.templates[TEMPLATES[kind].configKey] : undefined);
  return {
    configured: () =>
      SUBSCRIBABLE_KINDS.flatMap((kind) => {
        const templateId = templateIdFor(kind);
        return templateId ? [{ kind, templateId }] : [];
      }),
    templateIdFor,
    messageFor(notification) {
      const templateId = templateIdFor(notification.kind);
      if (!templateId || !isSubscribable(notification.kind)) return undefined;
      return {
        template_id: templateId,
        page: `${NOTIFICATION_PAGE}?id=${notification.id}`,
        data: TEMPLATES[notification.kind].data(notification),
        miniprogram_state: config.miniprogramState,
      };
    },
  };
}

const isSubscribable = (kind: NotificationKind): kind is SubscribableKind => (SUBSCRIBABLE_KINDS as readonly string[]).includes(kind);

const THING_MAX_CHARS = 20;
const BEIJING_OFFSET_MS = 8 * 3_600_000; // China has one time zone and no daylight saving.

/** WeChat refuses (47003) a thing value over 20 characters; cut it rather than lose the message. */
function thing(text: string): { value: string } {
  const chars = [...text];
  return { value: chars.length <= THING_MAX_CHARS ? text : `${chars.slice(0, THING_MAX_CHARS - 1).join('')}…` };
}

function amount(fen: unknown): { value: string } {
  return { value: typeof fen === 'number' && Number.isSafeInteger(fen) ? `¥${formatYuan(fen)}` : '¥0.00' };
}

/** "2025-03-01 14:05", Beijing time. */
function time(at: Date): { value: string } {
  return { value: new Date(at.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ') };
}
