// Braid's API and worker as separate OS processes, as a deployment runs them: configured only
// through the environment, ready when they print so, stoppable with any signal.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const entry = {
  api: join(root, 'temporal/test-cluster/api-process.ts'),
  worker: join(root, 'temporal/src/worker/main.ts'),
};
const readyLine = { api: 'Braid API listening on', worker: 'braid worker: polling' };

export type Kind = keyof typeof entry;
export type BraidProcess = {
  kind: Kind;
  pid: number;
  output(): string;
  /** Sends the signal and resolves once the process is gone. */
  kill(signal?: NodeJS.Signals): Promise<void>;
};

function launch(kind: Kind, env: Record<string, string>): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', entry[kind]], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

/** Starts an API or a worker; resolves once it says it is ready, rejects with its output if it exits first. */
export async function startProcess(kind: Kind, env: Record<string, string>, timeoutMs = 120_000): Promise<BraidProcess> {
  const { child, output, exited } = launch(kind, env);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (output().includes(readyLine[kind])) break;
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${kind} exited (${child.signalCode ?? child.exitCode}) before it was ready:\n${output()}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${kind} not ready within ${timeoutMs} ms:\n${output()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    kind,
    pid: child.pid!,
    output,
    async kill(signal = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      // A SIGTERM'd process drains its work; past 30 s it is not coming back by itself.
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Runs a process expected to refuse to start: its exit code and what it printed. */
export async function expectRefusal(kind: Kind, env: Record<string, string>, timeoutMs = 60_000): Promise<{ code: number | null; output: string }> {
  const { child, output, exited } = launch(kind, env);
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const code = await exited;
  clearTimeout(timer);
  return { code, output: output() };
}
