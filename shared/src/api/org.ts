import { z } from 'zod';
import { idSchema, timestampSchema } from './common';
import { memberStatusSchema, staffRoleSchema } from './members';

export const regionBodySchema = z.object({ name: z.string().min(1).max(64) });
export const regionSchema = z.object({ id: z.number().int(), name: z.string(), createdAt: timestampSchema });

export const storeBodySchema = z.object({
  name: z.string().min(1).max(64),
  regionId: idSchema,
  address: z.string().max(200).optional(),
});
export const storeSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  regionId: z.number().int(),
  address: z.string().nullable(),
  createdAt: timestampSchema,
});
export const storesQuerySchema = z.object({ regionId: idSchema.optional() });

export const clerkSchema = z.object({
  memberId: z.number().int(),
  nickname: z.string(),
  status: memberStatusSchema,
  joinedAt: timestampSchema,
});

export const staffRoleBodySchema = z
  .object({ userId: idSchema, role: staffRoleSchema, storeId: idSchema.optional() })
  .refine((b) => (b.role === 'store_manager') === (b.storeId !== undefined), {
    path: ['storeId'],
    message: 'a store manager needs a store; other roles take none',
  });
