import { z } from 'zod';
import { idParamsSchema, okSchema } from '@sharecircle/shared';
import { AppError } from '../http/app-error';
import { route } from '../http/route';
import type { Outbox } from './outbox';

const deadEventSchema = z.object({
  id: z.number().int(),
  type: z.string(),
  memberId: z.number().int().nullable(),
  payload: z.record(z.string(), z.unknown()),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
});

/** HQ's view of events whose handler kept failing, and the way to send one through again. */
export function outboxRoutes(outbox: Outbox) {
  return [
    route({
      method: 'get',
      path: '/admin/outbox/dead',
      summary: 'Events that failed every retry (dead letters), oldest first',
      tag: 'admin',
      access: ['hq_admin'],
      response: z.object({ items: z.array(deadEventSchema) }),
      handler: async () => ({
        items: (await outbox.dead(200)).map((event) => ({
          id: event.id,
          type: event.type,
          memberId: event.memberId,
          payload: event.payload,
          attempts: event.attempts,
          lastError: event.lastError,
          createdAt: event.createdAt.toISOString(),
        })),
      }),
    }),
    route({
      method: 'post',
      path: '/admin/outbox/:id/replay',
      summary: 'Queue a dead event again (after fixing what made it fail)',
      tag: 'admin',
      access: ['hq_admin'],
      params: idParamsSchema,
      response: okSchema,
      errors: ['EVENT_NOT_FOUND'],
      handler: async ({ params }) => {
        if (!(await outbox.replay(params.id))) throw new AppError('EVENT_NOT_FOUND', `there is no dead event ${params.id}`);
        return { ok: true as const };
      },
    }),
  ];
}
