// Engagement reaches journeys, and failed sends show in stats — on the real Temporal dev server,
// a real libSQL file and the real API: a click on a tracked email link becomes "Email Clicked"
// for the customer's waiting enrollment; an SMS to a customer without a phone is counted as
// failed at its node, with the reason, and the customer moves on.
import { and, eq, events, messages, routingIntents, stepLog } from '@braid/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { days, journeyGraph } from '../../packages/journey/fixtures/builder';
import { eventually, startStack, type Stack } from './harness';
import { customerIdOf, enrollmentOf, publishJourney } from './journey-api';

const saved = { secret: process.env.BRAID_TRACKING_SECRET, base: process.env.BRAID_TRACKING_BASE_URL };
let stack: Stack;
beforeAll(async () => {
  // Worker (writes tracked links) and API (checks them) share the secret, as in production.
  process.env.BRAID_TRACKING_SECRET = 'engagement-test-secret';
  stack = await startStack({ timeScale: 250 / 86_400_000 });
  process.env.BRAID_TRACKING_BASE_URL = stack.api.url;
  await stack.startWorker('inProcess');
});
afterAll(async () => {
  await stack?.stop();
  for (const [name, value] of [['BRAID_TRACKING_SECRET', saved.secret], ['BRAID_TRACKING_BASE_URL', saved.base]] as const) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

const publish = async (name: string, graph: unknown) => (await publishJourney(stack, name, graph)).id;

describe('engagement as events', () => {
  it('a click on a tracked email link moves a customer waiting for "Email Clicked"', async () => {
    const id = await publish(
      'Nhắc giỏ hàng – chờ bấm link',
      journeyGraph(
        [
          ['cart', 'trigger-event', { event: 'Cart Abandoned', where: [], reentry: { mode: 'afterExit' }, entryLimit: null }],
          ['mail', 'send-message', { channel: 'email', subject: 'Giỏ hàng của {{ customer.firstName }}', body: 'Quay lại giỏ hàng: https://hoaban.vn/cart' }],
          ['wait-click', 'wait-for-event', { event: 'Email Clicked', where: [], timeout: days(3650) }],
          ['clicked', 'exit', { reason: 'Clicked the email' }],
          ['never', 'exit', { reason: 'Never clicked' }],
        ],
        [
          ['cart', 'out', 'mail'],
          ['mail', 'out', 'wait-click'],
          ['wait-click', 'happened', 'clicked'],
          ['wait-click', 'timedOut', 'never'],
        ],
      ),
    );
    await stack.identify('mai', { firstName: 'Mai', email: 'mai@example.vn' });
    await stack.track('mai', 'Cart Abandoned', { cart_id: 'c-1' });
    const customerId = await customerIdOf(stack.db, 'mai');
    await eventually(async () => (await enrollmentOf(stack.db, id, customerId))?.currentNode === 'wait-click', 60_000, 'the customer waiting for the click');
    const [mail] = await stack.db.db.select().from(messages).where(and(eq(messages.journeyId, id), eq(messages.customerId, customerId)));
    const link = /https?:\/\/\S+\/t\/c\/[A-Za-z0-9._-]+/.exec(mail!.body ?? '')?.[0];
    expect(link, mail!.body ?? '').toBeTruthy();
    const click = await fetch(link!, { redirect: 'manual' });
    expect(click.status).toBe(302);
    expect(click.headers.get('location')).toBe('https://hoaban.vn/cart');
    const done = await eventually(async () => {
      const row = await enrollmentOf(stack.db, id, customerId);
      return row && row.status !== 'active' ? row : undefined;
    }, 60_000, 'the click to reach the journey');
    expect(done.status).toBe('completed');
    const steps = await stack.db.db.select().from(stepLog).where(eq(stepLog.enrollmentId, done.id));
    expect(steps.some((s) => s.nodeId === 'clicked' && s.outcome === 'entered')).toBe(true);
    expect(steps.some((s) => s.nodeId === 'never')).toBe(false);
    const [row] = await stack.db.db.select().from(messages).where(eq(messages.id, mail!.id));
    expect(row!.status).toBe('clicked');
    // The click is an event of the customer (timeline, segments), and its routing intent is cleared.
    const [clickEvent] = await stack.db.db.select().from(events).where(eq(events.id, `engagement:${mail!.id}:clicked`));
    expect(clickEvent).toMatchObject({ customerId, name: 'Email Clicked', type: 'track' });
    await stack.runtime.dispatcher!.flush();
    const intents = await stack.db.db.select({ eventIds: routingIntents.eventIds }).from(routingIntents);
    expect(intents.filter((i) => i.eventIds.includes(clickEvent!.id))).toEqual([]);
  });
});

describe('failed sends in stats', () => {
  it('an SMS to a customer without a phone is a failed step with the reason; the customer continues', async () => {
    const id = await publish(
      'SMS không có số',
      journeyGraph(
        [
          ['wish', 'trigger-event', { event: 'Wishlist Added', where: [], reentry: { mode: 'afterExit' }, entryLimit: null }],
          ['sms', 'send-message', { channel: 'sms', smsPurpose: 'customer_care', body: 'Chào {{ customer.firstName }}', onFailure: 'continue' }],
          ['done', 'exit', { reason: 'done' }],
        ],
        [
          ['wish', 'out', 'sms'],
          ['sms', 'out', 'done'],
        ],
      ),
    );
    await stack.identify('khong-so', { firstName: 'Không Số' });
    await stack.track('khong-so', 'Wishlist Added');
    const customerId = await customerIdOf(stack.db, 'khong-so');
    const done = await eventually(async () => {
      const row = await enrollmentOf(stack.db, id, customerId);
      return row && row.status !== 'active' ? row : undefined;
    }, 60_000, 'the enrollment to finish');
    expect(done.status).not.toBe('failed');
    const stats = (await (await stack.admin(`/journeys/${id}/stats`)).json()) as { nodes: { nodeId: string; failed: number }[] };
    expect(stats.nodes.find((n) => n.nodeId === 'sms')?.failed).toBe(1);
    const [failed] = await stack.db.db.select().from(stepLog).where(and(eq(stepLog.enrollmentId, done.id), eq(stepLog.outcome, 'failed')));
    expect(failed).toMatchObject({ nodeId: 'sms' });
    expect(failed!.reason).toContain('phone');
    const [message] = await stack.db.db.select().from(messages).where(eq(messages.enrollmentId, done.id));
    expect(message).toMatchObject({ status: 'failed' });
  });
});
