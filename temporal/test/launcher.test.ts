// The real launcher (scripts/braid.ts) with its real children, each run in its own temporary
// BRAID_DATA_DIR on free loopback ports: "ready" only once API, worker and Temporal are all up;
// any death stops everything within 10 s with a non-zero exit and one line; nothing survives it;
// held ports and bad settings are one line naming the setting, never after "ready".
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Connection } from '@temporalio/client';
import { bundleWorkflowCode } from '@temporalio/worker';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { freePort, resolveTemporalCli } from '../src/server';
import { commandLine, isRunning } from '../src/server/pid-file';
import { workflowsPath } from '../src/worker/index';
import { DEFAULT_TASK_QUEUE } from '../src/workflows/contract';
import { cleanEnv, descendants, launch, STACK_FRAME, survivorsAfter, type Launched } from './launcher-process';

const scratch = mkdtempSync(join(tmpdir(), 'braid-launcher-'));
const bundlePath = join(scratch, 'workflow-bundle.js');
const started: Launched[] = [];
const holders: { server: Server; sockets: Socket[] }[] = [];

beforeAll(async () => {
  // Bundled once here rather than by every worker the tests start.
  const noop = () => undefined;
  const logger = { trace: noop, debug: noop, info: noop, warn: noop, error: noop, log: noop };
  writeFileSync(bundlePath, (await bundleWorkflowCode({ workflowsPath, logger })).code);
});

afterEach(async () => {
  for (const { server, sockets } of holders.splice(0)) {
    // close() waits for open connections: the silent ones must go first.
    sockets.forEach((socket) => socket.destroy());
    await new Promise((r) => server.close(r));
  }
});

afterAll(async () => {
  // A failed assertion must not leave a system running on the shared machine.
  for (const braid of started) {
    const pids = braid.proc.pid ? [braid.proc.pid, ...descendants(braid.proc.pid)] : [];
    for (const pid of pids) if (isRunning(pid)) process.kill(pid, 'SIGKILL');
  }
  rmSync(scratch, { recursive: true, force: true });
});

async function instance() {
  const dataDir = mkdtempSync(join(scratch, 'data-'));
  const ports = { api: await freePort(), temporal: await freePort(), ui: await freePort() };
  const env = cleanEnv({
    BRAID_DATA_DIR: dataDir,
    PORT: String(ports.api),
    TEMPORAL_PORT: String(ports.temporal),
    TEMPORAL_UI_PORT: String(ports.ui),
    BRAID_WORKFLOW_BUNDLE: bundlePath,
  });
  const start = (extra: Record<string, string> = {}) => {
    const braid = launch('scripts/braid.ts', { ...env, ...extra });
    started.push(braid);
    return braid;
  };
  return { dataDir, ports, env, start };
}

/** Holds `port` like another program would; with `silent`, accepts connections and never answers. */
async function hold(port: number, silent = false): Promise<void> {
  const sockets: Socket[] = [];
  const server = createServer((socket) => (silent ? sockets.push(socket) : socket.end()));
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  holders.push({ server, sockets });
}

const lineIndex = (out: string, prefix: string) => out.split('\n').findIndex((line) => line.startsWith(prefix));

describe('launcher', () => {
  it('says ready only once API, worker and Temporal are up; a SIGKILLed worker stops everything within 10 s', async () => {
    const { dataDir, ports, start } = await instance();
    const braid = start();
    const out = await braid.waitFor(/^braid: ready/m, 150_000);

    // The moment "ready" is printed, all three answer.
    const api = await fetch(`http://127.0.0.1:${ports.api}/api/openapi.json`);
    expect(api.status).toBe(200);
    const connection = await Connection.connect({ address: `127.0.0.1:${ports.temporal}` });
    const queue = await connection.workflowService.describeTaskQueue({ namespace: 'default', taskQueue: { name: DEFAULT_TASK_QUEUE }, taskQueueType: 1 });
    await connection.close();
    expect(queue.pollers?.length).toBeGreaterThan(0);
    const ready = lineIndex(out, 'braid: ready');
    expect(lineIndex(out, 'Braid API listening')).toBeGreaterThanOrEqual(0);
    expect(lineIndex(out, 'Braid API listening')).toBeLessThan(ready);
    expect(lineIndex(out, 'braid worker: polling')).toBeGreaterThanOrEqual(0);
    expect(lineIndex(out, 'braid worker: polling')).toBeLessThan(ready);
    // Every local file in the data folder: databases, the tracking secret, the pid files.
    expect(readdirSync(dataDir)).toEqual(expect.arrayContaining(['braid.db', 'temporal.db', 'tracking-secret', 'launcher.pid', 'temporal.pid']));

    // A second launcher on the same folder is refused and leaves the first alone.
    const second = start({ PORT: String(await freePort()), TEMPORAL_PORT: String(await freePort()), TEMPORAL_UI_PORT: String(await freePort()) });
    expect((await second.exited).code).toBe(1);
    expect(second.output()).toMatch(/^braid: BRAID_DATA_DIR \(.+\) is in use by another Braid launcher \(pid \d+\)/);

    const pids = descendants(braid.proc.pid!);
    const worker = pids.find((pid) => commandLine(pid).includes('worker/main.ts'));
    expect(worker).toBeDefined();
    const killedAt = Date.now();
    process.kill(worker!, 'SIGKILL');
    const exit = await braid.exited;
    expect(Date.now() - killedAt).toBeLessThan(10_000);
    expect(exit.code).toBe(1);
    expect(braid.output()).toContain('braid: worker died (signal SIGKILL); stopping everything');
    // Temporal included: nothing the launcher started survives it.
    expect(await survivorsAfter(pids, 2_000)).toEqual([]);
    expect(readdirSync(dataDir)).not.toContain('temporal.pid');
    expect(readdirSync(dataDir)).not.toContain('launcher.pid');
  });

  it('takes its children along when SIGKILLed itself; the next start stops a dev server left on its data folder', async () => {
    const { dataDir, ports, start } = await instance();
    const first = start();
    await first.waitFor(/^braid: ready/m, 150_000);
    const pids = descendants(first.proc.pid!);
    first.proc.kill('SIGKILL');
    expect(await survivorsAfter(pids, 10_000)).toEqual([]);

    // Where no parent-death signal exists, the dev server would outlive a killed launcher: play that
    // orphan (detached, same file and port, its pid in the data folder) and start again.
    const cli = resolveTemporalCli()!.path;
    const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(ports.temporal), '--headless', '--log-level', 'error'];
    const orphan = spawn(cli, [...args, '--db-filename', join(dataDir, 'temporal.db')], { stdio: 'ignore', detached: true });
    orphan.unref();
    writeFileSync(join(dataDir, 'temporal.pid'), `${orphan.pid}\n`);
    await untilListening(ports.temporal, 30_000);

    const second = start();
    const out = await second.waitFor(/^braid: ready/m, 150_000);
    expect(out).toContain(`braid: stopped Temporal dev server pid ${orphan.pid}, left running by a killed launcher`);
    expect(isRunning(orphan.pid!)).toBe(false);
    const children = descendants(second.proc.pid!);
    second.proc.kill('SIGTERM');
    const exit = await second.exited;
    expect(exit.code).toBe(0);
    expect(await survivorsAfter(children, 2_000)).toEqual([]);
  });

  it.each(['TEMPORAL_PORT', 'PORT'] as const)('refuses %s held by another process, naming it', async (setting) => {
    const { ports, start } = await instance();
    const port = setting === 'PORT' ? ports.api : ports.temporal;
    await hold(port);
    const braid = start();
    const exit = await braid.exited;
    expect(exit.code).toBe(1);
    expect(exit.afterMs).toBeLessThan(10_000);
    expect(braid.output().trim()).toBe(`braid: ${setting} (127.0.0.1:${port}) is already in use by another process`);
  });

  describe('bad settings: one line naming the variable and the address within 10 s, never "ready"', () => {
    const cases: [string, (port: number) => Record<string, string>, RegExp][] = [
      ['a closed database port', (p) => ({ BRAID_DATABASE_URL: `libsql://127.0.0.1:${p}` }), /^braid: BRAID_DATABASE_URL \(libsql:\/\/127\.0\.0\.1:(\d+)\): database unreachable/],
      ['a database that never answers', (p) => ({ BRAID_DATABASE_URL: `http://127.0.0.1:${p}`, HOLD: 'silent' }), /^braid: BRAID_DATABASE_URL \(http:\/\/127\.0\.0\.1:(\d+)\): database unreachable \(no answer/],
      ['a malformed database URL', () => ({ BRAID_DATABASE_URL: 'libsql://[::1' }), /^braid: BRAID_DATABASE_URL \(libsql:\/\/\[::1\): not a valid database URL/],
      ['a closed Temporal port', (p) => ({ TEMPORAL_ADDRESS: `127.0.0.1:${p}` }), /^braid: TEMPORAL_ADDRESS \(127\.0\.0\.1:(\d+)\): Temporal unreachable/],
      ['a Temporal address that never answers', (p) => ({ TEMPORAL_ADDRESS: `127.0.0.1:${p}`, HOLD: 'silent' }), /^braid: TEMPORAL_ADDRESS \(127\.0\.0\.1:(\d+)\): Temporal unreachable/],
    ];
    it.each(cases)('%s', async (_name, settings, expected) => {
      const { start } = await instance();
      const port = await freePort();
      const { HOLD, ...extra } = settings(port);
      if (HOLD) await hold(port, true);
      const braid = start(extra);
      const exit = await braid.exited;
      expect(exit.code).toBe(1);
      expect(exit.afterMs).toBeLessThan(10_000);
      const out = braid.output().trim();
      expect(out.split('\n')).toHaveLength(1);
      expect(out).toMatch(expected);
      if (expected.source.includes('(\\d+)')) expect(out.match(expected)?.[1]).toBe(String(port));
    });

    it('the API and the worker started alone check the same way', async () => {
      const { dataDir } = await instance();
      const closed = await freePort();
      const env = cleanEnv({ BRAID_DATA_DIR: dataDir, PORT: '0', TEMPORAL_ADDRESS: `127.0.0.1:${closed}` });
      const checks: [string, NodeJS.ProcessEnv, RegExp][] = [
        ['apps/api/src/main.ts', { ...env, BRAID_DATABASE_URL: `libsql://127.0.0.1:${closed}` }, /^braid api: BRAID_DATABASE_URL \(libsql:\/\/127\.0\.0\.1:\d+\): database unreachable/],
        ['temporal/src/worker/main.ts', env, /^braid worker: TEMPORAL_ADDRESS \(127\.0\.0\.1:\d+\): Temporal unreachable/],
      ];
      for (const [script, scriptEnv, expected] of checks) {
        const child = launch(script, scriptEnv);
        started.push(child);
        const exit = await child.exited;
        expect(exit.code).toBe(1);
        expect(exit.afterMs).toBeLessThan(10_000);
        expect(child.output()).toMatch(expected);
        expect(child.output()).not.toMatch(STACK_FRAME);
      }
    });
  });
});

async function untilListening(port: number, timeoutMs: number): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await new Promise((r) => setTimeout(r, 200))) {
    const open = await new Promise<boolean>((done) => {
      const socket = connect({ port, host: '127.0.0.1' });
      socket.once('connect', () => (socket.destroy(), done(true)));
      socket.once('error', () => done(false));
    });
    if (open) return;
  }
  throw new Error(`nothing listens on ${port} after ${timeoutMs} ms`);
}
