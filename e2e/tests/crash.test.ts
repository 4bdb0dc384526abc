// An operator's worst day, on the real system started as `npm start` starts it: 300 customers
// enter a journey of two emails while the whole process group (launcher, Temporal dev server,
// API, worker) is killed with SIGKILL three times — during ingestion and during the sends — and
// restarted each time. The client behaves as Segment's do: it retries until it gets a 2xx.
// Every customer must get exactly their two emails, and no enrollment may stay active.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDb, type BraidDb } from '@braid/db';
import { afterAll, describe, expect, it } from 'vitest';
import { journeyGraph } from '../../packages/journey/fixtures/builder';
import { freePort } from '../../temporal/src/server';
import { quietHoursOff } from '../src/system';

const root = fileURLToPath(new URL('../..', import.meta.url));
const CUSTOMERS = 300;
const WRITE_KEY = 'wk_crash_write_key';
const ADMIN_TOKEN = 'bat_crash_admin_token';
const dataDir = mkdtempSync(join(tmpdir(), 'braid-crash-'));

type Ports = { api: number; temporal: number; ui: number };
let ports: Ports;
let running: { proc: ChildProcess; exited: Promise<void>; output: () => string } | null = null;
/** What every run printed about recovery (replays, restarted enrollments), for the test log. */
const recoveryLines: string[] = [];
let braidDb: BraidDb | null = null;

/** `npm start` (scripts/start.mjs) in its own process group; resolves when it prints ready. */
async function startBraid(): Promise<void> {
  const proc = spawn(process.execPath, [join(root, 'scripts/start.mjs')], {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      BRAID_DATA_DIR: dataDir,
      PORT: String(ports.api),
      TEMPORAL_PORT: String(ports.temporal),
      TEMPORAL_UI_PORT: String(ports.ui),
      ...quietHoursOff.env,
      BRAID_BOOTSTRAP_WRITE_KEY: WRITE_KEY,
      BRAID_BOOTSTRAP_ADMIN_TOKEN: ADMIN_TOKEN,
      BRAID_BOOTSTRAP_ADMIN_EMAIL: 'ops@hoaban.vn',
      BRAID_BOOTSTRAP_ADMIN_PASSWORD: 'crash-test-password',
    },
  });
  let out = '';
  proc.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  proc.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  running = { proc, exited, output: () => out };
  const deadline = Date.now() + 120_000;
  while (!/^braid: ready/m.test(out)) {
    if (proc.exitCode !== null || proc.signalCode !== null) throw new Error(`npm start exited before ready:\n${out}`);
    if (Date.now() > deadline) throw new Error(`npm start not ready after 120 s:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** SIGKILL to the whole process group: nothing gets to clean up. */
async function killBraid(): Promise<void> {
  if (!running) return;
  const { proc, exited } = running;
  try {
    process.kill(-proc.pid!, 'SIGKILL');
  } catch {
    // already gone
  }
  await exited;
  recoveryLines.push(...running.output().split('\n').filter((l) => /\[routing\]|\[journeys\]/.test(l)));
  running = null;
  // The group's members die with the signal; give the OS a moment to release their ports.
  await new Promise((r) => setTimeout(r, 500));
}

afterAll(async () => {
  if (running) {
    process.kill(-running.proc.pid!, 'SIGTERM');
    await Promise.race([running.exited, new Promise((r) => setTimeout(r, 15_000))]);
    try {
      process.kill(-running.proc.pid!, 'SIGKILL');
    } catch {
      // stopped cleanly
    }
  }
  braidDb?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const api = (path: string) => `http://127.0.0.1:${ports.api}${path}`;
const basic = `Basic ${Buffer.from(`${WRITE_KEY}:`).toString('base64')}`;

/** One customer's signup and order, retried as a Segment client does until answered 2xx. */
async function sendUntilAccepted(i: number): Promise<void> {
  const userId = `crash-${i}`;
  const body = JSON.stringify({
    batch: [
      { type: 'identify', userId, traits: { firstName: `Khách ${i}`, email: `${userId}@example.vn` }, messageId: `${userId}-identify` },
      { type: 'track', userId, event: 'Order Placed', properties: { order_id: `HB-${i}` }, messageId: `${userId}-order` },
    ],
  });
  for (;;) {
    try {
      const res = await fetch(api('/v1/batch'), { method: 'POST', headers: { authorization: basic, 'content-type': 'application/json' }, body, signal: AbortSignal.timeout(15_000) });
      if (res.status >= 200 && res.status < 300) return;
      if (res.status < 500) throw new Error(`refused: ${res.status} ${await res.text()}`);
    } catch (error) {
      if ((error as Error).message.startsWith('refused')) throw error;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function database() {
  braidDb ??= await createDb(`file:${join(dataDir, 'braid.db')}`);
  return braidDb.client;
}

async function messagesSent(): Promise<number> {
  const db = await database();
  const rs = await db.execute("SELECT count(*) AS n FROM messages WHERE channel = 'email'");
  return Number(rs.rows[0]?.n ?? 0);
}

/** Seeded, so a failure can be replayed with the same kill moments. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

describe('crash: the whole process group killed with SIGKILL three times', () => {
  it('300 customers each get exactly their two emails; no enrollment stays active', async () => {
    ports = { api: await freePort(), temporal: await freePort(), ui: await freePort() };
    await startBraid();
    const graph = journeyGraph(
      [
        ['ordered', 'trigger-event', { event: 'Order Placed', where: [], reentry: { mode: 'once' }, entryLimit: null }],
        ['thanks', 'send-message', { channel: 'email', subject: 'Cảm ơn {{ customer.firstName }}', body: 'Đơn {{ entry.properties.order_id }} đã nhận.' }],
        ['review', 'send-message', { channel: 'email', subject: 'Đánh giá', body: 'Anh/chị thấy đơn {{ entry.properties.order_id }} thế nào?' }],
        ['done', 'exit', { reason: 'Followed up' }],
      ],
      [
        ['ordered', 'out', 'thanks'],
        ['thanks', 'out', 'review'],
        ['review', 'out', 'done'],
      ],
    );
    const admin = { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' };
    const created = await fetch(api('/api/journeys'), { method: 'POST', headers: admin, body: JSON.stringify({ name: 'Order follow-up', graph }) });
    expect(created.status, await created.clone().text()).toBe(201);
    const { id: journeyId } = (await created.json()) as { id: string };
    const published = await fetch(api(`/api/journeys/${journeyId}/publish`), { method: 'POST', headers: admin, body: '{}' });
    expect(published.status, await published.clone().text()).toBe(201);

    const rnd = random(Number(process.env.BRAID_CRASH_SEED ?? 20261127));
    // Two kills while customers are still arriving, one after, while the emails go out.
    const killAfterAccepted = [Math.floor(40 + rnd() * 80), Math.floor(150 + rnd() * 100)];
    let accepted = 0;
    const kills: string[] = [];
    const clients = (async () => {
      let next = 0;
      await Promise.all(
        Array.from({ length: 8 }, async () => {
          while (next < CUSTOMERS) {
            await sendUntilAccepted(next++);
            accepted++;
            // About 40 customers a second in all: ingestion lasts long enough to be killed twice.
            await new Promise((r) => setTimeout(r, 200));
          }
        }),
      );
    })();
    for (const at of killAfterAccepted) {
      while (accepted < at) await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, rnd() * 100));
      kills.push(`during ingestion after ${accepted} accepted`);
      await killBraid();
      await startBraid();
    }
    await clients;
    // The third kill lands while the emails are still going out.
    const target = Math.floor(CUSTOMERS * (0.3 + rnd() * 0.5));
    for (let tries = 0; (await messagesSent()) < target && tries < 1_200; tries++) await new Promise((r) => setTimeout(r, 25));
    const sentAtKill = await messagesSent();
    kills.push(`during sends with ${sentAtKill} of ${CUSTOMERS * 2} emails sent`);
    await killBraid();
    await startBraid();
    console.log(`[crash] kills: ${kills.join('; ')}`);
    console.log(`[crash] recovery:\n${recoveryLines.join('\n')}`);

    const db = await database();
    const deadline = Date.now() + 240_000;
    for (;;) {
      const rs = await db.execute({ sql: "SELECT count(*) AS n FROM enrollments WHERE journey_id = ? AND status = 'completed'", args: [journeyId] });
      if (Number(rs.rows[0]?.n) === CUSTOMERS) break;
      if (Date.now() > deadline) throw new Error(`only ${String(rs.rows[0]?.n)} of ${CUSTOMERS} finished:\n${running?.output().slice(-3_000)}`);
      await new Promise((r) => setTimeout(r, 500));
    }
    const perCustomer = await db.execute({
      sql: "SELECT recipient, count(*) AS n, count(DISTINCT node_id) AS nodes FROM messages WHERE journey_id = ? AND channel = 'email' GROUP BY recipient",
      args: [journeyId],
    });
    expect(perCustomer.rows).toHaveLength(CUSTOMERS);
    const wrong = perCustomer.rows.filter((r) => Number(r.n) !== 2 || Number(r.nodes) !== 2);
    expect(wrong, 'customers without exactly their two emails').toEqual([]);
    const statuses = await db.execute({ sql: 'SELECT status, count(*) AS n FROM enrollments WHERE journey_id = ? GROUP BY status', args: [journeyId] });
    expect(statuses.rows.map((r) => [r.status, Number(r.n)])).toEqual([['completed', CUSTOMERS]]);
    // Every routing intent was delivered and cleared.
    for (let tries = 0; ; tries++) {
      const left = await db.execute('SELECT count(*) AS n FROM routing_intents');
      if (Number(left.rows[0]?.n) === 0) break;
      expect(tries, 'routing intents left undelivered').toBeLessThan(100);
      await new Promise((r) => setTimeout(r, 200));
    }
  }, 900_000);
});
