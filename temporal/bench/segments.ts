// `npm run bench:segments -w @braid/temporal` (also part of `npm run bench`): segment membership
// for 100,000 customers in the database, each figure beside a plain SELECT over the same rows
// measured in the same run (the cost of only reading what the evaluation must read).
//   1. first evaluation of two segments (a trait rule, "viewed Mắc Khén twice in 7 days") by
//      the scheduled pass in batches of 1,000 customers;
//   2. after a bulk change (every profile gets vip = true): membership brought up to date from
//      the profile touches the change left (100,000 joins recorded);
//   3. after a rule change: the scheduled pass over everyone (100,000 leaves recorded).
// Nothing asserts; loops are bounded by the customer count.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb, migrate, multiRowInsert } from '@braid/db';
import type { SegmentRule } from '@braid/journey';
import { scheduleSegmentEvaluation, startSegmentUpkeep } from '../src/segments/upkeep';

const N = Number(process.env.BENCH_SEGMENT_CUSTOMERS ?? 100_000);
const DAY = 86_400_000;
const ws = 'ws-bench';
const cities = ['Hà Nội', 'Hồ Chí Minh', 'Đà Nẵng', 'Lào Cai', 'Huế'];

const dir = mkdtempSync(join(tmpdir(), 'braid-bench-segments-'));
const { db, client, close } = await createDb(`file:${join(dir, 'braid.db')}`);
await migrate(db);
await client.execute({ sql: 'INSERT INTO workspaces (id, name, created_at) VALUES (?, ?, 0)', args: [ws, 'bench'] });

const now = Date.now();
const id = (i: number) => `c${String(i).padStart(7, '0')}`;
console.log(`seeding ${N.toLocaleString('en')} customers and their events ...`);
for (let start = 0; start < N; start += 500) {
  const n = Math.min(500, N - start);
  const args: (string | number)[] = [];
  for (let i = start; i < start + n; i++) args.push(id(i), ws, JSON.stringify({ name: `Khách ${i}`, city: cities[i % cities.length], vip: false, spent: (i * 7919) % 5_000_000 }), now, now);
  await client.execute({ sql: multiRowInsert('customers', ['id', 'workspace_id', 'traits', 'created_at', 'updated_at'], n), args });
  // Every customer viewed something; every fourth viewed Mắc Khén twice this week.
  const events: (string | number)[] = [];
  let rows = 0;
  for (let i = start; i < start + n; i++) {
    const views = i % 4 === 0 ? [['Mắc Khén', 1], ['Mắc Khén', 3]] : [['Hạt Dổi', 2]];
    for (const [k, [name, daysAgo]] of views.entries()) {
      events.push(`${id(i)}-${k}`, ws, `${id(i)}-${k}`, id(i), 'track', 'Product Viewed', JSON.stringify({ name, category: 'Gia vị' }), '{}', now - Number(daysAgo) * DAY, now);
      rows += 1;
    }
  }
  await client.execute({ sql: multiRowInsert('events', ['id', 'workspace_id', 'message_id', 'customer_id', 'type', 'name', 'properties', 'context', 'timestamp', 'received_at'], rows), args: events });
}

const rules: Record<string, SegmentRule> = {
  vip: { match: 'all', conditions: [{ kind: 'trait', filter: { path: 'vip', op: 'equals', value: true } }] },
  viewedTwice: {
    match: 'all',
    conditions: [{ kind: 'eventCount', event: 'Product Viewed', where: [{ path: 'name', op: 'contains', value: 'mắc khén' }], op: 'greaterOrEqual', count: 2, windowMs: 7 * DAY }],
  },
};
for (const [segmentId, rule] of Object.entries(rules)) {
  await client.execute({ sql: 'INSERT INTO segments (id, workspace_id, name, rule, created_at) VALUES (?, ?, ?, ?, ?)', args: [segmentId, ws, segmentId, JSON.stringify(rule), now] });
}

// Timers far apart: each phase runs the passes itself, to the end.
const HOUR = 3_600_000;
const upkeep = startSegmentUpkeep({ db, client: null, index: null, touchesEveryMs: HOUR, scheduleEveryMs: HOUR, joinsEveryMs: HOUR, batchSize: 1_000, batchesPerPass: 1_000 });

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await run();
  return { ms: performance.now() - t0, value };
}
/** The ceiling: a plain SELECT of the same customers' rows (ids and traits), read to the end. */
async function plainSelect(): Promise<number> {
  return (await timed(async () => (await client.execute({ sql: 'SELECT id, traits FROM customers WHERE workspace_id = ?', args: [ws] })).rows.length)).ms;
}
const members = async (segmentId: string) => Number((await client.execute({ sql: 'SELECT count(*) AS n FROM segment_members WHERE segment_id = ?', args: [segmentId] })).rows[0]!.n);
const line = (what: string, ms: number, ceiling: number, detail: string) =>
  console.log(`${what.padEnd(58)} ${ms.toFixed(0).padStart(7)} ms   plain SELECT ${ceiling.toFixed(0).padStart(5)} ms   ×${(ms / ceiling).toFixed(1).padStart(5)}   ${detail}`);

console.log(`\nsegment membership, ${N.toLocaleString('en')} customers (each beside a plain SELECT of the same rows, same run)`);
await scheduleSegmentEvaluation(db, ws, Object.keys(rules), Date.now());
await client.execute('DELETE FROM segment_touches');
const first = await timed(() => upkeep.runUntilIdle());
line('1. first evaluation, 2 segments (scheduled pass)', first.ms, await plainSelect(), `vip ${await members('vip')}, viewed twice ${await members('viewedTwice')}`);

const bulk = await timed(() => client.execute({ sql: "UPDATE customers SET traits = json_set(traits, '$.vip', json('true')) WHERE workspace_id = ?", args: [ws] }));
const touched = Number((await client.execute('SELECT count(*) AS n FROM segment_touches')).rows[0]!.n);
const afterBulk = await timed(() => upkeep.runUntilIdle());
line('2. after a bulk change: touches → pass over everyone, 2 segm.', afterBulk.ms, await plainSelect(), `${touched} touched, ${afterBulk.value.joined} joined (bulk UPDATE itself ${bulk.ms.toFixed(0)} ms)`);

await client.execute({ sql: 'UPDATE segments SET rule = ? WHERE id = ?', args: [JSON.stringify({ match: 'all', conditions: [{ kind: 'trait', filter: { path: 'city', op: 'equals', value: 'Sa Pa' } }] }), 'vip'] });
await scheduleSegmentEvaluation(db, ws, ['vip'], Date.now());
const changed = await timed(() => upkeep.runUntilIdle());
line('3. after a rule change: scheduled pass, 1 segment', changed.ms, await plainSelect(), `${changed.value.left} left`);
const recorded = await client.execute("SELECT change, count(*) AS n FROM segment_changes GROUP BY change ORDER BY change");
console.log(`   joins / leaves recorded: ${recorded.rows.map((r) => `${String(r.change)} ${String(r.n)}`).join(', ')}`);

await upkeep.stop();
close();
rmSync(dir, { recursive: true, force: true });
