// Durability against the real server: a worker killed with SIGKILL mid-journey, and the
// Temporal server itself stopped and restarted, lose no customer and send nothing twice.
import { count, eq, enrollments, messages, sql } from '@braid/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startStack, type Stack } from './harness';
import { publishJourney } from './journey-api';
import { enterOrdering, expectEachSentOnce, journeyCounts, orderFollowUp } from './order-follow-up';

/** A day lasts one second. */
const DAY_MS = 1_000;
let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ timeScale: DAY_MS / 86_400_000 });
});
afterAll(async () => stack?.stop());

describe('durability', () => {
  it('200 customers survive a worker killed with SIGKILL mid-journey: all finish, nothing sent twice', async () => {
    const { id: journeyId } = await publishJourney(stack, 'Order follow-up', orderFollowUp('Order Placed', 2));
    let worker = await stack.startWorker('child');
    await enterOrdering(stack, 'kill', 200, 'Order Placed');
    // Mid-journey: some customers have had their first message, none has finished.
    await eventually(async () => {
      const [row] = await stack.db.db.select({ n: count() }).from(messages).where(eq(messages.journeyId, journeyId));
      return (row?.n ?? 0) >= 150;
    }, 120_000, 'the first sends');
    await worker.kill('SIGKILL');
    const atKill = await journeyCounts(stack.db, journeyId);
    expect(atKill.completed ?? 0).toBeLessThan(200);
    worker = await stack.startWorker('child');

    await eventually(async () => (await journeyCounts(stack.db, journeyId)).completed === 200, 180_000, 'every customer to finish');
    await expectEachSentOnce(stack.db, journeyId, 200);
    await worker.kill('SIGTERM');
  });

  it('waiting journeys resume after the Temporal server is stopped and restarted', async () => {
    const { id: journeyId } = await publishJourney(stack, 'Follow-up across a restart', orderFollowUp('Order Shipped', 2));
    const worker = await stack.startWorker('child');
    await enterOrdering(stack, 'restart', 20, 'Order Shipped');
    await eventually(async () => {
      const [row] = await stack.db.db.select({ n: count() }).from(enrollments).where(sql`${enrollments.journeyId} = ${journeyId} AND ${enrollments.currentNode} = 'wait-ship'`);
      return (row?.n ?? 0) === 20;
    }, 60_000, 'everyone waiting');
    await stack.restartTemporal();
    await eventually(async () => (await journeyCounts(stack.db, journeyId)).completed === 20, 180_000, 'every customer to finish after the restart');
    const [sent] = await stack.db.db.select({ n: count() }).from(messages).where(eq(messages.journeyId, journeyId));
    expect(sent?.n).toBe(60);
    await worker.kill('SIGTERM');
  });
});
