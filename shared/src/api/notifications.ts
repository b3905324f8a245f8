import { z } from 'zod';
import { pageOf, pageQuerySchema, timestampSchema } from './common';

/** What a notification is about; the mini-program picks the icon and the page to open from it. */
export const NOTIFICATION_KINDS = ['level_up', 'reward_granted', 'commission_settled', 'withdrawal_paid', 'generic'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Kinds that can also arrive as a WeChat subscribe message (each has a template in the WeChat console). */
export const SUBSCRIBABLE_KINDS = ['level_up', 'reward_granted', 'commission_settled', 'withdrawal_paid'] as const;
export type SubscribableKind = (typeof SUBSCRIBABLE_KINDS)[number];

/** Grants one member can bank per kind: WeChat allows one message per accepted request. */
export const SUBSCRIPTION_REMAINING_MAX = 100;

export const notificationSchema = z.object({
  id: z.number().int(),
  kind: z.enum(NOTIFICATION_KINDS),
  title: z.string(),
  body: z.string(),
  data: z.record(z.string(), z.unknown()).describe('what the notification is about, e.g. {commissionId, amountFen}'),
  createdAt: timestampSchema,
  readAt: timestampSchema.nullable(),
});
export type NotificationView = z.infer<typeof notificationSchema>;

export const notificationPageSchema = pageOf(notificationSchema).extend({
  unreadCount: z.number().int().describe('all my unread notifications, for the badge'),
});

export const notificationsQuerySchema = pageQuerySchema.extend({
  unread: z
    .enum(['true', 'false'])
    .optional()
    .transform((value) => value === 'true')
    .describe('true: only unread ones'),
});

export const readAllResultSchema = z.object({ marked: z.number().int().describe('notifications marked read by this call') });

export const subscriptionsBodySchema = z.strictObject({
  accepted: z
    .array(z.enum(SUBSCRIBABLE_KINDS))
    .min(1)
    .max(SUBSCRIBABLE_KINDS.length * 2)
    .describe('the kinds whose template the member accepted in wx.requestSubscribeMessage'),
});

export const subscriptionsSchema = z.object({
  items: z.array(
    z.object({
      kind: z.enum(SUBSCRIBABLE_KINDS),
      templateId: z.string().describe('pass it to wx.requestSubscribeMessage({tmplIds}) (at most 3 per call)'),
      remaining: z.number().int().describe('messages of this kind WeChat still lets us send'),
    }),
  ).describe('only kinds the brand has a template for'),
});
export type SubscriptionsView = z.infer<typeof subscriptionsSchema>;
