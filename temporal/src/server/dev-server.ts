// Runs the real Temporal server embedded in Braid: `temporal server start-dev` with a persistent
// SQLite file under the data folder (WAL), its web UI on, bound to 127.0.0.1. It refuses ports
// another process holds, and never outlives its parent (see orphan.ts).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Connection } from '@temporalio/client';
import { freePort } from './free-port';
import { DEV_SERVER_PID_FILE, dieWithParent, stopOrphanedDevServer } from './orphan';
import { removePidFile, writePidFile } from './pid-file';
import { assertPortFree } from './port-check';
import { projectRoot } from './project-root';
import { resolveTemporalCli } from './resolve-cli';
import { JOURNEY_SEARCH_ATTRIBUTES, searchAttributeFlags } from './search-attributes';

export type DevServerOptions = {
  /** Folder for `temporal.db`; default `<root>/data`. */
  dataDir?: string;
  /** gRPC port; default 7233 (0 = any free port). */
  port?: number;
  /** Web UI port; default port + 1000 (0 = any free port). */
  uiPort?: number;
  ui?: boolean;
  namespace?: string;
  /** Print the server's own output (warnings and errors). */
  verbose?: boolean;
  readyTimeoutMs?: number;
  /** How errors name the ports (e.g. the launcher's TEMPORAL_PORT / TEMPORAL_UI_PORT). */
  portNames?: { port: string; uiPort: string };
};

export type DevServer = {
  address: string;
  namespace: string;
  uiUrl: string | null;
  dbFile: string;
  /** Which binary ran: useful in logs when a machine picks an unexpected one. */
  cli: string;
  pid: number | undefined;
  /** A dev server an earlier, killed start left running on the same file, stopped before this one. */
  stoppedOrphan: number | null;
  /** Called once if the server process ends, whoever ended it. */
  onExit(listener: (code: number | null, signal: NodeJS.Signals | null) => void): void;
  /** SIGTERM, then SIGKILL after `graceMs` (default 10 s). */
  stop(graceMs?: number): Promise<void>;
};

export async function startDevServer(options: DevServerOptions = {}): Promise<DevServer> {
  const dataDir = resolve(options.dataDir ?? join(projectRoot(), 'data'));
  mkdirSync(dataDir, { recursive: true });
  const dbFile = join(dataDir, 'temporal.db');
  const namespace = options.namespace ?? 'default';
  const port = options.port === 0 ? await freePort() : (options.port ?? 7233);
  const ui = options.ui ?? true;
  const uiPort = options.uiPort === 0 ? await freePort() : (options.uiPort ?? port + 1000);
  const address = `127.0.0.1:${port}`;
  const stoppedOrphan = await stopOrphanedDevServer(dataDir, dbFile);
  // Checked after the orphan is gone: whatever still holds the ports is not ours to reuse.
  const names = options.portNames ?? { port: 'Temporal port', uiPort: 'Temporal UI port' };
  await assertPortFree(port, '127.0.0.1', names.port);
  if (ui) await assertPortFree(uiPort, '127.0.0.1', names.uiPort);

  const cli = resolveTemporalCli({ installIfMissing: true });
  if (!cli) return { ...(await startWithSdkDownload({ dbFile, namespace, port, ui, uiPort, address })), stoppedOrphan };

  const args = [
    'server', 'start-dev',
    '--ip', '127.0.0.1',
    '--port', String(port),
    '--db-filename', dbFile,
    // The dev server's SQLite file gets the same durability/concurrency settings as Braid's.
    '--sqlite-pragma', 'journal_mode=wal',
    '--sqlite-pragma', 'synchronous=normal',
    '--log-level', 'warn',
    ...searchAttributeFlags(),
    ...(namespace === 'default' ? [] : ['--namespace', namespace]),
    ...(ui ? ['--ui-port', String(uiPort), '--ui-ip', '127.0.0.1', '--ui-disable-news-fetch'] : ['--headless']),
  ];
  const child = spawn(...dieWithParent(cli.path, args), { stdio: ['ignore', 'pipe', 'pipe'] });
  const pidFile = join(dataDir, DEV_SERVER_PID_FILE);
  if (child.pid !== undefined) writePidFile(pidFile, child.pid);
  child.once('exit', () => removePidFile(pidFile, child.pid));
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    const text = chunk.toString();
    output.push(text);
    if (output.length > 200) output.shift();
    if (options.verbose) process.stderr.write(`[temporal] ${text}`);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);

  try {
    await waitUntilReady(address, namespace, child, options.readyTimeoutMs ?? 60_000);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`Temporal dev server (${cli.path}) did not start: ${(error as Error).message}\n${output.join('')}`);
  }
  return {
    address,
    namespace,
    uiUrl: ui ? `http://127.0.0.1:${uiPort}` : null,
    dbFile,
    cli: cli.path,
    pid: child.pid,
    stoppedOrphan,
    onExit(listener) {
      if (child.exitCode !== null || child.signalCode !== null) listener(child.exitCode, child.signalCode);
      else child.once('exit', listener);
    },
    stop: (graceMs = 10_000) => stopChild(child, graceMs),
  };
}

async function waitUntilReady(address: string, namespace: string, child: ChildProcess, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  let exited: string | null = null;
  child.once('exit', (code, signal) => (exited = `exited with ${code ?? signal}`));
  let lastError = 'not reachable';
  while (Date.now() < deadline) {
    if (exited) throw new Error(exited);
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1_000 });
      try {
        await connection.workflowService.describeNamespace({ namespace });
        // Whoever answered, it was not our child if that one is gone (e.g. it lost a port race).
        if (!exited) return;
      } finally {
        await connection.close();
      }
    } catch (error) {
      lastError = (error as Error).message;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  throw new Error(`timed out after ${timeoutMs} ms (${lastError})`);
}

function stopChild(child: ChildProcess, graceMs: number): Promise<void> {
  // A process killed by a signal has exitCode null: both must be checked, or this waits forever.
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const force = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(force);
      done();
    });
    child.kill('SIGTERM');
  });
}

/** Last resort on machines with internet: the SDK downloads and caches the same CLI. */
async function startWithSdkDownload(o: {
  dbFile: string; namespace: string; port: number; ui: boolean; uiPort: number; address: string;
}): Promise<Omit<DevServer, 'stoppedOrphan'>> {
  const { TestWorkflowEnvironment } = await import('@temporalio/testing');
  const { defineSearchAttributeKey } = await import('@temporalio/common');
  const env = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: 'cached-download' },
      ip: '127.0.0.1',
      port: o.port,
      ui: o.ui,
      uiPort: o.uiPort,
      dbFilename: o.dbFile,
      namespace: o.namespace,
      extraArgs: ['--sqlite-pragma', 'journal_mode=wal'],
      searchAttributes: Object.entries(JOURNEY_SEARCH_ATTRIBUTES).map(([name, type]) =>
        defineSearchAttributeKey(name, type === 'Int' ? 'INT' : 'KEYWORD'),
      ),
    },
  });
  return {
    address: o.address,
    namespace: o.namespace,
    uiUrl: o.ui ? `http://127.0.0.1:${o.uiPort}` : null,
    dbFile: o.dbFile,
    cli: 'sdk-download',
    pid: undefined,
    // The SDK owns that process and reports no exit.
    onExit: () => undefined,
    stop: () => env.teardown(),
  };
}
