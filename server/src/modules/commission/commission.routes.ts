import { z } from 'zod';
import { commissionPageSchema, commissionSchema, idSchema, pageQuerySchema, salePreviewBodySchema, salePreviewSchema } from '@sharecircle/shared';
import { decodeCursor, pageFrom } from '../../http/cursor';
import { requireMember } from '../../http/principal';
import { route } from '../../http/route';
import type { CommissionService } from './commission.service';

export function commissionRoutes(commission: CommissionService) {
  return [
    route({
      method: 'get',
      path: '/me/commissions',
      summary: 'My commissions, newest first',
      tag: 'commission',
      access: 'member',
      query: pageQuerySchema,
      response: commissionPageSchema,
      handler: async ({ principal, query }) => {
        const before = decodeCursor(query.cursor, { id: 'number' });
        const rows = await commission.listForMember(requireMember(principal!).id, before?.id, query.limit + 1);
        return pageFrom(rows, query.limit, (row) => ({ id: row.id }));
      },
    }),
    route({
      method: 'get',
      path: '/me/commissions/:saleId',
      summary: 'What I earned on one sale or order, with the rule, base, rate and result of each line',
      tag: 'commission',
      access: 'member',
      params: z.object({ saleId: idSchema }),
      response: z.object({ items: z.array(commissionSchema) }),
      errors: ['COMMISSION_NOT_FOUND'],
      handler: async ({ principal, params }) => ({ items: await commission.forSale(requireMember(principal!).id, params.saleId) }),
    }),
    route({
      method: 'post',
      path: '/sales/preview',
      summary: 'The commission a store sale would pay if recorded now (the clerk, before submitting); writes nothing',
      tag: 'commission',
      access: 'member',
      body: salePreviewBodySchema,
      response: salePreviewSchema,
      errors: ['NOT_A_CLERK', 'MEMBER_NOT_ACTIVE', 'SKU_NOT_FOUND', 'SKU_INACTIVE', 'CUSTOMER_CODE_UNKNOWN'],
      handler: ({ principal, body }) => commission.preview(principal!, body),
    }),
  ];
}
