import { z } from 'zod';
import {
  idParamsSchema,
  orderBodySchema,
  orderCreatedSchema,
  refundBodySchema,
  refundSchema,
  salePageSchema,
  saleSchema,
  salesQuerySchema,
  storeSaleBodySchema,
  voidBodySchema,
} from '@sharecircle/shared';
import { decodeCursor, pageFrom } from '../../http/cursor';
import { assertManagesStore, requireMember } from '../../http/principal';
import { route } from '../../http/route';
import type { OrgService } from '../org';
import type { RefundsService } from './refunds.service';
import type { SalesService } from './sales.service';
import type { RefundRow } from './sales.tables';

const refundView = (refund: RefundRow) => ({
  ...refund,
  createdAt: refund.createdAt.toISOString(),
  completedAt: refund.completedAt?.toISOString() ?? null,
});

export function salesRoutes(sales: SalesService, refunds: RefundsService, org: OrgService) {
  const page = async (filter: Omit<Parameters<SalesService['listSales']>[0], 'limit' | 'beforeId'>, query: { cursor?: string; limit: number }) => {
    const before = decodeCursor(query.cursor, { id: 'number' });
    const rows = await sales.listSales({ ...filter, beforeId: before?.id, limit: query.limit + 1 });
    return pageFrom(rows, query.limit, (row) => ({ id: row.id }));
  };

  return [
    route({
      method: 'post',
      path: '/sales',
      summary: 'A store clerk records an in-store sale (paid at the till); a repeated receipt number answers 409 with the existing sale',
      tag: 'sales',
      access: 'member',
      body: storeSaleBodySchema,
      response: saleSchema,
      status: 201,
      errors: ['NOT_A_CLERK', 'MEMBER_NOT_ACTIVE', 'DUPLICATE_RECEIPT', 'SKU_NOT_FOUND', 'SKU_INACTIVE', 'CUSTOMER_CODE_UNKNOWN'],
      handler: ({ principal, body }) => sales.recordStoreSale(principal!, body),
    }),
    route({
      method: 'get',
      path: '/sales/:id',
      summary: 'One sale or order (its clerk, its store manager, its buyer, or HQ)',
      tag: 'sales',
      access: 'user',
      params: idParamsSchema,
      response: saleSchema,
      errors: ['SALE_NOT_FOUND'],
      handler: ({ principal, params }) => sales.getSale(principal!, params.id),
    }),
    route({
      method: 'get',
      path: '/me/sales',
      summary: 'Sales I recorded as a clerk, newest first',
      tag: 'sales',
      access: 'member',
      query: salesQuerySchema,
      response: salePageSchema,
      handler: ({ principal, query }) => page({ clerkMemberId: requireMember(principal!).id }, query),
    }),
    route({
      method: 'get',
      path: '/stores/:id/sales',
      summary: "A store's sales (its store manager, or HQ)",
      tag: 'sales',
      access: ['store_manager', 'hq_admin'],
      params: idParamsSchema,
      query: salesQuerySchema,
      response: salePageSchema,
      errors: ['STORE_NOT_FOUND'],
      handler: async ({ principal, params, query }) => {
        await org.getStore(params.id);
        assertManagesStore(principal!, params.id);
        return page({ storeId: params.id }, query);
      },
    }),
    route({
      method: 'post',
      path: '/sales/:id/refunds',
      summary: 'Refund some units of some lines (store manager for store sales; HQ for orders, through WeChat Pay)',
      tag: 'sales',
      access: ['store_manager', 'hq_admin'],
      params: idParamsSchema,
      body: refundBodySchema,
      response: refundSchema,
      status: 201,
      errors: ['SALE_NOT_FOUND', 'SALE_NOT_REFUNDABLE', 'REFUND_EXCEEDS_SALE', 'WECHATPAY_UNAVAILABLE'],
      handler: async ({ principal, params, body }) => refundView(await refunds.refund(principal!, params.id, body.lines, body.reason)),
    }),
    route({
      method: 'post',
      path: '/sales/:id/void',
      summary: 'Void a store sale: a full refund of what is left',
      tag: 'sales',
      access: ['store_manager', 'hq_admin'],
      params: idParamsSchema,
      body: voidBodySchema,
      response: refundSchema,
      errors: ['SALE_NOT_FOUND', 'SALE_NOT_REFUNDABLE'],
      handler: async ({ principal, params, body }) => refundView(await refunds.voidSale(principal!, params.id, body.reason)),
    }),
    route({
      method: 'get',
      path: '/sales/:id/refunds',
      summary: "A sale's refunds",
      tag: 'sales',
      access: 'user',
      params: idParamsSchema,
      response: z.object({ items: z.array(refundSchema) }),
      errors: ['SALE_NOT_FOUND'],
      handler: async ({ principal, params }) => {
        await sales.getSale(principal!, params.id);
        return { items: (await refunds.refundsOf(params.id)).map(refundView) };
      },
    }),
    route({
      method: 'post',
      path: '/orders',
      summary: 'Order in the mini-program: priced from the catalog; answers the wx.requestPayment parameters',
      tag: 'sales',
      access: 'user',
      body: orderBodySchema,
      response: orderCreatedSchema,
      status: 201,
      errors: ['SKU_NOT_FOUND', 'SKU_INACTIVE', 'WECHATPAY_UNAVAILABLE', 'GROUP_NOT_FOUND'],
      handler: ({ principal, body }) => sales.createOrder(principal!.userId, body),
    }),
    route({
      method: 'post',
      path: '/orders/:id/payment',
      summary: 'Fresh wx.requestPayment parameters for an order not yet paid',
      tag: 'sales',
      access: 'user',
      params: idParamsSchema,
      response: orderCreatedSchema,
      errors: ['SALE_NOT_FOUND', 'CONFLICT', 'WECHATPAY_UNAVAILABLE'],
      handler: ({ principal, params }) => sales.payOrder(principal!.userId, params.id),
    }),
    route({
      method: 'get',
      path: '/me/orders',
      summary: 'What I bought, newest first: my mini-program orders and the store sales a clerk recorded with my customer code',
      tag: 'sales',
      access: 'user',
      query: salesQuerySchema,
      response: salePageSchema,
      handler: ({ principal, query }) => page({ buyerUserId: principal!.userId }, query),
    }),
  ];
}
