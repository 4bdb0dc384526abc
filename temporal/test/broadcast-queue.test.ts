// Broadcasts run on their own task queue, on the real Temporal dev server. At first only that
// queue is served, so every customer a broadcast starts stays queued on the journeys' queue (the
// busiest it can be): the broadcast still enrols everyone and completes, answers a pause and a
// cancel, all before any of its customers has taken a step, and a bigger one stops MAX_AHEAD
// customers ahead of the journeys' workers. Then the journeys' worker comes and every customer
// gets the greeting once. A broadcast started on the journeys' queue (as before
// broadcasts had their own) still completes there.
import { count, enrollments, eq, messages } from '@braid/db';
import { NativeConnection, Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBroadcastActivities } from '../src/broadcasts/activities';
import { MAX_AHEAD } from '../src/broadcasts/enrol-page';
import { broadcastWorkflowId, type BroadcastPage } from '../src/workflows/broadcast-contract';
import { BROADCAST_TASK_QUEUE, DEFAULT_TASK_QUEUE } from '../src/workflows/contract';
import { broadcastView, json, publish, runningBroadcast, segmentWith, tetCampaign, type BroadcastView } from './broadcast-fixtures';
import { eventually, startStack, workflowBundlePath, type Stack, type WorkerHandle } from './harness';

let stack: Stack;
let connection: NativeConnection;
let fullWorker: WorkerHandle | undefined;
beforeAll(async () => {
  stack = await startStack({ timeScale: 1 / 86_400 });
  connection = await NativeConnection.connect({ address: stack.temporal.address });
});
afterAll(async () => {
  await fullWorker?.kill();
  await connection?.close();
  await stack?.stop();
});

/** A worker serving the broadcasts' queue only: nobody runs the customers' workflow tasks. */
async function broadcastsOnly(): Promise<{ stop(): Promise<void> }> {
  const worker = await Worker.create({
    connection,
    namespace: stack.temporal.namespace,
    taskQueue: BROADCAST_TASK_QUEUE,
    workflowBundle: { codePath: await workflowBundlePath(stack.dir) },
    activities: createBroadcastActivities({ db: stack.db.db, client: stack.client }),
  });
  const running = worker.run();
  return {
    async stop() {
      worker.shutdown();
      await running;
    },
  };
}

async function stepped(journeyId: string): Promise<{ rows: number; stepped: number; messages: number }> {
  const [rows] = await stack.db.db.select({ n: count() }).from(enrollments).where(eq(enrollments.journeyId, journeyId));
  const rs = await stack.db.client.execute({ sql: 'SELECT count(*) AS n FROM enrollments WHERE journey_id = ? AND current_node IS NOT NULL', args: [journeyId] });
  const [sent] = await stack.db.db.select({ n: count() }).from(messages).where(eq(messages.journeyId, journeyId));
  return { rows: rows?.n ?? 0, stepped: Number(rs.rows[0]!.n), messages: sent?.n ?? 0 };
}

/** The results of the broadcast workflow's page activities so far, from its history. */
async function pagesAnswered(broadcastId: string): Promise<BroadcastPage[]> {
  const history = await stack.client.workflow.getHandle(broadcastWorkflowId(broadcastId)).fetchHistory();
  return (history.events ?? []).flatMap((e) => {
    const payload = e.activityTaskCompletedEventAttributes?.result?.payloads?.[0]?.data;
    return payload ? [JSON.parse(Buffer.from(payload).toString()) as BroadcastPage] : [];
  });
}

describe('broadcasts on their own task queue', () => {
  it('complete and answer pause and cancel while none of the customers they started has taken a step, and stop MAX_AHEAD ahead of them', async () => {
    const members = 250;
    const segmentId = await segmentWith(stack, 'queue', members);
    const journeyId = await publish(stack, 'Tết (hàng đợi riêng)', tetCampaign());
    const pausedJourneyId = await publish(stack, 'Tết (tạm dừng)', tetCampaign());
    const aheadJourneyId = await publish(stack, 'Tết (chờ khách)', tetCampaign());
    const bigSegmentId = await segmentWith(stack, 'ahead', MAX_AHEAD + 50);
    const broadcastWorker = await broadcastsOnly();
    let broadcastId: string;
    let pausedId: string;
    let aheadId: string;
    try {
      // Every member enrolled and the broadcast completed, though the journeys' queue is not served.
      broadcastId = (await json<BroadcastView>(await stack.admin(`/journeys/${journeyId}/broadcasts`, { method: 'POST', body: { segmentId, ratePerSecond: 2_000 } }), 201)).id;
      const completed = await eventually(async () => {
        const b = await broadcastView(stack, broadcastId);
        return b.status === 'completed' ? b : undefined;
      }, 60_000, 'the broadcast to complete');
      expect(completed).toMatchObject({ enrolled: members, skipped: 0 });
      await stack.client.workflow.getHandle(broadcastWorkflowId(broadcastId)).result();
      expect(await stepped(journeyId)).toEqual({ rows: members, stepped: 0, messages: 0 });

      // A slow broadcast: its first page (200) goes at once, the next waits 200 s for the rate.
      pausedId = (await json<BroadcastView>(await stack.admin(`/journeys/${pausedJourneyId}/broadcasts`, { method: 'POST', body: { segmentId, ratePerSecond: 1 } }), 201)).id;
      await eventually(async () => (await broadcastView(stack, pausedId)).enrolled >= 200, 60_000, 'the first page');
      await json(await stack.admin(`/broadcasts/${pausedId}/pause`, { method: 'POST', body: {} }), 200);
      // The workflow woke from the rate's wait and read the pause: a page answered "paused".
      await eventually(async () => (await pagesAnswered(pausedId)).some((p) => p.paused), 60_000, 'the workflow to answer the pause');
      await json(await stack.admin(`/broadcasts/${pausedId}/cancel`, { method: 'POST', body: {} }), 200);
      const ended = await stack.client.workflow.getHandle(broadcastWorkflowId(pausedId)).result();
      expect(ended).toMatchObject({ done: true, enrolled: 0 });
      expect(await broadcastView(stack, pausedId)).toMatchObject({ status: 'cancelled', enrolled: 200 });
      expect(await stepped(pausedJourneyId)).toEqual({ rows: 200, stepped: 0, messages: 0 });
      expect(await stepped(journeyId)).toMatchObject({ stepped: 0, messages: 0 });

      // A broadcast bigger than MAX_AHEAD waits for the journeys' workers instead of piling
      // its whole segment onto their queue.
      aheadId = (await json<BroadcastView>(await stack.admin(`/journeys/${aheadJourneyId}/broadcasts`, { method: 'POST', body: { segmentId: bigSegmentId, ratePerSecond: 2_000 } }), 201)).id;
      await eventually(async () => (await pagesAnswered(aheadId)).some((p) => p.behind), 60_000, 'the broadcast to wait for the journeys');
      expect(await broadcastView(stack, aheadId)).toMatchObject({ status: 'running', enrolled: MAX_AHEAD });
    } finally {
      await broadcastWorker.stop();
    }

    // The journeys' worker comes: every customer queued meanwhile gets the greeting, once.
    fullWorker = await stack.startWorker('inProcess');
    await eventually(async () => (await broadcastView(stack, aheadId)).status === 'completed', 120_000, 'the waiting broadcast to complete');
    expect(await broadcastView(stack, aheadId)).toMatchObject({ enrolled: MAX_AHEAD + 50, skipped: 0 });
    await eventually(
      async () => (await stepped(journeyId)).messages === members && (await stepped(pausedJourneyId)).messages === 200 && (await stepped(aheadJourneyId)).messages === MAX_AHEAD + 50,
      120_000,
      'every greeting',
    );
    const twice = await stack.db.client.execute({
      sql: 'SELECT journey_id, customer_id, count(*) AS n FROM enrollments WHERE journey_id IN (?, ?, ?) GROUP BY journey_id, customer_id HAVING n > 1',
      args: [journeyId, pausedJourneyId, aheadJourneyId],
    });
    expect(twice.rows).toEqual([]);
  });

  it("a broadcast started on the journeys' queue, as before broadcasts had their own, completes there", async () => {
    fullWorker ??= await stack.startWorker('inProcess');
    const segmentId = await segmentWith(stack, 'oldqueue', 230);
    const journeyId = await publish(stack, 'Tết (hàng đợi cũ)', tetCampaign());
    const id = `old-queue-${Date.now()}`;
    await runningBroadcast(stack, { id, journeyId, segmentId, total: 230, at: Date.now() });
    const handle = await stack.client.workflow.start('broadcastWorkflow', { workflowId: broadcastWorkflowId(id), taskQueue: DEFAULT_TASK_QUEUE, args: [{ broadcastId: id }] });
    await handle.result();
    expect(await broadcastView(stack, id)).toMatchObject({ status: 'completed', enrolled: 230, skipped: 0 });
    // Its pages ran on the queue it was started on.
    const history = await handle.fetchHistory();
    const queues = new Set((history.events ?? []).flatMap((e) => (e.activityTaskScheduledEventAttributes ? [e.activityTaskScheduledEventAttributes.taskQueue?.name] : [])));
    expect([...queues]).toEqual([DEFAULT_TASK_QUEUE]);
    await eventually(async () => (await stepped(journeyId)).messages === 230, 120_000, 'every greeting');
    const [rows] = await stack.db.db.select({ n: count() }).from(enrollments).where(eq(enrollments.journeyId, journeyId));
    expect(rows?.n).toBe(230);
  });
});
