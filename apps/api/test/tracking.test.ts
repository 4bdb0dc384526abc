// Engagement tracking over real HTTP against a real libSQL file: email opens and clicks through
// the channels registry's sandbox, Messenger and Zalo status webhooks.
import { createHash, createHmac } from 'node:crypto';
import { createChannels, createDbOutboxStore, signTrackingToken } from '@braid/channels';
import { eq, messages, newId, workspaces } from '@braid/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from './helpers';

const ENV = {
  BRAID_TRACKING_SECRET: 'tracking-secret-for-tests',
  MESSENGER_APP_SECRET: 'fb-app-secret',
  MESSENGER_VERIFY_TOKEN: 'verify-me',
  ZALO_APP_ID: '1234567890',
  ZALO_OA_SECRET_KEY: 'zalo-oa-secret',
  TWILIO_AUTH_TOKEN: 'twilio-auth-token',
  TWILIO_STATUS_CALLBACK_URL: 'https://braid.hoaban.vn/t/webhooks/twilio',
};
let api: TestApi;
/** The bootstrap workspace: the only one, so provider webhooks resolve to it. */
let ws: string;
const saved: Record<string, string | undefined> = {};

beforeAll(async () => {
  for (const [k, v] of Object.entries(ENV)) {
    saved[k] = process.env[k];
    process.env[k] = v;
  }
  api = await startTestApi();
  ws = (await api.db.db.select({ id: workspaces.id }).from(workspaces))[0]!.id;
});
afterAll(async () => {
  await api.stop();
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

async function insertMessage(over: Partial<typeof messages.$inferInsert> = {}) {
  const id = newId();
  const now = Date.now();
  await api.db.db.insert(messages).values({
    id, workspaceId: ws, customerId: 'toan', channel: 'email', idempotencyKey: `key-${id}`, status: 'queued', createdAt: now, updatedAt: now, ...over,
  });
  return id;
}
const statusOf = async (id: string) => (await api.db.db.select().from(messages).where(eq(messages.id, id)))[0]!.status;

describe('email open and click tracking', () => {
  it('an email sent through the sandbox carries a pixel and signed links that record opened, then clicked', async () => {
    const id = await insertMessage();
    const channels = createChannels({ outbox: createDbOutboxStore(api.db.db), tracking: { secret: ENV.BRAID_TRACKING_SECRET, baseUrl: api.url } });
    const sent = await channels.send({
      channel: 'email',
      to: 'toan@example.vn',
      subject: 'Hoa Ban Food xin chào anh Toản',
      body: '2kg thịt trâu gác bếp trong giỏ hàng: https://hoaban.vn/cart',
      html: '<html><body><p>2kg thịt trâu gác bếp</p><a href="https://hoaban.vn/cart?voucher=HB99K&amp;utm_source=email">Hoàn tất đơn</a></body></html>',
      idempotencyKey: `key-${id}`,
      customerId: 'toan',
      workspaceId: 'ws',
      meta: { messageId: id },
    });
    expect(sent.status).toBe('sent');
    expect(await statusOf(id)).toBe('sent');
    const [row] = await api.db.db.select().from(messages).where(eq(messages.id, id));
    const html = (row!.payload as { sandbox: { html: string } }).sandbox.html;
    const pixel = /<img src="([^"]+)"/.exec(html)![1]!;
    const link = /<a href="([^"]+)"/.exec(html)![1]!.replace(/&amp;/g, '&');
    expect(pixel.startsWith(`${api.url}/t/o/`)).toBe(true);

    const open = await fetch(pixel);
    expect(open.status).toBe(200);
    expect(open.headers.get('content-type')).toBe('image/gif');
    expect(open.headers.get('cache-control')).toContain('no-store');
    expect(Buffer.from(await open.arrayBuffer()).subarray(0, 6).toString()).toBe('GIF89a');
    expect(await statusOf(id)).toBe('opened');

    const click = await fetch(link, { redirect: 'manual' });
    expect(click.status).toBe(302);
    expect(click.headers.get('location')).toBe('https://hoaban.vn/cart?voucher=HB99K&utm_source=email');
    expect(click.headers.get('referrer-policy')).toBe('no-referrer');
    expect(await statusOf(id)).toBe('clicked');

    // A later open (the customer re-reads the email) does not move the status back.
    await fetch(pixel);
    expect(await statusOf(id)).toBe('clicked');
  });

  it('never redirects on a token it did not sign: tampered, foreign-secret or open tokens get 400', async () => {
    const id = await insertMessage({ status: 'sent' });
    const good = signTrackingToken(ENV.BRAID_TRACKING_SECRET, { kind: 'click', messageId: id, url: 'https://hoaban.vn/' });
    const [v, , mac] = good.split('.');
    const evilBody = Buffer.from(JSON.stringify({ k: 'c', m: id, u: 'https://evil.example/phish' })).toString('base64url');
    const attempts = [
      `${v}.${evilBody}.${mac}`,
      signTrackingToken('someone-else', { kind: 'click', messageId: id, url: 'https://evil.example/phish' }),
      signTrackingToken(ENV.BRAID_TRACKING_SECRET, { kind: 'open', messageId: id }),
      'not-a-token',
    ];
    for (const token of attempts) {
      const res = await fetch(`${api.url}/t/c/${token}?url=https://evil.example`, { redirect: 'manual' });
      expect(res.status).toBe(400);
      expect(res.headers.get('location')).toBeNull();
      expect((await res.json()) as unknown).toMatchObject({ error: { code: 'invalid_tracking_link', details: [{ field: 'token' }] } });
    }
    // A forged open pixel still answers with the image but records nothing.
    const forged = await fetch(`${api.url}/t/o/${signTrackingToken('someone-else', { kind: 'open', messageId: id })}`);
    expect(forged.status).toBe(200);
    expect(await statusOf(id)).toBe('sent');
  });

  it('is public: no credentials needed, and the admin API still requires them', async () => {
    const res = await fetch(`${api.url}/t/o/whatever`);
    expect(res.status).toBe(200);
    expect((await fetch(`${api.url}/api/customers`)).status).toBe(401);
  });
});

describe('Messenger webhook', () => {
  const sign = (raw: string) => `sha256=${createHmac('sha256', ENV.MESSENGER_APP_SECRET).update(raw).digest('hex')}`;
  const post = (body: unknown, signature?: string) => {
    const raw = JSON.stringify(body);
    return fetch(`${api.url}/t/webhooks/messenger`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature ?? sign(raw) }, body: raw });
  };

  it('answers the subscription challenge only with the verify token', async () => {
    const ok = await fetch(`${api.url}/t/webhooks/messenger?hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=1158201444`);
    expect(await ok.text()).toBe('1158201444');
    expect((await fetch(`${api.url}/t/webhooks/messenger?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1`)).status).toBe(403);
  });

  it('records delivery by mid, read by watermark, and a reply; refuses a bad signature', async () => {
    const t0 = Date.now() - 60_000;
    const first = await insertMessage({ channel: 'messenger', recipient: '6123456789', providerMessageId: 'm_first', status: 'sent', createdAt: t0 });
    const second = await insertMessage({ channel: 'messenger', recipient: '6123456789', providerMessageId: 'm_second', status: 'sent', createdAt: t0 + 1_000 });
    const event = (messaging: unknown) => ({ object: 'page', entry: [{ id: 'PAGE', time: Date.now(), messaging: [messaging] }] });
    const sender = { sender: { id: '6123456789' }, recipient: { id: 'PAGE' }, timestamp: Date.now() };

    expect((await post(event({ ...sender, delivery: { mids: ['m_first'], watermark: t0 } }), 'sha256=00')).status).toBe(401);
    expect(await statusOf(first)).toBe('sent');

    expect((await post(event({ ...sender, delivery: { mids: ['m_first'], watermark: t0 } }))).status).toBe(200);
    expect([await statusOf(first), await statusOf(second)]).toEqual(['delivered', 'sent']);
    await post(event({ ...sender, read: { watermark: t0 + 500 } }));
    expect([await statusOf(first), await statusOf(second)]).toEqual(['opened', 'sent']);
    await post(event({ ...sender, message: { mid: 'm_reply', text: '5 sao! Ngon lắm' } }));
    expect(await statusOf(second)).toBe('replied');
    // The page's own echo is not a reply.
    const third = await insertMessage({ channel: 'messenger', recipient: '6123456789', status: 'sent', createdAt: t0 + 2_000 });
    await post(event({ ...sender, message: { mid: 'm_echo', is_echo: true, text: 'echo' } }));
    expect(await statusOf(third)).toBe('sent');
  });
});

describe('Zalo webhook', () => {
  const post = (body: Record<string, unknown>, signature?: string) => {
    const raw = JSON.stringify(body);
    const mac = `mac=${createHash('sha256').update(`${ENV.ZALO_APP_ID}${raw}${String(body.timestamp)}${ENV.ZALO_OA_SECRET_KEY}`).digest('hex')}`;
    return fetch(`${api.url}/t/webhooks/zalo`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-zevent-signature': signature ?? mac }, body: raw });
  };

  it('records ZNS delivery (by msg_id or our tracking_id), seen receipts and replies', async () => {
    const zns = await insertMessage({ channel: 'zalo', recipient: '2512523625412515', providerMessageId: 'zns-1', status: 'sent', createdAt: Date.now() - 5_000 });
    const byTracking = await insertMessage({ channel: 'zalo', recipient: '2512523625412516', status: 'sent' });
    const base = { app_id: ENV.ZALO_APP_ID, sender: { id: 'OA' }, timestamp: String(Date.now()) };

    expect((await post({ ...base, event_name: 'user_received_message', recipient: { id: '2512523625412515' }, message: { msg_id: 'zns-1' } }, 'mac=bad')).status).toBe(401);
    expect(await statusOf(zns)).toBe('sent');

    await post({ ...base, event_name: 'user_received_message', recipient: { id: '2512523625412515' }, message: { msg_id: 'zns-1', tracking_id: zns } });
    await post({ ...base, event_name: 'user_received_message', recipient: { id: '2512523625412516' }, message: { msg_id: 'unknown', tracking_id: byTracking } });
    expect([await statusOf(zns), await statusOf(byTracking)]).toEqual(['delivered', 'delivered']);
    // The bare hex form of the signature is accepted too.
    const seen = { ...base, event_name: 'user_seen_message', recipient: { id: '2512523625412515' }, message: { msg_ids: ['zns-1'] } };
    const bare = createHash('sha256').update(`${ENV.ZALO_APP_ID}${JSON.stringify(seen)}${seen.timestamp}${ENV.ZALO_OA_SECRET_KEY}`).digest('hex');
    expect((await post(seen, bare)).status).toBe(200);
    expect(await statusOf(zns)).toBe('opened');
    await post({ ...base, event_name: 'user_send_text', sender: { id: '2512523625412515' }, recipient: { id: 'OA' }, message: { msg_id: 'u1', text: 'Còn hàng không shop?' } });
    expect(await statusOf(zns)).toBe('replied');
  });

  it('refuses a correctly signed event older than 5 minutes (replay) or without a timestamp', async () => {
    const zns = await insertMessage({ channel: 'zalo', recipient: '2512523625412599', providerMessageId: 'zns-old', status: 'sent' });
    const old = { app_id: ENV.ZALO_APP_ID, sender: { id: 'OA' }, recipient: { id: '2512523625412599' }, event_name: 'user_received_message', message: { msg_id: 'zns-old' } };
    const stale = await post({ ...old, timestamp: String(Date.now() - 6 * 60_000) });
    expect(stale.status).toBe(401);
    expect(await stale.json()).toMatchObject({ error: { code: 'stale_event', details: [{ field: 'timestamp' }] } });
    expect((await post({ ...old, timestamp: 'soon' })).status).toBe(401);
    expect(await statusOf(zns)).toBe('sent');
    expect((await post({ ...old, timestamp: String(Date.now() - 60_000) })).status).toBe(200);
    expect(await statusOf(zns)).toBe('delivered');
  });

  it('a tracking_id only marks a Zalo message', async () => {
    const email = await insertMessage({ channel: 'email', recipient: 'toan@example.vn', status: 'sent' });
    const base = { app_id: ENV.ZALO_APP_ID, sender: { id: 'OA' }, timestamp: String(Date.now()) };
    const res = await post({ ...base, event_name: 'user_received_message', recipient: { id: '2512523625412515' }, message: { msg_id: 'nope', tracking_id: email } });
    expect(await res.json()).toEqual({ received: true, updated: 0 });
    expect(await statusOf(email)).toBe('sent');
  });
});

describe('Twilio status callback', () => {
  // Signature computed as Twilio documents it, independently of the route's helper.
  const sign = (params: URLSearchParams) =>
    createHmac('sha1', ENV.TWILIO_AUTH_TOKEN)
      .update(ENV.TWILIO_STATUS_CALLBACK_URL + [...params.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => k + v).join(''))
      .digest('base64');
  const post = (fields: Record<string, string>, signature?: string) => {
    const params = new URLSearchParams(fields);
    return fetch(`${api.url}/t/webhooks/twilio`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature ?? sign(params) }, body: params.toString() });
  };

  it('marks the SMS delivered by its SID; refuses unsigned callbacks', async () => {
    const sms = await insertMessage({ channel: 'sms', recipient: '+84909908089', providerMessageId: 'SM0001', status: 'sent' });
    const fields = { AccountSid: 'AC1', MessageSid: 'SM0001', MessageStatus: 'delivered', To: '+84909908089' };
    expect((await post(fields, 'forged')).status).toBe(401);
    expect(await statusOf(sms)).toBe('sent');
    const res = await post(fields);
    expect(await res.json()).toEqual({ received: true, updated: 1 });
    expect(await statusOf(sms)).toBe('delivered');
    await post({ ...fields, MessageStatus: 'sent' });
    expect(await statusOf(sms)).toBe('delivered');
  });
});

describe('configuration', () => {
  it('with tracking off, /t/o and /t/c are 404 while provider webhooks keep working; unconfigured webhooks are 404', async () => {
    const { trackingRoutes } = await import('../src/tracking/routes');
    const app = trackingRoutes({ db: api.db.db, env: { BRAID_TRACKING: 'off', MESSENGER_APP_SECRET: 's', MESSENGER_VERIFY_TOKEN: 'v' } });
    expect((await app.request('/o/x')).status).toBe(404);
    expect((await app.request('/c/x')).status).toBe(404);
    expect(await (await app.request('/webhooks/messenger?hub.mode=subscribe&hub.verify_token=v&hub.challenge=42')).text()).toBe('42');
    expect((await app.request('/webhooks/zalo', { method: 'POST', body: '{}' })).status).toBe(404);
  });
});
