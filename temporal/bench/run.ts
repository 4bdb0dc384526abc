// `npm run bench -w @braid/temporal`: the runtime's speed and memory on the embedded dev server
// (or on the cluster BENCH_TEMPORAL_ADDRESS names: `npm run bench:cluster`, bench/target.ts).
// Every figure is printed next to a ceiling or baseline measured in the same run:
//   0. the ceiling: hand-written start → activity → timer workflows, customers/s (ceiling-rate.ts);
//   1. enrolments/s for 5,000 customers entering through ingested events (HTTP /v1/batch →
//      routing → signalWithStart) beside raw signalWithStart of an empty workflow (target ≥ 0.8);
//   2. event-to-first-message latency at half the ceiling's rate (target p99 < 1 s), and at 10/s;
//   3. worker RSS with 10,000 customers waiting (target < 1 GiB), beside the idle worker;
//   4. a broadcast to BENCH_BROADCAST_N customers (default 100,000): customers/s beside the
//      ceiling, worker RSS during it (broadcast.ts);
//   5. migrating BENCH_MIGRATE_N waiting customers (default 2,000: what fits in about two minutes on a
//      2-core machine) to a new version (customers/s) beside the raw signal rate to the same workflows.
// Loops are bounded by counts and time; nothing here asserts, it reports.
// BENCH_ONLY=broadcast runs the ceiling and the broadcast only (a fresh worker, nobody waiting).
// SIGINT / SIGTERM stop the workers and the dev server it started before it exits.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleWorkflowCode } from '@temporalio/worker';
import { WorkflowIdReusePolicy } from '@temporalio/client';
import { createDb } from '@braid/db';
import { startApi } from '@braid/api';
import { createJourneyRuntime } from '../../apps/api/src/journeys/runtime';
import { journeyGraph, days } from '../../packages/journey/fixtures/builder';
import { connectTemporalClient } from '../src/client/connect';
import { workflowsPath } from '../src/worker/index';
import { DEFAULT_TASK_QUEUE } from '../src/workflows/contract';
import { measureBroadcast } from './broadcast';
import { measureSendCeiling } from './ceiling-rate';
import { stopAllChildren } from './child';
import { measureMigration } from './migration';
import { benchTemporal } from './target';

const ENROL_N = Number(process.env.BENCH_ENROL_N ?? 5_000);
const WAITING_N = Number(process.env.BENCH_WAITING_N ?? 10_000);
const MIGRATE_N = Number(process.env.BENCH_MIGRATE_N ?? 2_000);
const CEILING_N = Number(process.env.BENCH_CEILING_N ?? 1_000);
const BROADCAST_N = Number(process.env.BENCH_BROADCAST_N ?? 100_000);
const LATENCY_SECONDS = Number(process.env.BENCH_LATENCY_SECONDS ?? 20);
const ONLY = process.env.BENCH_ONLY;
if (ONLY !== undefined && ONLY !== 'broadcast') throw new Error(`BENCH_ONLY=${ONLY}: the only part that runs alone is "broadcast"`);
const CONCURRENCY = 16;
const BATCH = 50;
const WRITE_KEY = 'bwk_bench_write_key';
const ADMIN_TOKEN = 'bat_bench_admin_token';
const root = fileURLToPath(new URL('../..', import.meta.url));

const noop = () => undefined;
const log = (line: string) => console.log(`[bench] ${line}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function pool<T>(items: readonly T[], concurrency: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) await run(items[next++]!);
    }),
  );
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

const dir = mkdtempSync(join(tmpdir(), 'braid-bench-'));
const temporal = await benchTemporal(dir);
const client = await connectTemporalClient({ address: temporal.address, namespace: temporal.namespace });
const dbUrl = `file:${join(dir, 'braid.db')}`;
const db = await createDb(dbUrl);
const runtime = createJourneyRuntime({ db: db.db, client, timeScale: 1 });
const api = await startApi({
  db,
  port: 0,
  log: noop,
  // Quiet hours off: the bench measures the runtime, and new workspaces otherwise hold marketing
  // messages from 21:00 to 08:00 Vietnam time, so latency would depend on when it runs.
  bootstrap: { writeKey: WRITE_KEY, adminToken: ADMIN_TOKEN, adminEmail: 'bench@hoaban.vn', adminPassword: 'bench bench bench', quietHours: false },
  onEventsIngested: runtime.onEventsIngested,
  registerRoutes: runtime.registerRoutes,
});
const bundlePath = join(dir, 'workflow-bundle.js');
writeFileSync(bundlePath, (await bundleWorkflowCode({ workflowsPath, logger: { trace: noop, debug: noop, info: noop, warn: noop, error: noop, log: noop } })).code);

let worker: ChildProcess | null = null;
async function startWorkerProcess(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'temporal/src/worker/main.ts')], {
    cwd: root,
    env: { ...process.env, TEMPORAL_ADDRESS: temporal.address, TEMPORAL_NAMESPACE: temporal.namespace, BRAID_DATABASE_URL: dbUrl, BRAID_WORKFLOW_BUNDLE: bundlePath },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  // Known before it is ready, so a stop during its start-up stops it too.
  worker = child;
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => chunk.toString().includes('braid worker: polling') && resolve());
    child.once('exit', (code) => reject(new Error(`worker exited (${code})`)));
  });
  return child;
}

const basic = `Basic ${Buffer.from(`${WRITE_KEY}:`).toString('base64')}`;
const ingest = (path: string, body: unknown) =>
  fetch(`${api.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: basic }, body: JSON.stringify(body) });
async function admin(path: string, body?: unknown, method = body === undefined ? 'GET' : 'POST'): Promise<unknown> {
  const res = await fetch(`${api.url}/api${path}`, {
    method,
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json();
}
async function publish(name: string, graph: unknown): Promise<string> {
  const { id } = (await admin('/journeys', { name, graph })) as { id: string };
  await admin(`/journeys/${id}/publish`, { note: 'bench' });
  return id;
}

async function stopWorker(): Promise<void> {
  const w = worker;
  worker = null;
  if (!w || w.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    w.once('exit', () => resolve());
    w.kill('SIGTERM');
  });
}

async function countWhere(sqlText: string): Promise<number> {
  return Number((await db.client.execute(sqlText)).rows[0]!.n);
}

/** Waits (bounded) until every enrolled customer has reached the month-long wait. */
async function drain(expected: number, what: string): Promise<number> {
  const t = performance.now();
  // Bounded at 20 minutes: a loaded 2-core machine brings 10,000 customers in about 5.
  for (let i = 0; i < 4_800; i++) {
    if ((await countWhere("SELECT count(*) AS n FROM enrollments WHERE status = 'active' AND current_node = 'month'")) >= expected) break;
    await sleep(250);
  }
  const seconds = (performance.now() - t) / 1000;
  log(`${what}: worker took ${seconds.toFixed(1)} s to bring ${expected} customers to their wait`);
  return seconds;
}

let cleaning: Promise<void> | null = null;
/** Stops everything this run started; once, whether the run ends or is stopped by a signal. */
function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    await stopWorker();
    await stopAllChildren();
    await api.close().catch(noop);
    await client.connection.close().catch(noop);
    await temporal.stop();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  })();
  return cleaning;
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`${signal}: stopping the workers and the Temporal server this run started`);
    // The run's own steps now fail on closed connections: expected, so they no longer end the
    // process before the cleanup has.
    process.on('uncaughtException', noop).on('unhandledRejection', noop);
    void cleanup().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  });
}

try {
  log(`machine: ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}; Temporal: ${temporal.label}`);
  // 0. The ceiling every rate below is read against, before anything else loads the server.
  const ceiling = await measureSendCeiling({
    client,
    env: { TEMPORAL_ADDRESS: temporal.address, TEMPORAL_NAMESPACE: temporal.namespace },
    customers: CEILING_N,
    prefix: 'bench-ceiling',
  });
  log(`ceiling (hand-written start → activity → timer, own worker): ${ceiling.toFixed(1)} customers/s over ${CEILING_N}`);
  worker = await startWorkerProcess();
  await sleep(2_000);
  const idleRss = rssMb(worker.pid!);
  // Customers wait a month in these journeys (they stay in the worker), or get a message at once.
  const waitGraph = (event: string) =>
    journeyGraph(
      [
        ['entered', 'trigger-event', { event, where: [], reentry: { mode: 'afterExit' }, entryLimit: null }],
        ['month', 'wait-delay', { duration: days(30) }],
        ['done', 'exit', { reason: 'bench' }],
      ],
      [
        ['entered', 'out', 'month'],
        ['month', 'out', 'done'],
      ],
    );
  let waiting = 0;
  let waitingRss = idleRss;
  if (ONLY !== 'broadcast') {
    // Enrolment is measured with the worker stopped in both runs, so both figures are the rate
    // at which executions are durably started, not how fast the worker then runs them.
    await stopWorker();

    // Journeys: customers wait a month (they stay in the worker), or get a message at once.
    await publish('Bench: waiting', waitGraph('Bench Entered'));
    const probeJourney = await publish(
      'Bench: first message',
      journeyGraph(
        [
          ['probe', 'trigger-event', { event: 'Latency Probe', where: [], reentry: { mode: 'everyTime' }, entryLimit: null }],
          ['hello', 'send-message', { channel: 'web', subject: 'Xin chào', body: 'Xin chào {{ customer.firstName }}' }],
          ['done', 'exit', { reason: 'bench' }],
        ],
        [
          ['probe', 'out', 'hello'],
          ['hello', 'out', 'done'],
        ],
      ),
    );

    // 1a. Raw signalWithStart of an empty workflow: the ceiling for enrolment through Braid.
    const rawIds = Array.from({ length: ENROL_N }, (_, i) => `bench-raw-${i}`);
    let t0 = performance.now();
    await pool(rawIds, CONCURRENCY * 4, async (workflowId) => {
      await client.workflow.signalWithStart('emptyWorkflow', {
        workflowId,
        taskQueue: DEFAULT_TASK_QUEUE,
        args: [],
        signal: 'customerEvent',
        signalArgs: [{}],
        workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
      });
    });
    const rawRate = ENROL_N / ((performance.now() - t0) / 1000);
    log(`raw signalWithStart (empty workflow): ${rawRate.toFixed(0)} /s over ${ENROL_N}`);

    // 1b. The same number of customers entering through ingestion (identity resolution, routing, enrolment).
    const batches: Record<string, unknown>[][] = [];
    for (let start = 0; start < ENROL_N; start += BATCH) {
      const batch = [];
      for (let i = start; i < Math.min(ENROL_N, start + BATCH); i++) {
        batch.push({ type: 'track', userId: `bench-a-${i}`, event: 'Bench Entered', properties: { i }, messageId: `bench-a-${i}` });
      }
      batches.push(batch);
    }
    const routedBefore = (await db.client.execute('SELECT count(*) AS n FROM enrollments')).rows[0]!.n;
    t0 = performance.now();
    await pool(batches, CONCURRENCY, async (batch) => {
      const res = await ingest('/v1/batch', { batch });
      if (!res.ok) throw new Error(`ingest ${res.status}`);
    });
    const enrolSeconds = (performance.now() - t0) / 1000;
    const enrolled = Number((await db.client.execute('SELECT count(*) AS n FROM enrollments')).rows[0]!.n) - Number(routedBefore);
    const enrolRate = enrolled / enrolSeconds;
    log(`enrolments via ingested events: ${enrolRate.toFixed(0)} /s (${enrolled} customers) — ${(enrolRate / rawRate).toFixed(2)} of raw ${rawRate.toFixed(0)} /s (target ≥ 0.80)`);

    // The worker comes back and works through the backlog before latency is measured.
    worker = await startWorkerProcess();
    await drain(ENROL_N, 'backlog');
    for (let i = 0; i < 240 && (await countWhere("SELECT count(*) AS n FROM enrollments WHERE status = 'active'")) > ENROL_N; i++) await sleep(250);
    await sleep(2_000);

    // 2. Event → first message at half the ceiling (and at 10/s, far below it).
    const measureLatency = async (rate: number, seconds: number, prefix: string) => {
      const total = rate * seconds;
      const sentAt = new Map<string, number>();
      const started = performance.now();
      const inflight: Promise<unknown>[] = [];
      for (let i = 0; i < total; i++) {
        const due = started + (i * 1000) / rate;
        const wait = due - performance.now();
        if (wait > 0) await sleep(wait);
        const userId = `${prefix}-${i}`;
        sentAt.set(userId, Date.now());
        inflight.push(ingest('/v1/track', { userId, event: 'Latency Probe', properties: {}, messageId: userId }));
      }
      await Promise.all(inflight);
      const deadline = Date.now() + 120_000;
      const delivered = async () =>
        db.client.execute({
          sql: `SELECT i.value AS user_id, m.updated_at AS at FROM messages m JOIN customer_identities i ON i.customer_id = m.customer_id AND i.type = 'user_id' WHERE m.journey_id = ? AND m.status = 'sent' AND i.value LIKE ?`,
          args: [probeJourney, `${prefix}-%`],
        });
      let rows = await delivered();
      while (rows.rows.length < total && Date.now() < deadline) {
        await sleep(250);
        rows = await delivered();
      }
      const latencies = rows.rows.map((r) => Number(r.at) - (sentAt.get(String(r.user_id)) ?? NaN)).filter(Number.isFinite).sort((a, b) => a - b);
      log(
        `event → first message at ${rate}/s for ${seconds}s: p50 ${percentile(latencies, 50)} ms, p99 ${percentile(latencies, 99)} ms, max ${latencies.at(-1)} ms (${latencies.length}/${total} delivered; target p99 < 1000)`,
      );
    };
    await measureLatency(10, 10, 'bench-l10');
    await sleep(3_000);
    const halfCeiling = Math.max(1, Math.round(ceiling / 2));
    log(`half the ceiling: ${halfCeiling} events/s`);
    await measureLatency(halfCeiling, LATENCY_SECONDS, 'bench-lhalf');

    // 3. Worker memory with 10,000 customers waiting (5,000 from step 1 + the rest now).
    const more: Record<string, unknown>[][] = [];
    for (let start = ENROL_N; start < WAITING_N; start += BATCH) {
      const batch = [];
      for (let i = start; i < Math.min(WAITING_N, start + BATCH); i++) {
        batch.push({ type: 'track', userId: `bench-a-${i}`, event: 'Bench Entered', properties: { i }, messageId: `bench-a-${i}` });
      }
      more.push(batch);
    }
    await pool(more, CONCURRENCY, async (batch) => {
      await ingest('/v1/batch', { batch });
    });
    await drain(WAITING_N, 'more waiting customers');
    waiting = await countWhere("SELECT count(*) AS n FROM enrollments WHERE status = 'active' AND current_node = 'month'");
    await sleep(2_000);
    waitingRss = rssMb(worker!.pid!);
    log(`worker RSS with ${waiting} customers waiting: ${waitingRss} MB (idle worker in this run: ${idleRss} MB; workflow cache 1,000; target < 1024 MB)`);
  }

  // 4. A broadcast to a whole segment, beside the ceiling of its shape.
  const b = await measureBroadcast({ db, admin, publish, workerPid: worker!.pid!, customers: BROADCAST_N });
  const rate = b.reached / b.allWaitingSeconds;
  log(
    `broadcast to ${BROADCAST_N} customers (segment seeded in ${b.seedSeconds.toFixed(1)} s): enrolled in ${b.enrolSeconds.toFixed(0)} s (${(BROADCAST_N / b.enrolSeconds).toFixed(0)} /s), ` +
      `${b.reached} sent and waiting in ${b.allWaitingSeconds.toFixed(0)} s: ${rate.toFixed(1)} customers/s — ${(rate / ceiling).toFixed(2)} of the ceiling ${ceiling.toFixed(1)} /s`,
  );
  log(`broadcast row completed ${b.completedSeconds.toFixed(0)} s after the start (${(b.completedSeconds - b.enrolSeconds).toFixed(0)} s after its last member was enrolled)`);
  log(`worker RSS during the broadcast: peak ${b.peakRssMb} MB, at the end ${b.endRssMb} MB (before it: ${waitingRss} MB)`);

  if (ONLY !== 'broadcast') {
    // 5. Customers waiting in a journey of their own move to its next version (the month-long wait becomes 31 days).
    const migrating = await publish('Bench: migrating', waitGraph('Bench Migrating'));
    const toMigrate: Record<string, unknown>[][] = [];
    for (let start = 0; start < MIGRATE_N; start += BATCH) {
      toMigrate.push(Array.from({ length: Math.min(BATCH, MIGRATE_N - start) }, (_, k) => ({ type: 'track', userId: `bench-m-${start + k}`, event: 'Bench Migrating', messageId: `bench-m-${start + k}` })));
    }
    await pool(toMigrate, CONCURRENCY, async (batch) => {
      await ingest('/v1/batch', { batch });
    });
    await drain(waiting + MIGRATE_N, 'customers to migrate');
    const longer = waitGraph('Bench Migrating');
    longer.nodes.find((node) => node.id === 'month')!.config = { duration: days(31) };
    await measureMigration({ db, client, log, admin: (path, init = {}) => admin(path, init.body, init.method) }, migrating, 'month', longer);
  }
} finally {
  await cleanup();
}
