import multer from '@koa/multer';
import type { Middleware } from 'koa';
import { UPLOAD_FILE_FIELD, UPLOAD_SIZE_MAX_BYTES } from '@sharecircle/shared';
import { AppError } from '../../http/app-error';
import { API_PREFIX } from '../../http/router';

/** The one route that takes a file. */
export const UPLOAD_ROUTE_PATH = '/uploads';

/**
 * The app reads every body as JSON (http/body.ts answers anything else 415). wx.uploadFile can only send
 * multipart/form-data, so a POST of that type to the upload route goes to multer instead: the file held
 * in memory (one, at most UPLOAD_SIZE_MAX_BYTES, a few small fields beside it), handed to the route as
 * its body `{ file: Buffer }` for its schema to check like any other. Every other request goes to `json`.
 */
export function withFileUploads(json: Middleware): Middleware {
  const parse = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: UPLOAD_SIZE_MAX_BYTES, files: 1, fields: 10, fieldSize: 1024, parts: 11 },
  }).single(UPLOAD_FILE_FIELD);
  const uploadPath = API_PREFIX + UPLOAD_ROUTE_PATH;
  return async (ctx, next) => {
    if (ctx.method !== 'POST' || ctx.path !== uploadPath || !ctx.is('multipart/form-data')) return json(ctx, next);
    try {
      await parse(ctx, async () => undefined);
    } catch (error) {
      throw refusalOf(error);
    }
    ctx.state.rawBody = Buffer.alloc(0);
    ctx.state.body = ctx.file ? { [UPLOAD_FILE_FIELD]: ctx.file.buffer } : {};
    return next();
  };
}

/** multer's and busboy's failures in the API's error model (multer has drained the request by then). */
function refusalOf(error: unknown): AppError {
  const { code, field, message } = error as { code?: string; field?: string; message?: string };
  if (code === 'LIMIT_FILE_SIZE') return new AppError('PAYLOAD_TOO_LARGE', `an image is at most ${UPLOAD_SIZE_MAX_BYTES} bytes`);
  if (code === 'LIMIT_UNEXPECTED_FILE' || code === 'LIMIT_FILE_COUNT') {
    return new AppError('VALIDATION_FAILED', `invalid body: send one file, in the field "${UPLOAD_FILE_FIELD}"`, [{ path: `body.${field ?? UPLOAD_FILE_FIELD}`, issue: `one file, in the field "${UPLOAD_FILE_FIELD}"` }]);
  }
  return new AppError('VALIDATION_FAILED', `invalid body: not a multipart form we take (${message ?? code ?? 'unreadable'})`, [{ path: 'body', issue: 'unreadable multipart/form-data' }]);
}
