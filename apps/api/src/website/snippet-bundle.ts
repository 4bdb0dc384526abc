// The snippet's browser code, bundled from packages/snippet by esbuild the first time it is asked
// for (a few milliseconds), then served from memory with an ETag and a gzip copy.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

export type Bundle = { code: Buffer; gzip: Buffer; etag: string };

const require = createRequire(import.meta.url);
const ENTRIES = { sdk: '@braid/snippet', sw: '@braid/snippet/sw' } as const;
export type BundleName = keyof typeof ENTRIES;

const cache = new Map<BundleName, Promise<Bundle>>();

async function bundle(name: BundleName): Promise<Bundle> {
  const result = await build({
    entryPoints: [require.resolve(ENTRIES[name])],
    bundle: true,
    minify: true,
    format: 'iife',
    // Browsers from 2019 on: what shops' visitors still carry on older phones.
    target: ['es2019'],
    write: false,
    legalComments: 'none',
    logLevel: 'silent',
  });
  const code = Buffer.from(result.outputFiles[0]!.contents);
  return { code, gzip: gzipSync(code, { level: 9 }), etag: `"${createHash('sha256').update(code).digest('base64url').slice(0, 16)}"` };
}

export function snippetBundle(name: BundleName): Promise<Bundle> {
  let pending = cache.get(name);
  if (!pending) {
    pending = bundle(name);
    // A failed build is not cached: the next request tries again.
    pending.catch(() => cache.delete(name));
    cache.set(name, pending);
  }
  return pending;
}
