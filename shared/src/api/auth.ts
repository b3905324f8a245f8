import { z } from 'zod';

export const wechatLoginBodySchema = z.object({ code: z.string().min(1).max(128) });
export const devLoginBodySchema = z.object({
  openid: z.string().min(1).max(64),
  nickname: z.string().min(1).max(64).optional(),
});
export const refreshBodySchema = z.object({ refreshToken: z.string().min(1).max(2048) });

export const sessionSchema = z.object({
  accessToken: z.string(),
  refreshToken: z.string(),
  accessExpiresInSec: z.number().int(),
  userId: z.number().int(),
});
export type Session = z.infer<typeof sessionSchema>;
