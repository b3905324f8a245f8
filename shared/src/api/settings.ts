import { z } from 'zod';

export const BINDING_POLICIES = ['permanent', 'expiring', 'override'] as const;

/**
 * The brand's settings: one document of sections. Each field is declared once with its default;
 * PATCH takes any subset of fields and leaves the rest as they are.
 */
const sections = {
  binding: {
    policy: z.enum(BINDING_POLICIES).default('permanent'),
    expiryDays: z.number().int().min(1).max(3650).default(30),
  },
  members: {
    autoApproveApplications: z.boolean().default(false),
    rejoinCooldownDays: z.number().int().min(0).max(3650).default(90),
  },
};
type Sections = typeof sections;

/** Full settings with defaults filled in. */
export const settingsSchema = z.object({
  binding: z.object(sections.binding).prefault({}),
  members: z.object(sections.members).prefault({}),
});
export type Settings = z.infer<typeof settingsSchema>;

/** Drops the defaults so a patch names only what it changes. */
function patchOf<S extends Record<string, z.ZodDefault<z.ZodTypeAny>>>(shape: S) {
  const fields = Object.fromEntries(Object.entries(shape).map(([key, field]) => [key, field.removeDefault().optional()]));
  return z.strictObject(fields as { [K in keyof S]: z.ZodOptional<ReturnType<S[K]['removeDefault']>> }).optional();
}

export const settingsPatchSchema = z.strictObject({
  binding: patchOf(sections.binding),
  members: patchOf(sections.members),
} satisfies { [K in keyof Sections]: unknown });
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;
