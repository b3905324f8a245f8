import { z } from 'zod';
import { idSchema, pageOf, timestampSchema } from './common';

export const MEMBER_TYPES = ['koc', 'kos', 'external'] as const;
export const memberTypeSchema = z.enum(MEMBER_TYPES);
export type MemberType = z.infer<typeof memberTypeSchema>;

export const MEMBER_STATUSES = ['applied', 'rejected', 'active', 'warned', 'probation', 'removed', 'banned'] as const;
export const memberStatusSchema = z.enum(MEMBER_STATUSES);
export type MemberStatus = z.infer<typeof memberStatusSchema>;
/** Statuses in which a member is a working distributor: can refer others and earn. */
export const DISTRIBUTING_STATUSES: readonly MemberStatus[] = ['active', 'warned', 'probation'];
export const isDistributing = (status: MemberStatus) => DISTRIBUTING_STATUSES.includes(status);

export const STAFF_ROLES = ['store_manager', 'community_manager', 'hq_admin'] as const;
export const staffRoleSchema = z.enum(STAFF_ROLES);
export type StaffRole = z.infer<typeof staffRoleSchema>;

/** WeChat's scene character set limits a referral code (it travels inside the mini-program code). */
export const referralCodeSchema = z
  .string()
  .min(4)
  .max(32)
  .regex(/^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]+$/, 'must use WeChat scene characters only');

export const applicationSchema = z.object({
  city: z.string().min(1).max(64),
  storeSize: z.number().int().min(0).max(100_000).describe('square metres'),
  teamSize: z.number().int().min(0).max(100_000),
  monthlySalesFen: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  phoneSales: z.boolean().describe('can sell over the phone'),
  phone: z.string().regex(/^1\d{10}$/, 'must be an 11-digit mainland mobile number'),
  agreementAccepted: z.literal(true, { message: 'the distributor agreement must be accepted' }),
});
export type Application = z.infer<typeof applicationSchema>;

export const joinBodySchema = z
  .object({
    type: memberTypeSchema,
    referralCode: referralCodeSchema.optional(),
    storeId: idSchema.optional(),
    application: applicationSchema.optional(),
  })
  .superRefine((body, ctx) => {
    if (body.type === 'kos' && body.storeId === undefined)
      ctx.addIssue({ code: 'custom', path: ['storeId'], message: 'a KOS names their store' });
    if (body.type !== 'koc' && body.application === undefined)
      ctx.addIssue({ code: 'custom', path: ['application'], message: 'KOS and external distributors file an application' });
  });
export type JoinBody = z.infer<typeof joinBodySchema>;

export const uplineSchema = z.object({ id: z.number().int(), nickname: z.string() });

export const memberSchema = z.object({
  id: z.number().int(),
  type: memberTypeSchema,
  status: memberStatusSchema,
  level: z.number().int(),
  referralCode: z.string(),
  storeId: z.number().int().nullable(),
  joinedAt: timestampSchema,
  upline: uplineSchema.nullable(),
});
export type Member = z.infer<typeof memberSchema>;

export const roleGrantSchema = z.object({ role: staffRoleSchema, storeId: z.number().int().nullable() });

export const meSchema = z.object({
  id: z.number().int(),
  nickname: z.string(),
  customerCode: z.string().describe('shown as a QR code for a clerk to scan at the till'),
  roles: z.array(roleGrantSchema),
  member: memberSchema.nullable(),
  customerOf: uplineSchema.nullable().describe('the member this user is bound to as a customer'),
});
export type Me = z.infer<typeof meSchema>;

export const teamQuerySchema = z.object({
  tier: z.coerce.number().int().min(1).max(2).default(1),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export const teamMemberSchema = z.object({
  id: z.number().int(),
  nickname: z.string().describe('masked'),
  type: memberTypeSchema,
  status: memberStatusSchema,
  joinedAt: timestampSchema,
  monthGmvFen: z.number().int().describe('their paid sales this month (China time), net of refunds'),
  earnedFen: z.number().int().describe('the L2 commission I earned on their sales, net of refunds (0 for tier 2: only two tiers pay)'),
});
export const teamPageSchema = pageOf(teamMemberSchema);

export const bindBodySchema = z.object({ referralCode: referralCodeSchema });
export const bindingSchema = z.object({
  member: uplineSchema,
  boundAt: timestampSchema,
  expiresAt: timestampSchema.nullable(),
});

export const referralParamsSchema = z.object({ code: referralCodeSchema });
/** Who a referral code belongs to, as the join page shows it before the user joins through it. */
export const inviterSchema = z.object({
  nickname: z.string().describe('masked'),
  type: memberTypeSchema,
  acceptsReferrals: z.boolean().describe('an active distributor: joining or binding through the code works now'),
});
export type Inviter = z.infer<typeof inviterSchema>;

export const adminRebindBodySchema = z.object({
  referralCode: referralCodeSchema,
  reason: z.string().min(1).max(500),
});

export const applicationsQuerySchema = z.object({
  status: memberStatusSchema.default('applied'),
  storeId: idSchema.optional(),
});
export const applicationViewSchema = z.object({
  memberId: z.number().int(),
  userId: z.number().int(),
  nickname: z.string(),
  type: memberTypeSchema,
  status: memberStatusSchema,
  storeId: z.number().int().nullable(),
  application: applicationSchema.nullable(),
  appliedAt: timestampSchema,
});
export const decisionBodySchema = z.object({ reason: z.string().min(1).max(500) });
export const optionalReasonBodySchema = z.object({ reason: z.string().min(1).max(500).optional() });

export const statusChangeBodySchema = z.object({
  status: z.enum(['active', 'warned', 'probation', 'removed', 'banned']),
  reason: z.string().min(1).max(500),
});
export const statusHistoryItemSchema = z.object({
  from: memberStatusSchema.nullable(),
  to: memberStatusSchema,
  actorUserId: z.number().int().nullable(),
  reason: z.string().nullable(),
  at: timestampSchema,
});
