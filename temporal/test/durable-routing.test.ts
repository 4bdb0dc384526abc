// Durable routing against the real Temporal server: an event answered 2xx reaches its journeys
// even when the process dies after storing it, or between writing the enrollment row and
// starting the workflow; a replay of an event already routed changes nothing; an active row
// whose workflow is gone is finished with a recorded reason.
import { and, count, enrollments, eq, events, messages, newId, routingIntents, stepLog } from '@braid/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi } from '@braid/api';
import { journeyGraph } from '../../packages/journey/fixtures/builder';
import { journeyWorkflowId } from '../src/workflows/contract';
import { eventually, startStack, WRITE_KEY, type Stack, type WorkerHandle } from './harness';

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

const welcome = (event: string, reentry: Record<string, unknown> = { mode: 'once' }) =>
  journeyGraph(
    [
      ['entered', 'trigger-event', { event, where: [], reentry, entryLimit: null }],
      ['hello', 'send-message', { channel: 'email', subject: 'Chào {{ customer.firstName }}', body: 'Đơn {{ entry.properties.order_id }}' }],
      ['done', 'exit', { reason: 'Welcomed' }],
    ],
    [
      ['entered', 'out', 'hello'],
      ['hello', 'out', 'done'],
    ],
  );

async function publish(name: string, graph: unknown): Promise<string> {
  const { id } = (await (await stack.admin('/journeys', { method: 'POST', body: { name, graph } })).json()) as { id: string };
  const res = await stack.admin(`/journeys/${id}/publish`, { method: 'POST', body: {} });
  expect(res.status, await res.clone().text()).toBe(201);
  return id;
}

/** An API on the same database whose process "dies" right after the events are committed. */
async function crashingApi() {
  const api = await startApi({
    db: stack.db,
    port: 0,
    log: () => undefined,
    onEventsIngested: () => {
      throw new Error('process died after the commit');
    },
  });
  const basic = `Basic ${Buffer.from(`${WRITE_KEY}:`).toString('base64')}`;
  return {
    api,
    post: (path: string, body: unknown) =>
      fetch(`${api.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: basic }, body: JSON.stringify(body) }),
  };
}

const sentTo = async (journeyId: string) =>
  (await stack.db.db.select({ customerId: messages.customerId, key: messages.idempotencyKey }).from(messages).where(eq(messages.journeyId, journeyId))).length;

const enrollmentsOf = (journeyId: string) =>
  stack.db.db.select({ id: enrollments.id, status: enrollments.status }).from(enrollments).where(eq(enrollments.journeyId, journeyId));

describe('durable routing', () => {
  it('events stored by a process that died before routing them are replayed: every customer enters once', async () => {
    const journeyId = await publish('Replay after a crash', welcome('Order Placed'));
    const crashed = await crashingApi();
    const batch = Array.from({ length: 20 }, (_, i) => [
      { type: 'identify', userId: `lost-${i}`, traits: { firstName: `Khách ${i}`, email: `lost-${i}@example.vn` }, messageId: `lost-${i}-id` },
      { type: 'track', userId: `lost-${i}`, event: 'Order Placed', properties: { order_id: `HB-${i}` }, messageId: `lost-${i}-order` },
    ]).flat();
    expect((await crashed.post('/v1/batch', { batch })).status).toBe(200);
    await crashed.api.close();
    // Answered 200, nothing routed: the intent (one for the request) waits in routing_intents.
    expect(await enrollmentsOf(journeyId)).toHaveLength(0);
    expect(await stack.runtime.dispatcher!.pending()).toBe(40);
    // The client retries (deduplicated by messageId: stored once, still not lost).
    expect((await stack.batch(batch)).status).toBe(200);

    const report = await stack.runtime.dispatcher!.replayDue({ all: true });
    expect(report).toMatchObject({ replayed: 40, retrying: 0, missing: 0 });
    await eventually(async () => (await sentTo(journeyId)) === 20, 60_000, 'one email per customer');
    await eventually(async () => (await enrollmentsOf(journeyId)).every((e) => e.status === 'completed'), 60_000, 'everyone finished');
    expect(await enrollmentsOf(journeyId)).toHaveLength(20);
    expect(await stack.runtime.dispatcher!.pending()).toBe(0);

    // A second replay (another API process, or the intents restored) enrols nobody again.
    const ids = await stack.db.db.select({ id: events.id }).from(events).where(eq(events.name, 'Order Placed'));
    await stack.db.db.insert(routingIntents).values({ id: newId(), workspaceId: 'ignored', eventIds: ids.map(({ id }) => id), availableAt: 0, createdAt: 0 });
    await stack.runtime.dispatcher!.replayDue();
    await new Promise((r) => setTimeout(r, 1_000));
    expect(await enrollmentsOf(journeyId)).toHaveLength(20);
    expect(await sentTo(journeyId)).toBe(20);
  });

  it('an enrollment row written just before a crash (no workflow) is started by the replay, not refused by the re-entry rule', async () => {
    const journeyId = await publish('Crash between row and start', welcome('Cart Abandoned'));
    const crashed = await crashingApi();
    const userId = 'between-row-and-start';
    expect((await crashed.post('/v1/identify', { userId, traits: { firstName: 'Lan', email: 'lan@example.vn' } })).status).toBe(200);
    expect((await crashed.post('/v1/track', { userId, event: 'Cart Abandoned', properties: { order_id: 'HB-9' }, messageId: 'cart-9' })).status).toBe(200);
    await crashed.api.close();
    const [event] = await stack.db.db.select().from(events).where(eq(events.messageId, 'cart-9'));
    // What the dead process left: the row, `active`, no step, no workflow.
    const published = await stack.runtime.router!.index.version(journeyId, 1);
    await stack.db.db.insert(enrollments).values({
      id: 'enr-left-behind',
      workspaceId: event!.workspaceId,
      journeyId,
      version: 1,
      customerId: event!.customerId,
      workflowId: journeyWorkflowId(journeyId, event!.customerId),
      status: 'active',
      enteredAt: Date.now() - 1_000,
      entryEventId: event!.id,
    });
    expect(published).not.toBeNull();

    await stack.runtime.dispatcher!.replayDue({ all: true });
    await eventually(async () => (await enrollmentsOf(journeyId))[0]?.status === 'completed', 60_000, 'the left-behind enrollment to finish');
    expect(await enrollmentsOf(journeyId)).toEqual([{ id: 'enr-left-behind', status: 'completed' }]);
    const [sent] = await stack.db.db.select({ subject: messages.subject, body: messages.body }).from(messages).where(eq(messages.journeyId, journeyId));
    expect(sent).toEqual({ subject: 'Chào Lan', body: expect.stringContaining('HB-9') });
  });

  it('a replay of an event already routed sends nothing twice, even when the journey lets customers re-enter', async () => {
    const journeyId = await publish('Every time', welcome('Voucher Claimed', { mode: 'everyTime', minGapMs: 0 }));
    await stack.identify('again', { firstName: 'Minh', email: 'minh@example.vn' });
    expect((await stack.track('again', 'Voucher Claimed', { order_id: 'V1' }, 'voucher-1')).status).toBe(200);
    await eventually(async () => (await sentTo(journeyId)) === 1, 60_000, 'the first email');
    await stack.runtime.dispatcher!.flush();
    const [event] = await stack.db.db.select().from(events).where(eq(events.messageId, 'voucher-1'));
    await stack.db.db.insert(routingIntents).values({ id: newId(), workspaceId: event!.workspaceId, eventIds: [event!.id], availableAt: 0, createdAt: 0 });
    const report = await stack.runtime.dispatcher!.replayDue();
    expect(report.replayed).toBe(1);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(await enrollmentsOf(journeyId)).toHaveLength(1);
    expect(await sentTo(journeyId)).toBe(1);
  });

  it('an active row whose workflow is gone is finished as failed with the reason in the step log', async () => {
    const journeyId = await publish('Gone', welcome('Gone Event'));
    const [event] = await stack.db.db.select().from(events).where(eq(events.messageId, 'cart-9'));
    await stack.db.db.insert(enrollments).values({
      id: 'enr-gone',
      workspaceId: event!.workspaceId,
      journeyId,
      version: 1,
      customerId: event!.customerId,
      workflowId: journeyWorkflowId(journeyId, event!.customerId),
      status: 'active',
      currentNode: 'hello',
      enteredAt: Date.now() - 10 * 60_000,
    });
    const { reconcileAllActive } = await import('../src/routing/reconcile');
    const report = await reconcileAllActive({ db: stack.db.db, client: stack.client, index: stack.runtime.router!.index }, { graceMs: 0 });
    expect(report).toMatchObject({ finished: 1, errors: 0 });
    expect(await enrollmentsOf(journeyId)).toEqual([{ id: 'enr-gone', status: 'failed' }]);
    const [log] = await stack.db.db.select({ reason: stepLog.reason, nodeId: stepLog.nodeId }).from(stepLog).where(and(eq(stepLog.enrollmentId, 'enr-gone')));
    expect(log).toEqual({ nodeId: 'hello', reason: expect.stringContaining('workflow is gone') });
    const [n] = await stack.db.db.select({ n: count() }).from(enrollments).where(and(eq(enrollments.status, 'active'), eq(enrollments.journeyId, journeyId)));
    expect(n?.n).toBe(0);
  });
});
