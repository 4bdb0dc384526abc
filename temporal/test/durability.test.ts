// Durability against the real server: a worker killed with SIGKILL mid-journey, and the
// Temporal server itself stopped and restarted, lose no customer and send nothing twice.
import { count, eq, enrollments, messages, sql } from '@braid/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { days, journeyGraph } from '../../packages/journey/fixtures/builder';
import { eventually, startStack, type Stack } from './harness';

/** A day lasts one second. */
const DAY_MS = 1_000;
let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ timeScale: DAY_MS / 86_400_000 });
});
afterAll(async () => stack?.stop());

const orderFollowUp = (event: string) =>
  journeyGraph(
    [
      ['ordered', 'trigger-event', { event, where: [], reentry: { mode: 'once' }, entryLimit: null }],
      ['thanks', 'send-message', { channel: 'email', subject: 'Cảm ơn {{ customer.firstName }}', body: 'Đơn {{ entry.properties.order_id }} đã nhận.' }],
      ['wait-ship', 'wait-delay', { duration: days(2) }],
      ['shipped', 'send-message', { channel: 'sms', smsPurpose: 'customer_care', body: 'Đơn {{ entry.properties.order_id }} đang giao.' }],
      ['wait-review', 'wait-delay', { duration: days(2) }],
      ['review', 'send-message', { channel: 'email', subject: 'Đánh giá', body: 'Anh/chị thấy thế nào?' }],
      ['done', 'exit', { reason: 'Followed up' }],
    ],
    [
      ['ordered', 'out', 'thanks'],
      ['thanks', 'out', 'wait-ship'],
      ['wait-ship', 'out', 'shipped'],
      ['shipped', 'out', 'wait-review'],
      ['wait-review', 'out', 'review'],
      ['review', 'out', 'done'],
    ],
  );

async function publish(name: string, graph: unknown): Promise<string> {
  const { id } = (await (await stack.admin('/journeys', { method: 'POST', body: { name, graph } })).json()) as { id: string };
  const res = await stack.admin(`/journeys/${id}/publish`, { method: 'POST', body: {} });
  expect(res.status, await res.clone().text()).toBe(201);
  return id;
}

async function enter(prefix: string, n: number, event: string): Promise<void> {
  for (let start = 0; start < n; start += 50) {
    const batch = [];
    for (let i = start; i < Math.min(n, start + 50); i++) {
      const userId = `${prefix}-${i}`;
      batch.push({ type: 'identify', userId, traits: { firstName: `Khách ${i}`, email: `${userId}@example.vn`, phone: `+8490${String(1_000_000 + i).slice(1)}` }, messageId: `${userId}-id` });
      batch.push({ type: 'track', userId, event, properties: { order_id: `HB-${i}` }, messageId: `${userId}-order` });
    }
    const res = await stack.batch(batch);
    expect(res.status).toBe(200);
  }
}

async function journeyCounts(journeyId: string) {
  const rows = await stack.db.db.select({ status: enrollments.status, n: count() }).from(enrollments).where(eq(enrollments.journeyId, journeyId)).groupBy(enrollments.status);
  return Object.fromEntries(rows.map((r) => [r.status, r.n])) as Record<string, number>;
}

describe('durability', () => {
  it('200 customers survive a worker killed with SIGKILL mid-journey: all finish, nothing sent twice', async () => {
    const journeyId = await publish('Order follow-up', orderFollowUp('Order Placed'));
    let worker = await stack.startWorker('child');
    await enter('kill', 200, 'Order Placed');
    // Mid-journey: some customers have had their first message, none has finished.
    await eventually(async () => {
      const [row] = await stack.db.db.select({ n: count() }).from(messages).where(eq(messages.journeyId, journeyId));
      return (row?.n ?? 0) >= 150;
    }, 120_000, 'the first sends');
    await worker.kill('SIGKILL');
    const atKill = await journeyCounts(journeyId);
    expect(atKill.completed ?? 0).toBeLessThan(200);
    worker = await stack.startWorker('child');

    await eventually(async () => (await journeyCounts(journeyId)).completed === 200, 180_000, 'every customer to finish');
    const counts = await journeyCounts(journeyId);
    expect(counts).toEqual({ completed: 200 });
    const perKey = await stack.db.db
      .select({ key: messages.idempotencyKey, status: messages.status })
      .from(messages)
      .where(eq(messages.journeyId, journeyId));
    expect(perKey).toHaveLength(600);
    expect(new Set(perKey.map((m) => m.key)).size).toBe(600);
    expect(perKey.every((m) => m.status === 'sent')).toBe(true);
    // Three messages per enrollment, one per send node.
    const perEnrollment = await stack.db.client.execute({
      sql: 'SELECT enrollment_id, count(*) AS n, count(DISTINCT node_id) AS nodes FROM messages WHERE journey_id = ? GROUP BY enrollment_id',
      args: [journeyId],
    });
    expect(perEnrollment.rows).toHaveLength(200);
    expect(perEnrollment.rows.every((r) => Number(r.n) === 3 && Number(r.nodes) === 3)).toBe(true);
    await worker.kill('SIGTERM');
  });

  it('waiting journeys resume after the Temporal server is stopped and restarted', async () => {
    const journeyId = await publish('Follow-up across a restart', orderFollowUp('Order Shipped'));
    const worker = await stack.startWorker('child');
    await enter('restart', 20, 'Order Shipped');
    await eventually(async () => {
      const [row] = await stack.db.db.select({ n: count() }).from(enrollments).where(sql`${enrollments.journeyId} = ${journeyId} AND ${enrollments.currentNode} = 'wait-ship'`);
      return (row?.n ?? 0) === 20;
    }, 60_000, 'everyone waiting');
    await stack.restartTemporal();
    await eventually(async () => (await journeyCounts(journeyId)).completed === 20, 180_000, 'every customer to finish after the restart');
    const [sent] = await stack.db.db.select({ n: count() }).from(messages).where(eq(messages.journeyId, journeyId));
    expect(sent?.n).toBe(60);
    await worker.kill('SIGTERM');
  });
});
