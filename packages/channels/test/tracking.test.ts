import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb, eq, messages, migrate, newId, type BraidDb } from '@braid/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addTrackingToHtml,
  addTrackingToText,
  createChannels,
  createMemoryOutboxStore,
  recordEngagement,
  recordEngagementByProviderId,
  recordEngagementUpTo,
  recordReply,
  signTrackingToken,
  trackingSettingsFromEnv,
  verifyTrackingToken,
  TRACKING_SECRET_FILE,
  type RenderedMessage,
} from '../src/index';

const links = { baseUrl: 'https://braid.hoaban.vn/', secret: 'tracking-secret' };
const tokenOf = (url: string) => url.split('/').pop()!;

describe('tracking tokens', () => {
  it('round-trips open and click claims and rejects anything tampered with or signed elsewhere', () => {
    const open = signTrackingToken('s', { kind: 'open', messageId: 'm1' });
    const click = signTrackingToken('s', { kind: 'click', messageId: 'm1', url: 'https://hoaban.vn/combo?utm_source=email' });
    expect(verifyTrackingToken('s', open)).toEqual({ kind: 'open', messageId: 'm1' });
    expect(verifyTrackingToken('s', click)).toEqual({ kind: 'click', messageId: 'm1', url: 'https://hoaban.vn/combo?utm_source=email' });
    expect(verifyTrackingToken('other', click)).toBeNull();
    const [v, body, mac] = click.split('.');
    const forged = Buffer.from(JSON.stringify({ k: 'c', m: 'm1', u: 'https://evil.example' })).toString('base64url');
    expect(verifyTrackingToken('s', `${v}.${forged}.${mac}`)).toBeNull();
    expect(verifyTrackingToken('s', `${v}.${body}.`)).toBeNull();
    expect(verifyTrackingToken('s', 'garbage')).toBeNull();
    // A signed javascript: URL is still refused.
    expect(verifyTrackingToken('s', signTrackingToken('s', { kind: 'click', messageId: 'm1', url: 'javascript:alert(1)' }))).toBeNull();
  });
});

describe('email link rewriting', () => {
  it('rewrites http(s) links, keeps mailto/tel/anchors/opted-out links, adds the pixel before </body>', () => {
    const html = `<html><body><a class="btn" href="https://hoaban.vn/cart?a=1&amp;b=2">Giỏ hàng</a>
      <a href='http://hoaban.vn/x'>x</a> <a href="mailto:hi@hoaban.vn">mail</a> <a href="tel:0909908089">call</a>
      <a href="#top">top</a> <a data-braid-no-track href="https://hoaban.vn/unsubscribe">unsub</a></body></html>`;
    const out = addTrackingToHtml(html, links, 'msg-1');
    const hrefs = [...out.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!);
    expect(hrefs[0]).toMatch(/^https:\/\/braid\.hoaban\.vn\/t\/c\/t1\./);
    expect(verifyTrackingToken(links.secret, tokenOf(hrefs[0]!))).toEqual({ kind: 'click', messageId: 'msg-1', url: 'https://hoaban.vn/cart?a=1&b=2' });
    expect(verifyTrackingToken(links.secret, tokenOf(hrefs[1]!))).toMatchObject({ url: 'http://hoaban.vn/x' });
    expect(hrefs.slice(2)).toEqual(['mailto:hi@hoaban.vn', 'tel:0909908089', '#top', 'https://hoaban.vn/unsubscribe']);
    expect(out).toContain('class="btn"');
    const pixel = /<img src="([^"]+)"[^>]*\/><\/body>/.exec(out)?.[1];
    expect(verifyTrackingToken(links.secret, tokenOf(pixel!))).toEqual({ kind: 'open', messageId: 'msg-1' });
  });

  it('leaves Braid unsubscribe links direct in HTML and text', () => {
    const unsub = 'https://braid.hoaban.vn/t/u/u1.abc.def';
    expect(addTrackingToHtml(`<a href="${unsub}">Hủy đăng ký</a>`, links, 'msg-1')).toContain(`href="${unsub}"`);
    expect(addTrackingToText(`Hủy đăng ký: ${unsub}.`, links, 'msg-1')).toBe(`Hủy đăng ký: ${unsub}.`);
  });

  it('rewrites bare URLs in the text part, leaving trailing punctuation', () => {
    const out = addTrackingToText('Xem combo: https://hoaban.vn/combo. Cảm ơn!', links, 'msg-1');
    const url = /(https:\/\/braid\S+?)\. Cảm ơn!$/.exec(out)?.[1];
    expect(verifyTrackingToken(links.secret, tokenOf(url!))).toMatchObject({ url: 'https://hoaban.vn/combo' });
  });

  it('a text-only email gets a plain HTML part (escaped, linked) so the open can be seen', async () => {
    const outbox = createMemoryOutboxStore();
    await createChannels({ outbox, tracking: links }).send({
      channel: 'email', to: 'toan@example.vn', subject: 'Hi', body: 'Chào anh <Toản>,\n\nXem giỏ: https://hoaban.vn/cart.\nCảm ơn!',
      idempotencyKey: 'k-text', customerId: 'c1', workspaceId: 'w1', meta: { messageId: 'msg-text' },
    });
    const [entry] = await outbox.list({ workspaceId: 'w1' });
    expect(entry!.html).toContain('<p>Chào anh &lt;Toản&gt;,</p>');
    const href = /<a href="([^"]+)">https:\/\/hoaban\.vn\/cart<\/a>\.<br \/>Cảm ơn!/.exec(entry!.html!)?.[1];
    expect(verifyTrackingToken(links.secret, tokenOf(href!))).toMatchObject({ url: 'https://hoaban.vn/cart' });
    expect(entry!.html).toMatch(/<img src="[^"]+\/t\/o\/[^"]+"[^>]*\/><\/body>/);
  });

  it('createChannels({ tracking }) tracks email through the sandbox, only when the runtime gives a message id', async () => {
    const outbox = createMemoryOutboxStore();
    const channels = createChannels({ outbox, tracking: links });
    const base: RenderedMessage = {
      channel: 'email', to: 'toan@example.vn', subject: 'Giỏ hàng', body: 'https://hoaban.vn/cart', html: '<a href="https://hoaban.vn/cart">Giỏ</a>',
      idempotencyKey: 'k1', customerId: 'c1', workspaceId: 'w1', meta: { messageId: 'msg-9' },
    };
    await channels.send(base);
    await channels.send({ ...base, idempotencyKey: 'k2', meta: {} });
    await channels.send({ ...base, channel: 'sms', idempotencyKey: 'k3' });
    const [sms, untracked, tracked] = await outbox.list({ workspaceId: 'w1' }).then((l) => l.sort((a, b) => a.idempotencyKey.localeCompare(b.idempotencyKey)).reverse());
    expect(tracked!.html).toContain('/t/c/');
    expect(tracked!.html).toContain('/t/o/');
    expect(tracked!.body).toContain('/t/c/');
    expect(untracked!.html).toBe(base.html);
    expect(sms!.body).toBe(base.body);
    expect(channels.describe().email).toBe('sandbox');
  });
});

describe('tracking settings', () => {
  it('uses BRAID_TRACKING_SECRET, else one random secret kept next to the local database', () => {
    expect(trackingSettingsFromEnv({ BRAID_TRACKING_SECRET: 'x', BRAID_PUBLIC_URL: 'https://b.vn' })).toEqual({ secret: 'x', baseUrl: 'https://b.vn' });
    const dir = mkdtempSync(join(tmpdir(), 'braid-tracking-'));
    try {
      const env = { BRAID_DATABASE_URL: `file:${join(dir, 'braid.db')}`, PORT: '4123' };
      const first = trackingSettingsFromEnv(env);
      const second = trackingSettingsFromEnv(env);
      expect(first?.secret).toMatch(/^[\w-]{40,}$/);
      expect(second?.secret).toBe(first?.secret);
      expect(first?.baseUrl).toBe('http://localhost:4123');
      expect(readFileSync(join(dir, TRACKING_SECRET_FILE), 'utf8')).toBe(first?.secret);
      expect(statSync(join(dir, TRACKING_SECRET_FILE)).mode & 0o077).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(trackingSettingsFromEnv({ BRAID_DATABASE_URL: 'libsql://braid.turso.io' })).toBeNull();
    expect(trackingSettingsFromEnv({ BRAID_TRACKING_SECRET: 'x', BRAID_TRACKING: 'off' })).toBeNull();
  });
});

describe('engagement statuses', () => {
  let dir: string;
  let braid: BraidDb;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'braid-engagement-'));
    braid = await createDb(`file:${join(dir, 'braid.db')}`);
    await migrate(braid.db);
  });
  afterAll(() => {
    braid.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const insert = async (over: Partial<typeof messages.$inferInsert> = {}) => {
    const id = newId();
    await braid.db.insert(messages).values({
      id, workspaceId: 'w1', customerId: 'c1', channel: 'email', idempotencyKey: id, status: 'sent', createdAt: 1_000, updatedAt: 1_000, ...over,
    });
    return id;
  };
  const statusOf = async (id: string) => (await braid.db.select().from(messages).where(eq(messages.id, id)))[0]!.status;

  it('only moves forward: a late delivery receipt never hides a click', async () => {
    const id = await insert();
    expect(await recordEngagement(braid.db, { messageId: id, status: 'opened', at: 2_000 })).toBe(true);
    expect(await recordEngagement(braid.db, { messageId: id, status: 'clicked', at: 3_000 })).toBe(true);
    expect(await recordEngagement(braid.db, { messageId: id, status: 'delivered', at: 4_000 })).toBe(false);
    expect(await recordEngagement(braid.db, { messageId: id, status: 'opened', at: 5_000 })).toBe(false);
    expect(await statusOf(id)).toBe('clicked');
  });

  it('by provider id, by watermark, and replies on chat channels', async () => {
    const a = await insert({ channel: 'messenger', recipient: '6123', providerMessageId: 'm_a', createdAt: 1_000 });
    const b = await insert({ channel: 'messenger', recipient: '6123', providerMessageId: 'm_b', createdAt: 5_000 });
    const failed = await insert({ channel: 'messenger', recipient: '6123', status: 'failed', createdAt: 900 });
    expect(await recordEngagementByProviderId(braid.db, { workspaceId: 'w1', channel: 'messenger', providerMessageIds: ['m_a', 'm_x'], status: 'delivered', at: 2_000 })).toBe(1);
    expect(await recordEngagementUpTo(braid.db, { workspaceId: 'w1', channel: 'messenger', recipient: '6123', upTo: 2_000, status: 'opened', at: 6_000 })).toBe(1);
    expect([await statusOf(a), await statusOf(b), await statusOf(failed)]).toEqual(['opened', 'sent', 'failed']);
    expect(await recordReply(braid.db, { workspaceId: 'w1', channel: 'messenger', recipient: '6123', at: 7_000 })).toBe(b);
    expect(await statusOf(b)).toBe('replied');
    expect(await recordReply(braid.db, { workspaceId: 'w1', channel: 'messenger', recipient: '9999', at: 7_000 })).toBeNull();
  });

  it('scopes provider ids, watermarks and replies to one workspace', async () => {
    const shopA = await insert({ workspaceId: 'shop-a', channel: 'zalo', recipient: 'u-77', providerMessageId: 'shared-id', createdAt: 1_000 });
    const shopB = await insert({ workspaceId: 'shop-b', channel: 'zalo', recipient: 'u-77', providerMessageId: 'shared-id', createdAt: 2_000 });
    expect(await recordEngagementByProviderId(braid.db, { workspaceId: 'shop-a', channel: 'zalo', providerMessageIds: ['shared-id'], status: 'delivered', at: 3_000 })).toBe(1);
    expect([await statusOf(shopA), await statusOf(shopB)]).toEqual(['delivered', 'sent']);
    expect(await recordEngagementUpTo(braid.db, { workspaceId: 'shop-a', channel: 'zalo', recipient: 'u-77', upTo: 5_000, status: 'opened', at: 4_000 })).toBe(1);
    expect([await statusOf(shopA), await statusOf(shopB)]).toEqual(['opened', 'sent']);
    // Shop B's message is the latest to u-77, but the reply came to shop A.
    expect(await recordReply(braid.db, { workspaceId: 'shop-a', channel: 'zalo', recipient: 'u-77', at: 6_000 })).toBe(shopA);
    expect([await statusOf(shopA), await statusOf(shopB)]).toEqual(['replied', 'sent']);
  });
});
