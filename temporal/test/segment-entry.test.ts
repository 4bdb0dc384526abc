// Segment-triggered journeys on the real Temporal dev server: a customer enters the journey
// within seconds of the change that made them join — a person's trait edit (profile touch), a
// changed rule (the scheduled pass over everyone) — and a join left unrouted by a crash is
// enrolled by upkeep exactly once.
import { and, enrollments, eq, segmentChanges } from '@braid/db';
import type { SegmentUpkeep } from '@braid/temporal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journeyGraph } from '../../packages/journey/fixtures/builder';
import { eventually, startStack, type Stack } from './harness';
import { customerIdOf } from './journey-api';

let stack: Stack;
let upkeep: SegmentUpkeep;

beforeAll(async () => {
  stack = await startStack({ timeScale: 1 });
  await stack.startWorker('inProcess');
  upkeep = stack.runtime.startSegmentUpkeep({ touchesEveryMs: 100, scheduleEveryMs: 100, joinsEveryMs: 100 });
});
afterAll(async () => {
  await upkeep?.stop();
  await stack?.stop();
});

async function json<T>(res: Response, status: number): Promise<T> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return JSON.parse(text) as T;
}

async function segmentJourney(name: string, segmentId: string): Promise<string> {
  const graph = journeyGraph(
    [
      ['joined', 'trigger-segment', { segmentId, reentry: { mode: 'once' }, entryLimit: null }],
      ['web', 'send-message', { channel: 'web', body: 'Chào mừng vào nhóm {{ entry.properties.segmentId }}' }],
      ['x', 'exit', { reason: 'welcomed' }],
    ],
    [
      ['joined', 'out', 'web'],
      ['web', 'out', 'x'],
    ],
  );
  const { id } = await json<{ id: string }>(await stack.admin('/journeys', { method: 'POST', body: { name, graph } }), 201);
  await json(await stack.admin(`/journeys/${id}/publish`, { method: 'POST', body: { note: 'test' } }), 201);
  return id;
}

const enrollmentsOf = (journeyId: string, customerId: string) =>
  stack.db.db.select().from(enrollments).where(and(eq(enrollments.journeyId, journeyId), eq(enrollments.customerId, customerId)));

describe('segment-triggered journeys', () => {
  it("enrols a customer within seconds of a person's trait edit making them join", async () => {
    await json(await stack.identify('seg-vip', { name: 'Chị Mai', vip: false }), 200);
    const customerId = await customerIdOf(stack.db, 'seg-vip');
    const segment = await json<{ id: string }>(await stack.admin('/segments', { method: 'POST', body: { name: 'VIP', rule: { conditions: [{ kind: 'trait', filter: { path: 'vip', op: 'equals', value: true } }] } } }), 201);
    const journeyId = await segmentJourney('Chào khách VIP', segment.id);
    await eventually(async () => (await json<{ evaluatedAt: number | null }>(await stack.admin(`/segments/${segment.id}`), 200)).evaluatedAt !== null, 10_000, 'the first evaluation');
    expect(await enrollmentsOf(journeyId, customerId)).toEqual([]);
    const changedAt = Date.now();
    await json(await stack.admin(`/customers/${customerId}/traits`, { method: 'PATCH', body: { traits: { vip: true } } }), 200);
    await eventually(async () => (await enrollmentsOf(journeyId, customerId)).length === 1, 15_000, 'enrolment after the edit');
    const [enrolled] = await enrollmentsOf(journeyId, customerId);
    expect(enrolled!.enteredAt - changedAt).toBeGreaterThanOrEqual(0);
    expect(enrolled!.entryEventId).toMatch(/^segment-join:\d+$/);
    await eventually(async () => (await enrollmentsOf(journeyId, customerId))[0]?.status === 'completed', 30_000, 'the welcome journey to finish');
  });

  it('enrols customers already matching a changed rule, through the scheduled pass over everyone', async () => {
    await json(await stack.identify('seg-hn', { name: 'Anh Toản', city: 'Hà Nội' }), 200);
    const customerId = await customerIdOf(stack.db, 'seg-hn');
    const segment = await json<{ id: string }>(await stack.admin('/segments', { method: 'POST', body: { name: 'Khách Hà Nội', rule: { conditions: [{ kind: 'trait', filter: { path: 'city', op: 'equals', value: 'Đà Nẵng' } }] } } }), 201);
    const journeyId = await segmentJourney('Mời đến showroom Hàng Giấy', segment.id);
    await json(await stack.admin(`/segments/${segment.id}`, { method: 'PUT', body: { name: 'Khách Hà Nội', rule: { conditions: [{ kind: 'trait', filter: { path: 'city', op: 'equals', value: 'hà nội' } }] } } }), 200);
    await eventually(async () => (await enrollmentsOf(journeyId, customerId)).length === 1, 15_000, 'enrolment after the rule changed');
  });

  it('a join left unrouted by a crash is enrolled once by upkeep, and a second pass does not enrol again', async () => {
    await json(await stack.identify('seg-crash', { name: 'Anh Toán', tier: 'gold' }), 200);
    const customerId = await customerIdOf(stack.db, 'seg-crash');
    const segment = await json<{ id: string }>(await stack.admin('/segments', { method: 'POST', body: { name: 'Vàng', rule: { conditions: [{ kind: 'trait', filter: { path: 'tier', op: 'equals', value: 'platinum' } }] } } }), 201);
    const journeyId = await segmentJourney('Quà hạng vàng', segment.id);
    // The join as an evaluation records it, with the process that recorded it gone before enrolling.
    const [workspace] = (await stack.db.client.execute({ sql: 'SELECT workspace_id FROM customers WHERE id = ?', args: [customerId] })).rows;
    const [change] = await stack.db.db
      .insert(segmentChanges)
      .values({ workspaceId: String(workspace!.workspace_id), segmentId: segment.id, customerId, change: 'joined', at: Date.now(), routedAt: null, leaseUntil: 0 })
      .returning({ id: segmentChanges.id });
    await eventually(async () => (await enrollmentsOf(journeyId, customerId)).length === 1, 15_000, 'enrolment of the unrouted join');
    await eventually(async () => (await stack.db.db.select().from(segmentChanges).where(eq(segmentChanges.id, change!.id)))[0]?.routedAt !== null, 5_000, 'the join marked routed');
    // Routed again (a crash between enrolling and marking, its lease run out): the same entry event finds its enrollment.
    await stack.db.db.update(segmentChanges).set({ routedAt: null, leaseUntil: 0 }).where(eq(segmentChanges.id, change!.id));
    await eventually(async () => (await stack.db.db.select().from(segmentChanges).where(eq(segmentChanges.id, change!.id)))[0]?.routedAt !== null, 5_000, 'the second pass');
    expect(await enrollmentsOf(journeyId, customerId)).toHaveLength(1);
  });
});
