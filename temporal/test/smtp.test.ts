// A refusing SMTP server: the send is recorded as failed with the server's words, and the
// customer takes the node's failure path (continue or exit) — no stuck workflow, no crash.
import { and, eq, enrollments, messages } from '@braid/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journeyGraph } from '../../packages/journey/fixtures/builder';
import { eventually, type Stack } from './harness';
import { startStackWithMailbox, type StackWithMailbox } from './mailbox';

let shop: StackWithMailbox;
let stack: Stack;
beforeAll(async () => {
  shop = await startStackWithMailbox({ refuseRecipients: true });
  stack = shop.stack;
});
afterAll(async () => shop?.stop());

const graph = (event: string, onFailure: 'continue' | 'exit') =>
  journeyGraph(
    [
      ['t', 'trigger-event', { event, where: [], reentry: { mode: 'afterExit' }, entryLimit: null }],
      ['mail', 'send-message', { channel: 'email', subject: 'Xin chào', body: 'Xin chào {{ customer.firstName }}', onFailure }],
      ['sms', 'send-message', { channel: 'sms', smsPurpose: 'customer_care', body: 'Email không tới được, gửi SMS' }],
      ['x', 'exit', { reason: 'done' }],
    ],
    [
      ['t', 'out', 'mail'],
      ['mail', 'out', 'sms'],
      ['sms', 'out', 'x'],
    ],
  );

// One phone per customer: a shared phone would merge the two profiles, and the first one's hard
// bounce (recorded as an email opt-out) would skip the second send instead of failing it.
async function run(event: string, onFailure: 'continue' | 'exit', userId: string, phone: string) {
  const { id } = (await (await stack.admin('/journeys', { method: 'POST', body: { name: event, graph: graph(event, onFailure) } })).json()) as { id: string };
  expect((await stack.admin(`/journeys/${id}/publish`, { method: 'POST', body: {} })).status).toBe(201);
  await stack.identify(userId, { firstName: 'Toản', email: `${userId}@example.vn`, phone });
  await stack.track(userId, event);
  const enrollment = await eventually(async () => {
    const [row] = await stack.db.db.select().from(enrollments).where(eq(enrollments.journeyId, id));
    return row && row.status !== 'active' ? row : undefined;
  }, 120_000, 'the enrollment to finish');
  const sent = await stack.db.db.select().from(messages).where(and(eq(messages.journeyId, id), eq(messages.enrollmentId, enrollment.id)));
  return { enrollment, sent };
}

describe('refusing SMTP server', () => {
  it('records the refusal and continues when the node says continue', async () => {
    const { enrollment, sent } = await run('Newsletter Joined', 'continue', 'refused-continue', '+84955555555');
    expect(enrollment.status).toBe('completed');
    const mail = sent.find((m) => m.channel === 'email')!;
    expect(mail.status).toBe('failed');
    expect(mail.error).toMatch(/550|mailbox unavailable/);
    expect(sent.find((m) => m.channel === 'sms')?.status).toBe('sent');
  });

  it('ends the enrollment as failed when the node says exit', async () => {
    const { enrollment, sent } = await run('Webinar Joined', 'exit', 'refused-exit', '+84955555556');
    expect(enrollment.status).toBe('failed');
    expect(sent.map((m) => [m.channel, m.status])).toEqual([['email', 'failed']]);
  });
});
