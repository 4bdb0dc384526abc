// Consent end to end on the real stack: the real Temporal dev server, the API over HTTP, a real
// libSQL file and a real SMTP server. A marketing email arrives with RFC 8058 one-click headers
// and a signed {{ unsubscribe_url }}; a one-click POST to that link unsubscribes; the next send
// is skipped, nothing reaches the SMTP server, and the customer's trace says why.
import { and, asc, customerIdentities, enrollments, eq, messages, stepLog } from '@braid/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journeyGraph } from '../../packages/journey/fixtures/builder';
import { eventually, type Stack } from './harness';
import { headerOf, startStackWithMailbox, type StackWithMailbox } from './mailbox';

let shop: StackWithMailbox;
let stack: Stack;
let received: StackWithMailbox['received'];

beforeAll(async () => {
  shop = await startStackWithMailbox({ trackingSecret: 'runtime-consent-secret' });
  ({ stack, received } = shop);
}, 120_000);
afterAll(async () => shop?.stop());

async function publish(event: string, send: Record<string, unknown>): Promise<string> {
  const graph = journeyGraph(
    [
      ['t', 'trigger-event', { event, where: [], reentry: { mode: 'afterExit' }, entryLimit: null }],
      ['mail', 'send-message', { channel: 'email', subject: 'Ưu đãi cuối tuần', onFailure: 'continue', ...send }],
      ['x', 'exit', { reason: 'done' }],
    ],
    [
      ['t', 'out', 'mail'],
      ['mail', 'out', 'x'],
    ],
  );
  const created = await stack.admin('/journeys', { method: 'POST', body: { name: event, graph } });
  const { id } = (await created.json()) as { id: string };
  expect((await stack.admin(`/journeys/${id}/publish`, { method: 'POST', body: {} })).status).toBe(201);
  return id;
}

async function finished(journeyId: string, n: number) {
  return eventually(async () => {
    const rows = await stack.db.db.select().from(enrollments).where(eq(enrollments.journeyId, journeyId)).orderBy(asc(enrollments.enteredAt));
    return rows.length >= n && rows.every((r) => r.status !== 'active') ? rows : undefined;
  }, 120_000, `${n} enrollment(s) to finish`);
}

describe('consent at send time', () => {
  it('one-click unsubscribe from a received email skips the next send with its reason', async () => {
    const group = await stack.admin('/subscription-groups', { method: 'POST', body: { name: 'Khuyến mãi', channel: 'email' } });
    expect(group.status).toBe(201);
    const journeyId = await publish('Promo Viewed', { body: 'Chào {{ customer.firstName }}, giảm 20% cuối tuần. Hủy nhận tin: {{ unsubscribe_url }}' });
    await stack.identify('toan', { firstName: 'Toản', email: 'toan@example.vn' });
    const customerId = (await eventually(async () => (await stack.db.db.select().from(customerIdentities).where(eq(customerIdentities.value, 'toan@example.vn')))[0], 10_000, 'the customer'))
      .customerId;

    await stack.track('toan', 'Promo Viewed');
    await finished(journeyId, 1);
    await eventually(async () => received.length === 1 || undefined, 10_000, 'the email');
    const mail = received[0]!;
    expect(mail.subject).toBe('Ưu đãi cuối tuần');
    expect(headerOf(mail, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    const listUnsubscribe = headerOf(mail, 'list-unsubscribe')!;
    const oneClick = /^<(http:\/\/127\.0\.0\.1:\d+\/t\/u\/u1\.[\w-]+\.[\w-]+)>$/.exec(listUnsubscribe)?.[1];
    expect(oneClick, listUnsubscribe).toBeDefined();
    // {{ unsubscribe_url }} renders the signed link, direct (not through a click redirect).
    const inBody = /Hủy nhận tin: (http:\/\/\S+)/.exec(mail.text ?? '')?.[1];
    expect(inBody).toMatch(/\/t\/u\/u1\./);
    // The preference page it opens is Braid's, in Vietnamese.
    const page = await fetch(inBody!);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Tùy chọn nhận tin');

    // What Gmail's "Unsubscribe" button does (RFC 8058).
    const res = await fetch(oneClick!, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(res.status).toBe(200);

    await stack.track('toan', 'Promo Viewed');
    const [, second] = await finished(journeyId, 2);
    // The journey carried on past the skipped send: the enrollment completed, nothing was sent.
    expect(second!.status).toBe('completed');
    expect(received).toHaveLength(1);
    const sent = await stack.db.db.select().from(messages).where(eq(messages.enrollmentId, second!.id));
    expect(sent).toEqual([]);
    const skipped = await stack.db.db.select().from(stepLog).where(and(eq(stepLog.enrollmentId, second!.id), eq(stepLog.outcome, 'skipped')));
    expect(skipped).toEqual([expect.objectContaining({ nodeId: 'mail', customerId, reason: 'skipped: not subscribed: unsubscribed from all email marketing (one_click)' })]);
    // The customer's trace shows the reason.
    const trace = await (await stack.admin(`/journeys/${journeyId}/customers/${customerId}/trace`)).text();
    expect(trace).toContain('skipped: not subscribed');
  }, 240_000);

  it('branches on consent; a transactional message reaches a customer who opted out of all marketing', async () => {
    const news = (await (await stack.admin('/subscription-groups', { method: 'POST', body: { name: 'Bản tin', channel: 'email', mode: 'opt_in' } })).json()) as { id: string };
    const graph = journeyGraph(
      [
        ['t', 'trigger-event', { event: 'Order Shipped', where: [], reentry: { mode: 'afterExit' }, entryLimit: null }],
        ['c', 'condition-consent', { channel: 'email', groupId: news.id }],
        ['promo', 'send-message', { channel: 'email', subject: 'Bản tin tuần này', body: 'Tin mới', subscriptionGroupId: news.id }],
        ['order', 'send-message', { channel: 'email', subject: 'Đơn hàng đã giao', body: 'Đơn #1001 đã giao', messageType: 'transactional' }],
        ['x', 'exit', { reason: 'done' }],
      ],
      [
        ['t', 'out', 'c'],
        ['c', 'yes', 'promo'],
        ['c', 'no', 'order'],
        ['promo', 'out', 'x'],
        ['order', 'out', 'x'],
      ],
    );
    const { id } = (await (await stack.admin('/journeys', { method: 'POST', body: { name: 'Order Shipped', graph } })).json()) as { id: string };
    expect((await stack.admin(`/journeys/${id}/publish`, { method: 'POST', body: {} })).status).toBe(201);
    await stack.identify('lan', { firstName: 'Lan', email: 'lan@example.vn' });
    const customerId = (await eventually(async () => (await stack.db.db.select().from(customerIdentities).where(eq(customerIdentities.value, 'lan@example.vn')))[0], 10_000, 'the customer'))
      .customerId;
    expect((await stack.admin(`/customers/${customerId}/subscriptions`, { method: 'PUT', body: { channels: { email: 'unsubscribed' } } })).status).toBe(200);
    const before = received.length;

    await stack.track('lan', 'Order Shipped');
    const [enrollment] = await finished(id, 1);
    expect(enrollment!.status).toBe('completed');
    await eventually(async () => received.length === before + 1 || undefined, 10_000, 'the order email');
    const mail = received[before]!;
    expect(mail.subject).toBe('Đơn hàng đã giao');
    // Transactional: no unsubscribe headers.
    expect(headerOf(mail, 'list-unsubscribe')).toBeUndefined();
    const steps = await stack.db.db.select().from(stepLog).where(eq(stepLog.enrollmentId, enrollment!.id));
    expect(steps.filter((s) => s.outcome === 'entered').map((s) => s.nodeId)).toEqual(expect.arrayContaining(['c', 'order']));
    expect(steps.some((s) => s.nodeId === 'promo')).toBe(false);
    expect(steps.some((s) => s.outcome === 'skipped')).toBe(false);
  }, 240_000);
});
