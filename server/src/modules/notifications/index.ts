export { createNotificationsService, type NotificationsService, type NewNotification } from './notifications.service';
export { notificationsRoutes } from './notifications.routes';
export {
  createMessageTemplates,
  levelUpContent,
  rewardGrantedContent,
  commissionSettledContent,
  withdrawalPaidContent,
  type MessageTemplates,
  type NotificationContent,
} from './message-templates';
