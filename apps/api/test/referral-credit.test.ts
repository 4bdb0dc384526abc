// A referred order credits its referrer even when routing the order to journeys fails at that
// moment (the order is replayed from its routing intent; the credit would not be), and the credit
// itself is handed to routing so a journey can react to it. Real HTTP, real libSQL file.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { IngestedEvent } from '../src/app';
import { startTestApi, type TestApi } from './helpers';

let api: TestApi;
const routed: string[] = [];

beforeAll(async () => {
  api = await startTestApi({
    onEventsIngested: (events: IngestedEvent[]) => {
      for (const e of events) routed.push(String(e.event.name));
      if (events.some((e) => e.event.name === 'Order Completed')) throw new Error('Temporal is down');
    },
  });
});
afterAll(() => api.stop());

it('records Referral Credited on the referrer and routes it, though routing the order failed', async () => {
  expect((await api.post('/v1/identify', { userId: 'toan', traits: { name: 'Toản', referral_code: 'TOAN99' } })).status).toBe(200);
  const sale = await api.post('/v1/pos/orders', { phone: '0912 000 009', store: 'Hàng Giấy', orderId: 'HB-9', referralCode: 'TOAN99', products: [{ name: 'Mật ong rừng', price: 620_000 }] });
  expect(sale.status).toBe(200);
  const r = await api.db.client.execute(
    `SELECT json_extract(e.properties, '$.revenue') AS revenue, json_extract(e.properties, '$.order_id') AS order_id FROM events e
     JOIN customer_identities i ON i.customer_id = e.customer_id AND i.type = 'user_id' AND i.value = 'toan' WHERE e.name = 'Referral Credited'`,
  );
  expect(r.rows.map((row) => [row.revenue, row.order_id])).toEqual([[620_000, 'HB-9']]);
  expect(routed).toContain('Referral Credited');
  // Its routing intent is stored with it, as for every event.
  const intents = await api.db.client.execute(`SELECT COUNT(*) AS n FROM routing_intents WHERE event_ids LIKE '%' || (SELECT id FROM events WHERE name = 'Referral Credited') || '%'`);
  expect(Number(intents.rows[0]!.n)).toBe(1);
});

it('credits nothing for a code nobody has', async () => {
  const sale = await api.post('/v1/pos/orders', { phone: '0912 000 010', store: 'Hàng Giấy', orderId: 'HB-10', referralCode: 'NOBODY', products: [{ name: 'Mắc Khén', price: 189_000 }] });
  expect(sale.status).toBe(200);
  const r = await api.db.client.execute(`SELECT COUNT(*) AS n FROM events WHERE name = 'Referral Credited'`);
  expect(Number(r.rows[0]!.n)).toBe(1);
});
