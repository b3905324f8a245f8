import { z } from 'zod';

/** Database ids travel as positive integers. */
export const idSchema = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
export const idParamsSchema = z.object({ id: idSchema });

/** Opaque cursor for newest-first paging; pageSize has a hard upper bound. */
export const PAGE_SIZE_MAX = 100;
export const pageQuerySchema = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(PAGE_SIZE_MAX).default(20),
});
export const pageOf = <T extends z.ZodTypeAny>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export const fenSchema = z.number().int().safe();
export const positiveFenSchema = fenSchema.positive();
export const basisPointsSchema = z.number().int().min(0).max(10_000);
export const timestampSchema = z.string().describe('ISO 8601 timestamp');

export const okSchema = z.object({ ok: z.literal(true) });
