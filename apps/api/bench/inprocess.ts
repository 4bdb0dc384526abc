// `tsx bench/inprocess.ts`: the /v1/batch path without HTTP (parse + store), per-phase CPU µs per
// event, for profiling (`node --cpu-prof --import tsx bench/inprocess.ts`). Same events as run.ts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb, migrate, newId } from '@braid/db';
import { parseIngestBody, parseJsonBody } from '../src/ingest/parse';
import { storeEvents } from '../src/ingest/store';
import { benchEvent } from './events';

const TOTAL = Number(process.env.BENCH_EVENTS ?? 100_000);
const PER_BATCH = 100;
const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 20_000);

const event = (i: number) => benchEvent(i, TOTAL, CUSTOMERS);

const dir = mkdtempSync(join(tmpdir(), 'braid-inproc-'));
try {
  const braid = await createDb(`file:${join(dir, 'db.db')}`);
  await migrate(braid.db);
  const ws = newId();
  await braid.client.execute({ sql: 'INSERT INTO workspaces (id, name, timezone, currency, created_at) VALUES (?, ?, ?, ?, ?)', args: [ws, 'w', 'Asia/Ho_Chi_Minh', 'VND', Date.now()] });
  const stmtUs = new Map<string, number>();
  if (process.env.BENCH_STATEMENTS) {
    // Per-statement CPU: which SQL the ingestion path spends its time in.
    const original = braid.client.transaction.bind(braid.client);
    braid.client.transaction = async (mode?: 'write' | 'read' | 'deferred') => {
      const b = process.cpuUsage();
      const tx = await original(mode);
      const bd = process.cpuUsage(b);
      stmtUs.set('BEGIN', (stmtUs.get('BEGIN') ?? 0) + bd.user + bd.system);
      const commit = tx.commit.bind(tx);
      tx.commit = async () => {
        const c = process.cpuUsage();
        await commit();
        const d = process.cpuUsage(c);
        stmtUs.set('COMMIT', (stmtUs.get('COMMIT') ?? 0) + d.user + d.system);
      };
      const execute = tx.execute.bind(tx);
      tx.execute = (async (stmt: Parameters<typeof execute>[0]) => {
        const key = (typeof stmt === 'string' ? stmt : stmt.sql).slice(0, 60);
        const c = process.cpuUsage();
        const rs = await execute(stmt);
        const d = process.cpuUsage(c);
        stmtUs.set(key, (stmtUs.get(key) ?? 0) + d.user + d.system);
        return rs;
      }) as typeof tx.execute;
      return tx;
    };
  }
  const bodies: string[] = [];
  for (let b = 0; b < TOTAL / PER_BATCH; b++) {
    const batch = Array.from({ length: PER_BATCH }, (_, k) => event(b * PER_BATCH + k));
    bodies.push(JSON.stringify({ batch, sentAt: new Date().toISOString() }));
  }
  let parseUs = 0;
  let storeUs = 0;
  const t0 = performance.now();
  for (const text of bodies) {
    const c0 = process.cpuUsage();
    const parsed = parseIngestBody(parseJsonBody(text), 'batch');
    const c1 = process.cpuUsage(c0);
    parseUs += c1.user + c1.system;
    const c2 = process.cpuUsage();
    await storeEvents(braid.client, ws, parsed.events, parsed.sentAt, Date.now());
    const c3 = process.cpuUsage(c2);
    storeUs += c3.user + c3.system;
  }
  const secs = (performance.now() - t0) / 1000;
  console.log(`in-process: ${Math.round(TOTAL / secs)} events/s; CPU µs/event parse ${(parseUs / TOTAL).toFixed(1)} store ${(storeUs / TOTAL).toFixed(1)} total ${((parseUs + storeUs) / TOTAL).toFixed(1)}`);
  for (const [sql, us] of [...stmtUs].sort((a, b) => b[1] - a[1])) console.log(`  ${(us / TOTAL).toFixed(2).padStart(6)} µs/event  ${sql}`);
  braid.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
