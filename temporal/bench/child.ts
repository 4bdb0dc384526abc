// A bench child process (a worker, the ceiling worker) that prints a ready line and answers
// one-line questions on stdin, so the bench can read counters kept inside it.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

export type BenchChild = { proc: ChildProcess; ask(question: string, answer: RegExp): Promise<string>; stop(): Promise<void> };

/** Children still running (ready or not), so a bench stopped by a signal can stop them too. */
const running = new Set<ChildProcess>();

export async function stopAllChildren(): Promise<void> {
  await Promise.all([...running].map(stopProcess));
}

function stopProcess(proc: ChildProcess): Promise<void> {
  return new Promise<void>((resolve) => {
    if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
    const timer = setTimeout(() => proc.kill('SIGKILL'), 30_000);
    proc.once('exit', () => (clearTimeout(timer), resolve()));
    proc.kill('SIGTERM');
  });
}

export async function startChild(script: string, env: NodeJS.ProcessEnv, ready: RegExp, timeoutMs = 120_000): Promise<BenchChild> {
  const proc = spawn(process.execPath, ['--import', 'tsx', script], { cwd: root, env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'inherit'] });
  running.add(proc);
  proc.once('exit', () => running.delete(proc));
  let out = '';
  const waiters: { answer: RegExp; resolve: (s: string) => void }[] = [];
  proc.stdout!.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    for (const w of [...waiters]) {
      const m = w.answer.exec(out);
      if (!m) continue;
      waiters.splice(waiters.indexOf(w), 1);
      out = out.slice(m.index + m[0].length);
      w.resolve(m[1] ?? m[0]);
    }
    // Only unanswered output is kept: a long run must not grow it.
    if (waiters.length === 0) out = out.slice(-4_096);
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`${script} not ready within ${timeoutMs} ms`));
    }, timeoutMs);
    waiters.push({ answer: ready, resolve: () => (clearTimeout(timer), resolve()) });
    proc.once('exit', (code) => (clearTimeout(timer), reject(new Error(`${script} exited (${code}) before it was ready`))));
  });
  return {
    proc,
    ask: (question, answer) =>
      new Promise<string>((resolve) => {
        waiters.push({ answer, resolve });
        proc.stdin!.write(`${question}\n`);
      }),
    stop: () => stopProcess(proc),
  };
}
