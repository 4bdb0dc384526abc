// A broadcast ("send this journey to a segment now") to BENCH_BROADCAST_N customers, measured end
// to end: the segment's members are written straight into the database in three bulk statements
// (as if segment upkeep had recorded them; HTTP one by one would measure ingestion instead), the
// broadcast is started through the admin API at the highest pace it accepts, and the bench
// follows it until every customer has had their message and waits in the journey. Worker RSS is
// sampled every second on the way.
import type { BraidDb } from '@braid/db';
import { journeyGraph, days } from '../../packages/journey/fixtures/builder';
import { MAX_BROADCAST_RATE } from '../src/broadcasts/control';
import { rssMb } from './proc';

type Admin = (path: string, body?: unknown) => Promise<unknown>;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Trigger by hand → greeting on the web channel → a month's wait: a Tết campaign's shape. */
export const tetCampaign = journeyGraph(
  [
    ['start', 'trigger-manual', { reentry: { mode: 'afterExit' }, entryLimit: null }],
    ['wish', 'send-message', { channel: 'web', subject: 'Chúc mừng năm mới', body: 'Chúc mừng năm mới {{ customer.firstName }}!' }],
    ['after', 'wait-delay', { duration: days(30) }],
    ['done', 'exit', { reason: 'bench' }],
  ],
  [
    ['start', 'out', 'wish'],
    ['wish', 'out', 'after'],
    ['after', 'out', 'done'],
  ],
);

/** A segment no event fills, whose `n` members (new customers) are inserted in bulk. */
export async function seedSegment(db: BraidDb, admin: Admin, name: string, n: number): Promise<string> {
  const { id } = (await admin('/segments', {
    name,
    rule: { match: 'all', conditions: [{ kind: 'eventCount', event: 'Bench Never', where: [], op: 'greaterOrEqual', count: 1, windowMs: 86_400_000 }] },
  })) as { id: string };
  const workspaceId = String((await db.client.execute('SELECT workspace_id FROM segments WHERE id = ?', [id])).rows[0]!.workspace_id);
  const now = Date.now();
  // Customer ids sort like the API's ULIDs do (by creation), which is the order a broadcast pages in.
  const seq = `WITH RECURSIVE seq(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM seq WHERE i < ${n - 1})`;
  const customerId = `'${name}-' || printf('%07d', i)`;
  await db.client.batch(
    [
      { sql: `INSERT INTO customers (id, workspace_id, traits, created_at, updated_at) ${seq} SELECT ${customerId}, ?, json_object('firstName', 'Khách ' || i), ?, ? FROM seq`, args: [workspaceId, now, now] },
      { sql: `INSERT INTO customer_identities (workspace_id, type, value, customer_id) ${seq} SELECT ?, 'user_id', ${customerId}, ${customerId} FROM seq`, args: [workspaceId] },
      { sql: `INSERT INTO segment_members (segment_id, customer_id, entered_at) ${seq} SELECT ?, ${customerId}, ? FROM seq`, args: [id, now] },
    ],
    'write',
  );
  return id;
}

export type BroadcastFigures = { seedSeconds: number; enrolSeconds: number; completedSeconds: number; allWaitingSeconds: number; reached: number; peakRssMb: number; endRssMb: number };

/** Starts the broadcast and follows it (bounded: at least 1 customer/s, or it gives up and says so). */
export async function measureBroadcast(options: { db: BraidDb; admin: Admin; publish: (name: string, graph: unknown) => Promise<string>; workerPid: number; customers: number }): Promise<BroadcastFigures> {
  const { db, admin, customers } = options;
  const journeyId = await options.publish('Bench: Tết broadcast', tetCampaign);
  let t = performance.now();
  const segmentId = await seedSegment(db, admin, 'bench-tet', customers);
  const seedSeconds = (performance.now() - t) / 1000;

  t = performance.now();
  const broadcast = (await admin(`/journeys/${journeyId}/broadcasts`, { segmentId, ratePerSecond: MAX_BROADCAST_RATE })) as { id: string };
  let enrolSeconds = NaN;
  let completedSeconds = NaN;
  let reached = 0;
  let peakRssMb = 0;
  const deadline = Date.now() + (customers + 600) * 1000;
  let allWaitingSeconds = NaN;
  while (Date.now() < deadline) {
    await sleep(1_000);
    peakRssMb = Math.max(peakRssMb, rssMb(options.workerPid));
    if (Number.isNaN(completedSeconds)) {
      // Enrolled: every member handled. Completed: the row says so, which takes the workflow's
      // closing page (a broadcast on the journeys' own task queue waited there behind them).
      const row = (await db.client.execute('SELECT status, total, enrolled + skipped AS processed FROM broadcasts WHERE id = ?', [broadcast.id])).rows[0];
      const seconds = (performance.now() - t) / 1000;
      if (Number.isNaN(enrolSeconds) && (row?.status !== 'running' || Number(row.processed) >= Number(row.total))) enrolSeconds = seconds;
      if (row?.status !== 'running') completedSeconds = seconds;
    }
    reached = Number(
      (await db.client.execute({ sql: "SELECT count(*) AS n FROM enrollments WHERE journey_id = ? AND current_node = 'after'", args: [journeyId] })).rows[0]!.n,
    );
    if (reached >= customers && Number.isNaN(allWaitingSeconds)) allWaitingSeconds = (performance.now() - t) / 1000;
    if (reached >= customers && !Number.isNaN(completedSeconds)) break;
  }
  if (Number.isNaN(allWaitingSeconds)) allWaitingSeconds = (performance.now() - t) / 1000;
  return { seedSeconds, enrolSeconds, completedSeconds, allWaitingSeconds, reached, peakRssMb, endRssMb: rssMb(options.workerPid) };
}
