import type { IncomingHttpHeaders } from 'node:http';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/database';
import { queryRows } from '../../db/database';
import type { Clock } from '../../clock';
import { AppError } from '../../http/app-error';
import { verifyWechatPayNotification, type WechatPayNotification } from '../../wechat/pay-notifications';
import { requireWechatPay, type WechatPay } from '../../wechat/wechat-pay';

/** The part of the event type before the first dot: TRANSACTION, REFUND, MCHTRANSFER. */
export type NotificationFamily = 'TRANSACTION' | 'REFUND' | 'MCHTRANSFER';
export type NotificationHandler = (tx: Db, resource: Record<string, unknown>, notification: WechatPayNotification) => Promise<void>;

/**
 * The one door for WeChat Pay notifications: verify the signature over the raw bytes, decrypt, then
 * record the notification id and run the domain handler in one transaction. A replay finds the id
 * recorded and does nothing; a handler failure rolls back the record too, so WeChat's retry runs it again.
 */
export function createPaymentsService(deps: { db: Db; clock: Clock; wechatPay?: WechatPay }) {
  const handlers = new Map<NotificationFamily, NotificationHandler>();

  return {
    on(family: NotificationFamily, handler: NotificationHandler) {
      handlers.set(family, handler);
    },

    async handleNotification(headers: IncomingHttpHeaders, rawBody: Buffer): Promise<{ duplicate: boolean }> {
      const pay = requireWechatPay(deps.wechatPay);
      const notification = verifyWechatPayNotification({
        headers,
        rawBody,
        // The 5-minute window guards the transport against replays, so it is measured on the wall clock,
        // not on the business clock that tests move.
        nowMs: Date.now(),
        verifier: pay.verifier,
        apiV3Key: pay.apiV3Key,
      });
      const family = notification.eventType.split('.')[0] as NotificationFamily;
      const handler = handlers.get(family);
      if (!handler) throw new AppError('UNPROCESSABLE', `no handler for ${notification.eventType}`);
      const resource = notification.resource as Record<string, unknown>;
      return deps.db.transaction(async (tx) => {
        const recorded = await queryRows<{ id: string }>(
          tx,
          sql`INSERT INTO wechatpay_notifications (id, event_type, resource, received_at)
              VALUES (${notification.id}, ${notification.eventType}, ${JSON.stringify(resource)}::jsonb, ${deps.clock.now()})
              ON CONFLICT (id) DO NOTHING RETURNING id`,
        );
        if (recorded.length === 0) return { duplicate: true };
        await handler(tx, resource, notification);
        return { duplicate: false };
      });
    },
  };
}

export type PaymentsService = ReturnType<typeof createPaymentsService>;
