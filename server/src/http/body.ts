import type { Middleware } from 'koa';
import { AppError } from './app-error';

export interface BodyOptions {
  limitBytes: number;
}

/**
 * Reads the body once and keeps the raw bytes (WeChat Pay signs the exact bytes), then parses JSON.
 * Only JSON is accepted: anything else with a body is 415.
 */
export function body(options: BodyOptions): Middleware {
  return async (ctx, next) => {
    if (ctx.method === 'GET' || ctx.method === 'HEAD' || ctx.method === 'DELETE') return next();
    const raw = await readRaw(ctx.req, options.limitBytes);
    ctx.state.rawBody = raw;
    if (raw.length === 0) {
      ctx.state.body = undefined;
    } else if (!ctx.is('application/json')) {
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'send the request body as application/json');
    } else {
      try {
        ctx.state.body = JSON.parse(raw.toString('utf8'));
      } catch {
        throw new AppError('VALIDATION_FAILED', 'the request body is not valid JSON', [{ path: '', issue: 'invalid JSON' }]);
      }
    }
    return next();
  };
}

async function readRaw(stream: NodeJS.ReadableStream, limitBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
    size += buffer.length;
    if (size > limitBytes) throw new AppError('PAYLOAD_TOO_LARGE', `the request body is larger than ${limitBytes} bytes`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}
