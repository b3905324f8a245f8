import { z } from 'zod';
import { timestampSchema } from './common';

/**
 * Communities: WeChat groups members own (`own`) or that serve the brand's customers (`customer`,
 * often WeCom customer groups), their join codes, group-admin rights over customer groups, the
 * manager's checklist of changes to make by hand in WeChat, and training groups with their courses.
 */

export const GROUP_KINDS = ['own', 'customer'] as const;
export type GroupKind = (typeof GROUP_KINDS)[number];

/** A WeChat group holds at most 500 people and a WeCom customer group 2,000; leave room, refuse nonsense. */
export const GROUP_SIZE_MAX = 10_000;

const memberIdSchema = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const groupNameSchema = z.string().trim().min(1).max(60);
/** WeCom's chat_id of a customer group (externalcontact/groupchat/list). */
const wecomChatIdSchema = z.string().min(1).max(64).regex(/^[0-9A-Za-z_-]+$/, 'a WeCom chat_id');

export const groupBodySchema = z
  .strictObject({ name: groupNameSchema, kind: z.enum(GROUP_KINDS), wecomChatId: wecomChatIdSchema.optional() })
  .superRefine((body, ctx) => {
    if (body.wecomChatId !== undefined && body.kind !== 'customer') {
      ctx.addIssue({ code: 'custom', path: ['wecomChatId'], message: 'only a customer group lives in WeCom' });
    }
  });
export type GroupBody = z.infer<typeof groupBodySchema>;

/** A community manager registers one of the brand's customer groups (no member owns it). */
export const adminGroupBodySchema = z.strictObject({ name: groupNameSchema, wecomChatId: wecomChatIdSchema.optional() });

export const groupSizeBodySchema = z.strictObject({ members: z.number().int().min(0).max(GROUP_SIZE_MAX) });

export const GROUP_ADMIN_SCOPES = ['full', 'moderation'] as const;
export type GroupAdminScope = (typeof GROUP_ADMIN_SCOPES)[number];
/** The level a member must keep to hold a right unless the grant says otherwise (demotion below it revokes). */
export const GROUP_ADMIN_REQUIRED_LEVEL_DEFAULT = 3;

export const groupAdminRefSchema = z.object({
  rightId: z.number().int(),
  memberId: z.number().int(),
  scope: z.enum(GROUP_ADMIN_SCOPES),
  grantedAt: timestampSchema,
  expiresAt: timestampSchema.nullable(),
});

export const groupSchema = z.object({
  id: z.number().int(),
  kind: z.enum(GROUP_KINDS),
  name: z.string(),
  joinCode: z.string().describe('put in the group notice or the poster; joining with it binds to the group’s member'),
  referralCode: z.string().nullable().describe('the owner’s referral code the group carries'),
  ownerMemberId: z.number().int().nullable(),
  size: z.number().int(),
  sizeSource: z.enum(['member', 'wecom']).nullable(),
  sizeReportedAt: timestampSchema.nullable(),
  wecomChatId: z.string().nullable(),
  createdAt: timestampSchema,
  admin: groupAdminRefSchema.nullable().describe('the member holding admin rights now (customer groups)'),
});
export type GroupView = z.infer<typeof groupSchema>;

export const groupsQuerySchema = z.object({ kind: z.enum(GROUP_KINDS).optional() });

export const joinGroupBodySchema = z.strictObject({
  code: z
    .string()
    .min(4)
    .max(32)
    .regex(/^[0-9A-Za-z]+$/, 'a group join code'),
});
export const joinGroupResultSchema = z.object({
  group: z.object({ id: z.number().int(), name: z.string(), kind: z.enum(GROUP_KINDS) }),
  binding: z.object({
    outcome: z.enum(['bound', 'kept', 'none', 'refused']).describe('bound: now bound to the group’s member; kept: the brand’s policy kept an earlier binding; none: nobody to bind to; refused: see code'),
    memberId: z.number().int().nullable(),
    code: z.string().nullable(),
  }),
});

export const grantAdminBodySchema = z.strictObject({
  memberId: memberIdSchema,
  scope: z.enum(GROUP_ADMIN_SCOPES),
  expiresAt: timestampSchema.datetime().optional(),
  requiredLevel: z.number().int().min(1).max(20).optional().describe(`the level the member must keep (default ${GROUP_ADMIN_REQUIRED_LEVEL_DEFAULT})`),
});
export const revokeAdminQuerySchema = z.object({ reason: z.string().min(1).max(500).optional() });
export const groupAdminParamsSchema = z.object({
  id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  memberId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
});

export const REVOKE_CAUSES = ['manual', 'removal', 'violation', 'demotion', 'expiry'] as const;
export type RevokeCause = (typeof REVOKE_CAUSES)[number];

export const groupAdminSchema = z.object({
  id: z.number().int(),
  groupId: z.number().int(),
  groupName: z.string(),
  memberId: z.number().int(),
  nickname: z.string(),
  scope: z.enum(GROUP_ADMIN_SCOPES),
  requiredLevel: z.number().int(),
  grantedBy: z.number().int(),
  grantedAt: timestampSchema,
  expiresAt: timestampSchema.nullable(),
  revokedAt: timestampSchema.nullable(),
  revokeCause: z.enum(REVOKE_CAUSES).nullable(),
  revokeReason: z.string().nullable(),
});

export const CHECKLIST_KINDS = ['add_admin', 'remove_admin', 'rename_group'] as const;
export const checklistQuerySchema = z.object({ status: z.enum(['pending', 'done']).default('pending') });
export const checklistItemSchema = z.object({
  id: z.number().int(),
  kind: z.enum(CHECKLIST_KINDS),
  assigneeUserId: z.number().int(),
  groupId: z.number().int().nullable(),
  trainingGroupId: z.number().int().nullable(),
  groupName: z.string(),
  memberId: z.number().int().nullable(),
  newName: z.string().nullable(),
  instruction: z.string().describe('what to do in the WeChat client'),
  createdAt: timestampSchema,
  doneAt: timestampSchema.nullable(),
});

export const TRAINING_PHASES = ['recruiting', 'training', 'in_session', 'closing', 'finished'] as const;
export type TrainingPhase = (typeof TRAINING_PHASES)[number];
export const DEFAULT_PHASE_LABELS: Record<TrainingPhase, string> = {
  recruiting: 'recruiting',
  training: 'training',
  in_session: 'in session',
  closing: 'closing',
  finished: 'finished',
};
export const DEFAULT_TRAINING_NAME_TEMPLATE = '{brand} KOC training · {phase}';

const phaseLabelSchema = z.string().min(1).max(12).optional();

export const trainingGroupBodySchema = z.strictObject({
  brand: z.string().trim().min(1).max(20),
  nameTemplate: z
    .string()
    .min(1)
    .max(60)
    .refine((template) => template.includes('{phase}'), 'the template names the phase: {phase}')
    .default(DEFAULT_TRAINING_NAME_TEMPLATE),
  phaseLabels: z
    .strictObject({
      recruiting: phaseLabelSchema,
      training: phaseLabelSchema,
      in_session: phaseLabelSchema,
      closing: phaseLabelSchema,
      finished: phaseLabelSchema,
    })
    .optional()
    .describe('what {phase} becomes per phase (e.g. 招募中); unset phases use the default labels'),
  wecomChatId: wecomChatIdSchema.optional(),
});
export const phaseBodySchema = z.strictObject({ phase: z.enum(TRAINING_PHASES) });

export const trainingGroupSchema = z.object({
  id: z.number().int(),
  brand: z.string(),
  nameTemplate: z.string(),
  phase: z.enum(TRAINING_PHASES),
  displayName: z.string(),
  wecomChatId: z.string().nullable(),
  createdBy: z.number().int(),
  createdAt: timestampSchema,
  phaseChangedAt: timestampSchema,
  enrolled: z.number().int(),
});
export const trainingGroupChangeSchema = trainingGroupSchema.extend({
  wechat: z.object({ setNameTo: z.string().describe('rename the WeChat group to this by hand'), checklistItemId: z.number().int() }),
});

export const enrollBodySchema = z.strictObject({ memberId: memberIdSchema });
export const enrollmentSchema = z.object({ trainingGroupId: z.number().int(), memberId: z.number().int(), enrolledAt: timestampSchema });

export const COURSE_LESSONS_MAX = 50;
export const courseBodySchema = z.strictObject({
  title: z.string().trim().min(1).max(60),
  lessons: z.array(z.strictObject({ title: z.string().trim().min(1).max(60) })).min(1).max(COURSE_LESSONS_MAX),
});
export const courseSchema = z.object({
  id: z.number().int(),
  trainingGroupId: z.number().int(),
  title: z.string(),
  lessons: z.array(z.object({ id: z.number().int(), position: z.number().int(), title: z.string() })),
  createdAt: timestampSchema,
});
export const myCourseSchema = z.object({
  id: z.number().int(),
  trainingGroupId: z.number().int(),
  title: z.string(),
  lessons: z.array(z.object({ id: z.number().int(), position: z.number().int(), title: z.string(), doneAt: timestampSchema.nullable() })),
  completedAt: timestampSchema.nullable(),
});
export const myTrainingSchema = z.object({
  items: z.array(z.object({ trainingGroup: z.object({ id: z.number().int(), displayName: z.string(), phase: z.enum(TRAINING_PHASES) }), courses: z.array(myCourseSchema) })),
});
export const lessonParamsSchema = z.object({
  id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  lessonId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
});
export const courseProgressSchema = z.object({
  course: courseSchema,
  items: z.array(z.object({ memberId: z.number().int(), nickname: z.string(), lessonsDone: z.number().int(), completedAt: timestampSchema.nullable() })),
});
