import fs from 'node:fs';
import path from 'node:path';
import type { Middleware } from 'koa';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Serves the mini-program's H5 build (`npm run build:h5` writes miniapp/dist/h5) at `/`, only while
 * that build exists. js/ and css/ names carry a content hash, so they are cached for good; a GET for an
 * extension-less path outside /api falls back to index.html (the SPA). /api/*, unknown files and other
 * methods fall through to the router and its coded 404.
 */
export function serveH5(rootDir: string): Middleware {
  const root = path.resolve(rootDir);
  const index = path.join(root, 'index.html');
  return async (ctx, next) => {
    if ((ctx.method !== 'GET' && ctx.method !== 'HEAD') || ctx.path === '/api' || ctx.path.startsWith('/api/')) return next();
    if (!fs.existsSync(index)) return next();
    let requested: string;
    try {
      requested = path.join(root, decodeURIComponent(ctx.path));
    } catch {
      return next();
    }
    if (requested !== root && !requested.startsWith(root + path.sep)) return next();
    const stat = await fs.promises.stat(requested).catch(() => null);
    let file: string;
    if (stat?.isFile()) file = requested;
    else if (path.extname(ctx.path) === '') file = index;
    else return next();
    ctx.type = CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream';
    ctx.length = (stat?.isFile() ? stat : await fs.promises.stat(file)).size;
    ctx.set('cache-control', /^\/(js|css)\//.test(ctx.path) ? 'public, max-age=31536000, immutable' : 'no-cache');
    ctx.body = fs.createReadStream(file);
  };
}
