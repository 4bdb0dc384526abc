// GET /sdk.js (also /sdk/v1.js, the versioned URL) and /sdk/sw.js (the push service worker the
// shop's /braid-sw.js imports). Public: the scripts hold no secret.
import { Hono, type Context } from 'hono';
import { snippetBundle, type BundleName } from './snippet-bundle';

/** The major version in the versioned URL; a breaking change to the stub gets /sdk/v2.js. */
export const SNIPPET_MAJOR = 1;

export function snippetRoutes(): Hono {
  const app = new Hono();
  const serve = (name: BundleName, cacheControl: string) => async (c: Context) => {
    const bundle = await snippetBundle(name);
    const headers: Record<string, string> = {
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': cacheControl,
      etag: bundle.etag,
      vary: 'Accept-Encoding',
      // Any shop may load the script; it does nothing without their write key and origin.
      'access-control-allow-origin': '*',
      'cross-origin-resource-policy': 'cross-origin',
    };
    if (c.req.header('if-none-match') === bundle.etag) return c.body(null, 304, headers);
    if (/\bgzip\b/.test(c.req.header('accept-encoding') ?? '')) return c.body(new Uint8Array(bundle.gzip), 200, { ...headers, 'content-encoding': 'gzip' });
    return c.body(new Uint8Array(bundle.code), 200, headers);
  };
  // Short-lived: shops pick up fixes within minutes; the ETag makes the re-check cheap.
  app.get('/sdk.js', serve('sdk', 'public, max-age=300'));
  app.get(`/sdk/v${SNIPPET_MAJOR}.js`, serve('sdk', 'public, max-age=300'));
  app.get('/sdk/sw.js', serve('sw', 'public, max-age=300'));
  return app;
}
