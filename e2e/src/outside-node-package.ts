// A node package made the way a developer outside this repository makes one: @braid/sdk packed
// with `npm pack`, the package scaffolded by the SDK's `braid-node-create` in a temporary folder,
// installed and packed with npm there (JavaScript only), and its tarball unpacked into Braid's
// node_modules as `npm install <tarball>` places it (its peer dependencies are Braid's own).
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SDK = join(ROOT, 'packages', 'sdk');

export type OutsideNodePackage = { name: string; typeId: string; remove(): void };

function npm(args: string[], cwd: string) {
  // As a developer runs npm: none of the test runner's own npm_* settings.
  const env = { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.toLowerCase().startsWith('npm_') && k !== 'FORCE_COLOR')), NO_COLOR: '1' };
  return run('npm', [...args, '--no-audit', '--no-fund', '--prefer-offline'], { cwd, env, maxBuffer: 16 * 1024 * 1024 });
}
const tarballIn = (folder: string) => join(folder, readdirSync(folder).find((f) => f.endsWith('.tgz'))!);

export async function installOutsideNodePackage(name: string, typeId: string): Promise<OutsideNodePackage> {
  const dir = mkdtempSync(join(tmpdir(), 'braid-outside-package-'));
  const installed = join(ROOT, 'node_modules', ...name.split('/'));
  const remove = () => {
    rmSync(installed, { recursive: true, force: true });
    // The scope folder too, when this package was all it held.
    const scope = join(installed, '..');
    if (name.startsWith('@') && existsSync(scope) && readdirSync(scope).length === 0) rmSync(scope, { recursive: true });
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await run(process.execPath, [join(SDK, 'scripts', 'build.mjs'), join(dir, 'sdk')]);
    await npm(['pack', join(dir, 'sdk'), '--pack-destination', dir], dir);
    const pkg = join(dir, 'package-source');
    await run(process.execPath, [join(dir, 'sdk', 'bin', 'create-node-package.mjs'), pkg, '--name', name, '--type', typeId, '--sdk', tarballIn(dir)]);
    await npm(['install'], pkg);
    const packed = join(dir, 'packed');
    mkdirSync(packed);
    await npm(['pack', pkg, '--pack-destination', packed], pkg);
    await run('tar', ['-xzf', tarballIn(packed), '-C', packed]);
    rmSync(installed, { recursive: true, force: true });
    mkdirSync(join(installed, '..'), { recursive: true });
    cpSync(join(packed, 'package'), installed, { recursive: true });
    return { name, typeId, remove };
  } catch (e) {
    remove();
    throw e;
  }
}
