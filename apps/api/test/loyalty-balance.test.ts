// The loyalty balance kept from orders, over real HTTP with a real libSQL file: a showroom sale
// (POS) and a web order (the shop's signed webhook) add up on one profile, the trait is current
// before journeys see the order, a cancelled order takes its points back, a redelivered order
// counts once, and a profile merged in at login brings its points along.
import { createHmac, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IngestedEvent } from '../src/app';
import { shopifyOrder } from './fixtures/shopify-order';
import { startTestApi, type TestApi } from './helpers';

let api: TestApi;
let source: { url: string; secret: string };
/** The balance each routed order's customer had at the moment journeys received it. */
const seenByJourneys: Array<{ event: string; points: unknown }> = [];

async function pointsOf(customerId: string): Promise<unknown> {
  const r = await api.db.client.execute({ sql: "SELECT json_extract(traits, '$.loyalty_points') AS p FROM customers WHERE id = ?", args: [customerId] });
  return r.rows[0]?.p ?? null;
}

async function customerOf(type: string, value: string): Promise<string> {
  const r = await api.db.client.execute({ sql: 'SELECT customer_id FROM customer_identities WHERE type = ? AND value = ?', args: [type, value] });
  return String(r.rows[0]?.customer_id);
}

async function admin(path: string, body?: unknown) {
  const res = await api.admin(path, body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function webhook(topic: string, order: Record<string, unknown>) {
  const body = JSON.stringify(order);
  return fetch(source.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'X-Shopify-Topic': topic,
      'X-Shopify-Webhook-Id': randomUUID(),
      'X-Shopify-Hmac-Sha256': createHmac('sha256', source.secret).update(body, 'utf8').digest('base64'),
    },
    body,
  });
}

const sale = (orderId: string, price: number) => ({ phone: '0912 345 678', name: 'Trần Thị Mai', store: 'Hàng Giấy', orderId, products: [{ name: 'Mắc Khén', price }] });
const webOrder = (id: number, total: string) =>
  shopifyOrder({ id, total_price: total, checkout_token: `tok-${id}`, email: 'mai@example.vn', phone: '0912345678', customer: { id: 77, email: 'mai@example.vn', phone: '0912345678', first_name: 'Mai' } });

beforeAll(async () => {
  api = await startTestApi({
    onEventsIngested: async (events: IngestedEvent[]) => {
      for (const e of events) if (e.event.name === 'Order Completed') seenByJourneys.push({ event: String(e.event.properties.order_id), points: await pointsOf(e.customerId) });
    },
  });
  const created = await admin('/api/commerce-sources', { platform: 'shopify', name: 'Hoa Ban web', secret: 'shpss_loyalty_test_secret_0123456789' });
  expect(created.status).toBe(201);
  source = { url: String(created.body.webhookUrl), secret: 'shpss_loyalty_test_secret_0123456789' };
});
afterAll(() => api.stop());

describe('the loyalty balance', () => {
  it('is 1 point per 10,000 ₫ of a showroom sale, set before journeys receive the order', async () => {
    expect((await api.post('/v1/pos/orders', sale('HG-1', 1_355_000))).status).toBe(200);
    const mai = await customerOf('phone', '+84912345678');
    expect(await pointsOf(mai)).toBe(135);
    expect(seenByJourneys).toEqual([{ event: 'HG-1', points: 135 }]);
  });

  it('adds a web order from the shop to the same profile; a redelivered or paid-again order counts once', async () => {
    const order = webOrder(9001, '620000.00');
    expect((await webhook('orders/create', order)).status).toBe(200);
    // The same order again under a new delivery id (a shop's resend), then its payment.
    expect((await webhook('orders/create', order)).status).toBe(200);
    expect((await webhook('orders/paid', order)).status).toBe(200);
    const mai = await customerOf('phone', '+84912345678');
    expect(await customerOf('email', 'mai@example.vn')).toBe(mai);
    expect(await pointsOf(mai)).toBe(135 + 62);
    expect(seenByJourneys.at(-1)).toEqual({ event: '9001', points: 197 });
  });

  it('takes the points of a cancelled order back', async () => {
    expect((await webhook('orders/cancelled', { ...webOrder(9001, '620000.00'), cancelled_at: '2026-11-21T09:00:00+07:00' })).status).toBe(200);
    expect(await pointsOf(await customerOf('phone', '+84912345678'))).toBe(135);
  });

  it('gives nothing to customers who never ordered, and earns nothing in another currency', async () => {
    expect((await api.post('/v1/identify', { userId: 'lan', traits: { firstName: 'Lan' } })).status).toBe(200);
    expect(await pointsOf(await customerOf('user_id', 'lan'))).toBeNull();
    expect((await api.post('/v1/track', { userId: 'lan', event: 'Order Completed', properties: { order_id: 'US-1', revenue: 50, currency: 'USD' } })).status).toBe(200);
    expect(await pointsOf(await customerOf('user_id', 'lan'))).toBe(0);
  });

  it('follows a profile merged at login: the phone profile and the website visitor end with one balance', async () => {
    // A website visitor buys as a guest (her till phone is not on the order), then logs in with the phone.
    expect((await api.post('/v1/track', { anonymousId: 'laptop-1', event: 'Order Completed', properties: { order_id: 'WEB-7', revenue: 250_000, currency: 'VND' } })).status).toBe(200);
    expect(await pointsOf(await customerOf('anonymous_id', 'laptop-1'))).toBe(25);
    expect((await api.post('/v1/identify', { anonymousId: 'laptop-1', userId: 'mai', traits: { phone: '0912345678' } })).status).toBe(200);
    const mai = await customerOf('phone', '+84912345678');
    expect(await customerOf('anonymous_id', 'laptop-1')).toBe(mai);
    expect(await pointsOf(mai)).toBe(135 + 25);
    const profile = await api.admin(`/api/customers/${mai}`);
    expect(((await profile.json()) as { traits: Record<string, unknown> }).traits.loyalty_points).toBe(160);
  });
});
