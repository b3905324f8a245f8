import { z } from 'zod';
import { idSchema, timestampSchema } from './common';
import { TIERS } from './assessments';

/**
 * KOS content tasks: HQ (or a store manager, for their own store) hands out a topic to post about on a
 * platform by a date; a KOS sends proof of each post, a manager approves or rejects it, and each
 * approved post is a task.completed event. KOS also keep their platform accounts here.
 */

export const PLATFORMS = ['douyin', 'xiaohongshu', 'channels', 'kuaishou'] as const;
export type Platform = (typeof PLATFORMS)[number];

/** An account with no update and no approved post for this long is flagged quiet to HQ. */
export const QUIET_AFTER_DAYS = 30;

const entityIdSchema = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const audienceSchema = z.strictObject({
  regionId: entityIdSchema.optional(),
  storeId: entityIdSchema.optional(),
  tiers: z.array(z.enum(TIERS)).min(1).max(4).optional().describe('KOS assessment tiers; a KOS without a tier yet is left out'),
});

export const taskBodySchema = z.strictObject({
  topic: z.string().trim().min(1).max(100),
  hashtag: z
    .string()
    .trim()
    .min(1)
    .max(50)
    .regex(/^#?[^\s#]+$/, 'one hashtag, without spaces'),
  platform: z.enum(PLATFORMS),
  dueAt: timestampSchema.datetime(),
  target: z.number().int().min(1).max(100).describe('approved posts that complete the task'),
  audience: audienceSchema.default({}).describe('empty: every KOS'),
});
export type TaskBody = z.infer<typeof taskBodySchema>;

export const taskSchema = z.object({
  id: z.number().int(),
  topic: z.string(),
  hashtag: z.string(),
  platform: z.enum(PLATFORMS),
  dueAt: timestampSchema,
  target: z.number().int(),
  audience: z.object({ regionId: z.number().int().nullable(), storeId: z.number().int().nullable(), tiers: z.array(z.enum(TIERS)).nullable() }),
  createdBy: z.number().int(),
  createdAt: timestampSchema,
});

export const myTaskSchema = taskSchema.extend({
  progress: z.object({ approved: z.number().int(), pending: z.number().int(), rejected: z.number().int() }),
  done: z.boolean().describe('approved posts reached the target'),
});

export const submissionMetricsSchema = z.strictObject({
  views: z.number().int().min(0).max(1e12),
  likes: z.number().int().min(0).max(1e12),
  comments: z.number().int().min(0).max(1e12),
  leads: z.number().int().min(0).max(1e12),
});

/** Proof images: uploaded one by one (POST /uploads, multipart as wx.uploadFile sends it), then named in a submission. */
export const UPLOAD_SIZE_MAX_BYTES = 5 * 1024 * 1024;
export const PROOF_IMAGES_MAX = 3;
/** An upload's name: random hex and the type its bytes showed (no path, nothing of the sender's file name). */
export const UPLOAD_NAME_PATTERN = /^[0-9a-f]{32}\.(png|jpg)$/;
export const UPLOADS_PATH = '/api/v1/uploads/';
/** The multipart field POST /uploads reads the file from (wx.uploadFile's `name`). */
export const UPLOAD_FILE_FIELD = 'file';

/** The upload a URL answered by POST /uploads names, or null for any other URL. */
export function uploadNameOf(url: string): string | null {
  const at = url.indexOf(UPLOADS_PATH);
  if (at < 0) return null;
  const name = url.slice(at + UPLOADS_PATH.length);
  return UPLOAD_NAME_PATTERN.test(name) ? name : null;
}

export const uploadParamsSchema = z.object({ name: z.string().regex(UPLOAD_NAME_PATTERN, 'an upload name as POST /uploads answered it') });
export const uploadSchema = z.object({ url: z.string().describe('where the image is served; name it in imageUrls of a submission') });

export const submissionBodySchema = z
  .strictObject({
    url: z
      .string()
      .max(500)
      .url()
      .refine((url) => /^https?:\/\//.test(url), 'an http(s) link to the post')
      .optional(),
    imageUrls: z
      .array(z.string().max(500).refine((url) => uploadNameOf(url) !== null, 'a URL answered by POST /uploads'))
      .max(PROOF_IMAGES_MAX)
      .refine((urls) => new Set(urls).size === urls.length, 'each image once')
      .optional()
      .describe('screenshots of the post, uploaded first; the submitter’s own, each proving one submission'),
    note: z.string().max(500).optional(),
    metrics: submissionMetricsSchema.optional(),
  })
  .refine((body) => body.url !== undefined || (body.imageUrls?.length ?? 0) > 0, { path: ['url'], message: 'a link to the post, or an image of it' });
export type SubmissionBody = z.infer<typeof submissionBodySchema>;

export const SUBMISSION_STATUSES = ['pending', 'approved', 'rejected'] as const;
export const submissionSchema = z.object({
  id: z.number().int(),
  taskId: z.number().int(),
  memberId: z.number().int(),
  url: z.string().nullable(),
  imageUrls: z.array(z.string()),
  note: z.string().nullable(),
  metrics: submissionMetricsSchema.nullable(),
  status: z.enum(SUBMISSION_STATUSES),
  reviewReason: z.string().nullable(),
  reviewedBy: z.number().int().nullable(),
  reviewedAt: timestampSchema.nullable(),
  createdAt: timestampSchema,
});
export const adminSubmissionSchema = submissionSchema.extend({ nickname: z.string(), storeId: z.number().int().nullable() });
export const submissionsQuerySchema = z.object({
  status: z.enum(SUBMISSION_STATUSES).default('pending'),
  taskId: idSchema.optional(),
  storeId: idSchema.optional(),
});
export const rejectBodySchema = z.strictObject({ reason: z.string().trim().min(1).max(500) });

export const adminTasksQuerySchema = z.object({ storeId: idSchema.optional() });

export const platformAccountBodySchema = z.strictObject({
  platform: z.enum(PLATFORMS),
  handle: z.string().trim().min(1).max(60),
  fans: z.number().int().min(0).max(1e10),
});
export const platformAccountSchema = z.object({
  id: z.number().int(),
  platform: z.enum(PLATFORMS),
  handle: z.string(),
  fans: z.number().int(),
  updatedAt: timestampSchema,
  lastActivityAt: timestampSchema.describe('the later of the last update and the last approved post on this platform'),
  quiet: z.boolean().describe(`nothing for ${QUIET_AFTER_DAYS} days`),
});
export const adminPlatformAccountSchema = platformAccountSchema.extend({
  memberId: z.number().int(),
  nickname: z.string(),
  storeId: z.number().int().nullable(),
  regionId: z.number().int().nullable(),
});
export const platformAccountsQuerySchema = z.object({ regionId: idSchema.optional(), storeId: idSchema.optional() });
export const accountMatrixSchema = z.object({
  items: z.array(adminPlatformAccountSchema),
  matrix: z
    .array(z.object({ regionId: z.number().int().nullable(), storeId: z.number().int().nullable(), platform: z.enum(PLATFORMS), accounts: z.number().int(), fans: z.number().int(), quiet: z.number().int() }))
    .describe('accounts, fans and quiet accounts per region, store and platform'),
});
