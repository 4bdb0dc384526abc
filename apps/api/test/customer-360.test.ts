// Customers screen and customer 360 over real HTTP on a real libSQL file: search by phone in any
// spelling, by name without accents, by any id; the profile; the cross-channel timeline; trait
// edits, merge and unmerge recorded with who and when; bad input named by field.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from './helpers';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.stop());

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function get(path: string): Promise<{ status: number; body: Json }> {
  const res = await api.admin(path);
  return { status: res.status, body: (await res.json()) as Json };
}
async function send(method: string, path: string, body: unknown): Promise<{ status: number; body: Json }> {
  const res = await api.admin(path, { method, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Json };
}
const search = async (q: string, extra = '') => (await get(`/api/customers?q=${encodeURIComponent(q)}${extra}`)).body;
const names = (body: Json) => (body.customers as Json[]).map((c) => c.traits.name);

async function ownerOf(type: string, value: string): Promise<string> {
  const r = await api.db.client.execute({ sql: 'SELECT customer_id FROM customer_identities WHERE type = ? AND value = ?', args: [type, value] });
  return String(r.rows[0]?.customer_id);
}

let toan: string;
let toanAnon: string;

beforeAll(async () => {
  const web = { library: { name: 'analytics.js', version: '4.1.0' } };
  await api.post('/v1/identify', { userId: 'toan', traits: { name: 'Nguyễn Văn Toản', phone: '0909908089', email: 'Toan@HoaBan.vn', city: 'Hà Nội', nickname: 'T' }, context: web, messageId: 'id-1', timestamp: '2025-06-01T08:00:00Z' });
  await api.post('/v1/track', { userId: 'toan', event: 'Product Viewed', properties: { name: 'Mắc Khén' }, context: web, messageId: 'tr-1', timestamp: '2025-06-01T08:05:00Z' });
  await api.post('/v1/track', { userId: 'toan', event: 'Order Completed', properties: { order_id: 'HB-1001', revenue: 250000, currency: 'VND' }, context: { library: { name: 'pos' } }, messageId: 'tr-2', timestamp: '2025-06-02T10:00:00Z' });
  await api.post('/v1/identify', { userId: 'toan-thi', traits: { name: 'Trần Thị Toán', phone: '0912345678' }, messageId: 'id-2' });
  await api.post('/v1/identify', { userId: 'duc', traits: { name: 'Lê Đức', email: 'duc@example.vn' }, messageId: 'id-3' });
  // The same Toản chatting on Zalo before anyone linked the two: a second profile.
  await api.post('/v1/identify', { anonymousId: 'zalo-visitor', traits: { zaloId: '8412345', favourite: 'Mắc Khén' }, context: { channel: 'zalo' }, messageId: 'id-4', timestamp: '2025-05-20T09:00:00Z' });
  await api.post('/v1/track', { anonymousId: 'zalo-visitor', event: 'Message Received', properties: { text: 'Còn hàng không?' }, context: { channel: 'zalo' }, messageId: 'tr-3', timestamp: '2025-05-20T09:01:00Z' });
  for (let i = 1; i <= 5; i++) await api.post('/v1/identify', { userId: `lan-${i}`, traits: { name: `Phạm Thị Lan ${i}` }, messageId: `lan-${i}` });
  toan = await ownerOf('user_id', 'toan');
  toanAnon = await ownerOf('anonymous_id', 'zalo-visitor');
});

describe('finding a customer', () => {
  it('finds Toản by his phone in any spelling', async () => {
    for (const q of ['0909 908 089', '0909908089', '+84 909 908 089', '84909908089', '(090) 990-8089']) {
      const body = await search(q);
      expect(names(body), q).toEqual(['Nguyễn Văn Toản']);
    }
  });

  it('finds by the start of a phone, an email in any case, a user id and a channel id', async () => {
    expect(names(await search('0909 908'))).toEqual(['Nguyễn Văn Toản']);
    expect(names(await search('TOAN@hoaban.vn'))).toEqual(['Nguyễn Văn Toản']);
    expect(names(await search('toan@hoa'))).toContain('Nguyễn Văn Toản');
    expect(names(await search('toan-thi'))).toEqual(['Trần Thị Toán']);
    const byZalo = await search('8412345');
    expect(byZalo.customers.map((c: Json) => c.id)).toEqual([toanAnon]);
  });

  it('finds by words of the name, with or without accents, đ typed as d', async () => {
    expect(new Set(names(await search('toan')))).toEqual(new Set(['Nguyễn Văn Toản', 'Trần Thị Toán']));
    expect(names(await search('Nguyễn Toản'))).toEqual(['Nguyễn Văn Toản']);
    expect(names(await search('duc'))).toEqual(['Lê Đức']);
    expect(names(await search('Đức'))).toEqual(['Lê Đức']);
  });

  it('pages name matches without repeating anyone', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const body: Json = await search('lan', `&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(body.customers.length).toBeLessThanOrEqual(2);
      seen.push(...names(body));
      cursor = body.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(seen.sort()).toEqual([1, 2, 3, 4, 5].map((i) => `Phạm Thị Lan ${i}`));
  });

  it('treats search syntax and odd input as text', async () => {
    for (const q of ['"*)(', 'NEAR(a b)', 'a OR b', '%_\\', '   ', '\u0000x']) {
      const res = await api.admin(`/api/customers?q=${encodeURIComponent(q)}`);
      expect(res.status, q).toBe(200);
    }
    const long = await api.admin(`/api/customers?q=${'a'.repeat(400)}`);
    expect(long.status).toBe(400);
    expect(((await long.json()) as Json).error.details[0].field).toBe('q');
  });
});

describe('customer 360', () => {
  it('shows identities with where each came from, purchases with revenue and the journeys', async () => {
    const { status, body } = await get(`/api/customers/${toan}/profile`);
    expect(status).toBe(200);
    expect(body.customer.traits.name).toBe('Nguyễn Văn Toản');
    const phone = body.identities.find((i: Json) => i.type === 'phone');
    expect(phone).toMatchObject({ value: '+84909908089', source: { eventType: 'identify', via: 'analytics.js' } });
    expect(body.purchases.orders).toEqual([expect.objectContaining({ orderId: 'HB-1001', revenue: 250000, currency: 'VND', via: 'pos' })]);
    expect(body.purchases.totals).toEqual([{ currency: 'VND', revenue: 250000 }]);
    expect(body.journeys).toEqual([]);
  });

  it('merges events, messages with their status and journey steps into one timeline', async () => {
    const c = api.db.client;
    const now = Date.parse('2025-06-03T09:00:00Z');
    await c.execute({ sql: `INSERT INTO journeys (id, workspace_id, name, draft_graph, created_at, updated_at, status) SELECT 'j-cart', workspace_id, 'Giỏ hàng bị bỏ quên', '{}', 0, 0, 'active' FROM customers WHERE id = ?`, args: [toan] });
    await c.execute({ sql: `INSERT INTO enrollments (id, workspace_id, journey_id, version, customer_id, workflow_id, status, current_node, entered_at, entry_event_id) SELECT 'en-1', workspace_id, 'j-cart', 1, id, 'wf-1', 'active', 'sms', ?, (SELECT id FROM events WHERE message_id = 'tr-1') FROM customers WHERE id = ?`, args: [now, toan] });
    await c.execute({ sql: `INSERT INTO step_log (id, workspace_id, enrollment_id, journey_id, version, customer_id, node_id, outcome, reason, at) SELECT 'st-1', workspace_id, 'en-1', 'j-cart', 1, id, 'sms', 'entered', 'waited 1 hour; no order', ? FROM customers WHERE id = ?`, args: [now + 1000, toan] });
    // The version the customer walks names the step: the timeline says "Nhắc qua SMS", not "sms".
    const graph = JSON.stringify({ nodes: [{ id: 'sms', type: 'send-message', typeVersion: 1, config: {}, position: { x: 0, y: 0 }, label: 'Nhắc qua SMS' }], edges: [] });
    await c.execute({ sql: `INSERT INTO journey_versions (id, journey_id, workspace_id, version, ir, graph, created_at) SELECT 'jv-1', 'j-cart', workspace_id, 1, '{}', ?, 0 FROM customers WHERE id = ?`, args: [graph, toan] });
    await c.execute({ sql: `INSERT INTO messages (id, workspace_id, customer_id, journey_id, version, enrollment_id, node_id, channel, idempotency_key, subject, body, status, created_at, updated_at) SELECT 'm-1', workspace_id, id, 'j-cart', 1, 'en-1', 'sms', 'sms', 'k-1', NULL, 'Mắc Khén vẫn chờ bạn', 'clicked', ?, ? FROM customers WHERE id = ?`, args: [now + 2000, now + 2000, toan] });

    const first = await get(`/api/customers/${toan}/activity?limit=2`);
    expect(first.status).toBe(200);
    expect(first.body.items.map((i: Json) => [i.kind, i.status])).toEqual([
      ['message', 'clicked'],
      ['step', 'entered'],
    ]);
    expect(first.body.items[0]).toMatchObject({ journeyName: 'Giỏ hàng bị bỏ quên', channel: 'sms', detail: 'Mắc Khén vẫn chờ bạn' });
    expect(first.body.items[1]).toMatchObject({ nodeId: 'sms', stepLabel: 'Nhắc qua SMS', stepType: 'send-message' });
    const rest = await get(`/api/customers/${toan}/activity?limit=50&cursor=${encodeURIComponent(first.body.nextCursor)}`);
    expect(rest.body.items.map((i: Json) => i.title)).toEqual(['Order Completed', 'Product Viewed', 'identify']);
    expect(rest.body.nextCursor).toBeNull();

    const profile = await get(`/api/customers/${toan}/profile`);
    expect(profile.body.journeys).toEqual([
      expect.objectContaining({ journeyId: 'j-cart', journeyName: 'Giỏ hàng bị bỏ quên', status: 'active', entryEvent: expect.objectContaining({ name: 'Product Viewed' }), lastStep: expect.objectContaining({ reason: 'waited 1 hour; no order' }) }),
    ]);
  });

  it('refuses a cursor it did not give out, naming it', async () => {
    const { status, body } = await get(`/api/customers/${toan}/activity?cursor=nonsense`);
    expect(status).toBe(400);
    expect(body.error.details[0].field).toBe('cursor');
  });

  it('answers 404 for a customer of no one', async () => {
    const { status, body } = await get('/api/customers/nobody/profile');
    expect(status).toBe(404);
    expect(body.error.details[0].field).toBe('id');
  });
});

describe('editing traits by hand', () => {
  it('sets and removes traits and records who and when', async () => {
    const { status, body } = await send('PATCH', `/api/customers/${toan}/traits`, { traits: { city: 'Sơn La', vip: true, nickname: null, name: 'Nguyễn Văn Toản' } });
    expect(status).toBe(200);
    expect(body.changed.sort()).toEqual(['city', 'nickname', 'vip']);
    expect(body.traits).toMatchObject({ city: 'Sơn La', vip: true, name: 'Nguyễn Văn Toản' });
    expect(body.traits).not.toHaveProperty('nickname');
    const profile = await get(`/api/customers/${toan}/profile`);
    expect(profile.body.changes[0]).toMatchObject({ kind: 'traits', by: expect.stringMatching(/^API key /), details: { changes: expect.arrayContaining([{ key: 'city', from: 'Hà Nội', to: 'Sơn La' }]) } });
  });

  it('a renamed customer is found by the new name', async () => {
    await send('PATCH', `/api/customers/${toan}/traits`, { traits: { name: 'Nguyễn Toản Mắc Khén' } });
    expect(names(await search('mac khen'))).toEqual(['Nguyễn Toản Mắc Khén']);
    await send('PATCH', `/api/customers/${toan}/traits`, { traits: { name: 'Nguyễn Văn Toản' } });
  });

  it('names the field at fault', async () => {
    const cases: Array<[unknown, string]> = [
      [{}, 'traits'],
      [{ traits: {} }, 'traits'],
      [{ traits: { address: { street: 'x' } } }, 'traits.address'],
      [{ traits: { $set: 1 } }, 'traits.$set'],
      [{ traits: { city: 'x'.repeat(3000) } }, 'traits.city'],
      [{ traits: [1] }, 'traits'],
    ];
    for (const [body, field] of cases) {
      const res = await send('PATCH', `/api/customers/${toan}/traits`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.details.map((d: Json) => d.field), JSON.stringify(body)).toContain(field);
    }
    const notJson = await api.admin(`/api/customers/${toan}/traits`, { method: 'PATCH', body: '{"traits":', headers: { 'content-type': 'application/json' } });
    expect(notJson.status).toBe(400);
  });
});

describe('merge and unmerge by hand', () => {
  it('refuses what cannot be merged, naming profileId', async () => {
    expect((await send('POST', `/api/customers/${toan}/merge`, {})).body.error.details[0].field).toBe('profileId');
    const self = await send('POST', `/api/customers/${toan}/merge`, { profileId: toan });
    expect([self.status, self.body.error.details[0].field]).toEqual([400, 'profileId']);
    const unknown = await send('POST', `/api/customers/${toan}/merge`, { profileId: 'nobody' });
    expect([unknown.status, unknown.body.error.details[0].field]).toEqual([404, 'profileId']);
    const notMerged = await send('POST', `/api/customers/${toan}/unmerge`, { profileId: toanAnon });
    expect([notMerged.status, notMerged.body.error.code]).toEqual([409, 'not_merged']);
  });

  it('merges the Zalo profile into Toản: identities, events and consent follow; new events find him', async () => {
    await send('PUT', `/api/customers/${toanAnon}/subscriptions`, { channels: { zalo: 'unsubscribed' } });
    const { status, body } = await send('POST', `/api/customers/${toan}/merge`, { profileId: toanAnon });
    expect(status).toBe(200);
    expect(body).toMatchObject({ survivor: toan, merged: toanAnon, moved: { identities: 2, events: 2 } });
    expect((await search('8412345')).customers.map((c: Json) => c.id)).toEqual([toan]);
    const profile = (await get(`/api/customers/${toan}/profile`)).body;
    expect(profile.merged).toEqual([expect.objectContaining({ id: toanAnon, manual: true, by: expect.stringMatching(/^API key /), canUnmerge: true })]);
    expect(profile.customer.traits).toMatchObject({ favourite: 'Mắc Khén', name: 'Nguyễn Văn Toản' });
    const consent = (await get(`/api/customers/${toan}/subscriptions`)).body;
    expect(consent.channels).toEqual([expect.objectContaining({ channel: 'zalo', status: 'unsubscribed' })]);
    // The identity cache of ingestion learnt about the merge: the Zalo id now leads to Toản.
    await api.post('/v1/track', { anonymousId: 'zalo-visitor', event: 'Message Received', properties: { text: 'Đặt 2 gói' }, messageId: 'tr-after', timestamp: '2025-06-04T09:00:00Z' });
    expect((await api.db.client.execute("SELECT customer_id FROM events WHERE message_id = 'tr-after'")).rows[0]?.customer_id).toBe(toan);
    const again = await send('POST', `/api/customers/${toan}/merge`, { profileId: toanAnon });
    expect([again.status, again.body.error.code]).toEqual([409, 'already_merged']);
  });

  it('unmerges: the Zalo profile comes back with what it owned, and says what stays', async () => {
    const { status, body } = await send('POST', `/api/customers/${toan}/unmerge`, { profileId: toanAnon });
    expect(status).toBe(200);
    expect(body.moved).toMatchObject({ identities: 2, events: 2, subscriptions: 1, traits: 2 });
    expect(body.kept.map((k: Json) => k.code)).toContain('activity_after_merge');
    expect((await search('8412345')).customers.map((c: Json) => c.id)).toEqual([toanAnon]);
    const restored = (await get(`/api/customers/${toanAnon}/profile`)).body;
    expect(restored.customer.id).toBe(toanAnon);
    expect(restored.customer.traits).toEqual({ favourite: 'Mắc Khén', zaloId: '8412345' });
    expect(restored.identities.map((i: Json) => i.type).sort()).toEqual(['anonymous_id', 'zalo_id']);
    const survivor = (await get(`/api/customers/${toan}/profile`)).body;
    expect(survivor.customer.traits).not.toHaveProperty('favourite');
    expect(survivor.merged).toEqual([]);
    expect(survivor.changes.map((ch: Json) => ch.kind).slice(0, 2)).toEqual(['unmerge', 'merge']);
    // Honest about what stays: the event that arrived during the merge is still Toản's.
    expect((await api.db.client.execute("SELECT customer_id FROM events WHERE message_id = 'tr-after'")).rows[0]?.customer_id).toBe(toan);
    expect((await get(`/api/customers/${toanAnon}/subscriptions`)).body.channels).toEqual([expect.objectContaining({ channel: 'zalo', status: 'unsubscribed' })]);
    expect((await get(`/api/customers/${toan}/subscriptions`)).body.channels).toEqual([]);
    // New events with the Zalo id go to the restored profile again.
    await api.post('/v1/track', { anonymousId: 'zalo-visitor', event: 'Message Received', messageId: 'tr-after-2' });
    expect((await api.db.client.execute("SELECT customer_id FROM events WHERE message_id = 'tr-after-2'")).rows[0]?.customer_id).toBe(toanAnon);
  });

  it('will not pretend to split an automatic merge', async () => {
    await api.post('/v1/page', { anonymousId: 'web-lan', name: 'Menu', messageId: 'p-lan' });
    const anon = await ownerOf('anonymous_id', 'web-lan');
    await api.post('/v1/identify', { anonymousId: 'web-lan', userId: 'lan-1', messageId: 'id-lan' });
    const lan = await ownerOf('user_id', 'lan-1');
    const profile = (await get(`/api/customers/${lan}/profile`)).body;
    expect(profile.merged).toEqual([expect.objectContaining({ id: anon, manual: false, canUnmerge: false })]);
    const { status, body } = await send('POST', `/api/customers/${lan}/unmerge`, { profileId: anon });
    expect([status, body.error.code, body.error.details[0].field]).toEqual([409, 'automatic_merge', 'profileId']);
  });
});
