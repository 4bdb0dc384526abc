// A whole Braid stack for runtime tests: the real Temporal dev server, a real libSQL file, the
// real API over HTTP (ingestion → routing hook → journeys API) and a worker, in process or as
// a child process that can be killed.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleWorkflowCode, DefaultLogger, Runtime } from '@temporalio/worker';
import type { Client } from '@temporalio/client';
import { createDb, type BraidDb } from '@braid/db';
import type { ChannelRegistry } from '@braid/channels';
import { startApi, type RunningApi } from '@braid/api';
import { createJourneyRuntime, type JourneyRuntime } from '../../apps/api/src/journeys/runtime';
import type { RoutingOutcome } from '../src/routing/route-events';
import { connectTemporalClient } from '../src/client/connect';
import { startDevServer, freePort, type DevServer } from '../src/server/index';
import { startWorker, workflowsPath, type RunningWorker } from '../src/worker/index';
import { audiencesFromEnv, channelsFromEnv } from '../src/worker/channels';
import { defaultImplementations } from '../src/worker/implementations';
import { quietHoursOff } from './quiet-hours-off';

export { eventually } from './eventually';

export const WRITE_KEY = 'bwk_runtime_write_key';
export const ADMIN_TOKEN = 'bat_runtime_admin_token';
const root = fileURLToPath(new URL('../..', import.meta.url));

const noop = () => undefined;
export const quietLogger = { trace: noop, debug: noop, info: noop, warn: noop, error: noop, log: noop };

// Worker state changes and polling chatter would bury test output.
Runtime.install({ logger: new DefaultLogger('WARN') });

let bundlePath: string | null = null;
/** One workflow bundle per test process, written to a file so child workers skip bundling. */
export async function workflowBundlePath(dir: string): Promise<string> {
  if (bundlePath) return bundlePath;
  const bundle = await bundleWorkflowCode({ workflowsPath, logger: quietLogger });
  bundlePath = join(dir, 'workflow-bundle.js');
  writeFileSync(bundlePath, bundle.code);
  return bundlePath;
}

export type Stack = {
  dir: string;
  temporal: DevServer;
  temporalPort: number;
  client: Client;
  db: BraidDb;
  api: RunningApi;
  dbUrl: string;
  routed: RoutingOutcome[];
  /** The API's journey runtime (router, durable-routing dispatcher, recovery). */
  runtime: JourneyRuntime;
  /** A call to the ingestion API (`/v1/...`) with the write key. */
  ingest(path: string, body: unknown): Promise<Response>;
  track(userId: string, event: string, properties?: Record<string, unknown>, messageId?: string): Promise<Response>;
  identify(userId: string, traits: Record<string, unknown>): Promise<Response>;
  batch(items: Record<string, unknown>[]): Promise<Response>;
  admin(path: string, init?: { method?: string; body?: unknown }): Promise<Response>;
  startWorker(mode?: 'inProcess' | 'child', options?: { channels?: ChannelRegistry }): Promise<WorkerHandle>;
  restartTemporal(): Promise<void>;
  stop(): Promise<void>;
};

export type WorkerHandle = { kill(signal?: NodeJS.Signals): Promise<void>; pid?: number };

export async function startStack(options: { timeScale: number }): Promise<Stack> {
  const dir = mkdtempSync(join(tmpdir(), 'braid-runtime-'));
  const temporalPort = await freePort();
  let temporal = await startDevServer({ dataDir: dir, port: temporalPort, ui: false });
  const client = await connectTemporalClient({ address: temporal.address, namespace: temporal.namespace });
  const dbUrl = `file:${join(dir, 'braid.db')}`;
  const db = await createDb(dbUrl);
  const routed: RoutingOutcome[] = [];
  const runtime = createJourneyRuntime({ db: db.db, client, timeScale: options.timeScale, onRouted: (o) => routed.push(...o) });
  const api = await startApi({
    db,
    port: 0,
    log: noop,
    bootstrap: { writeKey: WRITE_KEY, adminToken: ADMIN_TOKEN, adminEmail: 'owner@hoaban.vn', adminPassword: 'correct horse battery', ...quietHoursOff.bootstrap },
    onEventsIngested: runtime.onEventsIngested,
    registerRoutes: runtime.registerRoutes,
    onEngaged: runtime.onEngaged,
  });
  const workers: WorkerHandle[] = [];
  const basic = `Basic ${Buffer.from(`${WRITE_KEY}:`).toString('base64')}`;
  const ingest = (path: string, body: unknown) =>
    fetch(`${api.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: basic }, body: JSON.stringify(body) });

  return {
    dir,
    get temporal() {
      return temporal;
    },
    temporalPort,
    client,
    db,
    api,
    dbUrl,
    routed,
    runtime,
    ingest,
    track: (userId, event, properties = {}, messageId) => ingest('/v1/track', { userId, event, properties, ...(messageId ? { messageId } : {}) }),
    identify: (userId, traits) => ingest('/v1/identify', { userId, traits }),
    batch: (items) => ingest('/v1/batch', { batch: items }),
    admin: (path, init = {}) =>
      fetch(`${api.url}/api${path}`, {
        method: init.method ?? 'GET',
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
        ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
      }),
    async startWorker(mode = 'inProcess', workerOptions = {}) {
      const codePath = await workflowBundlePath(dir);
      if (mode === 'inProcess') {
        const worker: RunningWorker = await startWorker({
          temporal: { address: temporal.address, namespace: temporal.namespace },
          deps: { db: db.db, client, channels: workerOptions.channels ?? channelsFromEnv(db.db), audiences: audiencesFromEnv(db.db), implementations: await defaultImplementations() },
          workflowBundle: { codePath },
        });
        const handle: WorkerHandle = { kill: () => worker.stop() };
        workers.push(handle);
        return handle;
      }
      const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', join(root, 'temporal/src/worker/main.ts')], {
        cwd: root,
        env: {
          ...process.env,
          TEMPORAL_ADDRESS: temporal.address,
          TEMPORAL_NAMESPACE: temporal.namespace,
          BRAID_DATABASE_URL: dbUrl,
          BRAID_WORKFLOW_BUNDLE: codePath,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const ready = new Promise<void>((resolve, reject) => {
        let out = '';
        const onData = (chunk: Buffer) => {
          out += chunk.toString();
          if (out.includes('braid worker: polling')) resolve();
        };
        child.stdout?.on('data', onData);
        child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString()));
        child.once('exit', (code) => reject(new Error(`worker exited with ${code} before polling:\n${out}`)));
      });
      await ready;
      const handle: WorkerHandle = {
        pid: child.pid,
        kill: (signal = 'SIGTERM') =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill(signal);
          }),
      };
      workers.push(handle);
      return handle;
    },
    async restartTemporal() {
      await temporal.stop();
      temporal = await startDevServer({ dataDir: dir, port: temporalPort, ui: false });
    },
    async stop() {
      for (const w of workers) await w.kill('SIGTERM').catch(noop);
      await api.close();
      await client.connection.close().catch(noop);
      await temporal.stop();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The Temporal CLI the dev server runs (for `workflow show` and friends in tests). */
export function temporalCli(): string {
  return process.env.TEMPORAL_CLI_PATH || join(root, '.tools/temporal/bin/temporal');
}
