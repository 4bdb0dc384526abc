// `npm run bench:segments -w @braid/temporal` (second half): segment-entry latency — a person's
// trait edit (PATCH over HTTP) until the customer is enrolled in the segment-triggered journey
// (enrollment row written, workflow started) — p50 / p99 over customers edited at a steady rate,
// beside what the same run measures for the two steps it cannot avoid: the edit's own HTTP round
// trip and a raw signalWithStart of an empty workflow. On the embedded Temporal dev server.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkflowIdReusePolicy } from '@temporalio/client';
import { startApi } from '@braid/api';
import { createDb } from '@braid/db';
import { createJourneyRuntime } from '../../apps/api/src/journeys/runtime';
import { journeyGraph } from '../../packages/journey/fixtures/builder';
import { connectTemporalClient } from '../src/client/connect';
import { freePort, startDevServer } from '../src/server/index';
import { DEFAULT_TASK_QUEUE } from '../src/workflows/contract';

const N = Number(process.env.BENCH_SEGMENT_ENTRY_N ?? 200);
const RATE = 20;
const WRITE_KEY = 'bwk_bench_segments';
const ADMIN_TOKEN = 'bat_bench_segments';
const noop = () => undefined;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const summary = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  return `p50 ${percentile(s, 50).toFixed(0).padStart(5)} ms  p99 ${percentile(s, 99).toFixed(0).padStart(5)} ms`;
};

const dir = mkdtempSync(join(tmpdir(), 'braid-bench-segment-entry-'));
const temporal = await startDevServer({ dataDir: dir, port: await freePort(), ui: false });
const client = await connectTemporalClient({ address: temporal.address, namespace: temporal.namespace });
const db = await createDb(`file:${join(dir, 'braid.db')}`);
const runtime = createJourneyRuntime({ db: db.db, client, timeScale: 1 });
const api = await startApi({
  db,
  port: 0,
  log: noop,
  bootstrap: { writeKey: WRITE_KEY, adminToken: ADMIN_TOKEN, adminEmail: 'bench@hoaban.vn', adminPassword: 'bench bench bench', quietHours: false },
  onEventsIngested: runtime.onEventsIngested,
  registerRoutes: runtime.registerRoutes,
});
// As the API process runs it (default intervals).
const upkeep = runtime.startSegmentUpkeep();
const admin = (path: string, method = 'GET', body?: unknown) =>
  fetch(`${api.url}/api${path}`, { method, headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });

// Customers, a segment of VIPs, and a journey that starts when someone becomes one.
const batch = Array.from({ length: N }, (_, i) => ({ type: 'identify', userId: `vip-${i}`, traits: { name: `Khách ${i}`, vip: false } }));
for (let i = 0; i < batch.length; i += 100) {
  await fetch(`${api.url}/v1/batch`, { method: 'POST', headers: { authorization: `Basic ${Buffer.from(`${WRITE_KEY}:`).toString('base64')}`, 'content-type': 'application/json' }, body: JSON.stringify({ batch: batch.slice(i, i + 100) }) });
}
const segment = (await (await admin('/segments', 'POST', { name: 'VIP', rule: { conditions: [{ kind: 'trait', filter: { path: 'vip', op: 'equals', value: true } }] } })).json()) as { id: string };
const graph = journeyGraph(
  [
    ['joined', 'trigger-segment', { segmentId: segment.id, reentry: { mode: 'once' }, entryLimit: null }],
    ['web', 'send-message', { channel: 'web', body: 'Chào khách VIP' }],
    ['x', 'exit', { reason: 'welcomed' }],
  ],
  [
    ['joined', 'out', 'web'],
    ['web', 'out', 'x'],
  ],
);
const journey = (await (await admin('/journeys', 'POST', { name: 'Chào VIP', graph })).json()) as { id: string };
await admin(`/journeys/${journey.id}/publish`, 'POST', { note: 'bench' });
const ids = (await db.client.execute("SELECT customer_id FROM customer_identities WHERE type = 'user_id' AND value LIKE 'vip-%' ORDER BY value")).rows.map((r) => String(r.customer_id));
await upkeep.runUntilIdle();

// Ceiling part 2: a raw signalWithStart of an empty workflow, one at a time.
const raw: number[] = [];
for (let i = 0; i < Math.min(N, 100); i++) {
  const t0 = performance.now();
  await client.workflow.signalWithStart('emptyWorkflow', { workflowId: `bench-raw-${i}`, taskQueue: DEFAULT_TASK_QUEUE, args: [], signal: 'customerEvent', signalArgs: [{}], workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE });
  raw.push(performance.now() - t0);
}

// The edits at a steady rate; each customer's latency is its enrolment time minus the edit's start.
const editedAt = new Map<string, number>();
const roundTrips: number[] = [];
const start = Date.now();
for (const [i, id] of ids.entries()) {
  const wait = start + i * (1000 / RATE) - Date.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  editedAt.set(id, Date.now());
  const t0 = performance.now();
  await admin(`/customers/${id}/traits`, 'PATCH', { traits: { vip: true } });
  roundTrips.push(performance.now() - t0);
}
const deadline = Date.now() + 60_000;
let rows: { customer_id: string; entered_at: number }[] = [];
while (Date.now() < deadline) {
  rows = (await db.client.execute({ sql: 'SELECT customer_id, entered_at FROM enrollments WHERE journey_id = ?', args: [journey.id] })).rows.map((r) => ({ customer_id: String(r.customer_id), entered_at: Number(r.entered_at) }));
  if (rows.length >= ids.length) break;
  await new Promise((r) => setTimeout(r, 200));
}
const latencies = rows.map((r) => r.entered_at - (editedAt.get(r.customer_id) ?? r.entered_at));
console.log(`\nsegment-entry latency, ${N} trait edits at ${RATE}/s (person's edit → enrolled in the segment-triggered journey)`);
console.log(`  edit → enrolment          ${summary(latencies)}   (${rows.length}/${ids.length} enrolled)`);
console.log(`  ceiling: edit round trip  ${summary(roundTrips)}`);
console.log(`  ceiling: signalWithStart  ${summary(raw)}`);

await upkeep.stop();
await api.close();
await client.connection.close().catch(noop);
await temporal.stop();
db.close();
rmSync(dir, { recursive: true, force: true });
