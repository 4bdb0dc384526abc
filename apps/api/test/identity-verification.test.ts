// Identity verification over real HTTP on a real libSQL file: the owner's secret (sealed at rest),
// the switch, and what ingestion does with write-key events naming a user id with and without the
// userHash the shop's server makes; admin-token sources are not asked for one.
import { createHmac } from 'node:crypto';
import { eq, newId, users, websiteSettings } from '@braid/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../src/auth/secrets';
import { ADMIN_TOKEN, startTestApi, WRITE_KEY, type TestApi } from './helpers';

const SHOP = 'https://hoabanfood.vn';
const KEY = Buffer.alloc(32, 7);
let api: TestApi;
let workspaceId: string;
let previousKey: string | undefined;

/** What the shop's server does with the secret shown in settings. */
const userHash = (secret: string, userId: string) => createHmac('sha256', secret).update(userId).digest('hex');

/** What the snippet sends: text/plain, the write key in the body, from the shop's page. */
const fromPage = (path: string, body: Record<string, unknown>) =>
  fetch(`${api.url}${path}`, { method: 'POST', headers: { 'content-type': 'text/plain', origin: SHOP }, body: JSON.stringify({ writeKey: WRITE_KEY, ...body }) });

type Settings = { enabled: boolean; secret: string };
async function settings(init: RequestInit = {}, path = ''): Promise<Settings> {
  const res = await api.admin(`/api/website/identity-verification${path}`, init);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as Settings;
}
const turn = (enabled: boolean) => settings({ method: 'PUT', body: JSON.stringify({ enabled }) });

async function customerWith(type: string, value: string): Promise<string | null> {
  const r = await api.db.client.execute({ sql: 'SELECT customer_id FROM customer_identities WHERE type = ? AND value = ?', args: [type, value] });
  return r.rows[0] ? String(r.rows[0].customer_id) : null;
}
const eventCount = async (messageId: string) =>
  Number((await api.db.client.execute({ sql: 'SELECT count(*) AS n FROM events WHERE message_id = ?', args: [messageId] })).rows[0]!.n);

beforeAll(async () => {
  previousKey = process.env.BRAID_SECRETS_KEY;
  process.env.BRAID_SECRETS_KEY = KEY.toString('base64');
  api = await startTestApi();
  workspaceId = api.bootstrap!.workspaceId;
  const saved = await api.admin('/api/website', { method: 'PUT', body: JSON.stringify({ allowedOrigins: [SHOP] }) });
  expect(saved.status).toBe(200);
});
afterAll(async () => {
  await api.stop();
  if (previousKey === undefined) delete process.env.BRAID_SECRETS_KEY;
  else process.env.BRAID_SECRETS_KEY = previousKey;
});

describe('the identity secret', () => {
  it('is made on first use, stays the same, and is stored sealed', async () => {
    const first = await settings();
    expect(first.enabled).toBe(false);
    expect(first.secret).toMatch(/^biv_[A-Za-z0-9_-]{43}$/);
    expect((await settings()).secret).toBe(first.secret);
    const [row] = await api.db.db.select().from(websiteSettings).where(eq(websiteSettings.workspaceId, workspaceId));
    expect(row!.identitySecret).toMatch(/^sealed:v1\./);
    expect(row!.identitySecret).not.toContain(first.secret);
  });

  it('is sealed again under the new key after BRAID_SECRETS_KEY is rotated, and stays the same', async () => {
    const before = (await settings()).secret;
    const oldId = (await api.db.db.select().from(websiteSettings).where(eq(websiteSettings.workspaceId, workspaceId)))[0]!.identitySecret!.split('.')[1];
    process.env.BRAID_SECRETS_OLD_KEYS = `${oldId}:${KEY.toString('base64')}`;
    process.env.BRAID_SECRETS_KEY = Buffer.alloc(32, 9).toString('base64');
    process.env.BRAID_SECRETS_KEY_ID = 'k2027';
    try {
      expect((await settings()).secret).toBe(before);
      const [row] = await api.db.db.select().from(websiteSettings).where(eq(websiteSettings.workspaceId, workspaceId));
      expect(row!.identitySecret).toMatch(/^sealed:v1\.k2027\./);
    } finally {
      process.env.BRAID_SECRETS_KEY = KEY.toString('base64');
      delete process.env.BRAID_SECRETS_KEY_ID;
    }
    // Back on the first key, the old one still listed: what was sealed under k2027 cannot open now.
    const res = await api.admin('/api/website/identity-verification');
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('secrets_key_mismatch');
    process.env.BRAID_SECRETS_OLD_KEYS = `k2027:${Buffer.alloc(32, 9).toString('base64')}`;
    expect((await settings()).secret).toBe(before);
    delete process.env.BRAID_SECRETS_OLD_KEYS;
    expect((await settings()).secret).toBe(before);
  });

  it('is shown to owners and admins only', async () => {
    await api.db.db.insert(users).values({ id: newId(), workspaceId, email: 'marketer@hoaban.vn', name: 'M', passwordHash: await hashPassword('marketer pass'), role: 'marketer', createdAt: Date.now() });
    const login = await fetch(`${api.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'marketer@hoaban.vn', password: 'marketer pass' }) });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const res = await fetch(`${api.url}/api/website/identity-verification`, { headers: { cookie } });
    expect(res.status).toBe(403);
    expect(await res.text()).not.toContain('biv_');
  });

  it('refuses a switch that is not a boolean, naming the field', async () => {
    const res = await api.admin('/api/website/identity-verification', { method: 'PUT', body: JSON.stringify({ enabled: 'yes' }) });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { details: Array<{ field: string }> } };
    expect(body.error.details[0]!.field).toBe('enabled');
  });
});

describe('with verification off', () => {
  it('accepts identify without a hash, as before', async () => {
    await turn(false);
    const res = await fromPage('/v1/identify', { userId: 'open-1', anonymousId: 'anon-open-1', traits: { email: 'open1@example.vn' } });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await customerWith('user_id', 'open-1')).toBe(await customerWith('anonymous_id', 'anon-open-1'));
    expect(await customerWith('email', 'open1@example.vn')).toBe(await customerWith('user_id', 'open-1'));
  });
});

describe('with verification on', () => {
  let secret = '';
  beforeAll(async () => {
    // The customer a visitor will try to become: known to the shop by user id and email.
    const res = await api.post('/v1/identify', { userId: 'toan', traits: { email: 'toan@example.vn' } }, { writeKey: ADMIN_TOKEN });
    expect(res.status, await res.clone().text()).toBe(200);
    secret = (await turn(true)).secret;
  });

  it('accepts identify and later events whose userHash the shop made', async () => {
    const hash = userHash(secret, 'lan');
    const res = await fromPage('/v1/batch', {
      batch: [
        { type: 'page', anonymousId: 'anon-lan', messageId: 'lan-page' },
        { type: 'identify', anonymousId: 'anon-lan', userId: 'lan', userHash: hash, traits: { firstName: 'Lan' }, messageId: 'lan-identify' },
        { type: 'track', anonymousId: 'anon-lan', userId: 'lan', userHash: hash.toUpperCase(), event: 'Product Viewed', messageId: 'lan-track' },
      ],
    });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await customerWith('user_id', 'lan')).toBe(await customerWith('anonymous_id', 'anon-lan'));
    expect(await eventCount('lan-track')).toBe(1);
    // The signature is checked, not kept.
    const stored = await api.db.client.execute("SELECT context FROM events WHERE message_id = 'lan-identify'");
    expect(String(stored.rows[0]!.context)).not.toContain(hash);
  });

  it('refuses identify without a userHash, naming the field, and stores nothing of the request', async () => {
    const res = await fromPage('/v1/batch', {
      batch: [
        { type: 'page', anonymousId: 'anon-mallory', messageId: 'mallory-page' },
        { type: 'identify', anonymousId: 'anon-mallory', userId: 'toan', messageId: 'mallory-identify' },
      ],
    });
    expect(res.status).toBe(403);
    const body = (await res.json()) as { error: { code: string; details: Array<{ field: string; message: string }> } };
    expect(body.error.code).toBe('identity_not_verified');
    expect(body.error.details).toEqual([{ field: 'batch.1.userHash', message: expect.stringContaining('is required') }]);
    expect(await eventCount('mallory-page')).toBe(0);
    expect(await customerWith('anonymous_id', 'anon-mallory')).toBeNull();
  });

  it('refuses a forged userHash: one made for another user, with another secret, or not hex', async () => {
    for (const forged of [userHash(secret, 'mallory'), userHash('biv_guess', 'toan'), 'z'.repeat(64), 42]) {
      const res = await fromPage('/v1/identify', { anonymousId: 'anon-mallory', userId: 'toan', userHash: forged });
      expect(res.status).toBe(403);
      const body = (await res.json()) as { error: { details: Array<{ field: string; message: string }> } };
      expect(body.error.details[0]).toEqual({ field: 'userHash', message: expect.stringContaining('does not match userId "toan"') });
    }
    expect(await customerWith('anonymous_id', 'anon-mallory')).toBeNull();
  });

  it('refuses track and alias naming a user id without its hash, even from a request with no Origin', async () => {
    const track = await api.post('/v1/track', { userId: 'toan', event: 'Order Completed', messageId: 'mallory-order' });
    expect(track.status).toBe(403);
    expect(await eventCount('mallory-order')).toBe(0);
    const alias = await api.post('/v1/alias', { previousId: 'toan', userId: 'mallory' });
    expect(alias.status).toBe(403);
  });

  it('keeps an unverified previousId to an anonymous id: a verified alias cannot pull in another user', async () => {
    const toan = await customerWith('user_id', 'toan');
    const res = await fromPage('/v1/alias', { previousId: 'toan', userId: 'mallory', userHash: userHash(secret, 'mallory'), messageId: 'mallory-alias' });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await customerWith('user_id', 'mallory')).not.toBe(toan);
    const merged = await api.db.client.execute({ sql: 'SELECT merged_into FROM customers WHERE id = ?', args: [toan] });
    expect(merged.rows[0]!.merged_into).toBeNull();
  });

  it("lets a page's email link no profile: typing the customer's email does not join theirs", async () => {
    const toan = await customerWith('user_id', 'toan');
    const res = await fromPage('/v1/identify', { anonymousId: 'anon-typist', traits: { email: 'toan@example.vn', phone: '0909908089' } });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await customerWith('anonymous_id', 'anon-typist')).not.toBe(toan);
    expect(await customerWith('phone', '+84909908089')).toBeNull();
  });

  it('leaves anonymous visits alone', async () => {
    const res = await fromPage('/v1/page', { anonymousId: 'anon-browsing', name: 'Trang chủ' });
    expect(res.status).toBe(200);
  });

  it('asks nothing of a server sending with an admin token (HTTP Basic, as Segment libraries do)', async () => {
    const res = await api.post('/v1/identify', { userId: 'toan', anonymousId: 'anon-pos', traits: { phone: '0909908089' }, messageId: 'server-identify' }, { writeKey: ADMIN_TOKEN });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await customerWith('phone', '+84909908089')).toBe(await customerWith('user_id', 'toan'));
  });

  it('stops accepting hashes made with the old secret once it is rotated', async () => {
    const old = userHash(secret, 'lan');
    const rotated = await settings({ method: 'POST' }, '/rotate');
    expect(rotated.secret).not.toBe(secret);
    expect(rotated.enabled).toBe(true);
    expect((await fromPage('/v1/identify', { anonymousId: 'anon-lan', userId: 'lan', userHash: old })).status).toBe(403);
    expect((await fromPage('/v1/identify', { anonymousId: 'anon-lan', userId: 'lan', userHash: userHash(rotated.secret, 'lan') })).status).toBe(200);
    secret = rotated.secret;
  });

  it('accepts what it refused once verification is turned off again', async () => {
    await turn(false);
    expect((await fromPage('/v1/track', { anonymousId: 'anon-x', userId: 'x-1', event: 'Product Viewed' })).status).toBe(200);
  });
});
