import { z } from 'zod';

/**
 * Every error the API can answer, with the HTTP status it maps to.
 * Codes are stable: clients (the mini-program) switch on them, so never rename one.
 */
export const errorStatus = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  TOKEN_INVALID: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  ROUTE_NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  MEMBER_NOT_FOUND: 404,
  NOT_A_MEMBER: 403,
  STORE_NOT_FOUND: 404,
  REGION_NOT_FOUND: 404,
  USER_NOT_FOUND: 404,
  REFERRAL_CODE_UNKNOWN: 404,
  SELF_REFERRAL: 409,
  REFERRAL_CYCLE: 409,
  UPLINE_INACTIVE: 409,
  ALREADY_BOUND: 409,
  REJOIN_COOLDOWN: 409,
  MEMBER_TYPE_CONFLICT: 409,
  APPLICATION_NOT_PENDING: 409,
  MEMBER_NOT_ACTIVE: 409,
  STATUS_TRANSITION_INVALID: 409,
  CONFLICT: 409,
  DUPLICATE_RECEIPT: 409,
  SALE_NOT_FOUND: 404,
  CUSTOMER_CODE_UNKNOWN: 404,
  NOT_A_CLERK: 403,
  SALE_NOT_REFUNDABLE: 409,
  REFUND_EXCEEDS_SALE: 422,
  COMMISSION_NOT_FOUND: 404,
  CATEGORY_NOT_FOUND: 404,
  PRODUCT_NOT_FOUND: 404,
  SKU_NOT_FOUND: 404,
  SKU_INACTIVE: 409,
  SKU_CODE_TAKEN: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNPROCESSABLE: 422,
  INSUFFICIENT_BALANCE: 409,
  WITHDRAWAL_BELOW_MINIMUM: 422,
  WITHDRAWAL_ABOVE_MAXIMUM: 422,
  WITHDRAWAL_LIMIT_REACHED: 422, // not 429: the daily limit resets at midnight Beijing time, retrying sooner never helps
  WITHDRAWAL_NOT_FOUND: 404,
  WITHDRAWAL_NOT_IN_REVIEW: 409,
  NOTIFICATION_NOT_FOUND: 404,
  RATE_LIMITED: 429,
  WECHAT_CODE_INVALID: 401,
  WECHAT_RATE_LIMITED: 429,
  WECHAT_USER_BLOCKED: 403,
  WECHAT_UNAVAILABLE: 502,
  WECHATPAY_SIGNATURE_INVALID: 401,
  WECHATPAY_TIMESTAMP_STALE: 401,
  WECHATPAY_UNAVAILABLE: 502,
  RULE_PAYS_FOR_RECRUITING: 422,
  RULE_NOT_FOUND: 404,
  REWARD_NOT_FOUND: 404,
  REWARD_STATE_INVALID: 409,
  POOL_NOT_FOUND: 404,
  EVENT_NOT_FOUND: 404,
  CERTIFICATE_NOT_FOUND: 404,
  POLICY_NOT_FOUND: 404,
  REPORT_NOT_FOUND: 404,
  REPORT_ALREADY_DECIDED: 409,
  SELF_REPORT: 422,
  APPEAL_NOT_FOUND: 404,
  APPEAL_EXISTS: 409,
  APPEAL_WINDOW_CLOSED: 409,
  APPEAL_ALREADY_DECIDED: 409,
  NOT_REMOVED: 409,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export const errorDetailSchema = z.object({ path: z.string(), issue: z.string() });
export type ErrorDetail = z.infer<typeof errorDetailSchema>;

/** The one wire shape of every error reply. */
export const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.array(errorDetailSchema).optional(),
    requestId: z.string().optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;
