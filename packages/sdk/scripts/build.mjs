// Builds the installable @braid/sdk into dist/package: JavaScript and type declarations from
// src (tsc), relative imports given the `.js` Node's ES modules need, and a package.json whose
// `exports` point at the built files. Inside this repository the workspaces keep importing the
// TypeScript source (package.json beside this folder); what is installed elsewhere is this build.
// `npm run pack -w @braid/sdk` builds and packs it (braid-sdk-<version>.tgz in dist/);
// `node scripts/build.mjs <folder>` builds into another folder (tests build outside the tree).
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const out = process.argv[2] ? resolve(process.argv[2]) : join(root, 'dist', 'package');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

rmSync(process.argv[2] ? out : join(root, 'dist'), { recursive: true, force: true });
execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json'), '--outDir', join(out, 'dist')], { stdio: 'inherit' });

// `export * from './ir'` → `./ir.js` (or `./dir/index.js`), in the JavaScript and the declarations.
const SPECIFIER = /(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])(\.{1,2}\/[^'"]*)\2/g;
function withExtension(file, spec) {
  if (/\.(m?js|json)$/.test(spec)) return spec;
  const base = join(dirname(file), spec);
  if (existsSync(`${base}.js`)) return `${spec}.js`;
  if (existsSync(join(base, 'index.js'))) return `${spec}/index.js`;
  throw new Error(`${relative(root, file)}: cannot resolve "${spec}" in the build`);
}
function rewrite(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) rewrite(path);
    else if (/\.(js|d\.ts)$/.test(name)) {
      const text = readFileSync(path, 'utf8');
      writeFileSync(path, text.replace(SPECIFIER, (_, lead, quote, spec) => `${lead}${quote}${withExtension(path, spec)}${quote}`));
    }
  }
}
rewrite(join(out, 'dist'));

const source = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const entry = (name) => ({ types: `./dist/${name}.d.ts`, import: `./dist/${name}.js`, default: `./dist/${name}.js` });
const manifest = {
  name: source.name,
  version: source.version,
  description: source.description,
  license: source.license,
  type: 'module',
  exports: Object.fromEntries(
    Object.keys(source.exports).map((key) => [key, entry(key === '.' ? 'index' : key.slice(2))]),
  ),
  types: './dist/index.d.ts',
  bin: Object.fromEntries(Object.entries(source.bin ?? {}).map(([name, path]) => [name, path.replace(/^\.\//, './')])),
  files: ['dist', 'bin', 'templates', 'README.md'],
  engines: { node: '>=20' },
  peerDependencies: source.peerDependencies,
};
writeFileSync(join(out, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
copyFileSync(join(root, 'README.md'), join(out, 'README.md'));
for (const folder of ['bin', 'templates']) {
  if (existsSync(join(root, folder))) execFileSync('cp', ['-R', join(root, folder), join(out, folder)]);
}
console.log(`@braid/sdk ${source.version} built into ${relative(process.cwd(), out) || '.'}`);
