import {
  idParamsSchema,
  notificationPageSchema,
  notificationSchema,
  notificationsQuerySchema,
  readAllResultSchema,
  subscriptionsBodySchema,
  subscriptionsSchema,
} from '@sharecircle/shared';
import { decodeCursor, pageFrom } from '../../http/cursor';
import { route } from '../../http/route';
import type { NotificationsService } from './notifications.service';

export function notificationsRoutes(notifications: NotificationsService) {
  return [
    route({
      method: 'get',
      path: '/me/notifications',
      summary: 'My notifications, newest first, with the unread count',
      tag: 'notifications',
      access: 'user',
      query: notificationsQuerySchema,
      response: notificationPageSchema,
      handler: async ({ principal, query }) => {
        const before = decodeCursor(query.cursor, { id: 'number' });
        const { items, unreadCount } = await notifications.list(principal!.userId, {
          beforeId: before?.id,
          limit: query.limit + 1,
          unreadOnly: query.unread,
        });
        return { ...pageFrom(items, query.limit, (item) => ({ id: item.id })), unreadCount };
      },
    }),
    route({
      method: 'post',
      path: '/me/notifications/read-all',
      summary: 'Mark all my notifications read',
      tag: 'notifications',
      access: 'user',
      response: readAllResultSchema,
      handler: ({ principal }) => notifications.markAllRead(principal!.userId),
    }),
    route({
      method: 'post',
      path: '/me/notifications/:id/read',
      summary: 'Mark one of my notifications read',
      tag: 'notifications',
      access: 'user',
      params: idParamsSchema,
      response: notificationSchema,
      errors: ['NOTIFICATION_NOT_FOUND'],
      handler: ({ principal, params }) => notifications.markRead(principal!.userId, params.id),
    }),
    route({
      method: 'get',
      path: '/me/subscriptions',
      summary: 'The subscribe-message templates to request with wx.requestSubscribeMessage, and how many messages of each I allow',
      tag: 'notifications',
      access: 'user',
      response: subscriptionsSchema,
      handler: ({ principal }) => notifications.subscriptions(principal!.userId),
    }),
    route({
      method: 'post',
      path: '/me/subscriptions',
      summary: 'Record the templates I accepted in wx.requestSubscribeMessage: one more message of each',
      tag: 'notifications',
      access: 'user',
      body: subscriptionsBodySchema,
      response: subscriptionsSchema,
      errors: ['UNPROCESSABLE'],
      handler: ({ principal, body }) => notifications.subscribe(principal!.userId, body.accepted),
    }),
  ];
}
