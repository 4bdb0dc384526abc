import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IngestedEvent } from '../src/ingest/store';
import { count, startTestApi, WRITE_KEY, type TestApi } from './helpers';

let api: TestApi;
const seen: IngestedEvent[] = [];

beforeAll(async () => {
  api = await startTestApi({ onEventsIngested: (events) => void seen.push(...events) });
});
afterAll(() => api.stop());

async function eventsByMessage(messageId: string) {
  const r = await api.db.client.execute({ sql: 'SELECT * FROM events WHERE message_id = ?', args: [messageId] });
  return r.rows;
}

describe('Segment HTTP Tracking API', () => {
  it('stores every call type and answers {success:true}', async () => {
    const calls: Array<[string, Record<string, unknown>]> = [
      ['track', { userId: 'u-1', event: 'Order Completed', properties: { total: 250000, currency: 'VND' }, messageId: 'm-track' }],
      ['identify', { userId: 'u-1', traits: { name: 'Toản', email: 'toan@example.vn' }, messageId: 'm-identify' }],
      ['page', { anonymousId: 'a-1', name: 'Menu', properties: { path: '/menu' }, messageId: 'm-page' }],
      ['screen', { userId: 'u-1', name: 'Cart', messageId: 'm-screen' }],
      ['group', { userId: 'u-1', groupId: 'shop-1', traits: { name: 'Hoa Ban Q1' }, messageId: 'm-group' }],
      ['alias', { userId: 'u-1', previousId: 'a-1', messageId: 'm-alias' }],
    ];
    for (const [type, body] of calls) {
      const res = await api.post(`/v1/${type}`, body);
      expect(res.status, type).toBe(200);
      expect(await res.json()).toEqual({ success: true });
      const [row] = await eventsByMessage(String(body.messageId));
      expect(row?.type).toBe(type);
    }
    const [track] = await eventsByMessage('m-track');
    expect(track?.name).toBe('Order Completed');
    expect(JSON.parse(String(track?.properties))).toEqual({ total: 250000, currency: 'VND' });
    const [group] = await eventsByMessage('m-group');
    expect(group?.group_id).toBe('shop-1');
    // alias linked the anonymous page view to u-1: both events belong to one customer.
    const [page] = await eventsByMessage('m-page');
    expect(page?.customer_id).toBe(track?.customer_id);
  });

  it('accepts the write key in the body', async () => {
    const res = await api.post('/v1/track', { writeKey: WRITE_KEY, userId: 'u-body', event: 'Viewed' }, { writeKey: null });
    expect(res.status).toBe(200);
  });

  it('accepts gzip bodies and answers CORS preflights for the website snippet', async () => {
    const { gzipSync } = await import('node:zlib');
    const body = gzipSync(JSON.stringify({ batch: [{ type: 'track', anonymousId: 'gz', event: 'Zipped', messageId: 'gz-1' }] }));
    const res = await fetch(`${api.url}/v1/batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', authorization: `Basic ${Buffer.from(`${WRITE_KEY}:`).toString('base64')}` },
      body,
    });
    expect(res.status).toBe(200);
    expect(await eventsByMessage('gz-1')).toHaveLength(1);
    const bomb = gzipSync(Buffer.alloc(2_000_000, 32));
    const tooBig = await fetch(`${api.url}/v1/batch`, { method: 'POST', headers: { 'content-encoding': 'gzip', authorization: `Basic ${Buffer.from(`${WRITE_KEY}:`).toString('base64')}` }, body: bomb });
    expect(tooBig.status).toBe(400);
    const preflight = await fetch(`${api.url}/v1/track`, {
      method: 'OPTIONS',
      headers: { origin: 'https://hoaban.vn', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,authorization' },
    });
    expect(preflight.status).toBeLessThan(300);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('stores a retried event once (messageId dedupe), within a batch and across requests', async () => {
    const event = { type: 'track', userId: 'u-2', event: 'Added to Cart', messageId: 'dup-1' };
    const before = seen.length;
    expect((await api.post('/v1/batch', { batch: [event, event] })).status).toBe(200);
    expect((await api.post('/v1/track', event)).status).toBe(200);
    expect(await eventsByMessage('dup-1')).toHaveLength(1);
    expect(seen.length - before).toBe(1);
  });

  it('corrects client clock skew from timestamp and sentAt (Segment rule)', async () => {
    // The device clock is 1 hour ahead; the event happened 10 s before the batch was sent.
    const skew = 3600_000;
    const deviceNow = Date.now() + skew;
    const t0 = Date.now();
    const res = await api.post('/v1/batch', {
      sentAt: new Date(deviceNow).toISOString(),
      batch: [{ type: 'track', userId: 'u-3', event: 'Skewed', messageId: 'skew-1', timestamp: new Date(deviceNow - 10_000).toISOString() }],
    });
    const t1 = Date.now();
    expect(res.status).toBe(200);
    const [row] = await eventsByMessage('skew-1');
    const ts = Number(row?.timestamp);
    expect(ts).toBeGreaterThanOrEqual(t0 - 10_000);
    expect(ts).toBeLessThanOrEqual(t1 - 10_000);
    expect(Number(row?.sent_at)).toBe(deviceNow);

    // No sentAt: the timestamp is trusted as sent. No timestamp: it happened on arrival.
    await api.post('/v1/track', { userId: 'u-3', event: 'Past', messageId: 'past-1', timestamp: '2024-01-02T03:04:05.000Z' });
    expect(Number((await eventsByMessage('past-1'))[0]?.timestamp)).toBe(Date.parse('2024-01-02T03:04:05.000Z'));
    const before = Date.now();
    await api.post('/v1/track', { userId: 'u-3', event: 'Now', messageId: 'now-1' });
    expect(Number((await eventsByMessage('now-1'))[0]?.timestamp)).toBeGreaterThanOrEqual(before);
  });

  it('hands new events to onEventsIngested with the resolved customer', async () => {
    const before = seen.length;
    await api.post('/v1/track', { userId: 'u-hook', event: 'Signed Up', messageId: 'hook-1' });
    const got = seen.slice(before);
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({ customerId: expect.any(String), event: { name: 'Signed Up', messageId: 'hook-1', type: 'track' } });
    expect(got[0]!.workspaceId).toBe(api.bootstrap!.workspaceId);
    expect(got[0]!.event.customerId).toBe(got[0]!.customerId);
  });
});

describe('bad input', () => {
  async function expectError(res: Response, status: number, field?: string) {
    expect(res.status).toBe(status);
    const body = (await res.json()) as { error: { code: string; message: string; details: Array<{ field: string }> } };
    expect(body.error.code).toEqual(expect.any(String));
    expect(body.error.message).toEqual(expect.any(String));
    if (field !== undefined) expect(body.error.details.map((d) => d.field)).toContain(field);
    return body;
  }

  it('refuses missing, unknown and revoked write keys with 401', async () => {
    await expectError(await api.post('/v1/track', { userId: 'x', event: 'e' }, { writeKey: null }), 401, 'writeKey');
    await expectError(await api.post('/v1/track', { userId: 'x', event: 'e' }, { writeKey: 'nope' }), 401);
    const created = await api.admin('/api/api-keys', { method: 'POST', body: JSON.stringify({ kind: 'write', name: 'tmp' }) });
    const { apiKey, secret } = (await created.json()) as { apiKey: { id: string }; secret: string };
    expect((await api.post('/v1/track', { userId: 'x', event: 'e' }, { writeKey: secret })).status).toBe(200);
    expect((await api.admin(`/api/api-keys/${apiKey.id}`, { method: 'DELETE' })).status).toBe(200);
    await expectError(await api.post('/v1/track', { userId: 'x', event: 'e' }, { writeKey: secret }), 401);
    // A write key is not an admin token.
    expect((await api.admin('/api/customers', { token: WRITE_KEY })).status).toBe(401);
  });

  it('names the field for wrong types and missing ids', async () => {
    await expectError(await api.post('/v1/track', { event: 'No Id' }), 400, 'userId');
    await expectError(await api.post('/v1/track', { userId: 'x' }), 400, 'event');
    await expectError(await api.post('/v1/track', { userId: 'x', event: 'e', properties: [1, 2] }), 400, 'properties');
    await expectError(await api.post('/v1/identify', { userId: 'x', timestamp: 'yesterday-ish' }), 400, 'timestamp');
    await expectError(await api.post('/v1/alias', { previousId: 'a' }), 400, 'userId');
    await expectError(await api.post('/v1/group', { userId: 'x' }), 400, 'groupId');
    await expectError(await api.post('/v1/batch', { batch: 'nope' }), 400, 'batch');
    await expectError(await api.post('/v1/batch', { batch: [{ type: 'track', userId: 'x', event: 'ok' }, { type: 'bogus' }] }), 400, 'batch.1.type');
    await expectError(await api.post('/v1/track', '{"userId": "x", "event": '), 400);
    await expectError(await api.post('/v1/track', '[]'), 400);
  });

  it('writes nothing from a batch with one bad event', async () => {
    const before = await count(api, 'events');
    await expectError(
      await api.post('/v1/batch', { batch: [{ type: 'track', userId: 'ok', event: 'Fine', messageId: 'half-1' }, { type: 'track', event: 'No id' }] }),
      400,
      'batch.1.userId',
    );
    expect(await count(api, 'events')).toBe(before);
    expect(await eventsByMessage('half-1')).toHaveLength(0);
  });

  it('enforces 32 KB per event and 500 KB per request', async () => {
    const big = 'x'.repeat(33 * 1024);
    await expectError(await api.post('/v1/track', { userId: 'x', event: 'Big', properties: { big } }), 400, '');
    const batch = Array.from({ length: 20 }, (_, i) => ({ type: 'track', userId: `u${i}`, event: 'Chunk', properties: { pad: 'y'.repeat(30 * 1024) } }));
    const res = await api.post('/v1/batch', { batch });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('too_large');
    // Without a Content-Length (chunked), the limit is enforced while reading.
    const chunk = new TextEncoder().encode(' '.repeat(64 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 12) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const chunked = await fetch(`${api.url}/v1/batch`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`${WRITE_KEY}:`).toString('base64')}` },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(400);
  });

  it('stores hostile strings as data', async () => {
    const hostile = `'); DROP TABLE events; -- <script>alert(1)</script> \uD83D\uDE00 ${'\u202E'} \\ %_ "q"`;
    const res = await api.post('/v1/track', { userId: hostile, event: hostile, properties: { [hostile]: hostile, nul: 'a\u0000b' }, messageId: 'hostile-1' });
    expect(res.status).toBe(200);
    const [row] = await eventsByMessage('hostile-1');
    expect(row?.name).toBe(hostile);
    expect(JSON.parse(String(row?.properties))).toEqual({ [hostile]: hostile, nul: 'a\u0000b' });
    // A NUL would be cut by SQLite in a name or id: refused, not truncated.
    await expectError(await api.post('/v1/track', { userId: 'x', event: 'a\u0000b' }), 400, 'event');
  });
});
