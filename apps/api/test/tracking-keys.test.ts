// Each workspace signs its tracked links with its own key, over real HTTP on a real libSQL file:
// a link of shop A signed with shop B's key is refused, keys are sealed at rest and never shown,
// and after a rotation the links already in inboxes keep working until the old key expires.
import { randomBytes } from 'node:crypto';
import {
  createChannels,
  createDbOutboxStore,
  keyringOf,
  openText,
  signTrackingToken,
  signUnsubscribeToken,
  signWorkspaceTrackingToken,
  signWorkspaceUnsubscribeToken,
  trackingKeyStore,
  channelScope,
  type ChannelRegistry,
} from '@braid/channels';
import { customerIdentities, eq, messages, newId, trackingKeys, workspaces } from '@braid/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from './helpers';

const KEY = randomBytes(32);
const ENV = { BRAID_TRACKING_SECRET: 'installation-secret-before-workspace-keys', BRAID_SECRETS_KEY: KEY.toString('base64'), BRAID_SECRETS_KEY_ID: 'seal1' };
const saved: Record<string, string | undefined> = {};
let api: TestApi;
let shopA: string;
let shopB: { token: string; workspaceId: string };
let toan: string;
/** The worker's side: its own key store on the same database, as a separate process would have. */
let sender: ChannelRegistry;

const json = async (res: Response) => ({ status: res.status, body: (await res.json()) as any }); // eslint-disable-line @typescript-eslint/no-explicit-any
const tokenIn = (url: string) => url.split('/').pop()!;
const fieldsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, string>;

beforeAll(async () => {
  for (const [k, v] of Object.entries(ENV)) {
    saved[k] = process.env[k];
    process.env[k] = v;
  }
  api = await startTestApi();
  shopA = (await api.db.db.select({ id: workspaces.id }).from(workspaces))[0]!.id;
  const made = await json(await api.admin('/api/workspaces', { method: 'POST', body: JSON.stringify({ name: 'Nhà hàng B' }) }));
  expect(made.status).toBe(201);
  shopB = { token: made.body.adminToken, workspaceId: made.body.workspace.id };
  expect((await api.post('/v1/identify', { userId: 'toan', traits: { email: 'toan@example.vn', name: 'Toản' } })).status).toBe(200);
  toan = (await api.db.db.select({ customerId: customerIdentities.customerId }).from(customerIdentities).where(eq(customerIdentities.value, 'toan@example.vn')))[0]!.customerId;
  const keys = trackingKeyStore(api.db.db, { ring: keyringOf(KEY, 'seal1'), cacheMs: 0 });
  sender = createChannels({ outbox: createDbOutboxStore(api.db.db), tracking: { secret: ENV.BRAID_TRACKING_SECRET, baseUrl: api.url, keys } });
});
afterAll(async () => {
  await sender.close();
  await api.stop();
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

async function insertMessage(workspaceId: string) {
  const id = newId();
  const now = Date.now();
  await api.db.db.insert(messages).values({ id, workspaceId, customerId: toan, channel: 'email', idempotencyKey: `key-${id}`, status: 'sent', createdAt: now, updatedAt: now });
  return id;
}
const statusOf = async (id: string) => (await api.db.db.select().from(messages).where(eq(messages.id, id)))[0]!.status;

/** Sends one email of shop A through the sender and returns its click link and open pixel. */
async function sendTracked(messageId: string) {
  const sent = await sender.send({
    channel: 'email',
    to: 'toan@example.vn',
    subject: 'Hoa Ban Food',
    body: 'Giỏ hàng của anh: https://hoaban.vn/cart',
    idempotencyKey: `key-${messageId}`,
    customerId: toan,
    workspaceId: shopA,
    meta: { messageId },
  });
  expect(sent.status).toBe('sent');
  const [row] = await api.db.db.select().from(messages).where(eq(messages.id, messageId));
  const html = (row!.payload as { sandbox: { html: string } }).sandbox.html;
  return { click: /<a href="([^"]+)"/.exec(html)![1]!.replace(/&amp;/g, '&'), pixel: /<img src="([^"]+)"/.exec(html)![1]! };
}

describe("each workspace's tracking key", () => {
  let firstClick = '';
  let firstMessage = '';

  it("signs a sent email's links with shop A's own key, sealed at rest", async () => {
    firstMessage = await insertMessage(shopA);
    const { click, pixel } = await sendTracked(firstMessage);
    firstClick = click;
    expect(fieldsOf(tokenIn(click))).toMatchObject({ w: shopA, i: 'k1', k: 'c', m: firstMessage, u: 'https://hoaban.vn/cart' });
    expect(tokenIn(pixel).startsWith('t2.')).toBe(true);

    const [row] = await api.db.db.select().from(trackingKeys).where(eq(trackingKeys.workspaceId, shopA));
    expect(row!.secret.startsWith('sealed:v1.seal1.')).toBe(true);
    const secret = openText(row!.secret, `braid:tracking-key:${shopA}:k1`, keyringOf(KEY, 'seal1'));
    expect(row!.secret).not.toContain(secret);
    // The stored key really is the one the link was signed with.
    expect(signWorkspaceTrackingToken(shopA, { id: 'k1', secret }, { kind: 'click', messageId: firstMessage, url: 'https://hoaban.vn/cart' })).toBe(tokenIn(click));

    expect((await fetch(pixel)).status).toBe(200);
    expect(await statusOf(firstMessage)).toBe('opened');
  });

  it("refuses a link of shop A signed with shop B's key, and B's key cannot mark A's message", async () => {
    const id = await insertMessage(shopA);
    const bKey = await trackingKeyStore(api.db.db, { ring: keyringOf(KEY, 'seal1') }).signingKey(shopB.workspaceId);
    // Claims to be A's, signed with B's secret (under B's key id, then under A's key id).
    for (const keyId of [bKey.id, 'k1']) {
      const forged = signWorkspaceTrackingToken(shopA, { id: keyId, secret: bKey.secret }, { kind: 'click', messageId: id, url: 'https://evil.example/phish' });
      const res = await json(await fetch(`${api.url}/t/c/${forged}`, { redirect: 'manual' }));
      expect(res).toMatchObject({ status: 400, body: { error: { code: 'invalid_tracking_link', details: [{ field: 'token' }] } } });
      await fetch(`${api.url}/t/o/${signWorkspaceTrackingToken(shopA, { id: keyId, secret: bKey.secret }, { kind: 'open', messageId: id })}`);
    }
    // B's own valid token naming A's message: B's key only ever moves B's messages.
    await fetch(`${api.url}/t/o/${signWorkspaceTrackingToken(shopB.workspaceId, bKey, { kind: 'open', messageId: id })}`);
    expect(await statusOf(id)).toBe('sent');
    // A key id that was never issued.
    const unknown = signWorkspaceTrackingToken(shopA, { id: 'k99', secret: bKey.secret }, { kind: 'click', messageId: id, url: 'https://hoaban.vn/' });
    expect((await fetch(`${api.url}/t/c/${unknown}`, { redirect: 'manual' })).status).toBe(400);
  });

  it('refuses an unsubscribe link of A signed with B\'s key; A\'s own opens the preference page', async () => {
    const bKey = await trackingKeyStore(api.db.db, { ring: keyringOf(KEY, 'seal1') }).signingKey(shopB.workspaceId);
    const claim = { workspaceId: shopA, customerId: toan, scope: channelScope('email') };
    const forged = await fetch(`${api.url}/t/u/${signWorkspaceUnsubscribeToken(bKey, claim)}`);
    expect(forged.status).toBe(400);
    expect(await forged.text()).toContain('lang="vi"');
    const oneClick = await json(await fetch(`${api.url}/t/u/${signWorkspaceUnsubscribeToken(bKey, claim)}`, { method: 'POST', body: new URLSearchParams({ 'List-Unsubscribe': 'One-Click' }) }));
    expect(oneClick).toMatchObject({ status: 400, body: { error: { code: 'invalid_unsubscribe_link' } } });
    expect(sender.links).not.toBeNull();
  });

  it('lists keys without secrets, per workspace, owners and admins only', async () => {
    const a = await json(await api.admin('/api/tracking-keys'));
    expect(a.status).toBe(200);
    expect(a.body.keys).toEqual([{ keyId: 'k1', createdAt: expect.any(Number), retiredAt: null, expiresAt: null, current: true }]);
    expect(JSON.stringify(a.body)).not.toMatch(/secret|sealed/);
    const b = await json(await api.admin('/api/tracking-keys', { token: shopB.token }));
    expect(b.body.keys.map((k: { keyId: string }) => k.keyId)).toEqual(['k1']);
    const bad = await json(await api.admin('/api/tracking-keys/rotate', { method: 'POST', body: JSON.stringify({ keepOldDays: -1 }) }));
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('keepOldDays');
  });

  it('after a rotation, new links use the new key and links already sent keep working until the old key expires', async () => {
    const unsubscribeBefore = signWorkspaceUnsubscribeToken(
      { id: 'k1', secret: openText((await api.db.db.select().from(trackingKeys).where(eq(trackingKeys.workspaceId, shopA)))[0]!.secret, `braid:tracking-key:${shopA}:k1`, keyringOf(KEY, 'seal1')) },
      { workspaceId: shopA, customerId: toan, scope: channelScope('email') },
    );
    const rotated = await json(await api.admin('/api/tracking-keys/rotate', { method: 'POST', body: JSON.stringify({ keepOldDays: 30 }) }));
    expect(rotated.status).toBe(200);
    expect(rotated.body.keys).toMatchObject([
      { keyId: 'k2', current: true, expiresAt: null },
      { keyId: 'k1', current: false, retiredAt: expect.any(Number) },
    ]);
    const k1 = rotated.body.keys[1];
    expect(k1.expiresAt - k1.retiredAt).toBe(30 * 24 * 3_600_000);
    // B's key did not move.
    expect((await json(await api.admin('/api/tracking-keys', { token: shopB.token }))).body.keys.map((k: { keyId: string }) => k.keyId)).toEqual(['k1']);

    // The link sent before the rotation still redirects and records the click.
    const old = await fetch(firstClick, { redirect: 'manual' });
    expect(old.status).toBe(302);
    expect(old.headers.get('location')).toBe('https://hoaban.vn/cart');
    expect(await statusOf(firstMessage)).toBe('clicked');
    expect((await fetch(`${api.url}/t/u/${unsubscribeBefore}`)).status).toBe(200);

    const next = await insertMessage(shopA);
    const { click } = await sendTracked(next);
    expect(fieldsOf(tokenIn(click)).i).toBe('k2');
    expect((await fetch(click, { redirect: 'manual' })).status).toBe(302);
    expect(await statusOf(next)).toBe('clicked');

    // Rotating again with no grace (a leaked key): k2's links stop at once, k3 signs from now on.
    const revoked = await json(await api.admin('/api/tracking-keys/rotate', { method: 'POST', body: JSON.stringify({ keepOldDays: 0 }) }));
    expect(revoked.body.keys.map((k: { keyId: string; current: boolean }) => `${k.keyId}:${k.current}`)).toEqual(['k3:true', 'k2:false', 'k1:false']);
    expect((await fetch(click, { redirect: 'manual' })).status).toBe(400);
    expect((await fetch(firstClick, { redirect: 'manual' })).status).toBe(302);
  });

  it('still reads links signed with the installation secret before workspaces had keys', async () => {
    const id = await insertMessage(shopA);
    const legacy = signTrackingToken(ENV.BRAID_TRACKING_SECRET, { kind: 'click', messageId: id, url: 'https://hoaban.vn/old' });
    const res = await fetch(`${api.url}/t/c/${legacy}`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(await statusOf(id)).toBe('clicked');
    const unsubscribe = signUnsubscribeToken(ENV.BRAID_TRACKING_SECRET, { workspaceId: shopA, customerId: toan, scope: channelScope('email') });
    expect((await fetch(`${api.url}/t/u/${unsubscribe}`)).status).toBe(200);
  });
});
