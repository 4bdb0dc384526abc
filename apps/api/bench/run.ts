// `npm run bench -w @braid/api`: ingestion throughput and latency over real HTTP against a file
// database, each printed beside the raw libSQL insert rate of the same rows (the ceiling).
// The API runs in its own process (as in production); this process only sends.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDb, migrate, multiRowInsert, newId, type InValue } from '@braid/db';
import { benchEvent } from './events';
import { snippetBench } from './snippet';

const TOTAL = Number(process.env.BENCH_EVENTS ?? 100_000);
const PER_BATCH = 100;
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 4);
const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 20_000);
const TRACK_CALLS = Number(process.env.BENCH_TRACK_CALLS ?? 1_000);
const TRACK_RATE = Number(process.env.BENCH_TRACK_RATE ?? 200);
const SNIPPET_EVENTS = Number(process.env.BENCH_SNIPPET_EVENTS ?? 5_000);
const SNIPPET_VISITORS = Number(process.env.BENCH_SNIPPET_VISITORS ?? 50);
const WRITE_KEY = 'bwk_bench';

const here = dirname(fileURLToPath(import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'braid-bench-'));

const event = (i: number) => benchEvent(i, TOTAL, CUSTOMERS);

interface Server {
  url: string;
  cpuMicros: () => Promise<number>;
  /** Routing intents not yet cleared (durable routing). */
  pendingRouting: () => Promise<number>;
  stop: () => Promise<void>;
}

async function startServer(dbFile: string, routing: boolean, catalogue = true): Promise<Server> {
  // BENCH_PROFILE=dir writes a V8 CPU profile of the API process there.
  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_PROFILE] : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', join(here, 'server.ts')], {
    env: { ...process.env, BENCH_ROUTING: routing ? '1' : '0', BENCH_CATALOGUE: catalogue ? '1' : '0', PORT: '0', BRAID_DATABASE_URL: `file:${dbFile}`, BRAID_BOOTSTRAP_WRITE_KEY: WRITE_KEY, BRAID_BOOTSTRAP_ADMIN_TOKEN: 'bat_bench' },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /listening on (http:\/\/\S+)\n/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`API exited early (${code}): ${out}`)));
  });
  let waiting: ((n: number) => void) | null = null;
  let waitingPending: ((n: number) => void) | null = null;
  child.stdout.on('data', (chunk: Buffer) => {
    const m = /cpu-us (\d+)/.exec(chunk.toString());
    if (m && waiting) waiting(Number(m[1]));
    const p = /pending (\d+)/.exec(chunk.toString());
    if (p && waitingPending) waitingPending(Number(p[1]));
  });
  return {
    url,
    cpuMicros: () =>
      new Promise<number>((resolve) => {
        waiting = resolve;
        child.stdin.write('cpu\n');
      }),
    pendingRouting: () =>
      new Promise<number>((resolve) => {
        waitingPending = resolve;
        child.stdin.write('pending\n');
      }),
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function batchThroughput(url: string): Promise<number> {
  const auth = `Basic ${Buffer.from(`${WRITE_KEY}:`).toString('base64')}`;
  const bodies: string[] = [];
  for (let b = 0; b < TOTAL / PER_BATCH; b++) {
    const batch = Array.from({ length: PER_BATCH }, (_, k) => event(b * PER_BATCH + k));
    bodies.push(JSON.stringify({ batch, sentAt: new Date().toISOString() }));
  }
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (next < bodies.length) {
        const body = bodies[next++]!;
        const res = await fetch(`${url}/v1/batch`, { method: 'POST', headers: { authorization: auth, 'content-type': 'application/json' }, body });
        if (res.status !== 200) throw new Error(`batch failed: ${res.status} ${await res.text()}`);
        await res.arrayBuffer();
      }
    }),
  );
  return TOTAL / ((performance.now() - started) / 1000);
}

async function trackLatency(url: string): Promise<{ p50: number; p99: number; rate: number }> {
  const auth = `Basic ${Buffer.from(`${WRITE_KEY}:`).toString('base64')}`;
  const latencies: number[] = [];
  const interval = 1000 / TRACK_RATE;
  const start = performance.now();
  const inflight: Promise<void>[] = [];
  for (let i = 0; i < TRACK_CALLS; i++) {
    const due = start + i * interval;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const body = JSON.stringify({ ...event(TOTAL + i), messageId: `track-${i}` });
    inflight.push(
      (async () => {
        const t0 = performance.now();
        const res = await fetch(`${url}/v1/track`, { method: 'POST', headers: { authorization: auth, 'content-type': 'application/json' }, body });
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`track failed: ${res.status}`);
        latencies.push(performance.now() - t0);
      })(),
    );
  }
  await Promise.all(inflight);
  latencies.sort((a, b) => a - b);
  return { p50: pct(latencies, 50), p99: pct(latencies, 99), rate: TRACK_CALLS / ((performance.now() - start) / 1000) };
}

/**
 * The ceiling: the rows ingestion writes for these events (events, plus a customer and its two
 * identities the first time a user appears), inserted straight through @libsql/client with
 * multi-row statements, one transaction per 100 events: no HTTP, parsing or resolution.
 */
async function rawInsertRate(dbFile: string): Promise<{ rate: number; cpuPerEvent: number }> {
  const braid = await createDb(`file:${dbFile}`);
  await migrate(braid.db);
  const client = braid.client;
  const wsId = newId();
  await client.execute({ sql: 'INSERT INTO workspaces (id, name, timezone, currency, created_at) VALUES (?, ?, ?, ?, ?)', args: [wsId, 'raw', 'Asia/Ho_Chi_Minh', 'VND', Date.now()] });
  const eventColumns = ['id', 'workspace_id', 'message_id', 'customer_id', 'type', 'user_id', 'anonymous_id', 'name', 'properties', 'traits', 'group_id', 'previous_id', 'context', 'timestamp', 'sent_at', 'received_at'];
  const customerIds = new Map<number, string>();
  // The events exist before the clock starts (in the HTTP runs the sender builds them, and that
  // cost is not the API's either); turning them into row values stays inside the measurement.
  const all = Array.from({ length: TOTAL }, (_, i) => event(i));
  const started = performance.now();
  const cpu0 = process.cpuUsage();
  for (let b = 0; b < TOTAL / PER_BATCH; b++) {
    const now = Date.now();
    const customerArgs: InValue[] = [];
    const identityArgs: InValue[] = [];
    const eventArgs: InValue[] = [];
    for (let k = 0; k < PER_BATCH; k++) {
      const i = b * PER_BATCH + k;
      const e = all[i]!;
      const user = i % CUSTOMERS;
      let customerId = customerIds.get(user);
      if (!customerId) {
        customerId = newId(now);
        customerIds.set(user, customerId);
        customerArgs.push(customerId, wsId, '{}', now, now, now);
        identityArgs.push(wsId, 'user_id', e.userId, customerId, wsId, 'anonymous_id', e.anonymousId, customerId);
      }
      eventArgs.push(newId(now), wsId, e.messageId, customerId, 'track', e.userId, e.anonymousId, e.event, JSON.stringify(e.properties), null, null, null, JSON.stringify(e.context), Date.parse(e.timestamp), now, now);
    }
    const tx = await client.transaction('write');
    if (customerArgs.length) {
      await tx.execute({ sql: multiRowInsert('customers', ['id', 'workspace_id', 'traits', 'created_at', 'updated_at', 'last_seen_at'], customerArgs.length / 6), args: customerArgs });
      await tx.execute({ sql: multiRowInsert('customer_identities', ['workspace_id', 'type', 'value', 'customer_id'], identityArgs.length / 4), args: identityArgs });
    }
    await tx.execute({ sql: multiRowInsert('events', eventColumns, PER_BATCH), args: eventArgs });
    await tx.commit();
  }
  const rate = TOTAL / ((performance.now() - started) / 1000);
  const cpu = process.cpuUsage(cpu0);
  braid.close();
  return { rate, cpuPerEvent: (cpu.user + cpu.system) / TOTAL };
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

try {
  console.log(`Braid ingestion bench: ${fmt(TOTAL)} events, ${PER_BATCH}/batch, ${CLIENTS} clients, ${fmt(CUSTOMERS)} customers, file database`);
  const { rate: raw, cpuPerEvent: rawCpu } = await rawInsertRate(join(dir, 'raw.db'));
  /** One API process on a fresh file: batch throughput, CPU per event, /v1/track latency. */
  const run = async (file: string, routing: boolean, catalogue = true) => {
    const server = await startServer(join(dir, file), routing, catalogue);
    try {
      const before = await server.cpuMicros();
      const batch = await batchThroughput(server.url);
      const batchCpu = ((await server.cpuMicros()) - before) / TOTAL;
      const track = await trackLatency(server.url);
      return { batch, batchCpu, track, pending: await server.pendingRouting() };
    } finally {
      await server.stop();
    }
  };
  const uncatalogued = await run('uncatalogued.db', false, false);
  const alone = await run('alone.db', false);
  const routed = await run('routed.db', true);
  const site = await startServer(join(dir, 'snippet.db'), true);
  const snippet = await snippetBench(site.url, WRITE_KEY, SNIPPET_EVENTS, SNIPPET_VISITORS).finally(() => site.stop());
  const [load1] = loadavg();
  console.log('');
  console.log(`  raw libSQL insert (ceiling)     ${fmt(raw).padStart(10)} events/s   CPU ${rawCpu.toFixed(1)} µs/event`);
  for (const [label, r] of [
    ['without the event catalogue', uncatalogued],
    ['ingestion alone (no runtime)', alone],
    ['with durable routing', routed],
  ] as const) {
    console.log(`  /v1/batch, ${label.padEnd(29)} ${fmt(r.batch).padStart(10)} events/s   CPU ${r.batchCpu.toFixed(1)} µs/event (API process)   ${((r.batch / raw) * 100).toFixed(0)}% of ceiling; by CPU cost ${((rawCpu / r.batchCpu) * 100).toFixed(0)}% (target >= 45%)`);
    console.log(`  /v1/track at ${fmt(r.track.rate)}/s (${fmt(TRACK_CALLS)} calls), ${label}: p50 ${r.track.p50.toFixed(1)} ms   p99 ${r.track.p99.toFixed(1)} ms   (ceiling per event ${(1000 / raw).toFixed(3)} ms)`);
  }
  console.log(`  event-catalogue upkeep costs ${(((alone.batchCpu - uncatalogued.batchCpu) / uncatalogued.batchCpu) * 100).toFixed(1)}% more CPU per event than the same ingestion without it (target <= 10%); throughput ${((alone.batch / uncatalogued.batch) * 100).toFixed(0)}% of it`);
  console.log(`  durable routing costs ${(((routed.batchCpu - alone.batchCpu) / alone.batchCpu) * 100).toFixed(0)}% more CPU per event than ingestion alone (target <= 10%); throughput ${((routed.batch / alone.batch) * 100).toFixed(0)}% of it`);
  console.log(`  routing intents left after the run: ${fmt(routed.pending)} (0: every event was routed and cleared)`);
  console.log(`  website snippet /sdk.js: ${fmt(snippet.gzipBytes)} bytes gzipped (${fmt(snippet.minifiedBytes)} minified; budget 8,192 gzipped)`);
  console.log(`  snippet batching, ${fmt(SNIPPET_VISITORS)} visitors' pages, ${fmt(SNIPPET_EVENTS)} events: ${fmt(snippet.snippetRate).padStart(8)} events/s in ${fmt(snippet.snippetRequests)} requests; the same events posted directly, one /v1/track each: ${fmt(snippet.directRate)} events/s (${(snippet.snippetRate / snippet.directRate).toFixed(1)}x)`);
  console.log(`  machine: ${cpus().length} cores, load average ${load1!.toFixed(1)} (other work on the machine lowers every figure)`);
  console.log('');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
