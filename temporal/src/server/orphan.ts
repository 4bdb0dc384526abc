// The dev server must not outlive its launcher. On Linux it is started through util-linux
// `setpriv --pdeathsig`, so the kernel sends it SIGTERM when the launcher dies, even by SIGKILL
// (strictly: when the thread that spawned it ends; Node spawns from the main thread).
// Elsewhere (or without setpriv) its pid file in the data folder lets the next start stop the
// orphan, which would otherwise keep the port and be silently reused.
import { accessSync, constants, rmSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { commandLine, isRunning, readPidFile, terminate } from './pid-file';

export const DEV_SERVER_PID_FILE = 'temporal.pid';

/** Stops a dev server left running on `dbFile` by an earlier start; returns its pid if there was one. */
export async function stopOrphanedDevServer(dataDir: string, dbFile: string): Promise<number | null> {
  const file = join(dataDir, DEV_SERVER_PID_FILE);
  const pid = readPidFile(file);
  if (pid === null) return null;
  // Ours only if it still runs start-dev on this very file: the pid may have been reused since.
  const cmd = isRunning(pid) ? commandLine(pid) : '';
  const ours = cmd.includes('start-dev') && cmd.includes(dbFile);
  if (ours) await terminate(pid, 3_000);
  rmSync(file, { force: true });
  return ours ? pid : null;
}

/** `[command, args]` that run `cli args` and end it when this process dies, where supported. */
export function dieWithParent(cli: string, args: string[]): [string, string[]] {
  const setpriv = process.platform === 'linux' ? findOnPath('setpriv') : null;
  return setpriv ? [setpriv, ['--pdeathsig', 'TERM', '--', cli, ...args]] : [cli, args];
}

function findOnPath(name: string): string | null {
  for (const dir of [...(process.env.PATH ?? '').split(delimiter), '/usr/bin', '/bin']) {
    if (!dir) continue;
    try {
      accessSync(join(dir, name), constants.X_OK);
      return join(dir, name);
    } catch {
      // Not here.
    }
  }
  return null;
}
