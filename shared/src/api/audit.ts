import { z } from 'zod';
import { idSchema, pageOf, timestampSchema } from './common';

export const auditQuerySchema = z.object({
  subjectType: z.string().max(40).optional(),
  subjectId: idSchema.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export const auditEntrySchema = z.object({
  id: z.number().int(),
  actorUserId: z.number().int().nullable(),
  action: z.string(),
  subjectType: z.string(),
  subjectId: z.number().int(),
  data: z.record(z.string(), z.unknown()),
  reason: z.string().nullable(),
  at: timestampSchema,
});
export const auditPageSchema = pageOf(auditEntrySchema);
