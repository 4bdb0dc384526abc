// The order follow-up that the durability tests run for many customers at once, on the dev server
// (durability.test.ts) and on a cluster (test-cluster): thanks by email, a wait, a shipping SMS,
// a wait, a review request. However workers and servers fail meanwhile, every customer must get
// exactly those three messages, each once.
import { count, enrollments, eq, messages, type BraidDb } from '@braid/db';
import { expect } from 'vitest';
import { days, journeyGraph } from '../../packages/journey/fixtures/builder';
import type { Braid } from './journey-api';

export const orderFollowUp = (event: string, waitDays: number) =>
  journeyGraph(
    [
      ['ordered', 'trigger-event', { event, where: [], reentry: { mode: 'once' }, entryLimit: null }],
      ['thanks', 'send-message', { channel: 'email', subject: 'Cảm ơn {{ customer.firstName }}', body: 'Đơn {{ entry.properties.order_id }} đã nhận.' }],
      ['wait-ship', 'wait-delay', { duration: days(waitDays) }],
      ['shipped', 'send-message', { channel: 'sms', smsPurpose: 'customer_care', body: 'Đơn {{ entry.properties.order_id }} đang giao.' }],
      ['wait-review', 'wait-delay', { duration: days(waitDays) }],
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

/** `n` customers identified and ordering (`event`), 50 per batch. */
export async function enterOrdering(braid: Pick<Braid, 'ingest'>, prefix: string, n: number, event: string): Promise<void> {
  for (let start = 0; start < n; start += 50) {
    const batch = [];
    for (let i = start; i < Math.min(n, start + 50); i++) {
      const userId = `${prefix}-${i}`;
      batch.push({ type: 'identify', userId, traits: { firstName: `Khách ${i}`, email: `${userId}@example.vn`, phone: `+8490${String(1_000_000 + i).slice(1)}` }, messageId: `${userId}-id` });
      batch.push({ type: 'track', userId, event, properties: { order_id: `HB-${i}` }, messageId: `${userId}-order` });
    }
    expect((await braid.ingest('/v1/batch', { batch })).status).toBe(200);
  }
}

/** How many of the journey's enrollments are in each status. */
export async function journeyCounts(db: BraidDb, journeyId: string): Promise<Record<string, number>> {
  const rows = await db.db.select({ status: enrollments.status, n: count() }).from(enrollments).where(eq(enrollments.journeyId, journeyId)).groupBy(enrollments.status);
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

/** Every enrollment of the journey completed with exactly its three messages, each sent once. */
export async function expectEachSentOnce(db: BraidDb, journeyId: string, customers: number): Promise<void> {
  expect(await journeyCounts(db, journeyId)).toEqual({ completed: customers });
  const perKey = await db.db.select({ key: messages.idempotencyKey, status: messages.status }).from(messages).where(eq(messages.journeyId, journeyId));
  expect(perKey).toHaveLength(3 * customers);
  expect(new Set(perKey.map((m) => m.key)).size).toBe(3 * customers);
  expect(perKey.every((m) => m.status === 'sent')).toBe(true);
  // Three messages per enrollment, one per send step.
  const perEnrollment = await db.client.execute({
    sql: 'SELECT enrollment_id, count(*) AS n, count(DISTINCT node_id) AS nodes FROM messages WHERE journey_id = ? GROUP BY enrollment_id',
    args: [journeyId],
  });
  expect(perEnrollment.rows).toHaveLength(customers);
  expect(perEnrollment.rows.every((r) => Number(r.n) === 3 && Number(r.nodes) === 3)).toBe(true);
}
