#!/usr/bin/env node
// `npx braid-node-create ../add-loyalty-points`: a new node package, ready to test, type-check,
// pack and install into Braid (see the README it writes). Plain JavaScript: it runs from the
// installed @braid/sdk without TypeScript.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const USAGE = `Usage: braid-node-create <directory> [--name <package name>] [--type <node type id>] [--sdk <version range or path to a braid-sdk .tgz>]

Creates a Braid node package in <directory> (which must not exist or be empty): one action node
type with Vietnamese and English texts and an icon, its server implementation, a vitest test,
tsconfig files and a README. Then: cd <directory> && npm install && npm test && npm run typecheck`;

const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const PACKAGE_NAME = /^(@[a-z0-9][a-z0-9._-]*\/)?[a-z0-9][a-z0-9._-]*$/;
const here = dirname(fileURLToPath(import.meta.url));
const sdkManifest = JSON.parse(readFileSync(join(here, '..', 'package.json'), 'utf8'));

function fail(message) {
  console.error(`braid-node-create: ${message}\n\n${USAGE}`);
  process.exit(1);
}

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: { name: { type: 'string' }, type: { type: 'string' }, sdk: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
} catch (e) {
  fail(e instanceof Error ? e.message : String(e));
}
if (parsed.values.help) {
  console.log(USAGE);
  process.exit(0);
}
const [target] = parsed.positionals;
if (!target || parsed.positionals.length > 1) fail('name exactly one directory to create');

const directory = resolve(target);
const packageName = parsed.values.name ?? basename(directory);
if (!PACKAGE_NAME.test(packageName)) fail(`"${packageName}" is not a valid npm package name (lower case, e.g. @acme/braid-loyalty); pass --name`);
const typeId = parsed.values.type ?? packageName.replace(/^@[^/]+\//, '').replace(/^braid-(node-)?/, '');
if (!KEBAB.test(typeId)) fail(`"${typeId}" is not a node type id: kebab-case, e.g. add-loyalty-points; pass --type`);
if (existsSync(directory) && readdirSync(directory).length > 0) fail(`${directory} exists and is not empty`);

// A path to a packed SDK (npm pack) is installed from that file; otherwise a version range.
const sdkArg = parsed.values.sdk ?? `^${sdkManifest.version}`;
const sdkSpec = /\.tgz$/.test(sdkArg) || existsSync(sdkArg) ? `file:${resolve(sdkArg)}` : sdkArg;
const zodRange = sdkManifest.peerDependencies?.zod ?? '^4.1.0';
const title = typeId
  .split('-')
  .map((w, i) => (i === 0 ? w[0].toUpperCase() + w.slice(1) : w))
  .join(' ');
const camel = typeId.replace(/-([a-z0-9])/g, (_, c) => c.toUpperCase());

const values = {
  PACKAGE_NAME: packageName,
  NODE_TYPE_ID: typeId,
  NODE_TYPE_TITLE: title,
  NODE_TYPE_CONST: /^[0-9]/.test(camel) ? `node${camel}` : camel,
  SDK_SPEC: sdkSpec,
  SDK_RANGE: `^${sdkManifest.version}`,
  ZOD_RANGE: zodRange,
};
const fill = (text) => text.replace(/__([A-Z_]+)__/g, (whole, key) => values[key] ?? whole);

// Template files end in `.tpl` so no tool of this repository runs them as its own code.
const templates = join(here, '..', 'templates', 'node-package');
const written = [];
function copy(from, to) {
  for (const entry of readdirSync(from)) {
    const source = join(from, entry);
    const dest = join(to, entry.replace(/\.tpl$/, '').replace(/^dot-/, '.'));
    if (statSync(source).isDirectory()) copy(source, dest);
    else {
      mkdirSync(dirname(dest), { recursive: true });
      writeFileSync(dest, fill(readFileSync(source, 'utf8')));
      written.push(relative(directory, dest));
    }
  }
}
copy(templates, directory);

console.log(`Created ${packageName} (node type "${typeId}") in ${directory}:`);
for (const file of written.sort()) console.log(`  ${file}`);
console.log(`\nNext:\n  cd ${relative(process.cwd(), directory) || '.'}\n  npm install\n  npm test && npm run typecheck\n  npm pack   # then, in Braid: npm install <path to the .tgz>, and BRAID_NODE_PACKAGES=${packageName}`);
