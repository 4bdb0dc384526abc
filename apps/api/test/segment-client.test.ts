// The official Segment Node client, pointed at Braid, delivers events unchanged.
import { Analytics } from '@segment/analytics-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, WRITE_KEY, type TestApi } from './helpers';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.stop());

describe('@segment/analytics-node', () => {
  it('delivers track, identify, page, screen, group and alias unchanged', async () => {
    const analytics = new Analytics({ writeKey: WRITE_KEY, host: api.url, flushAt: 10, flushInterval: 50, maxRetries: 1 });
    const errors: unknown[] = [];
    analytics.on('error', (e) => errors.push(e));
    const at = new Date('2026-03-08T09:30:00.000Z');
    const properties = { orderId: 'HB-1001', total: 450000, currency: 'VND', items: [{ sku: 'pho-bo', qty: 2 }], note: 'ít hành 🌶️' };
    analytics.identify({ userId: 'seg-1', traits: { name: 'Nguyễn Văn Toản', phone: '0909908089', email: 'toan@hoaban.vn' } });
    analytics.track({ userId: 'seg-1', event: 'Order Completed', properties, timestamp: at, context: { ip: '203.0.113.7' } });
    analytics.page({ anonymousId: 'seg-anon', name: 'Thực đơn', properties: { path: '/thuc-don' } });
    analytics.screen({ userId: 'seg-1', name: 'Cart' });
    analytics.group({ userId: 'seg-1', groupId: 'hoaban-q1', traits: { city: 'HCMC' } });
    analytics.alias({ userId: 'seg-1', previousId: 'seg-anon' });
    await analytics.closeAndFlush({ timeout: 10_000 });
    expect(errors).toEqual([]);

    const rows = (await api.db.client.execute('SELECT * FROM events ORDER BY id')).rows;
    expect(rows.map((r) => r.type)).toEqual(['identify', 'track', 'page', 'screen', 'group', 'alias']);
    const track = rows[1]!;
    expect(track.name).toBe('Order Completed');
    expect(track.user_id).toBe('seg-1');
    expect(JSON.parse(String(track.properties))).toEqual(properties);
    const context = JSON.parse(String(track.context));
    expect(context.ip).toBe('203.0.113.7');
    expect(context.library).toMatchObject({ name: '@segment/analytics-node' });
    // The client sent sentAt seconds later on a correct clock: timestamp survives within skew noise.
    expect(Math.abs(Number(track.timestamp) - at.getTime())).toBeLessThan(5_000);
    expect(String(track.message_id)).toMatch(/.+/);
    expect(JSON.parse(String(rows[0]!.traits))).toEqual({ name: 'Nguyễn Văn Toản', phone: '0909908089', email: 'toan@hoaban.vn' });
    // A page call is one pickable event; which page it was travels as a property.
    expect(rows[2]!.name).toBe('Page Viewed');
    expect(JSON.parse(String(rows[2]!.properties))).toEqual({ name: 'Thực đơn', path: '/thuc-don' });
    expect(rows[3]!.name).toBe('Screen Viewed');
    expect(rows[4]!.group_id).toBe('hoaban-q1');
    expect(rows[5]!.previous_id).toBe('seg-anon');
    // One person: the alias joined the anonymous page view to seg-1.
    expect(new Set(rows.map((r) => r.customer_id)).size).toBe(1);
  });
});
