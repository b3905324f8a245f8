import { formatDate } from '../../../components/format';
import { describeError, isApiError } from '../../../services/errors';
import { strings } from '../../../strings';

/**
 * Why binding as a customer was refused, in the user's words. ALREADY_BOUND means the brand's policy keeps
 * the binding the user already has (permanent, or expiring and not yet run out): name whom they are bound
 * to (GET /me's customerOf) and, when it runs out, from when they may change.
 */
export function explainBindError(error: unknown, boundTo: string | null): string {
  const s = strings.customerPath;
  if (isApiError(error, 'ALREADY_BOUND')) {
    if (!boundTo) return s.alreadyBoundSomeone;
    const expiresAt = (error.data.boundTo as { expiresAt?: unknown } | undefined)?.expiresAt;
    return typeof expiresAt === 'string' ? s.alreadyBoundUntil(boundTo, formatDate(expiresAt)) : s.alreadyBound(boundTo);
  }
  if (isApiError(error) && s.refusal[error.code]) return s.refusal[error.code];
  return describeError(error);
}
