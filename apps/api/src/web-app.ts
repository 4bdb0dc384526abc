// Serves the built canvas (apps/web/dist) from the API in production, so the browser sees one
// origin and the session cookie just works. Unknown paths that are not API paths get index.html
// (the web app routes on the client); hashed assets are cached for a year.
import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import type { Hono } from 'hono';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};

/** Paths that belong to the server; the SPA fallback must never shadow them. */
const SERVER_PREFIXES = ['/api', '/v1', '/t/'];

async function readIfFile(file: string): Promise<Buffer | null> {
  try {
    if (!(await stat(file)).isFile()) return null;
    return await readFile(file);
  } catch {
    return null;
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any Hono env: the handler reads no variables
export function serveWebApp(app: Hono<any>, distDir: string): void {
  const root = resolve(distDir);
  app.get('*', async (c, next) => {
    const path = decodeURIComponent(c.req.path);
    if (SERVER_PREFIXES.some((prefix) => path === prefix || path.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`))) {
      return next();
    }
    const file = resolve(join(root, path));
    // Refuse anything that escapes the dist folder (../, encoded or not).
    if (file !== root && !file.startsWith(root + sep)) return next();
    const asset = path === '/' ? null : await readIfFile(file);
    if (asset) {
      const immutable = path.startsWith('/assets/');
      return c.body(new Uint8Array(asset), 200, {
        'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      });
    }
    if (extname(path) && path !== '/') return next(); // a missing asset is a 404, not the app
    const index = await readIfFile(join(root, 'index.html'));
    if (!index) return next();
    return c.body(new Uint8Array(index), 200, { 'content-type': CONTENT_TYPES['.html']!, 'cache-control': 'no-cache' });
  });
}
