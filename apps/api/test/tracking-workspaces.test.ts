// Provider webhooks with several workspaces over real HTTP and a real libSQL file: a reply to one
// shop's page / OA is credited to that shop's message, never to another shop's later message to
// the same person; an event no workspace can be resolved for is ignored.
import { createHash, createHmac } from 'node:crypto';
import { channelSettings, eq, messages, newId, workspaces } from '@braid/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from './helpers';

const ENV = { MESSENGER_APP_SECRET: 'fb-app-secret', ZALO_APP_ID: '1234567890', ZALO_OA_SECRET_KEY: 'zalo-oa-secret' };
let api: TestApi;
let shopA: string;
const shopB = 'ws_nha_hang_b';
const saved: Record<string, string | undefined> = {};
const warnings: string[] = [];
const origWarn = console.warn;

beforeAll(async () => {
  for (const [k, v] of Object.entries(ENV)) {
    saved[k] = process.env[k];
    process.env[k] = v;
  }
  console.warn = (line: string) => void warnings.push(String(line));
  api = await startTestApi();
  shopA = (await api.db.db.select({ id: workspaces.id }).from(workspaces))[0]!.id;
  await api.db.db.insert(workspaces).values({ id: shopB, name: 'Nhà hàng B', createdAt: Date.now() });
  await api.db.db.insert(channelSettings).values([
    { workspaceId: shopA, channel: 'messenger', config: { pageId: 'PAGE_A' } },
    { workspaceId: shopB, channel: 'messenger', config: { pageId: 'PAGE_B' } },
    { workspaceId: shopA, channel: 'zalo', config: { oaId: 'OA_A' } },
    { workspaceId: shopB, channel: 'zalo', config: { oaId: 'OA_B' } },
  ]);
});
afterAll(async () => {
  console.warn = origWarn;
  await api.stop();
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

async function insertMessage(over: Partial<typeof messages.$inferInsert> & { workspaceId: string; channel: string }) {
  const id = newId();
  const now = Date.now();
  await api.db.db.insert(messages).values({ id, customerId: 'toan', idempotencyKey: `key-${id}`, status: 'sent', createdAt: now, updatedAt: now, ...over });
  return id;
}
const statusOf = async (id: string) => (await api.db.db.select().from(messages).where(eq(messages.id, id)))[0]!.status;

describe('Messenger webhook with two workspaces', () => {
  const post = (body: unknown) => {
    const raw = JSON.stringify(body);
    const signature = `sha256=${createHmac('sha256', ENV.MESSENGER_APP_SECRET).update(raw).digest('hex')}`;
    return fetch(`${api.url}/t/webhooks/messenger`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature }, body: raw });
  };
  const event = (page: string, messaging: unknown) => ({ object: 'page', entry: [{ id: page, time: Date.now(), messaging: [messaging] }] });

  it("a reply to shop A's page marks shop A's message, not shop B's later one to the same PSID", async () => {
    const t0 = Date.now() - 60_000;
    const a = await insertMessage({ workspaceId: shopA, channel: 'messenger', recipient: '6100', providerMessageId: 'm_a', createdAt: t0 });
    const b = await insertMessage({ workspaceId: shopB, channel: 'messenger', recipient: '6100', providerMessageId: 'm_b', createdAt: t0 + 1_000 });
    const sender = { sender: { id: '6100' }, timestamp: Date.now() };

    await post(event('PAGE_A', { ...sender, read: { watermark: t0 + 5_000 } }));
    expect([await statusOf(a), await statusOf(b)]).toEqual(['opened', 'sent']);
    await post(event('PAGE_A', { ...sender, message: { mid: 'm_reply', text: 'Còn bàn tối nay không?' } }));
    expect([await statusOf(a), await statusOf(b)]).toEqual(['replied', 'sent']);
    await post(event('PAGE_A', { ...sender, delivery: { mids: ['m_b'] } }));
    expect(await statusOf(b)).toBe('sent');

    // A page no workspace claims, with two workspaces: ignored and logged, nobody credited.
    warnings.length = 0;
    const res = await post(event('PAGE_UNKNOWN', { ...sender, message: { mid: 'm_reply2', text: 'alo' } }));
    expect(await res.json()).toEqual({ received: true, updated: 0 });
    expect(await statusOf(b)).toBe('sent');
    expect(warnings.join('\n')).toContain('PAGE_UNKNOWN');
  });
});

describe('Zalo webhook with two workspaces', () => {
  const post = (body: Record<string, unknown>) => {
    const raw = JSON.stringify(body);
    const mac = `mac=${createHash('sha256').update(`${ENV.ZALO_APP_ID}${raw}${String(body.timestamp)}${ENV.ZALO_OA_SECRET_KEY}`).digest('hex')}`;
    return fetch(`${api.url}/t/webhooks/zalo`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-zevent-signature': mac }, body: raw });
  };

  it("a user writing to OA A marks OA A's message, not OA B's later one to the same user id", async () => {
    const a = await insertMessage({ workspaceId: shopA, channel: 'zalo', recipient: '2512', providerMessageId: 'zns-same', createdAt: Date.now() - 10_000 });
    const b = await insertMessage({ workspaceId: shopB, channel: 'zalo', recipient: '2512', providerMessageId: 'zns-same', createdAt: Date.now() - 5_000 });
    const base = { app_id: ENV.ZALO_APP_ID, timestamp: String(Date.now()) };

    await post({ ...base, event_name: 'user_received_message', sender: { id: 'OA_A' }, recipient: { id: '2512' }, message: { msg_id: 'zns-same' } });
    expect([await statusOf(a), await statusOf(b)]).toEqual(['delivered', 'sent']);
    await post({ ...base, event_name: 'user_send_text', sender: { id: '2512' }, recipient: { id: 'OA_A' }, message: { msg_id: 'u1', text: 'Shop ơi' } });
    expect([await statusOf(a), await statusOf(b)]).toEqual(['replied', 'sent']);

    const res = await post({ ...base, event_name: 'user_send_text', sender: { id: '2512' }, recipient: { id: 'OA_UNKNOWN' }, message: { msg_id: 'u2', text: 'alo' } });
    expect(await res.json()).toEqual({ received: true, updated: 0 });
    expect(await statusOf(b)).toBe('sent');
  });
});
