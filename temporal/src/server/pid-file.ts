// Pid files in the data folder let the next start find what a SIGKILLed launcher left behind.
// A pid alone can be reused by an unrelated process, so callers also match its command line.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

const hasProc = existsSync('/proc/self/stat');

export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  if (!hasProc) return true;
  // An exited child nobody has reaped yet (a zombie) still answers kill(pid, 0).
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** The process's command line, '' when it is gone or unreadable. */
export function commandLine(pid: number): string {
  if (hasProc) {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
    } catch {
      return '';
    }
  }
  const ps = spawnSync('ps', ['-o', 'args=', '-p', String(pid)], { encoding: 'utf8' });
  return ps.status === 0 ? ps.stdout.trim() : '';
}

export function readPidFile(file: string): number | null {
  try {
    const pid = Number(readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

export function writePidFile(file: string, pid: number, flag: 'w' | 'wx' = 'w'): void {
  writeFileSync(file, `${pid}\n`, { flag });
}

/** Removes the file only if it still names `pid` (a newer owner may have rewritten it). */
export function removePidFile(file: string, pid: number | undefined): void {
  if (pid !== undefined && readPidFile(file) === pid) rmSync(file, { force: true });
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves once the process is gone (or after 2 s more). */
export async function terminate(pid: number, graceMs: number): Promise<void> {
  const gone = async (ms: number) => {
    for (const deadline = Date.now() + ms; Date.now() < deadline; await sleep(50)) if (!isRunning(pid)) return true;
    return !isRunning(pid);
  };
  signal(pid, 'SIGTERM');
  if (await gone(graceMs)) return;
  signal(pid, 'SIGKILL');
  await gone(2_000);
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // Already gone.
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
