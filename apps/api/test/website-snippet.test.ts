// The website snippet's side of the API over real HTTP on a real libSQL file: the script itself,
// allowed origins and write keys, on-site messages (waiting, live, shown once, engagement) and
// web push subscriptions.
import { createECDH, randomBytes } from 'node:crypto';
import { get } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { createDbOutboxStore, createOnsiteAdapter } from '@braid/channels';
import { eq, messages, pushSubscriptions, subscriptions, workspaces } from '@braid/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../src/auth/keys';
import { startTestApi, WRITE_KEY, type TestApi } from './helpers';

const SHOP = 'https://hoabanfood.vn';
let api: TestApi;
let workspaceId: string;
const engaged: Array<[string, string]> = [];

beforeAll(async () => {
  api = await startTestApi({ onEngaged: (id, status) => void engaged.push([id, status]) });
  workspaceId = api.bootstrap!.workspaceId;
  const saved = await api.admin('/api/website', { method: 'PUT', body: JSON.stringify({ allowedOrigins: [`${SHOP}/`, 'http://127.0.0.1:8080'] }) });
  expect(saved.status, await saved.clone().text()).toBe(200);
});
afterAll(() => api.stop());

/** What the snippet sends: text/plain, the write key in the body, from the shop's page. */
function fromPage(path: string, body: unknown, origin = SHOP) {
  return fetch(`${api.url}${path}`, { method: 'POST', headers: { 'content-type': 'text/plain', origin }, body: JSON.stringify(body) });
}
const getFrom = (path: string, query: Record<string, string>, origin = SHOP) => fetch(`${api.url}${path}?${new URLSearchParams(query)}`, { headers: { origin } });

async function visit(anonymousId: string, extra: Record<string, unknown> = {}) {
  const res = await fromPage('/v1/batch', { writeKey: WRITE_KEY, batch: [{ type: 'page', anonymousId, name: 'Trang chủ', ...extra }] });
  expect(res.status, await res.clone().text()).toBe(200);
}

async function customerOf(anonymousId: string): Promise<string> {
  const r = await api.db.client.execute({ sql: "SELECT customer_id FROM customer_identities WHERE type = 'anonymous_id' AND value = ?", args: [anonymousId] });
  return String(r.rows[0]!.customer_id);
}

async function sendOnsite(customerId: string, subject: string | undefined, body: string): Promise<string> {
  // What the worker's send does: a queued row, then the adapter.
  const id = `msg-${randomBytes(4).toString('hex')}`;
  const now = Date.now();
  await api.db.db.insert(messages).values({ id, workspaceId, customerId, channel: 'web', idempotencyKey: id, subject: subject ?? null, body, status: 'queued', createdAt: now, updatedAt: now });
  const result = await createOnsiteAdapter(createDbOutboxStore(api.db.db)).send({ channel: 'web', to: customerId, subject, body, idempotencyKey: id, customerId, workspaceId, meta: { messageId: id } });
  expect(result.status).toBe('sent');
  return id;
}

describe('the snippet script', () => {
  it('is served small, gzipped, cacheable, at /sdk.js and the versioned /sdk/v1.js', async () => {
    const res = await fetch(`${api.url}/sdk.js?v=1`, { headers: { 'accept-encoding': 'gzip' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/javascript/);
    const etag = res.headers.get('etag')!;
    const text = await res.text();
    expect(text).toContain('/v1/batch');
    expect(res.headers.get('content-encoding')).toBe('gzip');
    // A few KB for the shop's visitors: the gzip copy is what they download.
    const gzipped = await new Promise<Buffer>((resolve, reject) => {
      get(`${api.url}/sdk/v1.js`, { headers: { 'accept-encoding': 'gzip' } }, (r) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve(Buffer.concat(chunks))).on('error', reject);
      }).on('error', reject);
    });
    expect(gzipped.length).toBeLessThan(8 * 1024);
    expect(gunzipSync(gzipped).toString('utf8')).toBe(text);
    const versioned = await fetch(`${api.url}/sdk/v1.js`);
    expect(versioned.headers.get('etag')).toBe(etag);
    expect((await fetch(`${api.url}/sdk.js`, { headers: { 'if-none-match': etag } })).status).toBe(304);
    const sw = await fetch(`${api.url}/sdk/sw.js`);
    expect(sw.status).toBe(200);
    expect(await sw.text()).toContain('showNotification');
  });
});

describe('who may send', () => {
  it('refuses a page on an origin the workspace did not allow, naming the origin', async () => {
    const res = await fromPage('/v1/track', { writeKey: WRITE_KEY, anonymousId: 'a-evil', event: 'Product Viewed' }, 'https://evil.example');
    expect(res.status).toBe(403);
    const body = (await res.json()) as { error: { code: string; message: string; details: Array<{ field: string }> } };
    expect(body.error.code).toBe('origin_not_allowed');
    expect(body.error.message).toContain('https://evil.example');
    expect(body.error.details[0]!.field).toBe('Origin');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(await api.db.client.execute("SELECT 1 FROM customer_identities WHERE value = 'a-evil'").then((r) => r.rows.length)).toBe(0);
  });

  it('refuses a page of another workspace\'s domain using this workspace\'s key', async () => {
    await api.db.db.insert(workspaces).values({ id: 'w-other', name: 'Another shop', createdAt: Date.now() });
    const other = await createApiKey(api.db.db, { workspaceId: 'w-other', kind: 'write', name: 'site' });
    await api.db.client.execute({ sql: "INSERT INTO website_settings (workspace_id, allowed_origins, updated_at) VALUES ('w-other', ?, 0)", args: [JSON.stringify(['https://anothershop.vn'])] });
    const res = await fromPage('/v1/page', { writeKey: WRITE_KEY, anonymousId: 'a-1' }, 'https://anothershop.vn');
    expect(res.status).toBe(403);
    expect((await fromPage('/v1/page', { writeKey: other.secret, anonymousId: 'a-1' }, 'https://anothershop.vn')).status).toBe(200);
  });

  it('refuses a forged write key with 401 and accepts the shop\'s pages and servers', async () => {
    const forged = await fromPage('/v1/track', { writeKey: 'bwk_forged', anonymousId: 'a-1', event: 'X' });
    expect(forged.status).toBe(401);
    expect(((await forged.json()) as { error: { details: Array<{ field: string }> } }).error.details[0]!.field).toBe('writeKey');
    expect((await getFrom('/v1/web/messages', { writeKey: 'bwk_forged', anonymousId: 'a-1' })).status).toBe(401);
    expect((await getFrom('/v1/push/key', { writeKey: 'bwk_forged' })).status).toBe(401);
    await visit('a-shop');
    // A server (no Origin) is judged by its key alone, as before.
    expect((await api.post('/v1/track', { anonymousId: 'a-server', event: 'Order Completed' })).status).toBe(200);
  });

  it('names each bad origin in the settings', async () => {
    const res = await api.admin('/api/website', { method: 'PUT', body: JSON.stringify({ allowedOrigins: ['https://ok.vn', 'hoabanfood.vn/cart'] }) });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain('allowedOrigins.1');
    const kept = (await (await api.admin('/api/website')).json()) as { allowedOrigins: string[] };
    expect(kept.allowedOrigins).toEqual([SHOP, 'http://127.0.0.1:8080']);
  });
});

describe('on-site messages', () => {
  it('waits for the next page view, is shown once, and its impression and click become engagement', async () => {
    await visit('a-toan');
    const customerId = await customerOf('a-toan');
    const id = await sendOnsite(customerId, 'Thanh toán chưa thành công?', 'Dùng mã COMEBACK1A2B3C4D để được giảm 10%.');
    const waiting = (await (await getFrom('/v1/web/messages', { writeKey: WRITE_KEY, anonymousId: 'a-toan' })).json()) as { messages: Array<{ id: string; subject: string; body: string }> };
    expect(waiting.messages).toEqual([{ id, subject: 'Thanh toán chưa thành công?', body: 'Dùng mã COMEBACK1A2B3C4D để được giảm 10%.' }]);
    // Another visitor cannot see it or act on it.
    await visit('a-stranger');
    expect(((await (await getFrom('/v1/web/messages', { writeKey: WRITE_KEY, anonymousId: 'a-stranger' })).json()) as { messages: unknown[] }).messages).toEqual([]);
    expect((await fromPage(`/v1/web/messages/${id}/clicked`, { writeKey: WRITE_KEY, anonymousId: 'a-stranger' })).status).toBe(404);

    expect((await fromPage(`/v1/web/messages/${id}/shown`, { writeKey: WRITE_KEY, anonymousId: 'a-toan' })).status).toBe(200);
    expect(((await (await getFrom('/v1/web/messages', { writeKey: WRITE_KEY, anonymousId: 'a-toan' })).json()) as { messages: unknown[] }).messages).toEqual([]);
    expect((await fromPage(`/v1/web/messages/${id}/clicked`, { writeKey: WRITE_KEY, anonymousId: 'a-toan' })).status).toBe(200);
    // A second report of the same click changes nothing.
    expect((await fromPage(`/v1/web/messages/${id}/clicked`, { writeKey: WRITE_KEY, anonymousId: 'a-toan' })).status).toBe(200);
    const [row] = await api.db.db.select().from(messages).where(eq(messages.id, id));
    expect(row?.status).toBe('clicked');
    expect(engaged.filter(([m]) => m === id)).toEqual([
      [id, 'opened'],
      [id, 'clicked'],
    ]);
  });

  it('is not shown once it is more than a week old', async () => {
    await visit('a-late');
    const customerId = await customerOf('a-late');
    const id = await sendOnsite(customerId, 'Ưu đãi tuần trước', 'Mã LASTWEEK1 hết hạn rồi.');
    await api.db.db.update(messages).set({ createdAt: Date.now() - 8 * 24 * 3_600_000 }).where(eq(messages.id, id));
    expect(((await (await getFrom('/v1/web/messages', { writeKey: WRITE_KEY, anonymousId: 'a-late' })).json()) as { messages: unknown[] }).messages).toEqual([]);
  });

  it('arrives at once over the live connection while the visitor is on the site', async () => {
    await visit('a-live');
    const customerId = await customerOf('a-live');
    const controller = new AbortController();
    const res = await fetch(`${api.url}/v1/web/stream?${new URLSearchParams({ writeKey: WRITE_KEY, anonymousId: 'a-live' })}`, { headers: { origin: SHOP }, signal: controller.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = res.body!.getReader();
    let text = '';
    const readUntil = async (needle: string) => {
      for (let i = 0; i < 50 && !text.includes(needle); i++) text += new TextDecoder().decode((await reader.read()).value);
      return text;
    };
    await readUntil('event: ready');
    const id = await sendOnsite(customerId, undefined, 'Miễn phí giao hàng hôm nay!');
    expect(await readUntil(id)).toContain(`"body":"Miễn phí giao hàng hôm nay!"`);
    controller.abort();
  });

  it('answers a missing anonymous id with a 400 naming it, and a page from another origin with 403', async () => {
    const missing = await getFrom('/v1/web/messages', { writeKey: WRITE_KEY });
    expect(missing.status).toBe(400);
    expect(JSON.stringify(await missing.json())).toContain('anonymousId');
    expect((await getFrom('/v1/web/messages', { writeKey: WRITE_KEY, anonymousId: 'a-toan' }, 'https://evil.example')).status).toBe(403);
    expect((await fromPage('/v1/web/messages/x/shown', 'not an object')).status).toBe(400);
  });
});

describe('web push subscriptions', () => {
  const browserKeys = () => {
    const ecdh = createECDH('prime256v1');
    ecdh.generateKeys();
    return { p256dh: ecdh.getPublicKey().toString('base64url'), auth: randomBytes(16).toString('base64url') };
  };

  it('gives the workspace VAPID key, the same each time', async () => {
    const a = (await (await getFrom('/v1/push/key', { writeKey: WRITE_KEY })).json()) as { publicKey: string };
    const b = (await (await getFrom('/v1/push/key', { writeKey: WRITE_KEY })).json()) as { publicKey: string };
    expect(Buffer.from(a.publicKey, 'base64url')).toHaveLength(65);
    expect(b.publicKey).toBe(a.publicKey);
  });

  it('registers the visitor\'s subscription with their consent, and refuses one for another customer', async () => {
    await visit('a-lan', { userId: 'lan' });
    await visit('a-hung', { userId: 'hung' });
    const subscription = { endpoint: 'https://push.example/send/lan-1', keys: browserKeys() };
    const created = await fromPage('/v1/push/subscriptions', { writeKey: WRITE_KEY, anonymousId: 'a-lan', userId: 'lan', subscription });
    expect(created.status, await created.clone().text()).toBe(201);
    expect((await fromPage('/v1/push/subscriptions', { writeKey: WRITE_KEY, anonymousId: 'a-lan', subscription })).status).toBe(200);
    const lan = await customerOf('a-lan');
    const [row] = await api.db.db.select().from(pushSubscriptions).where(eq(pushSubscriptions.endpoint, subscription.endpoint));
    expect(row?.customerId).toBe(lan);
    const [consent] = await api.db.db.select().from(subscriptions).where(eq(subscriptions.customerId, lan));
    expect(consent).toMatchObject({ groupId: 'channel:push', status: 'subscribed' });

    // Hùng's browser claiming Lan's user id, or Lan's subscription: refused, nothing changes.
    const claim = await fromPage('/v1/push/subscriptions', { writeKey: WRITE_KEY, anonymousId: 'a-hung', userId: 'lan', subscription: { endpoint: 'https://push.example/send/hung-1', keys: browserKeys() } });
    expect(claim.status).toBe(403);
    expect(JSON.stringify(await claim.json())).toContain('userId');
    const taken = await fromPage('/v1/push/subscriptions', { writeKey: WRITE_KEY, anonymousId: 'a-hung', subscription: { ...subscription, keys: browserKeys() } });
    expect(taken.status).toBe(409);
    expect(JSON.stringify(await taken.json())).toContain('subscription.endpoint');
    const [still] = await api.db.db.select().from(pushSubscriptions).where(eq(pushSubscriptions.endpoint, subscription.endpoint));
    expect(still).toEqual(row);
    expect(await api.db.db.select().from(pushSubscriptions).where(eq(pushSubscriptions.customerId, await customerOf('a-hung')))).toHaveLength(0);
  });

  it('follows the customer when the anonymous visitor turns out to be a known one', async () => {
    expect((await api.post('/v1/identify', { userId: 'hoa', traits: { firstName: 'Hoa' } })).status).toBe(200);
    await visit('a-hoa-phone');
    const endpoint = 'https://push.example/send/hoa-phone';
    expect((await fromPage('/v1/push/subscriptions', { writeKey: WRITE_KEY, anonymousId: 'a-hoa-phone', subscription: { endpoint, keys: browserKeys() } })).status).toBe(201);
    // She logs in on her phone: the anonymous profile merges into hers, and so does the subscription.
    expect((await fromPage('/v1/identify', { writeKey: WRITE_KEY, anonymousId: 'a-hoa-phone', userId: 'hoa' })).status).toBe(200);
    const hoa = String((await api.db.client.execute("SELECT customer_id FROM customer_identities WHERE type = 'user_id' AND value = 'hoa'")).rows[0]!.customer_id);
    const [row] = await api.db.db.select().from(pushSubscriptions).where(eq(pushSubscriptions.endpoint, endpoint));
    expect(row?.customerId).toBe(hoa);
  });

  it('names what is wrong with a subscription', async () => {
    await visit('a-bad');
    const bad = await fromPage('/v1/push/subscriptions', { writeKey: WRITE_KEY, anonymousId: 'a-bad', subscription: { endpoint: 'http://10.0.0.5/internal', keys: { p256dh: 'short', auth: 'x' } } });
    expect(bad.status).toBe(400);
    const text = JSON.stringify(await bad.json());
    for (const field of ['subscription.endpoint', 'subscription.keys.p256dh', 'subscription.keys.auth']) expect(text).toContain(field);
    const unknown = await fromPage('/v1/push/subscriptions', { writeKey: WRITE_KEY, anonymousId: 'a-never-seen', subscription: { endpoint: 'https://push.example/x', keys: browserKeys() } });
    expect(unknown.status).toBe(409);
  });
});
