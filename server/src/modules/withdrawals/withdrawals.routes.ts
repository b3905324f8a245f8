import {
  adminWithdrawalsQuerySchema,
  decisionBodySchema,
  idParamsSchema,
  pageQuerySchema,
  withdrawalPageSchema,
  withdrawalQuoteQuerySchema,
  withdrawalQuoteSchema,
  withdrawalRequestSchema,
  withdrawalSchema,
} from '@sharecircle/shared';
import { decodeCursor, pageFrom } from '../../http/cursor';
import { requireMember } from '../../http/principal';
import { route } from '../../http/route';
import type { WithdrawalsService } from './withdrawals.service';

export function withdrawalsRoutes(withdrawals: WithdrawalsService) {
  /** Newest first, one more row than the page to know whether another follows. */
  const page = async (cursor: string | undefined, limit: number, load: (beforeId: number | undefined, limit: number) => ReturnType<WithdrawalsService['list']>) => {
    const before = decodeCursor(cursor, { id: 'number' });
    return pageFrom(await load(before?.id, limit + 1), limit, (row) => ({ id: row.id }));
  };

  return [
    route({
      method: 'post',
      path: '/me/withdrawals',
      summary: 'Withdraw from available to WeChat Pay change; at or above the review threshold HQ approves first',
      tag: 'withdrawals',
      access: 'member',
      body: withdrawalRequestSchema,
      response: withdrawalSchema,
      status: 201,
      errors: ['INSUFFICIENT_BALANCE', 'WITHDRAWAL_BELOW_MINIMUM', 'WITHDRAWAL_LIMIT_REACHED', 'MEMBER_NOT_ACTIVE', 'WECHATPAY_UNAVAILABLE'],
      handler: ({ principal, body }) => withdrawals.request(requireMember(principal!).id, (body.amountFen ?? body.amount)!),
    }),
    route({
      method: 'get',
      path: '/me/withdrawals/quote',
      summary: 'Before confirming: the fee, the payout, today’s limits left, and what a withdrawal of amountFen would be refused for now',
      tag: 'withdrawals',
      access: 'member',
      query: withdrawalQuoteQuerySchema,
      response: withdrawalQuoteSchema,
      handler: ({ principal, query }) => withdrawals.quote(requireMember(principal!).id, query.amountFen),
    }),
    route({
      method: 'get',
      path: '/me/withdrawals',
      summary: 'My withdrawals, newest first',
      tag: 'withdrawals',
      access: 'member',
      query: pageQuerySchema,
      response: withdrawalPageSchema,
      handler: ({ principal, query }) =>
        page(query.cursor, query.limit, (beforeId, limit) => withdrawals.listOfMember(requireMember(principal!).id, beforeId, limit)),
    }),
    route({
      method: 'get',
      path: '/me/withdrawals/:id',
      summary: 'One of my withdrawals; while wait_user_confirm it carries the wx.requestMerchantTransfer parameters',
      tag: 'withdrawals',
      access: 'member',
      params: idParamsSchema,
      response: withdrawalSchema,
      errors: ['WITHDRAWAL_NOT_FOUND'],
      handler: ({ principal, params }) => withdrawals.getOfMember(requireMember(principal!).id, params.id),
    }),
    route({
      method: 'post',
      path: '/me/withdrawals/:id/cancel',
      summary: 'Cancel a withdrawal WeChat Pay is waiting for me to confirm; the money returns when WeChat confirms the cancellation',
      tag: 'withdrawals',
      access: 'member',
      params: idParamsSchema,
      response: withdrawalSchema,
      errors: ['WITHDRAWAL_NOT_FOUND', 'STATUS_TRANSITION_INVALID', 'WECHATPAY_UNAVAILABLE'],
      handler: ({ principal, params }) => withdrawals.cancel(requireMember(principal!).id, params.id),
    }),
    route({
      method: 'get',
      path: '/admin/withdrawals',
      summary: 'Withdrawals, newest first; ?status=review is the approval queue',
      tag: 'admin',
      access: ['hq_admin'],
      query: adminWithdrawalsQuerySchema,
      response: withdrawalPageSchema,
      handler: ({ query }) => page(query.cursor, query.limit, (beforeId, limit) => withdrawals.list({ status: query.status, beforeId, limit })),
    }),
    route({
      method: 'post',
      path: '/admin/withdrawals/:id/approve',
      summary: 'Approve a withdrawal in review and send it to WeChat Pay',
      tag: 'admin',
      access: ['hq_admin'],
      params: idParamsSchema,
      response: withdrawalSchema,
      errors: ['WITHDRAWAL_NOT_FOUND', 'WITHDRAWAL_NOT_IN_REVIEW', 'WECHATPAY_UNAVAILABLE'],
      handler: ({ principal, params }) => withdrawals.approve(principal!.userId, params.id),
    }),
    route({
      method: 'post',
      path: '/admin/withdrawals/:id/reject',
      summary: 'Reject a withdrawal in review; the money returns to the member’s available balance',
      tag: 'admin',
      access: ['hq_admin'],
      params: idParamsSchema,
      body: decisionBodySchema,
      response: withdrawalSchema,
      errors: ['WITHDRAWAL_NOT_FOUND', 'WITHDRAWAL_NOT_IN_REVIEW'],
      handler: ({ principal, params, body }) => withdrawals.reject(principal!.userId, params.id, body.reason),
    }),
  ];
}
