// A page call is a "Page Viewed" event whatever the page is called, so a journey waiting for
// the customer's next visit (the payment-failed template) is woken by any page of the shop.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from './helpers';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.stop());

async function stored(messageId: string): Promise<{ name: unknown; properties: Record<string, unknown> }> {
  const r = await api.db.client.execute({ sql: 'SELECT name, properties FROM events WHERE message_id = ?', args: [messageId] });
  const row = r.rows[0];
  if (!row) throw new Error(`event ${messageId} was not stored`);
  return { name: row.name, properties: JSON.parse(String(row.properties)) as Record<string, unknown> };
}

describe('page and screen calls', () => {
  it('are stored as Page Viewed / Screen Viewed with the page name and category as properties', async () => {
    expect((await api.post('/v1/page', { anonymousId: 'pv-1', name: 'Thanh toán', category: 'Cửa hàng', properties: { path: '/checkout' }, messageId: 'pv-a' })).status).toBe(200);
    expect(await stored('pv-a')).toEqual({ name: 'Page Viewed', properties: { name: 'Thanh toán', category: 'Cửa hàng', path: '/checkout' } });

    expect((await api.post('/v1/screen', { anonymousId: 'pv-1', name: 'Giỏ hàng', messageId: 'pv-b' })).status).toBe(200);
    expect(await stored('pv-b')).toEqual({ name: 'Screen Viewed', properties: { name: 'Giỏ hàng' } });
  });

  it("keeps the call's own properties over the page's name, and an unnamed page is still a Page Viewed", async () => {
    await api.post('/v1/batch', {
      batch: [
        { type: 'page', anonymousId: 'pv-2', name: 'Trang chủ', properties: { name: 'Home (A/B)' }, messageId: 'pv-c' },
        { type: 'page', anonymousId: 'pv-2', messageId: 'pv-d' },
      ],
    });
    expect(await stored('pv-c')).toEqual({ name: 'Page Viewed', properties: { name: 'Home (A/B)' } });
    expect(await stored('pv-d')).toEqual({ name: 'Page Viewed', properties: {} });
  });
});
