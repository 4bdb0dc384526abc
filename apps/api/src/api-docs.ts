// /api/docs: Swagger UI for the OpenAPI document, served from the installed swagger-ui-dist
// package so it works without internet (no CDN), at the version the lockfile pins.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Hono } from 'hono';

const ASSETS = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
} as const;

const distDir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
const cache = new Map<string, string>();
const asset = (name: keyof typeof ASSETS): string => {
  let text = cache.get(name);
  if (text === undefined) cache.set(name, (text = readFileSync(join(distDir, name), 'utf8')));
  return text;
};

const page = (specUrl: string) => `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8" />
  <meta name="viewport" content="width=device-width, initial-scale=1" />
  <title>Braid API</title>
  <link rel="stylesheet" href="/api/docs/swagger-ui.css" />
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="/api/docs/swagger-ui-bundle.js"></script>
  <script>window.ui = SwaggerUIBundle({ url: ${JSON.stringify(specUrl)}, dom_id: '#swagger-ui' });</script>
</body>
</html>`;

/** Mounted at /api/docs; public, like the document it shows (no data in either). */
export function apiDocsRoutes(specUrl = '/api/openapi.json'): Hono {
  const app = new Hono();
  app.get('/', (c) => c.html(page(specUrl)));
  for (const [name, type] of Object.entries(ASSETS) as [keyof typeof ASSETS, string][]) {
    app.get(`/${name}`, (c) => c.body(asset(name), 200, { 'content-type': type, 'cache-control': 'public, max-age=86400' }));
  }
  return app;
}
