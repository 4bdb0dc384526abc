// "Reach each customer on their best channel" on the real Temporal dev server: three customers
// with different histories view a product; the template's best-channel step reads each one's
// messages, addresses and consent, sends each down a different branch, and the step log says why.
import { and, asc, customers, enrollments, eq, messages, stepLog, type MessageStatus } from '@braid/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bestChannelReach } from '../../packages/journey/fixtures/index';
import { journeyGraph } from '../../packages/journey/fixtures/builder';
import { eventually, startStack, type Stack } from './harness';

/** A day lasts ten seconds: the week the template waits never ends during the test. */
const DAY_MS = 10_000;
let stack: Stack;
let journeyId: string;

/**
 * The template first waits for the customer's usual hour, a clock hour that no time scale
 * shortens: customers with history answered this hour; those without wait for the step's own
 * fallback hour, set here as a marketer would to the current hour in Vietnam (waiting out the
 * last two minutes of an hour, so the hour cannot turn while the test runs).
 */
async function withFallbackHourNow(graph: typeof bestChannelReach): Promise<typeof bestChannelReach> {
  const vn = () => new Date(Date.now() + 7 * 3_600_000);
  if (vn().getUTCMinutes() >= 58) await new Promise((r) => setTimeout(r, (60 - vn().getUTCMinutes()) * 60_000 - vn().getUTCSeconds() * 1000 + 5_000));
  const hour = vn().getUTCHours();
  return { ...graph, nodes: graph.nodes.map((n) => (n.id === 'best-hour' ? { ...n, config: { ...(n.config as object), fallbackHour: hour } } : n)) };
}

beforeAll(async () => {
  stack = await startStack({ timeScale: DAY_MS / 86_400_000 });
  await stack.startWorker('inProcess');
  const graph = await withFallbackHourNow(bestChannelReach);
  const created = await stack.admin('/journeys', { method: 'POST', body: { name: 'Tiếp cận khách trên kênh tốt nhất', graph } });
  expect(created.status).toBe(201);
  journeyId = ((await created.json()) as { id: string }).id;
  const published = await stack.admin(`/journeys/${journeyId}/publish`, { method: 'POST', body: { note: 'best channel' } });
  expect(published.status, await published.clone().text()).toBe(201);
});
afterAll(async () => {
  await stack?.stop();
});

async function customerOf(userId: string): Promise<{ id: string; workspaceId: string }> {
  const r = await stack.db.client.execute({ sql: "SELECT customer_id FROM customer_identities WHERE type = 'user_id' AND value = ?", args: [userId] });
  const id = String(r.rows[0]?.customer_id);
  const [c] = await stack.db.db.select({ workspaceId: customers.workspaceId }).from(customers).where(eq(customers.id, id));
  return { id, workspaceId: c!.workspaceId };
}

let seq = 0;
/** Earlier campaigns' messages to this customer, as the send path and provider callbacks leave them. */
async function history(customer: { id: string; workspaceId: string }, channel: string, statuses: MessageStatus[]) {
  // Each answered a minute after it was sent, at this hour of an earlier day: this hour is their usual one.
  const now = Date.now();
  for (const [i, status] of statuses.entries()) {
    seq += 1;
    const at = now - (i + 1) * 86_400_000;
    await stack.db.db.insert(messages).values({ id: `hist-${seq}`, workspaceId: customer.workspaceId, customerId: customer.id, channel, idempotencyKey: `hist-${seq}`, status, createdAt: at, updatedAt: at + 60_000 });
  }
}

async function decision(customerId: string) {
  return eventually(async () => {
    const [enrollment] = await stack.db.db.select().from(enrollments).where(and(eq(enrollments.journeyId, journeyId), eq(enrollments.customerId, customerId)));
    if (!enrollment) return undefined;
    const rows = await stack.db.db.select().from(stepLog).where(eq(stepLog.enrollmentId, enrollment.id)).orderBy(asc(stepLog.at), asc(stepLog.id));
    const left = rows.find((r) => r.nodeId === 'best-channel' && r.outcome === 'left');
    const next = rows.filter((r) => r.outcome === 'entered').map((r) => r.nodeId);
    return left && next.length >= 3 ? { reason: left.reason ?? '', entered: next } : undefined;
  }, 60_000, `the best-channel decision for ${customerId}`);
}

describe('best channel on the real runtime', () => {
  it('routes the Zalo opener to Zalo, the email clicker to email and phone-only Toán to a hotline call, and says why', async () => {
    expect((await stack.identify('toan-zalo', { firstName: 'Toản', email: 'toan.zalo@hoaban.vn', zalo_id: 'zalo-1001' })).status).toBe(200);
    expect((await stack.identify('toan-email', { firstName: 'Toàn', email: 'toan.email@hoaban.vn', facebook_psid: 'psid-2002' })).status).toBe(200);
    expect((await stack.identify('toan-phone', { firstName: 'Toán', phone: '0912345678' })).status).toBe(200);
    const zaloFan = await customerOf('toan-zalo');
    const emailReader = await customerOf('toan-email');
    const phoneOnly = await customerOf('toan-phone');

    await history(zaloFan, 'zalo', ['opened', 'replied', 'opened', 'clicked', 'delivered']);
    await history(zaloFan, 'email', ['delivered', 'delivered', 'sent', 'delivered', 'delivered', 'sent']);
    await history(emailReader, 'email', ['clicked', 'opened', 'clicked', 'delivered']);
    await history(emailReader, 'messenger', ['delivered', 'delivered', 'opened', 'delivered']);
    // Toán had SMS before, but SMS is not one of the step's channels and he has no digital address.
    await history(phoneOnly, 'sms', ['delivered', 'delivered', 'delivered']);

    for (const userId of ['toan-zalo', 'toan-email', 'toan-phone']) {
      expect((await stack.track(userId, 'Product Viewed', { product_name: 'Mật ong rừng' })).status).toBe(200);
    }

    const zalo = await decision(zaloFan.id);
    expect(zalo.entered).toContain('zalo-offer');
    expect(zalo.reason).toContain('best channel zalo');
    expect(zalo.reason).toContain('Zalo: 4 / 5 đã mở trong 30 ngày; Email: 0 / 6 đã mở trong 30 ngày');
    expect(zalo.reason).toContain('Zalo: 4 / 5 opened in 30 days; Email: 0 / 6 opened in 30 days');

    const email = await decision(emailReader.id);
    expect(email.entered).toContain('email-offer');
    expect(email.reason).toContain('Email: 3 / 4 opened in 30 days');
    expect(email.reason).toContain('Messenger: 1 / 4 opened in 30 days');
    expect(email.reason).toContain('Zalo: no address');

    const phone = await decision(phoneOnly.id);
    expect(phone.entered).toContain('hotline-call');
    expect(phone.reason).toContain('No reachable, subscribed channel');
    expect(phone.reason).toContain('Không liên lạc được qua kênh nào');

    // The hotline has the call in its inbox, with Toán's name and the product.
    const task = await eventually(async () => {
      const res = await stack.admin('/staff-tasks?filter=open');
      const body = (await res.json()) as { tasks: { customer: { id: string }; kind: string; title: string }[] };
      return body.tasks.find((t) => t.customer.id === phoneOnly.id);
    }, 30_000, 'the call task for Toán');
    expect(task).toMatchObject({ kind: 'call', title: 'Gọi Toán tư vấn Mật ong rừng' });
  });
});

const usualHour = journeyGraph(
  [
    ['asked', 'trigger-event', { event: 'Asked About Honey', where: [], reentry: { mode: 'afterExit' }, entryLimit: null }],
    ['usual-hour', 'wait-usual-hour', { fallbackHour: 19, windowDays: 30, fallbackTimezone: 'Asia/Ho_Chi_Minh' }],
    ['done', 'exit', { reason: 'Reached at their hour' }],
  ],
  [
    ['asked', 'out', 'usual-hour'],
    ['usual-hour', 'out', 'done'],
  ],
);

describe('wait until their usual hour on the real runtime', () => {
  it('waits for the hour (their time) they answered most, or the configured hour without answers', async () => {
    const created = await stack.admin('/journeys', { method: 'POST', body: { name: 'Giờ khách hay phản hồi', graph: usualHour } });
    const id = ((await created.json()) as { id: string }).id;
    expect((await stack.admin(`/journeys/${id}/publish`, { method: 'POST', body: { note: 'usual hour' } })).status).toBe(201);

    // Three hours from now in Hà Nội, so the customer is not already inside it.
    const hour = (new Date(Date.now() + 7 * 3_600_000).getUTCHours() + 3) % 24;
    expect((await stack.identify('thu-evening', { firstName: 'Thu', zalo_id: 'zalo-3003', timezone: 'Asia/Ho_Chi_Minh' })).status).toBe(200);
    expect((await stack.identify('lan-silent', { firstName: 'Lan', email: 'lan@hoaban.vn' })).status).toBe(200);
    const thu = await customerOf('thu-evening');
    const lan = await customerOf('lan-silent');
    for (let d = 1; d <= 3; d++) {
      // Answered at HH:20 Hà Nội time on three earlier days; one other answer at another hour.
      const day = new Date(Date.now() - d * 86_400_000);
      const answeredAt = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), (hour + 24 - 7) % 24, 20);
      seq += 1;
      await stack.db.db.insert(messages).values({ id: `hour-${seq}`, workspaceId: thu.workspaceId, customerId: thu.id, channel: 'zalo', idempotencyKey: `hour-${seq}`, status: 'opened', createdAt: answeredAt - 3_600_000, updatedAt: answeredAt });
    }
    await history(thu, 'zalo', ['replied']);

    for (const userId of ['thu-evening', 'lan-silent']) expect((await stack.track(userId, 'Asked About Honey')).status).toBe(200);
    const reasonOf = (customerId: string) =>
      eventually(async () => {
        const [enrollment] = await stack.db.db.select().from(enrollments).where(and(eq(enrollments.journeyId, id), eq(enrollments.customerId, customerId)));
        if (!enrollment) return undefined;
        const [left] = await stack.db.db.select().from(stepLog).where(and(eq(stepLog.enrollmentId, enrollment.id), eq(stepLog.nodeId, 'usual-hour'), eq(stepLog.outcome, 'left')));
        return left ? { reason: left.reason ?? '', enrollmentId: enrollment.id } : undefined;
      }, 60_000, `the usual-hour lookup for ${customerId}`);

    const thuWait = await reasonOf(thu.id);
    expect(thuWait.reason).toContain(`port h${hour}`);
    expect(thuWait.reason).toContain(`3 of 4 answers at ${hour}:00`);
    const lanWait = await reasonOf(lan.id);
    expect(lanWait.reason).toContain('port fallback');
    expect(lanWait.reason).toContain('no answers in 30 days');
    // Both are held at the step, not sent straight on.
    const [held] = await stack.db.db.select().from(enrollments).where(eq(enrollments.id, thuWait.enrollmentId));
    expect(held).toMatchObject({ status: 'active', currentNode: 'usual-hour' });
  });
});
