import { describeError, isApiError } from '../../services/errors';
import { strings } from '../../strings';

/** The refusals a manager's action can meet, in words; anything else as the app describes errors. */
export function explainManagerError(error: unknown): string {
  if (isApiError(error) && strings.manager.refusal[error.code]) return strings.manager.refusal[error.code];
  return describeError(error);
}
