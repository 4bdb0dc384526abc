// Consent over real HTTP against a real libSQL file: subscription groups (admin API), a
// customer's consent (admin API, ingestion), the preference page and RFC 8058 one-click
// unsubscribe, provider signals; forged links and another workspace's customer are refused
// with nothing written.
import { createHash, createHmac } from 'node:crypto';
import { channelScope, checkConsent, signUnsubscribeToken } from '@braid/channels';
import { channelSettings, customerIdentities, customers, eq, subscriptions, workspaces } from '@braid/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { twilioSignature } from '../src/tracking/twilio-webhook';
import { count, startTestApi, type TestApi } from './helpers';

const ENV = { BRAID_TRACKING_SECRET: 'consent-test-secret', MESSENGER_APP_SECRET: 'fb-app-secret', ZALO_APP_ID: '1234567890', ZALO_OA_SECRET_KEY: 'zalo-oa-secret', TWILIO_AUTH_TOKEN: 'twilio-token' };
const saved: Record<string, string | undefined> = {};
let api: TestApi;
let shopA: string;
let other: { token: string; writeKey: string; workspaceId: string };

const json = async (res: Response) => ({ status: res.status, body: (await res.json()) as any });
const send = (path: string, method: string, body: unknown, token?: string) => api.admin(path, { method, body: JSON.stringify(body), ...(token ? { token } : {}) });
const customerByEmail = async (email: string, workspaceId: string) =>
  (await api.db.db.select({ id: customerIdentities.customerId, w: customerIdentities.workspaceId }).from(customerIdentities).where(eq(customerIdentities.value, email))).find((r) => r.w === workspaceId)!.id;

beforeAll(async () => {
  for (const [k, v] of Object.entries(ENV)) {
    saved[k] = process.env[k];
    process.env[k] = v;
  }
  api = await startTestApi();
  shopA = (await api.db.db.select({ id: workspaces.id }).from(workspaces))[0]!.id;
  const made = await json(await send('/api/workspaces', 'POST', { name: 'Nhà hàng B' }));
  expect(made.status).toBe(201);
  other = { token: made.body.adminToken, writeKey: made.body.writeKey, workspaceId: made.body.workspace.id };
  await api.db.db.insert(channelSettings).values([{ workspaceId: shopA, channel: 'sms', config: { accountSid: 'AC_A' } }, { workspaceId: shopA, channel: 'zalo', config: { oaId: '111' } }, { workspaceId: other.workspaceId, channel: 'zalo', config: { oaId: '222' } }]);
});
afterAll(async () => {
  await api.stop();
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

describe('subscription groups (admin API)', () => {
  it('creates, lists, renames and deletes; duplicate names and bad fields are refused naming the field', async () => {
    const promo = await json(await send('/api/subscription-groups', 'POST', { name: 'Khuyến mãi', channel: 'email' }));
    expect(promo).toMatchObject({ status: 201, body: { name: 'Khuyến mãi', channel: 'email', mode: 'opt_out', description: null } });
    const dup = await json(await send('/api/subscription-groups', 'POST', { name: 'Khuyến mãi', channel: 'sms' }));
    expect(dup).toMatchObject({ status: 409, body: { error: { code: 'name_taken', details: [{ field: 'name' }] } } });
    const bad = await json(await send('/api/subscription-groups', 'POST', { name: '  ', channel: 'fax', mode: 'maybe' }));
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['channel', 'mode', 'name']);
    const orders = await json(await send('/api/subscription-groups', 'POST', { name: 'Đơn hàng', channel: 'zalo', mode: 'opt_in', description: 'Trạng thái đơn' }));
    expect(orders.status).toBe(201);
    const renamed = await json(await send(`/api/subscription-groups/${orders.body.id}`, 'PATCH', { name: 'Cập nhật đơn hàng' }));
    expect(renamed).toMatchObject({ status: 200, body: { name: 'Cập nhật đơn hàng', channel: 'zalo', mode: 'opt_in' } });
    const list = await json(await api.admin('/api/subscription-groups'));
    expect(list.body.groups.map((g: { name: string }) => g.name)).toEqual(['Khuyến mãi', 'Cập nhật đơn hàng']);
    // Another workspace sees none of them and cannot touch them.
    expect((await json(await api.admin('/api/subscription-groups', { token: other.token }))).body.groups).toEqual([]);
    expect((await send(`/api/subscription-groups/${promo.body.id}`, 'PATCH', { name: 'x' }, other.token)).status).toBe(404);
    expect((await api.admin(`/api/subscription-groups/${promo.body.id}`, { method: 'DELETE', token: other.token })).status).toBe(404);
    expect((await api.admin(`/api/subscription-groups/${orders.body.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await api.admin(`/api/subscription-groups/${orders.body.id}`)).status).toBe(404);
  });
});

describe("a customer's consent", () => {
  let promoId: string;
  let newsId: string;
  let toan: string;
  beforeAll(async () => {
    const groups = (await json(await api.admin('/api/subscription-groups'))).body.groups as { id: string; name: string }[];
    promoId = groups.find((g) => g.name === 'Khuyến mãi')!.id;
    newsId = (await json(await send('/api/subscription-groups', 'POST', { name: 'Bản tin', channel: 'email', mode: 'opt_in' }))).body.id;
    expect((await api.post('/v1/identify', { userId: 'toan', traits: { email: 'toan@example.vn', phone: '0909908089', name: 'Toản' } })).status).toBe(200);
    toan = await customerByEmail('toan@example.vn', shopA);
  });

  it('from ingestion: identify traits and a Subscription Changed event; unknown groups are ignored', async () => {
    await api.post('/v1/identify', { userId: 'toan', traits: { subscriptions: { 'bản tin': true, 'Không có': false } } });
    let consent = (await json(await api.admin(`/api/customers/${toan}/subscriptions`))).body;
    expect(consent.groups.map((g: any) => [g.group.name, g.status, g.explicit, g.source])).toEqual([
      ['Khuyến mãi', 'subscribed', false, null],
      ['Bản tin', 'subscribed', true, 'ingest'],
    ]);
    await api.post('/v1/track', { userId: 'toan', event: 'Subscription Changed', properties: { group: promoId, status: 'unsubscribed' } });
    await api.post('/v1/track', { userId: 'toan', event: 'Subscription Changed', properties: { channel: 'sms', subscribed: false } });
    // An older event arriving late does not undo the newer answer.
    await api.post('/v1/track', { userId: 'toan', event: 'Subscription Changed', properties: { group: 'Khuyến mãi', status: 'subscribed' }, timestamp: '2020-01-01T00:00:00Z' });
    consent = (await json(await api.admin(`/api/customers/${toan}/subscriptions`))).body;
    expect(consent.groups[0]).toMatchObject({ status: 'unsubscribed', source: 'ingest' });
    expect(consent.channels).toEqual([expect.objectContaining({ channel: 'sms', status: 'unsubscribed', source: 'ingest' })]);
  });

  it('from the admin API: all or nothing, only for this workspace', async () => {
    const before = await count(api, 'subscriptions');
    const refused = await json(await send(`/api/customers/${toan}/subscriptions`, 'PUT', { groups: { [promoId]: 'subscribed', nope: 'unsubscribed' } }));
    expect(refused).toMatchObject({ status: 422, body: { error: { code: 'unknown_group', details: [{ field: 'groups.nope' }] } } });
    const badStatus = await json(await send(`/api/customers/${toan}/subscriptions`, 'PUT', { groups: { [promoId]: 'maybe' } }));
    expect(badStatus.status).toBe(400);
    expect(badStatus.body.error.details[0].field).toBe(`groups.${promoId}`);
    // Another workspace's customer is not found; its admin cannot use this workspace's group either.
    expect((await send(`/api/customers/${toan}/subscriptions`, 'PUT', { groups: { [promoId]: 'subscribed' } }, other.token)).status).toBe(404);
    expect((await api.admin(`/api/customers/${toan}/subscriptions`, { token: other.token })).status).toBe(404);
    expect(await count(api, 'subscriptions')).toBe(before);
    const ok = await json(await send(`/api/customers/${toan}/subscriptions`, 'PUT', { groups: { [promoId]: 'subscribed' }, channels: { sms: 'subscribed' } }));
    expect(ok.status).toBe(200);
    expect(ok.body.groups[0]).toMatchObject({ status: 'subscribed', source: 'admin' });
    expect(ok.body.channels[0]).toMatchObject({ channel: 'sms', status: 'subscribed' });
  });

  it('the preference page: Vietnamese by default, English on request, saves only what changed', async () => {
    const token = signUnsubscribeToken(ENV.BRAID_TRACKING_SECRET, { workspaceId: shopA, customerId: toan, scope: promoId });
    const vi = await fetch(`${api.url}/t/u/${token}`);
    expect(vi.status).toBe(200);
    const html = await vi.text();
    expect(html).toContain('<html lang="vi">');
    expect(html).toContain('Tùy chọn nhận tin');
    expect(html).toContain('Khuyến mãi');
    expect(html).toContain('hreflang="en"');
    const en = await (await fetch(`${api.url}/t/u/${token}?lang=en`)).text();
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('Unsubscribe from all marketing');

    // Untick Khuyến mãi, keep Bản tin and every channel.
    const form = new URLSearchParams([['lang', 'vi'], ['action', 'save'], ['shown_group', promoId], ['shown_group', newsId], ['group', newsId], ['shown_channel', 'email'], ['channel', 'email'], ['shown_channel', 'sms'], ['channel', 'sms']]);
    const saved = await fetch(`${api.url}/t/u/${token}/preferences`, { method: 'POST', body: form });
    expect(saved.status).toBe(200);
    expect(await saved.text()).toContain('Đã lưu lựa chọn của bạn.');
    const consent = (await json(await api.admin(`/api/customers/${toan}/subscriptions`))).body;
    expect(consent.groups.map((g: any) => [g.group.name, g.status, g.source])).toEqual([
      ['Khuyến mãi', 'unsubscribed', 'preference_page'],
      ['Bản tin', 'subscribed', 'ingest'],
    ]);

    // Another workspace's group id in the form: refused whole.
    const theirs = (await json(await send('/api/subscription-groups', 'POST', { name: 'Ưu đãi B', channel: 'email' }, other.token))).body.id;
    const before = await count(api, 'subscriptions');
    const refused = await fetch(`${api.url}/t/u/${token}/preferences`, { method: 'POST', body: new URLSearchParams([['shown_group', theirs], ['shown_group', newsId]]) });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as any).error.details[0].field).toBe('group');
    expect(await count(api, 'subscriptions')).toBe(before);
  });

  it('one-click POST (RFC 8058) unsubscribes from the link scope; forged links change nothing', async () => {
    const token = signUnsubscribeToken(ENV.BRAID_TRACKING_SECRET, { workspaceId: shopA, customerId: toan, scope: newsId, messageId: 'm1' });
    const before = await count(api, 'subscriptions');
    const rows = async () => JSON.stringify(await api.db.db.select().from(subscriptions));
    const snapshot = await rows();
    // Signed with another secret, edited to another customer, or another workspace's key.
    const forged = [
      signUnsubscribeToken('not-the-secret', { workspaceId: shopA, customerId: toan, scope: newsId }),
      `${token.split('.')[0]}.${Buffer.from(JSON.stringify({ w: other.workspaceId, c: toan, s: newsId })).toString('base64url')}.${token.split('.')[2]}`,
      'u1.garbage.garbage',
    ];
    for (const bad of forged) {
      const res = await fetch(`${api.url}/t/u/${bad}`, { method: 'POST', body: new URLSearchParams({ 'List-Unsubscribe': 'One-Click' }) });
      expect(res.status).toBe(400);
      expect(((await res.json()) as any).error).toMatchObject({ code: 'invalid_unsubscribe_link', details: [{ field: 'token' }] });
      const page = await fetch(`${api.url}/t/u/${bad}`);
      expect(page.status).toBe(400);
      expect(await page.text()).toContain('Liên kết không hợp lệ');
    }
    // A token validly signed for workspace B naming workspace A's customer: no such customer there.
    const crossed = signUnsubscribeToken(ENV.BRAID_TRACKING_SECRET, { workspaceId: other.workspaceId, customerId: toan, scope: newsId });
    expect((await fetch(`${api.url}/t/u/${crossed}`, { method: 'POST', body: new URLSearchParams({ 'List-Unsubscribe': 'One-Click' }) })).status).toBe(400);
    // The right link without the one-click body, or not as a form.
    const noBody = await fetch(`${api.url}/t/u/${token}`, { method: 'POST', body: new URLSearchParams({ unsubscribe: 'yes' }) });
    expect(noBody.status).toBe(400);
    expect(((await noBody.json()) as any).error.details[0].field).toBe('List-Unsubscribe');
    const asJson = await fetch(`${api.url}/t/u/${token}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(asJson.status).toBe(415);
    expect(await count(api, 'subscriptions')).toBe(before);
    expect(await rows()).toBe(snapshot);

    const res = await fetch(`${api.url}/t/u/${token}`, { method: 'POST', body: new URLSearchParams({ 'List-Unsubscribe': 'One-Click' }) });
    expect(res.status).toBe(200);
    expect(await checkConsent(api.db.db, { workspaceId: shopA, customerId: toan, channel: 'email', groupId: newsId })).toMatchObject({ allowed: false, reason: expect.stringContaining('one_click') });
    // A GET (link scanners) never unsubscribes.
    await api.admin(`/api/customers/${toan}/subscriptions`, { method: 'PUT', body: JSON.stringify({ groups: { [newsId]: 'subscribed' } }) });
    await fetch(`${api.url}/t/u/${token}`);
    expect((await checkConsent(api.db.db, { workspaceId: shopA, customerId: toan, channel: 'email', groupId: newsId })).allowed).toBe(true);
  });

  it('provider signals: SMS STOP, Zalo unfollow / follow, Messenger opt-out', async () => {
    const twilio = async (params: Record<string, string>) => {
      const body = new URLSearchParams(params);
      const url = `${api.url}/t/webhooks/twilio`;
      return fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilioSignature(ENV.TWILIO_AUTH_TOKEN, url, body) }, body });
    };
    const smsAllowed = async () => (await checkConsent(api.db.db, { workspaceId: shopA, customerId: toan, channel: 'sms' })).allowed;
    expect(await smsAllowed()).toBe(true);
    expect(await (await twilio({ MessageSid: 'SM1', AccountSid: 'AC_A', From: '+84909908089', To: '+18005550000', Body: 'Hủy', SmsStatus: 'received' })).json()).toMatchObject({ consent: 'unsubscribed' });
    expect(await smsAllowed()).toBe(false);
    await twilio({ MessageSid: 'SM2', AccountSid: 'AC_A', From: '+84909908089', To: '+18005550000', Body: 'START', SmsStatus: 'received' });
    expect(await smsAllowed()).toBe(true);
    // A forged callback changes nothing.
    const forged = await fetch(`${api.url}/t/webhooks/twilio`, { method: 'POST', headers: { 'x-twilio-signature': 'nope' }, body: new URLSearchParams({ MessageSid: 'SM3', From: '+84909908089', Body: 'STOP' }) });
    expect(forged.status).toBe(401);
    expect(await smsAllowed()).toBe(true);

    await api.db.db.insert(customerIdentities).values([
      { workspaceId: shopA, type: 'zalo_id', value: '8800', customerId: toan },
      { workspaceId: shopA, type: 'facebook_psid', value: '6100', customerId: toan },
    ] as never);
    const zalo = (event: Record<string, unknown>) => {
      const raw = JSON.stringify({ app_id: ENV.ZALO_APP_ID, timestamp: String(Date.now()), ...event });
      const ts = JSON.parse(raw).timestamp as string;
      const mac = `mac=${createHash('sha256').update(`${ENV.ZALO_APP_ID}${raw}${ts}${ENV.ZALO_OA_SECRET_KEY}`).digest('hex')}`;
      return fetch(`${api.url}/t/webhooks/zalo`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-zevent-signature': mac }, body: raw });
    };
    const zaloAllowed = async () => (await checkConsent(api.db.db, { workspaceId: shopA, customerId: toan, channel: 'zalo' })).allowed;
    // Another OA's unfollow of the same user id does not touch this shop.
    await zalo({ event_name: 'unfollow', oa_id: '222', follower: { id: '8800' } });
    expect(await zaloAllowed()).toBe(true);
    await zalo({ event_name: 'unfollow', oa_id: '111', follower: { id: '8800' } });
    expect(await zaloAllowed()).toBe(false);
    await zalo({ event_name: 'follow', oa_id: '111', follower: { id: '8800' } });
    expect(await zaloAllowed()).toBe(true);

    const raw = JSON.stringify({ object: 'page', entry: [{ id: 'PAGE', messaging: [{ sender: { id: '6100' }, optin: { type: 'notification_messages', notification_messages_status: 'STOP NOTIFICATIONS' } }] }] });
    const res = await fetch(`${api.url}/t/webhooks/messenger`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': `sha256=${createHmac('sha256', ENV.MESSENGER_APP_SECRET).update(raw).digest('hex')}` },
      body: raw,
    });
    expect(res.status).toBe(200);
    // One workspace has no page id for Messenger and there are two workspaces: ignored, nothing recorded.
    expect((await checkConsent(api.db.db, { workspaceId: shopA, customerId: toan, channel: 'messenger' })).allowed).toBe(true);
    await api.db.db.insert(channelSettings).values({ workspaceId: shopA, channel: 'messenger', config: { pageId: 'PAGE' } });
    await fetch(`${api.url}/t/webhooks/messenger`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': `sha256=${createHmac('sha256', ENV.MESSENGER_APP_SECRET).update(raw).digest('hex')}` },
      body: raw,
    });
    expect(await checkConsent(api.db.db, { workspaceId: shopA, customerId: toan, channel: 'messenger' })).toMatchObject({ allowed: false, reason: expect.stringContaining('messenger_optout') });
    const stop = await api.db.db.select().from(subscriptions).where(eq(subscriptions.groupId, channelScope('messenger')));
    expect(stop).toHaveLength(1);
    expect((await api.db.db.select().from(customers).where(eq(customers.id, toan))).length).toBe(1);
  });
});
