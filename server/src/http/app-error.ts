import { errorStatus, type ErrorCode, type ErrorDetail } from '@sharecircle/shared';

/**
 * The one error type services throw. The HTTP error middleware alone turns the code into a status
 * and decides what the client sees; jobs report through the same path.
 */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetail[],
    /** Extra data a client may need to act on the error (e.g. the existing sale on a duplicate). */
    readonly data?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
    this.status = errorStatus[code];
  }
}
