export { createPaymentsService, type PaymentsService, type NotificationHandler } from './payments.service';
export { paymentsRoutes } from './payments.routes';
