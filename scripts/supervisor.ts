// The launcher's processes, watched. A death nobody asked for (exit, signal, OOM kill) stops
// everything within 10 s, with one line naming who died and how, and a non-zero exit, so a
// process supervisor (systemd, Docker, Kubernetes) restarts the whole system, not half of it.
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import type { DevServer, LauncherMessage } from '../temporal/src/server';

/** API and worker get this long after SIGTERM (in parallel), then SIGKILL. */
const CHILD_GRACE_MS = 5_000;
/** Then the dev server, which the worker needed while draining. */
const TEMPORAL_GRACE_MS = 2_500;
/** Whatever hangs, everything is SIGKILLed and the launcher gone before 10 s. */
const HARD_DEADLINE_MS = 9_500;

type Child = { name: string; proc: ChildProcess; ready: boolean; awaitReady: boolean };

export class Supervisor {
  private readonly children: Child[] = [];
  private temporal: DevServer | null = null;
  private stopping = false;
  private onReadyChange: (() => void) | null = null;

  /** `beforeExit` runs last, synchronously (releases the data folder's lock). */
  constructor(private readonly beforeExit: () => void) {}

  /** Starts a child; with `awaitReady` it counts for "ready" once it sends `{ braid: 'ready' }`. */
  spawn(name: string, command: string, args: string[], options: SpawnOptions, awaitReady: boolean): void {
    const child: Child = { name, proc: spawn(command, args, options), ready: false, awaitReady };
    this.children.push(child);
    child.proc.on('message', (message: LauncherMessage) => {
      if (message?.braid !== 'ready') return;
      child.ready = true;
      this.onReadyChange?.();
    });
    child.proc.on('error', (error) => this.died(name, `could not run: ${error.message}`));
    child.proc.on('exit', (code, signal) => this.died(name, describeExit(code, signal)));
  }

  watchTemporal(server: DevServer): void {
    this.temporal = server;
    server.onExit((code, signal) => this.died('temporal', describeExit(code, signal)));
  }

  /** Resolves when every child that reports readiness has; rejects after `timeoutMs`. */
  allReady(timeoutMs: number): Promise<void> {
    return new Promise((done, fail) => {
      const timer = setTimeout(() => {
        const late = this.children.filter((c) => c.awaitReady && !c.ready).map((c) => c.name);
        fail(new Error(`${late.join(' and ')} not ready after ${timeoutMs / 1000} s; stopping everything`));
      }, timeoutMs);
      this.onReadyChange = () => {
        // Never "ready" once stopping: a child may have reported just before another died.
        if (this.stopping || !this.children.every((c) => !c.awaitReady || c.ready)) return;
        clearTimeout(timer);
        done();
      };
    });
  }

  /** Stops children in reverse dependency order, then exits with `exitCode`. Idempotent. */
  async stop(exitCode: number, line?: string): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    if (line) console.error(line);
    const hard = setTimeout(() => {
      for (const { proc } of this.children) proc.kill('SIGKILL');
      if (this.temporal?.pid) kill(this.temporal.pid, 'SIGKILL');
      this.exit(exitCode);
    }, HARD_DEADLINE_MS);
    await Promise.all(this.children.map(({ proc }) => stopProcess(proc, CHILD_GRACE_MS)));
    await this.temporal?.stop(TEMPORAL_GRACE_MS);
    clearTimeout(hard);
    this.exit(exitCode);
  }

  private died(name: string, how: string): void {
    if (this.stopping) return;
    void this.stop(1, `braid: ${name} died (${how}); stopping everything`);
  }

  private exit(code: number): never {
    this.beforeExit();
    process.exit(code);
  }
}

/** "signal SIGKILL" or "exit code 1": a child killed by a signal has exitCode null. */
export function describeExit(code: number | null, signal: NodeJS.Signals | null): string {
  return signal ? `signal ${signal}` : `exit code ${code}`;
}

function stopProcess(proc: ChildProcess, graceMs: number): Promise<void> {
  // Both fields, or a child that died by a signal would be waited for forever.
  if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const force = setTimeout(() => proc.kill('SIGKILL'), graceMs);
    proc.once('exit', () => {
      clearTimeout(force);
      done();
    });
    proc.kill('SIGTERM');
  });
}

function kill(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // Already gone.
  }
}
