import { z } from 'zod';

export const BINDING_POLICIES = ['permanent', 'expiring', 'override'] as const;
export const ATTRIBUTION_POLICIES = ['clerk', 'binding', 'split'] as const;

const bp = () => z.number().int().min(0).max(10_000);
const levelRatesSchema = z.record(
  z.string().regex(/^\d+$/, 'a level number'),
  z.strictObject({ l1RateBp: bp(), l2RateBp: bp() }),
);

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
  /** Rates in basis points. Most specific wins: SKU, hot item, category, member level, member type, brand. */
  commission: {
    l1RateBp: bp().default(1000),
    l2RateBp: bp().default(300),
    l2Enabled: z.boolean().default(true),
    externalL1RateBp: bp().default(800),
    externalL2RateBp: bp().default(200),
    hotItemL1RateBp: bp().default(1500),
    hotItemL2RateBp: bp().default(500),
    levelRates: levelRatesSchema.default({}),
    freezeDays: z.number().int().min(0).max(365).default(7),
  },
  levels: {
    reevaluation: z.boolean().default(false).describe('drop one level at month end when the keep-conditions fail'),
  },
  /** Who is the seller of record of a store sale. */
  attribution: {
    policy: z.enum(ATTRIBUTION_POLICIES).default('clerk'),
    clerkShareBp: bp().default(5000).describe('under split: the clerk’s share; the bound member gets the rest'),
  },
  withdrawals: {
    minFen: z.number().int().min(1).default(100),
    /** WeChat Pay requires the payee's real name from 200,000 fen; we do not collect it, so stay below. */
    maxNetFen: z.number().int().min(1).max(199_999).default(199_999),
    feeBp: bp().default(0),
    dailyCountMax: z.number().int().min(1).max(100).default(3),
    dailyAmountMaxFen: z.number().int().min(1).default(2_000_000),
    reviewThresholdFen: z.number().int().min(1).default(100_000).describe('at or above this, HQ approves first'),
  },
};
type Sections = typeof sections;

/** Full settings with defaults filled in. */
export const settingsSchema = z.object({
  binding: z.object(sections.binding).prefault({}),
  members: z.object(sections.members).prefault({}),
  commission: z.object(sections.commission).prefault({}),
  levels: z.object(sections.levels).prefault({}),
  attribution: z.object(sections.attribution).prefault({}),
  withdrawals: z.object(sections.withdrawals).prefault({}),
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
  commission: patchOf(sections.commission),
  levels: patchOf(sections.levels),
  attribution: patchOf(sections.attribution),
  withdrawals: patchOf(sections.withdrawals),
} satisfies { [K in keyof Sections]: unknown });
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;
