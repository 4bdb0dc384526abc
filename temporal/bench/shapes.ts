// `npm run bench:shapes -w @braid/temporal`: what one customer costs, per process, against the
// raw Temporal ceiling of the same shape, all in one run on the embedded dev server (or on the
// cluster BENCH_TEMPORAL_ADDRESS names, as `npm run bench:cluster` does after bench/run.ts).
//   ceiling: start (signalWithStart) → local activity → 30-day timer; start → activity → timer,
//            hand-written workflows in their own worker process (bench/ceiling/);
//   Braid:   trigger → wait 30 days; trigger → send → wait 30 days; the Hoa Ban Food journey up to
//            its first wait (wait for checkout, 1 hour) — the same shape as trigger → wait with a
//            31-node program, entering through /v1/batch of an API process with the journey
//            runtime, run by Braid's worker process.
// BENCH_SHAPES=<words> runs only the shapes whose name contains one of them (the ceilings always
// run); BENCH_WORKER_PROFILE=<dir> writes a CPU profile of Braid's worker there (node --cpu-prof).
// For each: customers/s until every customer is at the wait, CPU ms per customer of the
// Temporal server, the worker and the API (for the ceiling: the client that starts them),
// and the history length and size of one customer. Nothing asserts; it reports.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleWorkflowCode } from '@temporalio/worker';
import { WorkflowIdReusePolicy } from '@temporalio/client';
import protoModule from '@temporalio/proto';

const proto = protoModule.temporal;
import { createDb } from '@braid/db';
import { journeyGraph, days } from '../../packages/journey/fixtures/builder';
import { hoaBanFood } from '../../packages/journey/fixtures/hoa-ban-food';
import { connectTemporalClient } from '../src/client/connect';
import { workflowsPath } from '../src/worker/index';
import { journeyWorkflowId } from '../src/workflows/contract';
import { cpuMs, rssMb } from './proc';
import { benchTemporal } from './target';

const N = Number(process.env.BENCH_SHAPE_N ?? 1_000);
const ONLY = process.env.BENCH_SHAPES?.split(',').map((w) => w.trim().toLowerCase()).filter(Boolean) ?? [];
const PROFILE_DIR = process.env.BENCH_WORKER_PROFILE;
const WRITE_KEY = 'bwk_shapes';
const ADMIN_TOKEN = 'bat_shapes';
const root = fileURLToPath(new URL('../..', import.meta.url));
const here = fileURLToPath(new URL('.', import.meta.url));
const noop = () => undefined;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const log = (line: string) => console.log(line);

async function pool<T>(items: readonly T[], concurrency: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) await run(items[next++]!);
  }));
}

type Child = { proc: ChildProcess; ask(line: string, answer: RegExp): Promise<string> };

/** A child process that prints `ready` once started and answers questions on stdin. */
async function child(script: string, env: NodeJS.ProcessEnv, ready: RegExp, nodeArgs: string[] = []): Promise<Child & { firstLine: string }> {
  const proc = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', script], { cwd: root, env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  const waiters: { answer: RegExp; resolve: (s: string) => void }[] = [];
  proc.stdout!.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    for (const w of [...waiters]) {
      const m = w.answer.exec(out);
      if (m) {
        waiters.splice(waiters.indexOf(w), 1);
        out = out.slice(m.index + m[0].length);
        w.resolve(m[1] ?? m[0]);
      }
    }
  });
  const firstLine = await new Promise<string>((resolve, reject) => {
    waiters.push({ answer: ready, resolve });
    proc.once('exit', (code) => reject(new Error(`${script} exited (${code})`)));
  });
  return {
    proc,
    firstLine,
    ask: (line, answer) =>
      new Promise<string>((resolve) => {
        waiters.push({ answer, resolve });
        proc.stdin!.write(`${line}\n`);
      }),
  };
}

const stopChild = (c: Child | null) =>
  new Promise<void>((resolve) => {
    if (!c || c.proc.exitCode !== null) return resolve();
    c.proc.once('exit', () => resolve());
    c.proc.kill('SIGTERM');
  });

type Row = { shape: string; rate: number; serverMs: number; workerMs: number; apiMs: number; historyEvents: number; historyBytes: number; eventTypes: string[] };

const dir = mkdtempSync(join(tmpdir(), 'braid-shapes-'));
const temporal = await benchTemporal(dir);
const client = await connectTemporalClient({ address: temporal.address, namespace: temporal.namespace });
const dbUrl = `file:${join(dir, 'braid.db')}`;
const db = await createDb(dbUrl);
const env = { TEMPORAL_ADDRESS: temporal.address, TEMPORAL_NAMESPACE: temporal.namespace, BRAID_DATABASE_URL: dbUrl };
let api: (Child & { firstLine: string }) | null = null;
let braidWorker: ChildProcess | null = null;
let ceiling: (Child & { firstLine: string }) | null = null;

const EventType = proto.api.enums.v1.EventType;
/** A history event's type in short (`ACTIVITY_TASK_SCHEDULED`), and for a marker its kind. */
function eventName(e: protoModule.temporal.api.history.v1.IHistoryEvent): string {
  const name = String(EventType[e.eventType ?? 0]).replace(/^EVENT_TYPE_/, '');
  return e.markerRecordedEventAttributes ? `${name}(${e.markerRecordedEventAttributes.markerName})` : name;
}

async function historyOf(workflowId: string): Promise<{ events: number; bytes: number; types: string[] }> {
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  const events = history.events ?? [];
  return { events: events.length, bytes: proto.api.history.v1.History.encode(history).finish().length, types: events.map(eventName) };
}

/** Runs one shape: start everyone, wait until all are at their wait, read every process's CPU. */
async function measure(
  shape: string,
  workerPid: number,
  apiCpuMs: () => Promise<number>,
  start: () => Promise<void>,
  reached: () => Promise<number>,
  sample: () => Promise<string>,
): Promise<Row> {
  // A cluster whose server runs elsewhere has no CPU to read here: its column says n/a.
  const serverCpu = () => (temporal.pid ? cpuMs(temporal.pid) : NaN);
  const before = { server: serverCpu(), worker: cpuMs(workerPid), api: await apiCpuMs() };
  const t0 = performance.now();
  await start();
  for (let i = 0; i < 2_400 && (await reached()) < N; i++) await sleep(100);
  const seconds = (performance.now() - t0) / 1000;
  const after = { server: serverCpu(), worker: cpuMs(workerPid), api: await apiCpuMs() };
  const h = await historyOf(await sample());
  const row: Row = {
    shape,
    rate: (await reached()) / seconds,
    serverMs: (after.server - before.server) / N,
    workerMs: (after.worker - before.worker) / N,
    apiMs: (after.api - before.api) / N,
    historyEvents: h.events,
    historyBytes: h.bytes,
    eventTypes: h.types,
  };
  log(`  measured ${shape}: ${row.rate.toFixed(0)} customers/s`);
  await sleep(1_000);
  return row;
}

try {
  log(`Braid runtime shapes: ${N} customers per shape, ${temporal.label}, ${os.cpus().length} cores, load ${os.loadavg()[0]!.toFixed(1)}`);
  const bundlePath = join(dir, 'workflow-bundle.js');
  writeFileSync(bundlePath, (await bundleWorkflowCode({ workflowsPath, logger: { trace: noop, debug: noop, info: noop, warn: noop, error: noop, log: noop } })).code);
  api = await child(join(here, 'api-server.ts'), { ...env, BRAID_BOOTSTRAP_WRITE_KEY: WRITE_KEY, BRAID_BOOTSTRAP_ADMIN_TOKEN: ADMIN_TOKEN }, /listening on (http:\S+)\n/);
  const apiUrl = api.firstLine;
  const apiCpu = async () => Number(await api!.ask('cpu', /cpu-us (\d+)\n/)) / 1000;
  const clientCpu = async () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  ceiling = await child(join(here, 'ceiling/worker.ts'), env, /ceiling worker: polling\n/);
  const profileArgs = PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [];
  const worker = await child(join(root, 'temporal/src/worker/main.ts'), { ...env, BRAID_WORKFLOW_BUNDLE: bundlePath }, /braid worker: polling.*\n/, profileArgs);
  braidWorker = worker.proc;

  const adminCall = async (path: string, body: unknown) => {
    const res = await fetch(`${apiUrl}/api${path}`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as { id: string };
  };
  const publish = async (name: string, graph: unknown) => {
    const { id } = await adminCall('/journeys', { name, graph });
    await adminCall(`/journeys/${id}/publish`, { note: 'bench' });
    return id;
  };
  const waitJourney = await publish(
    'Shape: trigger → wait',
    journeyGraph(
      [
        ['entered', 'trigger-event', { event: 'Shape Wait', where: [], reentry: { mode: 'afterExit' }, entryLimit: null }],
        ['month', 'wait-delay', { duration: days(30) }],
        ['done', 'exit', { reason: 'bench' }],
      ],
      [
        ['entered', 'out', 'month'],
        ['month', 'out', 'done'],
      ],
    ),
  );
  const sendJourney = await publish(
    'Shape: trigger → send → wait',
    journeyGraph(
      [
        ['entered', 'trigger-event', { event: 'Shape Send', where: [], reentry: { mode: 'afterExit' }, entryLimit: null }],
        ['hello', 'send-message', { channel: 'web', subject: 'Xin chào', body: 'Xin chào {{ customer.firstName }}' }],
        ['month', 'wait-delay', { duration: days(30) }],
        ['done', 'exit', { reason: 'bench' }],
      ],
      [
        ['entered', 'out', 'hello'],
        ['hello', 'out', 'month'],
        ['month', 'out', 'done'],
      ],
    ),
  );

  const basic = `Basic ${Buffer.from(`${WRITE_KEY}:`).toString('base64')}`;
  const ingestAll = async (event: string, prefix: string, properties: (i: number) => Record<string, unknown> = () => ({})) => {
    const batches: string[] = [];
    for (let s = 0; s < N; s += 50) {
      const batch = Array.from({ length: Math.min(50, N - s) }, (_, k) => ({ type: 'track', userId: `${prefix}-${s + k}`, event, properties: properties(s + k), messageId: `${prefix}-${s + k}` }));
      batches.push(JSON.stringify({ batch }));
    }
    await pool(batches, 8, async (body) => {
      const res = await fetch(`${apiUrl}/v1/batch`, { method: 'POST', headers: { authorization: basic, 'content-type': 'application/json' }, body });
      if (!res.ok) throw new Error(`ingest ${res.status}`);
    });
  };
  const hoaBanJourney = await publish('Shape: Hoa Ban Food', hoaBanFood);
  const cart = (i: number) => ({ cart_id: `cart-${i}`, price: 1_350_000, quantity: 2, product_name: 'Thịt trâu gác bếp', cart_total: '1.350.000' });

  const atWait = (journeyId: string, nodeId = 'month') => async () =>
    Number((await db.client.execute({ sql: 'SELECT count(*) AS n FROM enrollments WHERE journey_id = ? AND current_node = ?', args: [journeyId, nodeId] })).rows[0]!.n);
  const firstCustomerWorkflow = async (journeyId: string) => {
    const rs = await db.client.execute({ sql: 'SELECT customer_id FROM enrollments WHERE journey_id = ? LIMIT 1', args: [journeyId] });
    return journeyWorkflowId(journeyId, String(rs.rows[0]!.customer_id));
  };
  const ceilingCount = async () => Number(await ceiling!.ask('count', /count (\d+)\n/));
  const startRaw = (type: string, prefix: string) => async () => {
    await pool(Array.from({ length: N }, (_, i) => `${prefix}-${i}`), 32, async (workflowId) => {
      await client.workflow.signalWithStart(type, {
        workflowId,
        taskQueue: 'ceiling',
        args: [],
        signal: 'customerEvent',
        signalArgs: [{}],
        workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
      });
    });
  };

  const rows: Row[] = [];
  let base = await ceilingCount();
  rows.push(await measure('ceiling: start → local activity → timer', ceiling.proc.pid!, clientCpu, startRaw('ceilingLocalThenWait', 'raw-local'), async () => (await ceilingCount()) - base, async () => 'raw-local-0'));
  base = await ceilingCount();
  rows.push(await measure('ceiling: start → activity → timer', ceiling.proc.pid!, clientCpu, startRaw('ceilingActivityThenWait', 'raw-activity'), async () => (await ceilingCount()) - base, async () => 'raw-activity-0'));
  const wanted = (shape: string) => ONLY.length === 0 || ONLY.some((w) => shape.toLowerCase().includes(w));
  const braid: [string, () => Promise<void>, () => Promise<number>, string][] = [
    ['Braid: trigger → wait', () => ingestAll('Shape Wait', 'shape-wait'), atWait(waitJourney), waitJourney],
    ['Braid: trigger → send → wait', () => ingestAll('Shape Send', 'shape-send'), atWait(sendJourney), sendJourney],
    ['Braid: Hoa Ban Food to its first wait', () => ingestAll('Product Added', 'shape-hoaban', cart), atWait(hoaBanJourney, 'checkout-wait'), hoaBanJourney],
  ];
  for (const [shape, start, reached, journeyId] of braid) {
    if (wanted(shape)) rows.push(await measure(shape, braidWorker.pid!, apiCpu, start, reached, () => firstCustomerWorkflow(journeyId)));
  }

  // Hoa Ban Food's first wait (an event with a 1-hour timeout) is a timer too: start → local activity → timer.
  const ceilingOf: Record<string, Row> = {
    'Braid: trigger → wait': rows[0]!,
    'Braid: trigger → send → wait': rows[1]!,
    'Braid: Hoa Ban Food to its first wait': rows[0]!,
  };
  log('');
  // On a machine shared with other work the rate follows the load of the moment; the CPU a
  // customer takes does not, so the ratio of the ceiling's CPU to Braid's is printed beside it
  // (what the rate ratio would be on a machine Braid and Temporal had to themselves).
  // Without the server's CPU (a cluster elsewhere) the ratio is the worker's and the API's alone.
  const totalMs = (r: Row) => (Number.isNaN(r.serverMs) ? 0 : r.serverMs) + r.workerMs + r.apiMs;
  const ms = (v: number) => (Number.isNaN(v) ? 'n/a' : v.toFixed(1)).padStart(6);
  log('  shape                                       customers/s   of ceiling   of ceiling by CPU   CPU ms per customer: server / worker / API(client)   history events / bytes');
  for (const r of rows) {
    const c = ceilingOf[r.shape];
    const ratio = c ? `${(r.rate / c.rate).toFixed(2)} (≥ 0.80)` : 'ceiling';
    const cpuRatio = c ? (totalMs(c) / totalMs(r)).toFixed(2) : '';
    log(
      `  ${r.shape.padEnd(43)} ${r.rate.toFixed(0).padStart(11)}   ${ratio.padEnd(12)}   ${cpuRatio.padStart(17)}   ${ms(r.serverMs)} / ${ms(r.workerMs)} / ${ms(r.apiMs)}${' '.repeat(24)}${String(r.historyEvents).padStart(4)} / ${r.historyBytes}`,
    );
  }
  log('');
  for (const r of rows) log(`  ${r.shape}: ${r.eventTypes.join(' ')}`);
  log(`  Braid worker RSS ${rssMb(braidWorker.pid!)} MB, ceiling worker RSS ${rssMb(ceiling.proc.pid!)} MB`);
  await stopChild(worker);
} finally {
  await stopChild(api);
  await stopChild(ceiling);
  if (braidWorker && braidWorker.exitCode === null) braidWorker.kill('SIGTERM');
  await client.connection.close().catch(noop);
  await temporal.stop();
  db.close();
  rmSync(dir, { recursive: true, force: true });
}
