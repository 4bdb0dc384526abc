// The whole deployment of docs/deploy.md on one machine: PostgreSQL, a Temporal server with 8
// history shards, Braid's namespace and search attributes, one libSQL database, two API
// processes and two worker processes. Tests talk to it only over HTTP and through the database.
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { Client, Connection } from '@temporalio/client';
import { createDb, type BraidDb } from '@braid/db';
import { freePort } from '../src/server/free-port';
import { workflowsPath } from '../src/worker/index';
import { quietHoursOff } from '../test/quiet-hours-off';
import { prepareNamespace } from './namespace';
import { startPostgres, type Postgres } from './postgres';
import { startProcess, type BraidProcess } from './processes';
import { createSchemas, startTemporalServer, type TemporalServer } from './temporal-server';

export { eventually } from '../test/eventually';

export const NAMESPACE = 'braid';
export const WRITE_KEY = 'bwk_cluster_write_key';
export const ADMIN_TOKEN = 'bat_cluster_admin_token';

export type Cluster = {
  dir: string;
  temporal: TemporalServer;
  /** The PostgreSQL server's main process (its backends are its children). */
  postgresPid(): number;
  client: Client;
  db: BraidDb;
  apis: { url: string; process: BraidProcess }[];
  workers: BraidProcess[];
  /** The environment an API or worker process of this deployment gets. */
  env(extra?: Record<string, string>): Record<string, string>;
  startWorker(): Promise<BraidProcess>;
  /** Ingestion through the API processes in turn: no request depends on which one answers. */
  ingest(path: string, body: unknown): Promise<Response>;
  admin(path: string, init?: { method?: string; body?: unknown }): Promise<Response>;
  stop(): Promise<void>;
};

function binaries(): { server: string; sqlTool: string; pgBin: string } {
  const { TEMPORAL_SERVER_BIN: server, TEMPORAL_SQL_TOOL: sqlTool, PG_BIN: pgBin } = process.env;
  if (!server || !sqlTool || !pgBin) throw new Error('TEMPORAL_SERVER_BIN, TEMPORAL_SQL_TOOL and PG_BIN are unset: run `npm run test:cluster`');
  return { server, sqlTool, pgBin };
}

export async function startCluster(options: { dayMs: number }): Promise<Cluster> {
  const bins = binaries();
  const dir = process.env.BRAID_CLUSTER_RUN_DIR || mkdtempSync(join(tmpdir(), 'braid-cluster-'));
  mkdirSync(dir, { recursive: true });
  chmodSync(dir, 0o711); // PostgreSQL runs as another user when we are root
  const stops: (() => Promise<unknown>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch((error: unknown) => console.error(`cluster stop: ${String(error)}`));
  };
  try {
    const postgres: Postgres = await startPostgres({ binDir: bins.pgBin, dir: join(dir, 'postgres'), port: await freePort() });
    stops.push(() => postgres.stop());
    await createSchemas(bins, postgres);
    const temporal = await startTemporalServer({ bins, db: postgres, dir });
    stops.push(() => temporal.stop());
    const connection = await Connection.connect({ address: temporal.address });
    stops.push(() => connection.close());
    await prepareNamespace(connection, temporal.address, NAMESPACE);
    const client = new Client({ connection, namespace: NAMESPACE });

    const dbUrl = `file:${join(dir, 'braid.db')}`;
    // Bundled once here: each worker loads the file instead of bundling on its own.
    const bundlePath = join(dir, 'workflow-bundle.js');
    writeFileSync(bundlePath, (await bundleWorkflowCode({ workflowsPath, logger: quiet })).code);
    const env = (extra: Record<string, string> = {}) => ({
      TEMPORAL_ADDRESS: temporal.address,
      TEMPORAL_NAMESPACE: NAMESPACE,
      BRAID_DATA_DIR: dir,
      BRAID_DATABASE_URL: dbUrl,
      BRAID_WORKFLOW_BUNDLE: bundlePath,
      ...quietHoursOff.env,
      BRAID_BOOTSTRAP_WRITE_KEY: WRITE_KEY,
      BRAID_BOOTSTRAP_ADMIN_TOKEN: ADMIN_TOKEN,
      BRAID_TEST_DAY_MS: String(options.dayMs),
      ...extra,
    });
    const processes: BraidProcess[] = [];
    stops.push(async () => {
      for (const p of processes) await p.kill('SIGTERM');
    });
    // Two APIs started together on a fresh database, as replicas of one deployment are.
    const apis = await Promise.all(
      [0, 1].map(async () => {
        const port = await freePort();
        const api = await startProcess('api', env({ PORT: String(port) }));
        processes.push(api);
        return { url: `http://127.0.0.1:${port}`, process: api };
      }),
    );
    const workers: BraidProcess[] = [];
    const startWorker = async () => {
      const worker = await startProcess('worker', env());
      processes.push(worker);
      workers.push(worker);
      return worker;
    };
    await Promise.all([startWorker(), startWorker()]);
    const db = await createDb(dbUrl);
    stops.push(async () => db.close());

    let turn = 0;
    const basic = `Basic ${Buffer.from(`${WRITE_KEY}:`).toString('base64')}`;
    return {
      dir,
      temporal,
      postgresPid: () => Number(readFileSync(join(postgres.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]),
      client,
      db,
      apis,
      workers,
      env,
      startWorker,
      ingest: (path, body) =>
        fetch(`${apis[turn++ % apis.length]!.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: basic }, body: JSON.stringify(body) }),
      admin: (path, init = {}) =>
        fetch(`${apis[turn++ % apis.length]!.url}/api${path}`, {
          method: init.method ?? 'GET',
          headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
          ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
        }),
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

const noop = () => undefined;
const quiet = { trace: noop, debug: noop, info: noop, warn: noop, error: noop, log: noop };
