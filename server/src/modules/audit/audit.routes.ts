import { auditPageSchema, auditQuerySchema } from '@sharecircle/shared';
import type { Db } from '../../db/database';
import { decodeCursor, pageFrom } from '../../http/cursor';
import { route } from '../../http/route';
import { listAudit } from './audit.service';

export function auditRoutes(db: Db) {
  return [
    route({
      method: 'get',
      path: '/admin/audit-log',
      summary: 'Audit log, newest first (binding changes, approvals, role grants, status changes)',
      tag: 'admin',
      access: ['hq_admin'],
      query: auditQuerySchema,
      response: auditPageSchema,
      handler: async ({ query }) => {
        const before = decodeCursor(query.cursor, { id: 'number' });
        const rows = await listAudit(db, { ...query, beforeId: before?.id, limit: query.limit + 1 });
        const page = pageFrom(rows, query.limit, (row) => ({ id: row.id }));
        return { ...page, items: page.items.map((row) => ({ ...row, at: row.at.toISOString() })) };
      },
    }),
  ];
}
