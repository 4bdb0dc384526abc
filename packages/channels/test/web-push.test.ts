// Web Push against a push service on 127.0.0.1 that checks the VAPID JWT and decrypts the body as
// RFC 8291 specifies; subscriptions in a real libSQL file.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb, eq, messages, migrate, pushSubscriptions, websiteSettings, workspaces, type BraidDb } from '@braid/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDbOutboxStore, createSandboxAdapter, createWebPushAdapter, isSealedText, openText, SecretsKeyError, verifyTrackingToken, workspaceVapidKeys, type RenderedMessage } from '../src/index';
import { newBrowser, PushService } from './fakes/push-service';

let dir: string;
let braid: BraidDb;
const service = new PushService();
const at = 1_800_000_000_000;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'braid-web-push-'));
  braid = await createDb(`file:${join(dir, 'braid.db')}`);
  await migrate(braid.db);
  await braid.db.insert(workspaces).values([
    { id: 'w1', name: 'Hoa Ban Food', createdAt: at },
    { id: 'w2', name: 'Other shop', createdAt: at },
  ]);
  await service.start();
});
afterAll(async () => {
  await service.stop();
  braid.close();
  rmSync(dir, { recursive: true, force: true });
});

async function subscribe(customerId: string, path: string, status = 201, workspaceId = 'w1') {
  const browser = newBrowser();
  const s = service.subscribe(path, browser, status);
  await braid.db.insert(pushSubscriptions).values({ endpoint: s.endpoint, workspaceId, customerId, p256dh: s.keys.p256dh, auth: s.keys.auth, createdAt: at });
  return s.endpoint;
}

const message = (customerId: string, extra: Partial<RenderedMessage> = {}): RenderedMessage => ({
  channel: 'push',
  to: 'web-push',
  subject: 'Thanh toán chưa thành công?',
  body: 'Anh Toản ơi, dùng mã COMEBACK1A2B để được giảm 10%.',
  idempotencyKey: `k-${customerId}-${Math.random()}`,
  customerId,
  workspaceId: 'w1',
  meta: { messageId: 'msg-1' },
  ...extra,
});

const adapter = () => createWebPushAdapter({ db: braid.db, subject: 'mailto:push@hoabanfood.vn', allowPrivateNetworks: true });

describe('Web Push', () => {
  it('makes one VAPID key pair per workspace on first use and keeps it', async () => {
    const first = await workspaceVapidKeys(braid.db, 'w1');
    expect(Buffer.from(first.publicKey, 'base64url')).toHaveLength(65);
    expect(await workspaceVapidKeys(braid.db, 'w1')).toEqual(first);
    const [again] = await Promise.all([workspaceVapidKeys(braid.db, 'w2'), workspaceVapidKeys(braid.db, 'w2')]);
    const [row] = await braid.db.select().from(websiteSettings).where(eq(websiteSettings.workspaceId, 'w2'));
    expect(row?.vapidPublicKey).toBe(again.publicKey);
    expect(again.publicKey).not.toBe(first.publicKey);
  });

  it('keeps the private key sealed at rest once BRAID_SECRETS_KEY is set, sealing a plain one on read', async () => {
    const plain = await workspaceVapidKeys(braid.db, 'w1');
    const stored = async () => (await braid.db.select().from(websiteSettings).where(eq(websiteSettings.workspaceId, 'w1')))[0]?.vapidPrivateKey;
    expect(await stored()).toBe(plain.privateKey); // no key configured: kept as it is
    process.env.BRAID_SECRETS_KEY = randomBytes(32).toString('base64');
    try {
      expect(await workspaceVapidKeys(braid.db, 'w1')).toEqual(plain);
      const sealed = await stored();
      expect(isSealedText(sealed!)).toBe(true);
      expect(sealed).not.toContain(plain.privateKey);
      expect(await workspaceVapidKeys(braid.db, 'w1')).toEqual(plain);
      // Bound to its workspace: the sealed value copied to another row does not open there.
      expect(() => openText(sealed!, 'vapid:w2')).toThrow(SecretsKeyError);
      delete process.env.BRAID_SECRETS_KEY;
      await expect(workspaceVapidKeys(braid.db, 'w1')).rejects.toThrow(/BRAID_SECRETS_KEY is not set/);
    } finally {
      delete process.env.BRAID_SECRETS_KEY;
      await braid.db.update(websiteSettings).set({ vapidPrivateKey: plain.privateKey }).where(eq(websiteSettings.workspaceId, 'w1'));
    }
  });

  it('encrypts for every browser of the customer and signs with the workspace key (RFC 8291, 8292)', async () => {
    await subscribe('toan', '/push/toan-phone');
    await subscribe('toan', '/push/toan-laptop');
    await subscribe('lan', '/push/lan');
    const before = service.received.length;
    const result = await adapter().send(message('toan'));
    expect(result).toMatchObject({ status: 'sent', providerMessageId: 'web-push:2/2' });
    const got = service.received.slice(before);
    expect(got.map((r) => r.path).sort()).toEqual(['/push/toan-laptop', '/push/toan-phone']);
    const keys = await workspaceVapidKeys(braid.db, 'w1');
    for (const r of got) {
      expect(r.problem).toBeNull();
      expect(JSON.parse(r.payload!)).toEqual({ title: 'Thanh toán chưa thành công?', body: 'Anh Toản ơi, dùng mã COMEBACK1A2B để được giảm 10%.', messageId: 'msg-1' });
      expect(r.vapid).toMatchObject({ aud: service.base, sub: 'mailto:push@hoabanfood.vn', publicKey: keys.publicKey });
      // RFC 8292 §2: no more than 24 hours ahead.
      expect(r.vapid!.exp * 1000).toBeGreaterThan(Date.now());
      expect(r.vapid!.exp * 1000).toBeLessThanOrEqual(Date.now() + 24 * 3_600_000);
    }
  });

  it('removes a subscription the push service answers 404 or 410 for, and keeps the others', async () => {
    const live = await subscribe('huong', '/push/huong-live');
    const gone = await subscribe('huong', '/push/huong-gone', 410);
    const missing = await subscribe('huong', '/push/huong-missing', 404);
    const result = await adapter().send(message('huong'));
    expect(result.status).toBe('sent');
    const left = await braid.db.select({ endpoint: pushSubscriptions.endpoint }).from(pushSubscriptions).where(eq(pushSubscriptions.customerId, 'huong'));
    expect(left.map((r) => r.endpoint)).toEqual([live]);
    expect(left.map((r) => r.endpoint)).not.toContain(gone);
    expect(left.map((r) => r.endpoint)).not.toContain(missing);

    await subscribe('minh', '/push/minh-gone', 410);
    const ended = await adapter().send(message('minh'));
    expect(ended).toMatchObject({ status: 'failed', retryable: false, error: { code: 'PUSH_SUBSCRIPTION_EXPIRED' } });
    expect(await braid.db.select().from(pushSubscriptions).where(eq(pushSubscriptions.customerId, 'minh'))).toHaveLength(0);
  });

  it('retries when the push service is down or busy, and is refused for a rejected request', async () => {
    await subscribe('busy', '/push/busy', 503);
    expect(await adapter().send(message('busy'))).toMatchObject({ status: 'failed', retryable: true, error: { code: 'PUSH_SERVICE_UNAVAILABLE' } });
    await subscribe('tooBig', '/push/too-big', 413);
    expect(await adapter().send(message('tooBig'))).toMatchObject({ status: 'failed', retryable: false, error: { code: 'PUSH_REJECTED' } });
  });

  it('does not reach a push endpoint on a private network unless allowed', async () => {
    await subscribe('inside', '/push/inside');
    const before = service.received.length;
    const strict = createWebPushAdapter({ db: braid.db, subject: 'mailto:push@hoabanfood.vn' });
    const result = await strict.send(message('inside'));
    expect(result).toMatchObject({ status: 'failed', retryable: false, error: { code: 'PUSH_REJECTED' } });
    expect(result.error?.message).toMatch(/loopback/);
    expect(service.received.length).toBe(before);
  });

  it('never sends to another workspace\'s subscription of the same customer id', async () => {
    await subscribe('shared-id', '/push/other-shop', 201, 'w2');
    const before = service.received.length;
    expect(await adapter().send(message('shared-id'))).toMatchObject({ status: 'failed', error: { code: 'NO_PUSH_SUBSCRIPTION' } });
    expect(service.received.length).toBe(before);
  });

  it("a click on the notification passes through Braid's signed click link to the message's link or the shop", async () => {
    const tracking = { baseUrl: 'https://braid.hoabanfood.vn', secret: 'tracking-secret' };
    const tracked = createWebPushAdapter({ db: braid.db, subject: 'mailto:push@hoabanfood.vn', allowPrivateNetworks: true, tracking });
    await subscribe('click', '/push/click');
    const pushed = async (body: string) => {
      const before = service.received.length;
      expect((await tracked.send(message('click', { body, meta: { messageId: 'msg-click' } }))).status).toBe('sent');
      const { url } = JSON.parse(service.received[before]!.payload!) as { url: string };
      expect(url.startsWith('https://braid.hoabanfood.vn/t/c/')).toBe(true);
      return verifyTrackingToken(tracking.secret, url.split('/t/c/')[1]!);
    };
    expect(await pushed('Thanh toán lại tại https://hoabanfood.vn/checkout?cart=42 nhé')).toEqual({ kind: 'click', messageId: 'msg-click', url: 'https://hoabanfood.vn/checkout?cart=42' });
    // No link in the text: the shop's own site, its first allowed origin.
    await braid.db.update(websiteSettings).set({ allowedOrigins: ['https://hoabanfood.vn', 'https://www.hoabanfood.vn'] }).where(eq(websiteSettings.workspaceId, 'w1'));
    expect(await pushed('Giỏ hàng đang chờ bạn')).toEqual({ kind: 'click', messageId: 'msg-click', url: 'https://hoabanfood.vn' });
  });

  it('a customer without a browser subscription (a mobile push token) goes to the fallback', async () => {
    const outbox = createDbOutboxStore(braid.db);
    const withFallback = createWebPushAdapter({ db: braid.db, subject: 'mailto:push@hoabanfood.vn', fallback: createSandboxAdapter('push', outbox) });
    const result = await withFallback.send(message('mobile-only', { to: 'fcm-token-1' }));
    expect(result.status).toBe('sent');
    expect(result.providerMessageId).toMatch(/^sandbox:/);
    expect(await braid.db.select().from(messages).where(eq(messages.customerId, 'mobile-only'))).toHaveLength(1);
  });
});
