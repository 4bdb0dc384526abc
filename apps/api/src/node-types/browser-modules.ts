// The canvas runs each node package's own definitions (summaries, dynamic ports, validation,
// the test run's compile), so a node type installed on the server behaves in the browser exactly
// as it does at publish. A package's main entry is isomorphic by contract (see @braid/sdk);
// here it is bundled once per process into one ES module the browser imports.
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { SHARED_MODULES_GLOBAL, sharedModuleSpecifiers } from '@braid/sdk';
import { build, type Plugin } from 'esbuild';

export type BrowserModule = { code: string; version: string };

// Resolved from here, packages are found where the server's loader finds them (the root node_modules).
const RESOLVE_DIR = fileURLToPath(new URL('.', import.meta.url));

const cache = new Map<string, Promise<BrowserModule>>();

const SHARED = new RegExp(`^(${sharedModuleSpecifiers.map((s) => s.replace(/[/.]/g, '\\$&')).join('|')})$`);

/** zod and @braid/sdk come from the canvas (see @braid/sdk browser-modules), not from the bundle. */
const sharedModules: Plugin = {
  name: 'braid-shared-modules',
  setup(b) {
    b.onResolve({ filter: SHARED }, (args) => ({ path: args.path, namespace: 'braid-shared' }));
    b.onLoad({ filter: /.*/, namespace: 'braid-shared' }, (args) => {
      const key = JSON.stringify(args.path);
      return {
        loader: 'js',
        contents: `const m = globalThis[${JSON.stringify(SHARED_MODULES_GLOBAL)}]?.[${key}];
if (!m) throw new Error("Braid node packages run inside the Braid canvas, which provides " + ${key});
module.exports = m;`,
      };
    });
  },
};

/** The package's `nodeTypes` as a browser ES module (shared modules taken from the canvas). Cached per process. */
export function browserModuleOf(packageName: string): Promise<BrowserModule> {
  let hit = cache.get(packageName);
  if (!hit) {
    hit = bundle(packageName);
    // A failed bundle is retried on the next request rather than remembered.
    hit.catch(() => cache.delete(packageName));
    cache.set(packageName, hit);
  }
  return hit;
}

async function bundle(packageName: string): Promise<BrowserModule> {
  const result = await build({
    stdin: { contents: `export { nodeTypes } from ${JSON.stringify(packageName)};`, resolveDir: RESOLVE_DIR, loader: 'js' },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    logLevel: 'silent',
    plugins: [sharedModules],
  });
  const code = result.outputFiles[0]?.text ?? '';
  return { code, version: createHash('sha256').update(code).digest('hex').slice(0, 16) };
}
