// A developer's node package built outside this repository, as a developer adopting Braid does:
// @braid/sdk packed with `npm pack`, a package scaffolded by its `braid-node-create` into a
// temporary folder, installed with npm from local tarballs (the rest from npm's cache), its own
// type-check and tests run, then packed (built JavaScript only) and loaded into Braid's registry.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { createRegistry, describeNodeType } from '@braid/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadInstalledNodeTypes } from '../src/server';

const run = promisify(execFile);
const sdk = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'sdk');
const PACKAGE = '@acme/braid-loyalty';
const TYPE = 'add-loyalty-points';
let dir: string;

/** npm as a developer runs it: none of the npm_* settings of the test runner's own npm. */
function npm(args: string[], cwd: string) {
  const env = { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.toLowerCase().startsWith('npm_') && k !== 'FORCE_COLOR')), NO_COLOR: '1' };
  return run('npm', [...args, '--no-audit', '--no-fund', '--prefer-offline'], { cwd, env, maxBuffer: 16 * 1024 * 1024 });
}
const tarballIn = (folder: string) => join(folder, readdirSync(folder).find((f) => f.endsWith('.tgz'))!);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'braid-node-package-'));
  await run(process.execPath, [join(sdk, 'scripts', 'build.mjs'), join(dir, 'sdk')]);
  await npm(['pack', join(dir, 'sdk'), '--pack-destination', dir], dir);
}, 120_000);
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('a node package built outside the repository', () => {
  const pkg = () => join(dir, 'braid-loyalty');

  it('is scaffolded, installs @braid/sdk from its tarball, type-checks and passes its tests', async () => {
    const created = await run(process.execPath, [join(dir, 'sdk', 'bin', 'create-node-package.mjs'), pkg(), '--name', PACKAGE, '--type', TYPE, '--sdk', tarballIn(dir)]);
    expect(created.stdout).toContain(`Created ${PACKAGE} (node type "${TYPE}")`);
    for (const file of ['package.json', 'tsconfig.json', 'README.md', 'src/definition.ts', 'src/server.ts', 'test/node-type.test.ts']) expect(existsSync(join(pkg(), file)), file).toBe(true);
    await npm(['install'], pkg());
    await npm(['run', 'typecheck'], pkg());
    const tested = await npm(['test'], pkg());
    expect(tested.stdout).toMatch(/Tests\s+4 passed/);
  }, 300_000);

  it('a scaffold into a folder that is not empty is refused, naming it', async () => {
    const refused = run(process.execPath, [join(dir, 'sdk', 'bin', 'create-node-package.mjs'), pkg()]);
    await expect(refused).rejects.toMatchObject({ stderr: expect.stringContaining('exists and is not empty') });
  });

  it('packed (JavaScript only) and installed beside Braid, it loads into the node registry with its implementation', async () => {
    const packed = join(dir, 'packed');
    mkdirSync(packed);
    await npm(['pack', pkg(), '--pack-destination', packed], pkg());
    // A Braid installation's folder: the SDK and zod it provides, and the developer's package.
    const host = join(dir, 'braid');
    mkdirSync(host);
    writeFileSync(join(host, 'package.json'), JSON.stringify({ name: 'braid-host', private: true, type: 'module' }));
    await npm(['install', tarballIn(dir), tarballIn(packed), 'zod@^4.1.0'], host);
    const installed = join(host, 'node_modules', '@acme', 'braid-loyalty');
    expect(readdirSync(installed).sort()).toEqual(['README.md', 'dist', 'package.json']);
    // Names resolve from the host folder, as they do from Braid's own node_modules.
    writeFileSync(join(host, 'load.mjs'), 'export const load = (name) => import(name);\n');
    const { load } = (await import(/* @vite-ignore */ pathToFileURL(join(host, 'load.mjs')).href)) as { load: (name: string) => Promise<unknown> };

    const braid = await loadInstalledNodeTypes([PACKAGE], load);
    expect(braid.refused).toEqual([]);
    expect(braid.packages.at(-1)).toEqual({ name: PACKAGE, nodeTypeIds: [TYPE] });
    const type = braid.registry.get(TYPE)!;
    expect(type.label).toEqual({ vi: 'Gắn nhãn cho khách', en: 'Tag the customer' });
    // The catalogue describes it for the canvas, its config schema included.
    expect(describeNodeType(type, PACKAGE)).toMatchObject({ id: TYPE, package: PACKAGE, icon: 'tag', configJsonSchema: { type: 'object' } });
    expect(createRegistry([type]).get(TYPE)).toBe(type);
    const parsed = type.parseConfig({ trait: 'tier', value: '' });
    expect(parsed.ok).toBe(false);
    expect(braid.implementations.get(TYPE)).toBeDefined();
  }, 300_000);

  it('a package that throws at import is refused with its name, and Braid loads the rest', async () => {
    const host = join(dir, 'braid');
    const broken = join(host, 'node_modules', 'braid-broken');
    mkdirSync(broken);
    writeFileSync(join(broken, 'package.json'), JSON.stringify({ name: 'braid-broken', version: '1.0.0', type: 'module', exports: './index.js' }));
    writeFileSync(join(broken, 'index.js'), "throw new Error('the loyalty API key is not set');\n");
    const { load } = (await import(/* @vite-ignore */ pathToFileURL(join(host, 'load.mjs')).href)) as { load: (name: string) => Promise<unknown> };
    const braid = await loadInstalledNodeTypes(['braid-broken', PACKAGE], load);
    expect(braid.refused).toEqual([{ name: 'braid-broken', reason: expect.stringMatching(/^Node package "braid-broken" .*could not be loaded: the loyalty API key is not set$/) }]);
    expect(braid.registry.get(TYPE)).toBeDefined();
    expect(braid.registry.get('send-message')).toBeDefined();
  });
});
