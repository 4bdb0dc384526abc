#!/usr/bin/env node
// `npm start`: on a fresh clone, installs what is missing, then starts Braid with embedded
// defaults (libSQL file and Temporal dev server under BRAID_DATA_DIR, default ./data; API +
// worker + web on PORT).
// Plain JavaScript on purpose: it must run before dependencies (and tsx) are installed.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { constants } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dev = process.argv.includes('--dev');
const run = (cmd, args, opts = {}) => {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts });
  if (r.status !== 0) {
    console.error(`braid: \`${cmd} ${args.join(' ')}\` failed`);
    process.exit(r.status ?? 1);
  }
};
const mtime = (f) => (existsSync(f) ? statSync(f).mtimeMs : 0);

// 1. Dependencies: install when missing or when the lockfile changed since the last install.
if (mtime(join(root, 'node_modules', '.package-lock.json')) < mtime(join(root, 'package-lock.json'))) {
  console.log('braid: installing dependencies (npm install)…');
  run('npm', ['install', '--no-audit', '--no-fund']);
}
// 2. The Temporal CLI, unless an external cluster is configured.
if (!process.env.TEMPORAL_ADDRESS) run('bash', ['scripts/install-temporal.sh']);
// 3. The web app, built once (Vite serves it live in --dev).
if (!dev && !existsSync(join(root, 'apps', 'web', 'dist', 'index.html'))) {
  console.log('braid: building the web app…');
  run('npm', ['run', 'build', '-w', '@braid/web']);
}
// 4. Hand over to the TypeScript launcher; it owns the processes and their shutdown. The IPC
// channel closes if this process is killed, and the launcher then stops everything.
const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'braid.ts'), ...process.argv.slice(2)], {
  cwd: root,
  stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
});
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
// A launcher killed by a signal exits like a shell reports it (128 + number), never 0: a process
// supervisor must see the failure to restart Braid.
child.on('exit', (code, signal) => process.exit(code ?? 128 + (constants.signals[signal] ?? 0)));
