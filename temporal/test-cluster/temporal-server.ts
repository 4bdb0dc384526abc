// A real Temporal server (go.temporal.io/server, built by scripts/cluster/install.sh) on
// PostgreSQL: schemas created with temporal-sql-tool, one process running the frontend,
// history, matching and worker services with 8 history shards, every port a free loopback port.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Connection } from '@temporalio/client';

const run = promisify(execFile);
export const HISTORY_SHARDS = 8;

export type ServerBinaries = { server: string; sqlTool: string };
export type Database = { port: number; user: string };

/** Creates the `temporal` and `temporal_visibility` databases at the schema embedded in the tool. */
export async function createSchemas(bins: ServerBinaries, db: Database): Promise<void> {
  for (const [database, schema] of [
    ['temporal', 'postgresql/v12/temporal'],
    ['temporal_visibility', 'postgresql/v12/visibility'],
  ] as const) {
    const sql = (...args: string[]) =>
      run(bins.sqlTool, ['--endpoint', '127.0.0.1', '--port', String(db.port), '--user', db.user, '--password', 'temporal', '--plugin', 'postgres12', '--database', database, ...args], {
        timeout: 120_000,
      });
    await sql('create-database');
    await sql('setup-schema', '--version', '0.0');
    await sql('update-schema', '--schema-name', schema);
  }
}

type Ports = Record<'frontend' | 'frontendHttp' | 'frontendMembership' | 'history' | 'historyMembership' | 'matching' | 'matchingMembership' | 'worker' | 'workerMembership', number>;

/**
 * The SQL schema keeps a member's port in a smallint (cluster_membership.rpc_port): a port of
 * 32768 or more (every port the OS hands out on Linux) stops the server at start. So: random
 * ports from 20000 to 32767, each checked free.
 */
async function freePorts(): Promise<Ports> {
  const names = ['frontend', 'frontendHttp', 'frontendMembership', 'history', 'historyMembership', 'matching', 'matchingMembership', 'worker', 'workerMembership'] as const;
  const taken = new Set<number>();
  const ports = {} as Ports;
  for (const name of names) {
    for (;;) {
      const port = 20_000 + Math.floor(Math.random() * 12_768);
      if (!taken.has(port) && (await isFree(port))) {
        taken.add(port);
        ports[name] = port;
        break;
      }
    }
  }
  return ports;
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** The server's configuration: docs/deploy.md shows the same, with production values beside it. */
export function serverConfig(db: Database, ports: Ports, dynamicConfigPath: string): string {
  const store = (database: string, conns: number) => `
      sql:
        pluginName: postgres12
        databaseName: ${database}
        connectAddr: "127.0.0.1:${db.port}"
        connectProtocol: tcp
        user: ${db.user}
        password: temporal
        maxConns: ${conns}
        maxIdleConns: ${conns}
        maxConnLifetime: 1h`;
  const service = (grpc: number, membership: number, http?: number) => `
    rpc:
      grpcPort: ${grpc}
      membershipPort: ${membership}
      bindOnLocalHost: true${http ? `\n      httpPort: ${http}` : ''}`;
  return `log:
  stdout: true
  level: warn
persistence:
  defaultStore: default
  visibilityStore: visibility
  numHistoryShards: ${HISTORY_SHARDS}
  datastores:
    default:${store('temporal', 20)}
    visibility:${store('temporal_visibility', 10)}
global:
  membership:
    maxJoinDuration: 30s
    broadcastAddress: 127.0.0.1
services:
  frontend:${service(ports.frontend, ports.frontendMembership, ports.frontendHttp)}
  history:${service(ports.history, ports.historyMembership)}
  matching:${service(ports.matching, ports.matchingMembership)}
  worker:${service(ports.worker, ports.workerMembership)}
clusterMetadata:
  enableGlobalNamespace: false
  failoverVersionIncrement: 10
  masterClusterName: active
  currentClusterName: active
  clusterInformation:
    active:
      enabled: true
      initialFailoverVersion: 1
      rpcName: frontend
      rpcAddress: "127.0.0.1:${ports.frontend}"
dcRedirectionPolicy:
  policy: noop
dynamicConfigClient:
  filepath: ${dynamicConfigPath}
  pollInterval: 10s
`;
}

/** Dynamic config: a registered namespace or search attribute is seen within 2 s, not 10. */
export const DYNAMIC_CONFIG = `system.namespaceCacheRefreshInterval:
  - value: 2s
`;

export type TemporalServer = {
  address: string;
  pid(): number | undefined;
  restart(): Promise<void>;
  stop(): Promise<void>;
};

export async function startTemporalServer(options: { bins: ServerBinaries; db: Database; dir: string; onPid?: (pid: number) => void }): Promise<TemporalServer> {
  const ports = await freePorts();
  const configPath = join(options.dir, 'temporal.yaml');
  const dynamicPath = join(options.dir, 'dynamicconfig.yaml');
  writeFileSync(dynamicPath, DYNAMIC_CONFIG);
  writeFileSync(configPath, serverConfig(options.db, ports, dynamicPath));
  const address = `127.0.0.1:${ports.frontend}`;
  const log = createWriteStream(join(options.dir, 'temporal.log'), { flags: 'a' });
  let child: ChildProcess | null = null;

  const start = async () => {
    const proc = spawn(options.bins.server, ['--config-file', configPath, '--allow-no-auth', 'start'], { cwd: options.dir, stdio: ['ignore', 'pipe', 'pipe'] });
    proc.stdout?.pipe(log, { end: false });
    proc.stderr?.pipe(log, { end: false });
    child = proc;
    if (proc.pid) options.onPid?.(proc.pid);
    const exited = new Promise<never>((_, fail) => proc.once('exit', (code, signal) => fail(new Error(`Temporal server exited (${signal ?? code}) during start; see ${join(options.dir, 'temporal.log')}`))));
    await Promise.race([waitForFrontend(address, 90_000), exited]);
  };
  const stop = async () => {
    const proc = child;
    child = null;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const gone = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    proc.kill('SIGTERM');
    // A graceful stop hands shards over; past 30 s, stop waiting.
    const timer = setTimeout(() => proc.kill('SIGKILL'), 30_000);
    await gone;
    clearTimeout(timer);
  };
  await start();
  return {
    address,
    pid: () => child?.pid,
    restart: async () => {
      await stop();
      await start();
    },
    stop: async () => {
      await stop();
      log.end();
    },
  };
}

/** Until the frontend answers and the system namespace exists (the server bootstraps it). */
async function waitForFrontend(address: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const connection = await Connection.connect({ address, connectTimeout: 2_000 });
      try {
        await connection.withDeadline(Date.now() + 2_000, () => connection.workflowService.describeNamespace({ namespace: 'temporal-system' }));
        return;
      } finally {
        await connection.close();
      }
    } catch (error) {
      last = error;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  throw new Error(`Temporal server at ${address} not ready within ${timeoutMs} ms: ${String(last)}`);
}
