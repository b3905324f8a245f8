import { z } from 'zod';
import { route } from '../../http/route';
import type { PaymentsService } from './payments.service';

export function paymentsRoutes(payments: PaymentsService) {
  return [
    route({
      method: 'post',
      path: '/payments/wechat/notify',
      summary: 'WeChat Pay notifications (payments, refunds, transfers); signed by WeChat Pay, not a user',
      tag: 'payments',
      access: 'public',
      response: z.object({ code: z.literal('SUCCESS'), message: z.string() }),
      errors: ['WECHATPAY_SIGNATURE_INVALID', 'WECHATPAY_TIMESTAMP_STALE', 'WECHATPAY_UNAVAILABLE', 'UNPROCESSABLE'],
      handler: async ({ headers, rawBody }) => {
        const { duplicate } = await payments.handleNotification(headers, rawBody);
        return { code: 'SUCCESS' as const, message: duplicate ? 'already processed' : 'ok' };
      },
    }),
  ];
}
