// Runs the real launcher (scripts/braid.ts) or a real entry point as a child process, on
// loopback only, with everything it writes in a temporary BRAID_DATA_DIR.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { isRunning } from '../src/server/pid-file';

export const root = fileURLToPath(new URL('../..', import.meta.url));

export type Launched = {
  proc: ChildProcess;
  output(): string;
  /** Resolves with the output once `pattern` appears; rejects if the process ends first. */
  waitFor(pattern: RegExp, timeoutMs: number): Promise<string>;
  /** Exit code (or 128 + signal) and how long after start it came. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; afterMs: number }>;
};

/** Settings from the test's own environment must not leak into the system under test. */
export function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of Object.keys(env)) if (/^(TEMPORAL_|BRAID_|PORT$|HOST$|SMTP_)/.test(key)) delete env[key];
  return {
    ...env,
    BRAID_BOOTSTRAP_WRITE_KEY: 'bwk_launcher_test',
    BRAID_BOOTSTRAP_ADMIN_TOKEN: 'bat_launcher_test',
    ...extra,
  };
}

export function launch(script: string, env: NodeJS.ProcessEnv): Launched {
  const started = Date.now();
  const proc = spawn(process.execPath, ['--import', 'tsx', join(root, script)], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    out += chunk.toString();
    for (const listener of listeners) listener();
  };
  proc.stdout?.on('data', onData);
  proc.stderr?.on('data', onData);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; afterMs: number }>((done) =>
    proc.once('exit', (code, signal) => done({ code, signal, afterMs: Date.now() - started })),
  );
  return {
    proc,
    output: () => out,
    exited,
    waitFor: (pattern, timeoutMs) =>
      new Promise((done, fail) => {
        let settled = false;
        const timer = setTimeout(() => finish(new Error(`no ${pattern} within ${timeoutMs} ms:\n${out}`)), timeoutMs);
        const check = () => {
          if (pattern.test(out)) finish(null);
        };
        const finish = (error: Error | null) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          listeners.delete(check);
          if (error) fail(error);
          else done(out);
        };
        listeners.add(check);
        void exited.then(() => setTimeout(() => finish(pattern.test(out) ? null : new Error(`exited before ${pattern}:\n${out}`)), 50));
        check();
      }),
  };
}

/** Every process below `pid` (Linux /proc, through ps). */
export function descendants(pid: number): number[] {
  const children = spawnSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' })
    .stdout.split('\n')
    .map((line) => Number(line.trim()))
    .filter((n) => n > 0);
  return children.flatMap((child) => [child, ...descendants(child)]);
}

/** Polls until none of `pids` runs; returns the survivors at the deadline. */
export async function survivorsAfter(pids: number[], timeoutMs: number): Promise<number[]> {
  const deadline = Date.now() + timeoutMs;
  let alive = pids.filter(isRunning);
  while (alive.length > 0 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    alive = alive.filter(isRunning);
  }
  return alive;
}

/** A stack trace frame: what a one-line startup error must never contain. */
export const STACK_FRAME = /^\s+at .+[(:]\d+/m;
