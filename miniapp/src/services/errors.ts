import { strings } from '../strings';

/** Codes the client makes up for failures that never reached the API's error model. */
export type ClientErrorCode = 'NETWORK' | 'BAD_REPLY' | 'DOWNLOAD_REFUSED';

/**
 * One error type for everything a request can end in: the server's stable `code` (shared/src/errors.ts)
 * or a client code, the server's extra data (e.g. `minFen` on WITHDRAWAL_BELOW_MINIMUM), the request id.
 */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    readonly data: Record<string, unknown> = {},
    readonly requestId?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function isApiError(error: unknown, code?: string): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

/** What a page shows for an error it has no special wording for. */
export function describeError(error: unknown): string {
  if (!(error instanceof ApiError)) return strings.errors.generic;
  switch (error.code) {
    case 'NETWORK':
      return strings.errors.network;
    case 'BAD_REPLY':
      return strings.errors.badReply;
    case 'UNAUTHENTICATED':
    case 'TOKEN_INVALID':
      return strings.errors.unauthenticated;
    case 'NOT_A_MEMBER':
      return strings.errors.notAMember;
    case 'WECHATPAY_UNAVAILABLE':
      return strings.errors.wechatpayUnavailable;
    case 'MEMBER_NOT_ACTIVE':
      return strings.errors.memberNotActive;
    case 'RATE_LIMITED':
      return strings.errors.rateLimited;
    default:
      return error.status >= 500 ? strings.errors.server : strings.errors.generic;
  }
}
