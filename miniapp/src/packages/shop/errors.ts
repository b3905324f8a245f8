import { describeError, isApiError } from '../../services/errors';
import { strings } from '../../strings';

/** Why an order or a payment was refused, in the buyer's words. */
export function explainOrderError(error: unknown): string {
  if (isApiError(error) && strings.shop.refusal[error.code]) return strings.shop.refusal[error.code];
  return describeError(error);
}
