import type { Middleware } from 'koa';
import type { Logger } from 'pino';
import type { ErrorBody } from '@sharecircle/shared';
import { AppError } from './app-error';

/**
 * The only place that turns errors into replies. AppErrors show their code and message;
 * anything else is logged in full and answered as a bare 500 with the request id.
 */
export function errorHandler(logger: Logger): Middleware {
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) {
        throw new AppError('ROUTE_NOT_FOUND', `no route for ${ctx.method} ${ctx.path}`);
      }
    } catch (error) {
      const requestId: string = ctx.state.requestId;
      const appError = toAppError(error);
      if (appError) {
        ctx.status = appError.status;
        ctx.body = {
          error: { code: appError.code, message: appError.message, details: appError.details, requestId, ...appError.data },
        } satisfies ErrorBody;
        if (appError.status >= 500) logger.error({ err: error, requestId }, appError.message);
        return;
      }
      logger.error({ err: error, requestId, method: ctx.method, path: ctx.path }, 'unhandled error');
      ctx.status = 500;
      ctx.body = {
        error: { code: 'INTERNAL', message: 'something went wrong on our side; quote the request id', requestId },
      } satisfies ErrorBody;
    }
  };
}

/** Koa's own client errors (e.g. ctx.throw(405)) become coded errors too. */
function toAppError(error: unknown): AppError | undefined {
  if (error instanceof AppError) return error;
  const status = (error as { status?: number; expose?: boolean })?.status;
  if (typeof status === 'number' && status >= 400 && status < 500 && (error as { expose?: boolean }).expose) {
    if (status === 404) return new AppError('NOT_FOUND', (error as Error).message);
    if (status === 401) return new AppError('UNAUTHENTICATED', (error as Error).message);
    if (status === 403) return new AppError('FORBIDDEN', (error as Error).message);
    if (status === 405) return new AppError('METHOD_NOT_ALLOWED', (error as Error).message);
    return new AppError('VALIDATION_FAILED', (error as Error).message);
  }
  return undefined;
}
