// The marketer's workspace at size, on a file database seeded with bulk SQL (recursive CTEs, no
// row-by-row inserts): customer search p99 over 100,000 customers beside a plain indexed identity
// lookup, and a journey report over 100,000 enrolments beside a plain COUNT of the same rows.
// Both ceilings are measured in the same run, on the same file.
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb, migrate } from '@braid/db';
import { searchCustomers } from '../src/admin/customer-search';
import { findJourneyVersion, groupFigures, journeySummary, stepFigures } from '../src/reports/journey-report';
import { csvStream } from '../src/reports/csv';
import { enrolmentRows } from '../src/reports/routes';

const CUSTOMERS = Number(process.env.BENCH_REPORT_CUSTOMERS ?? 100_000);
const ENROLMENTS = Number(process.env.BENCH_REPORT_ENROLMENTS ?? 100_000);
const SEARCHES = Number(process.env.BENCH_SEARCHES ?? 500);
const REPORT_RUNS = Number(process.env.BENCH_REPORT_RUNS ?? 5);
const WS = 'ws_bench';
const DAY = 86_400_000;

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;
const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Customer i's phone, E.164, and as a cashier would type it. */
const phone = (i: number) => `+8490${String(1_000_000 + i).slice(1)}000`.slice(0, 12);
const typed = (i: number) => {
  const p = phone(i).slice(3);
  return `0${p.slice(0, 3)} ${p.slice(3, 6)} ${p.slice(6)}`;
};

const dir = mkdtempSync(join(tmpdir(), 'braid-bench-reports-'));
try {
  const braid = await createDb(`file:${join(dir, 'reports.db')}`);
  await migrate(braid.db);
  const sql = (s: string, args: (string | number)[] = []) => braid.client.execute({ sql: s, args });
  const now = Date.now();
  const seedStart = process.hrtime.bigint();
  await sql(`INSERT INTO workspaces (id, name, created_at) VALUES (?, 'Hoa Ban Food', ?)`, [WS, now]);
  const seq = (n: number) => `WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < ${n})`;
  await sql(
    `${seq(CUSTOMERS)} INSERT INTO customers (id, workspace_id, traits, created_at, updated_at)
     SELECT printf('cu_%07d', i), ?, json_object('name', 'Khách ' || i || ' Nguyễn', 'email', 'khach' || i || '@hoaban.vn', 'phone', '+8490' || substr(printf('%07d', i), 2) || '000'), ?, ? FROM seq`,
    [WS, now, now],
  );
  for (const [type, value] of [
    ['email', `'khach' || i || '@hoaban.vn'`],
    ['phone', `substr('+8490' || substr(printf('%07d', i), 2) || '000', 1, 12)`],
    ['user_id', `'u' || i`],
  ] as const) {
    await sql(`${seq(CUSTOMERS)} INSERT OR IGNORE INTO customer_identities (workspace_id, type, value, customer_id) SELECT ?, '${type}', ${value}, printf('cu_%07d', i) FROM seq`, [WS]);
  }
  const graph = {
    nodes: [
      { id: 'start', type: 'trigger-event' },
      { id: 'ab', type: 'condition-random-split', config: { branches: [{ label: 'A', percent: 45 }, { label: 'B', percent: 45 }], holdoutPercent: 10 } },
      { id: 'email', type: 'send-message' },
      { id: 'sms', type: 'send-message' },
    ],
    edges: [],
  };
  await sql(`INSERT INTO journeys (id, workspace_id, name, status, draft_graph, active_version, created_at, updated_at) VALUES ('jr_bench', ?, 'Giỏ hàng', 'active', ?, 1, ?, ?)`, [WS, JSON.stringify(graph), now, now]);
  await sql(`INSERT INTO journey_versions (id, journey_id, workspace_id, version, ir, graph, created_at) VALUES ('jv_bench', 'jr_bench', ?, 1, ?, ?, ?)`, [
    WS,
    JSON.stringify({ goal: { match: { event: 'Order Completed' }, windowMs: 30 * DAY } }),
    JSON.stringify(graph),
    now,
  ]);
  // Every enrolment entered within the last 20 days; one in ten converted.
  await sql(
    `${seq(ENROLMENTS)} INSERT INTO enrollments (id, workspace_id, journey_id, version, customer_id, workflow_id, status, current_node, entered_at)
     SELECT printf('en_%07d', i), ?, 'jr_bench', 1, printf('cu_%07d', ((i - 1) % ${CUSTOMERS}) + 1), 'wf_' || i,
            CASE WHEN i % 10 = 0 THEN 'converted' WHEN i % 3 = 0 THEN 'completed' ELSE 'active' END, 'email', ? - (i % 20) * ${DAY} FROM seq`,
    [WS, now],
  );
  await sql(
    `${seq(ENROLMENTS)} INSERT INTO step_log (id, workspace_id, enrollment_id, journey_id, version, customer_id, node_id, outcome, reason, at)
     SELECT printf('sl_%07d', i), ?, printf('en_%07d', i), 'jr_bench', 1, printf('cu_%07d', ((i - 1) % ${CUSTOMERS}) + 1), 'ab', 'left',
            'random split: ' || CASE WHEN i % 10 = 1 THEN 'holdout' WHEN i % 2 = 0 THEN 'path0' ELSE 'path1' END, ? FROM seq`,
    [WS, now],
  );
  await sql(
    `${seq(ENROLMENTS)} INSERT INTO messages (id, workspace_id, customer_id, journey_id, version, enrollment_id, node_id, channel, idempotency_key, status, created_at, updated_at)
     SELECT printf('ms_%07d', i), ?, printf('cu_%07d', ((i - 1) % ${CUSTOMERS}) + 1), 'jr_bench', 1, printf('en_%07d', i), CASE WHEN i % 2 = 0 THEN 'email' ELSE 'sms' END,
            CASE WHEN i % 2 = 0 THEN 'email' ELSE 'sms' END, 'ms_' || i,
            CASE i % 6 WHEN 0 THEN 'clicked' WHEN 1 THEN 'opened' WHEN 2 THEN 'delivered' WHEN 3 THEN 'sent' WHEN 4 THEN 'failed' ELSE 'replied' END, ? - (i % 500) * 3600000, ? FROM seq`,
    [WS, now, now],
  );
  // One order per ten customers, inside their window.
  await sql(
    `${seq(Math.floor(ENROLMENTS / 10))} INSERT INTO events (id, workspace_id, message_id, customer_id, type, name, properties, context, timestamp, received_at)
     SELECT printf('ev_%07d', i), ?, 'order-' || i, printf('cu_%07d', ((i * 10 - 1) % ${CUSTOMERS}) + 1), 'track', 'Order Completed',
            json_object('revenue', 350000 + (i % 7) * 100000, 'currency', 'VND', 'order_id', 'HB-' || i), '{}', ?, ? FROM seq`,
    [WS, now, now],
  );
  await sql('ANALYZE');
  const seedMs = ms(seedStart);

  // Customer search: a phone as typed, an email, a name; beside the identity index alone.
  const rand = (k: number) => ((k * 7919) % CUSTOMERS) + 1;
  const terms = Array.from({ length: SEARCHES }, (_, k) => {
    const i = rand(k + 1);
    return k % 3 === 0 ? typed(i) : k % 3 === 1 ? `khach${i}@hoaban.vn` : `Khách ${i}`;
  });
  const search: number[] = [];
  let found = 0;
  for (const term of terms) {
    const t0 = process.hrtime.bigint();
    const page = await searchCustomers(braid.db, WS, term, 20, undefined);
    search.push(ms(t0));
    if (page.customers.length > 0) found++;
  }
  const lookup: number[] = [];
  for (let k = 0; k < SEARCHES; k++) {
    const t0 = process.hrtime.bigint();
    await sql('SELECT customer_id FROM customer_identities WHERE workspace_id = ? AND value = ? LIMIT 1', [WS, `khach${rand(k + 1)}@hoaban.vn`]);
    lookup.push(ms(t0));
  }
  search.sort((a, b) => a - b);
  lookup.sort((a, b) => a - b);

  // The report of a journey with 100,000 enrolments, beside COUNT(*) over the same rows.
  const reportMs: number[] = [];
  let summary: Awaited<ReturnType<typeof journeySummary>> | null = null;
  for (let r = 0; r < REPORT_RUNS; r++) {
    const t0 = process.hrtime.bigint();
    const ref = (await findJourneyVersion(braid.db, WS, 'jr_bench'))!;
    [summary] = await Promise.all([journeySummary(braid.db, ref), stepFigures(braid.db, ref), groupFigures(braid.db, ref)]);
    reportMs.push(ms(t0));
  }
  const countMs: number[] = [];
  for (let r = 0; r < REPORT_RUNS; r++) {
    const t0 = process.hrtime.bigint();
    await sql(`SELECT COUNT(*) AS n FROM enrollments WHERE journey_id = 'jr_bench' AND version = 1`);
    countMs.push(ms(t0));
  }

  // The per-enrolment CSV, read to the end as a client downloads it: rows/s and the most heap it
  // held, beside reading the same rows' columns with one plain SELECT (the ceiling).
  const ref = (await findJourneyVersion(braid.db, WS, 'jr_bench'))!;
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  let heapPeak = heapBefore;
  let bytes = 0;
  let lines = 0;
  const t0 = process.hrtime.bigint();
  const reader = csvStream(['enrolment', 'customer', 'version', 'status', 'entered_at', 'finished_at', 'converted', 'revenue_vnd', 'referrals_credited'], enrolmentRows(braid.db, ref)).getReader();
  for (let r = await reader.read(); !r.done; r = await reader.read()) {
    bytes += r.value.byteLength;
    for (const b of r.value) if (b === 10) lines++;
    heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
  }
  const exportMs = ms(t0);
  const t1 = process.hrtime.bigint();
  const plain = await sql(`SELECT id, customer_id, version, status, entered_at, finished_at FROM enrollments WHERE journey_id = 'jr_bench'`);
  const plainMs = ms(t1);
  braid.close();

  const [load1] = loadavg();
  console.log('');
  console.log(`  seeded ${fmt(CUSTOMERS)} customers, ${fmt(ENROLMENTS)} enrolments, messages and step rows, ${fmt(ENROLMENTS / 10)} orders in ${fmt(seedMs)} ms (bulk SQL)`);
  console.log(`  customer search (phone typed, email, name) over ${fmt(CUSTOMERS)}: p50 ${pct(search, 50).toFixed(2)} ms   p99 ${pct(search, 99).toFixed(2)} ms   (${found}/${SEARCHES} found)`);
  console.log(`  plain indexed identity lookup (ceiling):        p50 ${pct(lookup, 50).toFixed(2)} ms   p99 ${pct(lookup, 99).toFixed(2)} ms`);
  console.log(`  journey report over ${fmt(ENROLMENTS)} enrolments (summary + revenue in window + steps + A/B groups): median ${median(reportMs).toFixed(0)} ms of ${REPORT_RUNS} runs`);
  console.log(`  plain COUNT(*) over the same enrolments (ceiling):                                    median ${median(countMs).toFixed(1)} ms`);
  console.log(`  CSV of every enrolment, streamed page by page: ${fmt(lines - 1)} rows, ${fmt(bytes / 1024)} KB in ${fmt(exportMs)} ms (${fmt(((lines - 1) / exportMs) * 1000)} rows/s), heap grew by at most ${fmt((heapPeak - heapBefore) / 1024 / 1024)} MB`);
  console.log(`  plain SELECT of the same ${fmt(plain.rows.length)} rows' columns at once (ceiling):              ${fmt(plainMs)} ms (${fmt((plain.rows.length / plainMs) * 1000)} rows/s)`);
  console.log(`  report says: entered ${fmt(summary!.entered)}, converted ${fmt(summary!.converted)}, revenue ${fmt(summary!.revenue)} VND`);
  console.log(`  machine: ${cpus().length} cores, load average ${load1!.toFixed(1)} (other work on the machine lowers every figure)`);
  console.log('');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
