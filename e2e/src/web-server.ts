// Serves the built web app (apps/web/dist) and forwards /api and /v1 to the API, the way the
// API serves it in production: the browser sees one origin, so the session cookie just works.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.map': 'application/json',
};

export type WebServer = { url: string; port: number; close(): Promise<void> };

export async function startWebServer(options: { distDir: string; apiUrl: string; port?: number }): Promise<WebServer> {
  const api = new URL(options.apiUrl);
  if (!existsSync(join(options.distDir, 'index.html'))) throw new Error(`${options.distDir} has no index.html: run \`npm run build -w @braid/web\``);
  const server = createServer((req, res) => {
    const url = req.url ?? '/';
    if (url.startsWith('/api/') || url.startsWith('/v1/')) {
      const upstream = request(
        { hostname: api.hostname, port: api.port, path: url, method: req.method, headers: { ...req.headers, host: api.host } },
        (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        },
      );
      upstream.on('error', () => {
        res.writeHead(502, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { code: 'bad_gateway', message: 'API unreachable' } }));
      });
      req.pipe(upstream);
      return;
    }
    const path = normalize(decodeURIComponent(url.split('?')[0] ?? '/')).replace(/^(\.\.[/\\])+/, '');
    let file = join(options.distDir, path);
    if (!file.startsWith(options.distDir) || !existsSync(file) || statSync(file).isDirectory()) file = join(options.distDir, 'index.html');
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
