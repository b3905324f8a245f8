import { balancesSchema, ledgerPageSchema, liabilitySchema, pageQuerySchema } from '@sharecircle/shared';
import type { Db } from '../../db/database';
import { decodeCursor, pageFrom } from '../../http/cursor';
import { requireMember } from '../../http/principal';
import { route } from '../../http/route';
import { liability, memberHistory } from './ledger.queries';
import { memberBalancesReader } from './ledger.service';

export function ledgerRoutes(db: Db) {
  const balancesOf = memberBalancesReader(db);
  return [
    route({
      method: 'get',
      path: '/me/balances',
      summary: 'My balances in fen: pending, available, withdrawing, debt',
      tag: 'ledger',
      access: 'member',
      response: balancesSchema,
      handler: ({ principal }) => balancesOf(requireMember(principal!).id),
    }),
    route({
      method: 'get',
      path: '/me/ledger',
      summary: 'My ledger history, newest first, each line with its reason',
      tag: 'ledger',
      access: 'member',
      query: pageQuerySchema,
      response: ledgerPageSchema,
      handler: async ({ principal, query }) => {
        const before = decodeCursor(query.cursor, { postingId: 'number' });
        const rows = await memberHistory(db, requireMember(principal!).id, before?.postingId, query.limit + 1);
        return pageFrom(rows, query.limit, (row) => ({ postingId: row.postingId }));
      },
    }),
    route({
      method: 'get',
      path: '/admin/ledger/liability',
      summary: 'What the brand owes its members: pending + available + withdrawing - debt',
      tag: 'admin',
      access: ['hq_admin'],
      response: liabilitySchema,
      handler: () => liability(db),
    }),
  ];
}
