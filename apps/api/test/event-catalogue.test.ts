// The event catalogue over real HTTP on a real libSQL file: ingestion keeps it (types, recent
// examples, first/last seen, volume per day, trait keys), a read is current without waiting for
// the once-a-second flush, and a workspace with history from before the catalogue learns it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from './helpers';

const DAY = 86_400_000;
let api: TestApi;

interface SeenKey { key: string; types: string[]; examples: string[]; lastSeenAt: number }
interface CatalogueEvent { name: string; firstSeenAt: number; lastSeenAt: number; total: number; properties: SeenKey[] }
interface Catalogue { events: CatalogueEvent[]; traits: Array<SeenKey & { firstSeenAt: number }> }

async function body<T>(res: Response, status = 200): Promise<T> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return JSON.parse(text) as T;
}

beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.stop());

describe('event catalogue', () => {
  it('learns events, property types, examples and daily volume from ingestion', async () => {
    const now = Date.now();
    const twoDaysAgo = new Date(now - 2 * DAY).toISOString();
    await body(await api.post('/v1/track', { userId: 'lan', event: 'Product Added', timestamp: twoDaysAgo, properties: { cart_id: 'c-1', price: 99000, gift: false } }));
    await body(
      await api.post('/v1/batch', {
        batch: [
          { type: 'track', userId: 'lan', event: 'Product Added', properties: { cart_id: 'c-2', price: 120000, tags: ['tea'] } },
          { type: 'track', userId: 'minh', event: 'Product Added', properties: { cart_id: 'c-3', price: '150000' } },
          { type: 'track', userId: 'minh', event: 'Order Completed', properties: { order_id: 'o-1' } },
          { type: 'identify', userId: 'minh', traits: { name: 'Anh Minh', vip: true } },
        ],
      }),
    );
    const catalogue = await body<Catalogue>(await api.admin('/api/event-catalogue'));
    const added = catalogue.events.find((e) => e.name === 'Product Added')!;
    expect(added.total).toBe(3);
    expect(catalogue.events.map((e) => e.name)).toEqual(['Product Added', 'Order Completed']);
    const prop = (key: string) => added.properties.find((p) => p.key === key)!;
    expect(prop('cart_id')).toMatchObject({ types: ['string'], examples: ['c-3', 'c-2', 'c-1'] });
    expect(prop('price').types).toEqual(['number', 'string']);
    expect(prop('gift')).toMatchObject({ types: ['boolean'], examples: ['false'] });
    expect(prop('tags')).toMatchObject({ types: ['array'], examples: [] });
    expect(added.firstSeenAt).toBeLessThan(now - DAY);
    expect(catalogue.traits.find((t) => t.key === 'vip')).toMatchObject({ types: ['boolean'], examples: ['true'] });
    expect(catalogue.traits.find((t) => t.key === 'name')!.examples).toEqual(['Anh Minh']);

    const detail = await body<CatalogueEvent & { volume: Array<{ day: string; count: number }> }>(
      await api.admin(`/api/event-catalogue/events/${encodeURIComponent('Product Added')}`),
    );
    expect(detail.volume).toEqual([
      { day: new Date(now - 2 * DAY).toISOString().slice(0, 10), count: 1 },
      { day: new Date(now).toISOString().slice(0, 10), count: 2 },
    ]);
  });

  it('keeps counting across flushes and answers 404 naming an event never seen', async () => {
    await body(await api.post('/v1/track', { userId: 'lan', event: 'Product Added', properties: { cart_id: 'c-4', coupon: 'TET' } }));
    const catalogue = await body<Catalogue>(await api.admin('/api/event-catalogue'));
    const added = catalogue.events.find((e) => e.name === 'Product Added')!;
    expect(added.total).toBe(4);
    expect(added.properties.find((p) => p.key === 'cart_id')!.examples).toEqual(['c-4', 'c-3', 'c-2']);
    expect(added.properties.map((p) => p.key)).toContain('coupon');
    const missing = await body<{ error: { details: Array<{ field: string }> } }>(await api.admin('/api/event-catalogue/events/Never%20Sent'), 404);
    expect(missing.error.details[0]!.field).toBe('name');
  });

  it('learns from the events table when the catalogue of a workspace is empty (history from before it)', async () => {
    await api.db.client.execute('DELETE FROM event_catalogue');
    await api.db.client.execute('DELETE FROM event_catalogue_days');
    await api.db.client.execute('DELETE FROM trait_catalogue');
    const catalogue = await body<Catalogue>(await api.admin('/api/event-catalogue'));
    expect(catalogue.events.find((e) => e.name === 'Product Added')!.total).toBe(4);
    expect(catalogue.events.find((e) => e.name === 'Order Completed')!.properties.map((p) => p.key)).toEqual(['order_id']);
    expect(catalogue.traits.map((t) => t.key)).toEqual(expect.arrayContaining(['name', 'vip']));
  });
});
