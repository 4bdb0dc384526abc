// Runs the real Temporal server embedded in Braid: `temporal server start-dev` with a persistent
// SQLite file under ./data (WAL), its web UI on, bound to 127.0.0.1.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Connection } from '@temporalio/client';
import { freePort } from './free-port';
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
};

export type DevServer = {
  address: string;
  namespace: string;
  uiUrl: string | null;
  dbFile: string;
  /** Which binary ran: useful in logs when a machine picks an unexpected one. */
  cli: string;
  pid: number | undefined;
  stop(): Promise<void>;
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

  const cli = resolveTemporalCli({ installIfMissing: true });
  if (!cli) return startWithSdkDownload({ dbFile, namespace, port, ui, uiPort, address });

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
  const child = spawn(cli.path, args, { stdio: ['ignore', 'pipe', 'pipe'] });
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
    stop: () => stopChild(child),
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
        return;
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

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
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
}): Promise<DevServer> {
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
    stop: () => env.teardown(),
  };
}
