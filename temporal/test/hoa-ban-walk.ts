// Toản's walk through the Hoa Ban Food journey, as the runtime tests drive it over HTTP on the dev
// server (journeys.test.ts) and on a cluster (test-cluster): the journey published so that it runs
// at any hour, his profile and his cart, then the product view and the cancelled checkout its
// waits ask for; and the path the simulator predicts for the same events.
import { and, asc, eq, messages, stepLog } from '@braid/db';
import { simulate } from '@braid/journey';
import { expect } from 'vitest';
import { hoaBanFood } from '../../packages/journey/fixtures/hoa-ban-food';
import { eventually } from './eventually';
import { customerIdOf, enrollmentOf, publishJourney, type Braid } from './journey-api';

/** Hoa Ban Food as the tests run it, at any hour of the day in Vietnam. */
function hoaBanFoodAtAnyHour() {
  // The evening window would hold the test until 19:00: open it all day.
  const graph = structuredClone(hoaBanFood);
  const evening = graph.nodes.find((n) => n.id === 'evening')!;
  evening.config = { ...(evening.config as object), from: '00:00', to: '23:59' };
  // Decree 91 would hold the advertising SMS from 22:00 to 07:00 in Vietnam: sent here as customer
  // care so the test runs at any hour (the decree has its own tests in send-policy.test.ts).
  const showroom = graph.nodes.find((n) => n.id === 'showroom-sms')!;
  showroom.config = { ...(showroom.config as object), smsPurpose: 'customer_care' };
  return graph;
}

const toan = {
  traits: { firstName: 'Toản', email: 'toan@hoaban.vn', phone: '+84912345678', address: { city: 'Hà Nội', district: 'Cầu Giấy' } },
  cart: { cart_id: 'cart-42', price: 1_350_000, quantity: 2, product_name: 'Thịt trâu gác bếp', cart_total: '1.350.000' },
};

/**
 * Publishes Hoa Ban Food and walks Toản through it until his enrollment finishes (a journey day
 * lasting `dayMs`); returns the steps he entered, the path the simulator predicts for the same
 * events, and the messages he was sent, for the test to compare.
 */
export async function walkToanThroughHoaBan(braid: Braid, dayMs: number) {
  const { id, ir } = await publishJourney(braid, 'Hoa Ban Food – giỏ hàng bỏ quên', hoaBanFoodAtAnyHour());
  const track = (event: string, properties: Record<string, unknown>) => braid.ingest('/v1/track', { userId: 'toan', event, properties });
  expect((await braid.ingest('/v1/identify', { userId: 'toan', traits: toan.traits })).status).toBe(200);
  expect((await track('Product Added', toan.cart)).status).toBe(200);
  const customerId = await customerIdOf(braid.db, 'toan');

  const waitAt = (nodeId: string) => eventually(async () => (await enrollmentOf(braid.db, id, customerId))?.currentNode === nodeId, 60_000, `the customer at ${nodeId}`);
  await waitAt('browse-wait');
  await track('Product Viewed', { product_id: 'mac-khen', product_name: 'Mắc Khén' });
  await waitAt('checkout-cancel-wait');
  await track('Checkout Cancelled', { cart_id: 'cart-42' });
  const done = await eventually(async () => {
    const e = await enrollmentOf(braid.db, id, customerId);
    return e && e.status !== 'active' ? e : undefined;
  }, 60_000, 'the journey to finish');

  const entered = await braid.db.db
    .select({ nodeId: stepLog.nodeId })
    .from(stepLog)
    .where(and(eq(stepLog.enrollmentId, done.id), eq(stepLog.outcome, 'entered')))
    .orderBy(asc(stepLog.at), asc(stepLog.id));
  const predicted = simulate(ir, {
    startAt: Date.now(),
    entryEvent: { name: 'Product Added', properties: toan.cart },
    traits: toan.traits,
    events: [
      { after: 10 * dayMs, name: 'Product Viewed', properties: { product_id: 'mac-khen' } },
      { after: 11 * dayMs, name: 'Checkout Cancelled', properties: { cart_id: 'cart-42' } },
    ],
  });
  const sent = await braid.db.db.select().from(messages).where(eq(messages.enrollmentId, done.id)).orderBy(asc(messages.createdAt));
  return { id, customerId, done, entered: entered.map((e) => e.nodeId), predicted: predicted.nodesVisited, sent };
}
