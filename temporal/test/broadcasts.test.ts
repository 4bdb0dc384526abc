// Broadcasts on the real Temporal dev server, through the API: a running journey sent to the
// 250 members of a segment, paused and resumed on the way, enrols each member exactly once;
// re-running pages enrols nobody again; bad requests are refused naming the field.
import { and, count, enrollments, eq, messages, segmentMembers } from '@braid/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journeyGraph } from '../../packages/journey/fixtures/builder';
import { enrolBroadcastPage } from '../src/broadcasts/enrol-page';
import { eventually, startStack, type Stack, type WorkerHandle } from './harness';

const MEMBERS = 250;
let stack: Stack;
let worker: WorkerHandle;
beforeAll(async () => {
  stack = await startStack({ timeScale: 1 / 86_400 });
  worker = await stack.startWorker('inProcess');
});
afterAll(async () => {
  await worker?.kill();
  await stack?.stop();
});

type BroadcastView = { id: string; status: string; total: number; enrolled: number; skipped: number; processed: number; etaSeconds: number | null };

async function json<T>(res: Response, status: number): Promise<T> {
  expect(res.status, await res.clone().text()).toBe(status);
  return (await res.json()) as T;
}

async function publish(name: string, graph: unknown): Promise<string> {
  const { id } = await json<{ id: string }>(await stack.admin('/journeys', { method: 'POST', body: { name, graph } }), 201);
  await json(await stack.admin(`/journeys/${id}/publish`, { method: 'POST', body: {} }), 201);
  return id;
}

const tetCampaign = journeyGraph(
  [
    ['start', 'trigger-manual', { reentry: { mode: 'afterExit' }, entryLimit: null }],
    ['wish', 'send-message', { channel: 'web', body: 'Chúc mừng năm mới {{ customer.firstName }}!' }],
    ['done', 'exit', { reason: 'Tết' }],
  ],
  [
    ['start', 'out', 'wish'],
    ['wish', 'out', 'done'],
  ],
);

async function segmentWith(name: string, n: number): Promise<string> {
  const segment = await json<{ id: string }>(
    await stack.admin('/segments', { method: 'POST', body: { name, rule: { match: 'all', conditions: [{ kind: 'eventCount', event: 'Never', where: [], op: 'greaterOrEqual', count: 1, windowMs: 86_400_000 }] } } }),
    201,
  );
  for (let start = 0; start < n; start += 50) {
    const batch = Array.from({ length: Math.min(50, n - start) }, (_, k) => ({ type: 'identify', userId: `${name}-${start + k}`, traits: { firstName: `Khách ${start + k}` } }));
    await json(await stack.batch(batch), 200);
  }
  // The members as segment upkeep would have recorded them (this suite is about broadcasts).
  const rs = await stack.db.client.execute({ sql: "SELECT customer_id FROM customer_identities WHERE type = 'user_id' AND value LIKE ?", args: [`${name}-%`] });
  const rows = rs.rows.map((r) => ({ segmentId: segment.id, customerId: String(r.customer_id), enteredAt: Date.now() }));
  if (rows.length > 0) await stack.db.db.insert(segmentMembers).values(rows);
  return segment.id;
}

describe('broadcasts', () => {
  it('sends a journey to every member of a segment once, through a pause and a resume', async () => {
    const journeyId = await publish('Tết', tetCampaign);
    const segmentId = await segmentWith('tet', MEMBERS);
    const started = await json<BroadcastView>(await stack.admin(`/journeys/${journeyId}/broadcasts`, { method: 'POST', body: { segmentId, ratePerSecond: 50 } }), 201);
    expect(started).toMatchObject({ status: 'running', total: MEMBERS });

    // A second broadcast of the same journey while one runs: one clear 409.
    const again = await stack.admin(`/journeys/${journeyId}/broadcasts`, { method: 'POST', body: { segmentId } });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe('broadcast_running');

    // The first page (200) goes at once, then the rate holds the next one back: pause then.
    await eventually(async () => (await json<BroadcastView>(await stack.admin(`/broadcasts/${started.id}`), 200)).enrolled >= 200, 60_000, 'the first page');
    const paused = await json<BroadcastView>(await stack.admin(`/broadcasts/${started.id}/pause`, { method: 'POST', body: {} }), 200);
    expect(paused.status).toBe('paused');
    await new Promise((r) => setTimeout(r, 5_000));
    const held = await json<BroadcastView>(await stack.admin(`/broadcasts/${started.id}`), 200);
    expect(held.status).toBe('paused');
    expect(held.enrolled).toBe(200);
    expect(held.etaSeconds).toBeNull();
    expect((await stack.admin(`/broadcasts/${started.id}/pause`, { method: 'POST', body: {} })).status).toBe(409);

    await json(await stack.admin(`/broadcasts/${started.id}/resume`, { method: 'POST', body: {} }), 200);
    const done = await eventually(async () => {
      const b = await json<BroadcastView>(await stack.admin(`/broadcasts/${started.id}`), 200);
      return b.status === 'completed' ? b : undefined;
    }, 60_000, 'the broadcast to complete');
    expect(done).toMatchObject({ enrolled: MEMBERS, skipped: 0, processed: MEMBERS });
    await eventually(async () => {
      const [row] = await stack.db.db.select({ n: count() }).from(messages).where(eq(messages.journeyId, journeyId));
      return row?.n === MEMBERS;
    }, 60_000, 'one message per member');
    const perCustomer = await stack.db.client.execute({ sql: 'SELECT customer_id, count(*) AS n FROM enrollments WHERE journey_id = ? GROUP BY customer_id HAVING n > 1', args: [journeyId] });
    expect(perCustomer.rows).toEqual([]);

    // Pages run again (a retry after a crash mid-page) enrol nobody twice.
    await stack.db.client.execute({ sql: "UPDATE broadcasts SET status = 'running', cursor = '' WHERE id = ?", args: [started.id] });
    const deps = { db: stack.db.db, client: stack.client, index: stack.runtime.router!.index };
    const first = await enrolBroadcastPage(deps, started.id);
    const second = await enrolBroadcastPage(deps, started.id);
    expect([first.enrolled, second.enrolled]).toEqual([0, 0]);
    const [n] = await stack.db.db.select({ n: count() }).from(enrollments).where(eq(enrollments.journeyId, journeyId));
    expect(n?.n).toBe(MEMBERS);
    await stack.db.client.execute({ sql: "UPDATE broadcasts SET status = 'completed' WHERE id = ?", args: [started.id] });

    // Listed with the journey; a finished broadcast cannot be cancelled.
    const listed = await json<{ broadcasts: BroadcastView[] }>(await stack.admin(`/journeys/${journeyId}/broadcasts`), 200);
    expect(listed.broadcasts.map((b) => b.id)).toEqual([started.id]);
    expect((await stack.admin(`/broadcasts/${started.id}/cancel`, { method: 'POST', body: {} })).status).toBe(409);
  });

  it('a cancelled broadcast enrols nobody more; customers already in carry on', async () => {
    const journeyId = await publish('Tết huỷ', tetCampaign);
    const segmentId = await segmentWith('huy', 220);
    const started = await json<BroadcastView>(await stack.admin(`/journeys/${journeyId}/broadcasts`, { method: 'POST', body: { segmentId, ratePerSecond: 20 } }), 201);
    await eventually(async () => (await json<BroadcastView>(await stack.admin(`/broadcasts/${started.id}`), 200)).enrolled >= 200, 60_000, 'the first page');
    await json(await stack.admin(`/broadcasts/${started.id}/cancel`, { method: 'POST', body: {} }), 200);
    await new Promise((r) => setTimeout(r, 3_000));
    const after = await json<BroadcastView>(await stack.admin(`/broadcasts/${started.id}`), 200);
    expect(after).toMatchObject({ status: 'cancelled', enrolled: 200 });
    const [n] = await stack.db.db.select({ n: count() }).from(enrollments).where(and(eq(enrollments.journeyId, journeyId)));
    expect(n?.n).toBe(200);
  });

  it('refuses, naming the field: unknown or empty segment, an event-triggered journey, an unknown journey', async () => {
    const journeyId = await publish('Tết lỗi', tetCampaign);
    const unknown = await stack.admin(`/journeys/${journeyId}/broadcasts`, { method: 'POST', body: { segmentId: 'nope' } });
    expect(unknown.status).toBe(422);
    expect(((await unknown.json()) as { error: { details: { field: string }[] } }).error.details[0]!.field).toBe('segmentId');
    const empty = await segmentWith('empty', 0);
    const emptyRes = await stack.admin(`/journeys/${journeyId}/broadcasts`, { method: 'POST', body: { segmentId: empty } });
    expect(emptyRes.status).toBe(422);
    expect(((await emptyRes.json()) as { error: { code: string } }).error.code).toBe('segment_empty');
    const noSegment = await stack.admin(`/journeys/${journeyId}/broadcasts`, { method: 'POST', body: {} });
    expect(noSegment.status).toBe(422);
    const eventJourney = await publish(
      'Theo sự kiện',
      journeyGraph(
        [
          ['t', 'trigger-event', { event: 'Order Placed', where: [], reentry: { mode: 'once' }, entryLimit: null }],
          ['x', 'exit', { reason: 'x' }],
        ],
        [['t', 'out', 'x']],
      ),
    );
    const seg = await segmentWith('ev', 1);
    expect((await stack.admin(`/journeys/${eventJourney}/broadcasts`, { method: 'POST', body: { segmentId: seg } })).status).toBe(422);
    expect((await stack.admin('/journeys/nope/broadcasts', { method: 'POST', body: { segmentId: seg } })).status).toBe(404);
    expect((await stack.admin(`/journeys/${journeyId}/broadcasts`, { method: 'POST', body: { segmentId: seg, ratePerSecond: 0 } })).status).toBe(400);
  });
});
