// The worker's wiring from the environment, driven through the activities against a real libSQL
// file and the provider fakes of @braid/channels: Zalo (ZNS to the phone when there is no Zalo
// id), email tracking, Facebook audiences, merged profiles, receipts that beat the "sent"
// update, and failed sends recorded in the step log.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createChannels, createDbOutboxStore, recordInbound, type ChannelAdapter } from '@braid/channels';
import { and, createDb, customerIdentities, customers, eq, messages, migrate, stepLog, workspaces, type BraidDb } from '@braid/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeZalo, type FakeZalo } from '../../packages/channels/test/fakes/fake-zalo';
import { startFakeFacebookAudiences, type FakeFacebookAudiences } from '../../packages/channels/test/fakes/fake-audiences';
import { startFakeMessenger } from '../../packages/channels/test/fakes/fake-messenger';
import { startFakeTwilio } from '../../packages/channels/test/fakes/fake-sms';
import { createActivities } from '../src/activities/index';
import { audiencesFromEnv, channelsFromEnv } from '../src/worker/channels';
import { defaultImplementations } from '../src/worker/implementations';
import type { StepRequest } from '../src/workflows/contract';

let dir: string;
let db: BraidDb;
let zalo: FakeZalo;
let facebook: FakeFacebookAudiences;
let env: Record<string, string>;

const now = Date.now();
async function customer(id: string, traits: Record<string, unknown>, identities: Record<string, string> = {}, mergedInto?: string) {
  await db.db.insert(customers).values({ id, workspaceId: 'ws', traits, createdAt: now, updatedAt: now, ...(mergedInto ? { mergedInto } : {}) });
  for (const [type, value] of Object.entries(identities)) await db.db.insert(customerIdentities).values({ workspaceId: 'ws', type, value, customerId: id });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'braid-wiring-'));
  db = await createDb(`file:${join(dir, 'braid.db')}`);
  await migrate(db.db);
  await db.db.insert(workspaces).values({ id: 'ws', name: 'Hoa Ban Food', createdAt: now });
  zalo = await startFakeZalo('zalo-token');
  facebook = await startFakeFacebookAudiences({ token: 'fb-token', version: 'v23.0', audienceIds: ['23850000000001'] });
  env = {
    ZALO_ACCESS_TOKEN: 'zalo-token',
    ZALO_ZNS_TEMPLATE_ID: '231677',
    ZALO_ZNS_BASE_URL: zalo.url,
    ZALO_OA_BASE_URL: zalo.url,
    BRAID_TRACKING_SECRET: 'a-tracking-secret-for-tests-only',
    BRAID_TRACKING_BASE_URL: 'https://braid.hoaban.vn',
    FACEBOOK_ADS_ACCESS_TOKEN: 'fb-token',
    FACEBOOK_AUDIENCES: JSON.stringify({ 'Cart abandoners': '23850000000001' }),
    FACEBOOK_GRAPH_VERSION: 'v23.0',
    FACEBOOK_GRAPH_BASE_URL: facebook.url,
  };
  await customer('toan', { firstName: 'Toản', email: 'toan@example.vn' }, { phone: '+84912345678' });
  await customer('lan', { firstName: 'Lan' }, { zalo_id: '8412345' });
  await customer('nobody', { firstName: 'Vô Danh' });
  await customer('old', {}, {}, 'toan');
});
afterAll(async () => {
  await zalo?.close();
  await facebook?.close();
  db?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const request = (customerId: string, kindName: string, channel: string | null, config: unknown, nodeId = `${kindName}-${customerId}`): StepRequest => ({
  enrollment: { workspaceId: 'ws', journeyId: 'j1', versionId: 'v1', version: 1, customerId, enrollmentId: `e-${customerId}` },
  workflowId: `journey:j1:customer:${customerId}`,
  stepId: nodeId,
  nodeId,
  kindName,
  channel,
  config: config as StepRequest['config'],
  visit: 1,
  entryEvent: null,
  variables: {},
});

async function activitiesFromEnv(channels = channelsFromEnv(db.db, env)) {
  return createActivities({ db: db.db, channels, audiences: audiencesFromEnv(db.db, env), implementations: await defaultImplementations() });
}

describe('worker wiring from the environment', () => {
  it('Zalo ZNS reaches a customer without a Zalo id through their phone', async () => {
    const activities = await activitiesFromEnv();
    const result = await activities.runAction(request('toan', 'send-message', 'zalo', { channel: 'zalo', body: 'Chào {{ customer.firstName }}' }));
    expect(result.ok).toBe(true);
    const zns = zalo.requests.filter((r) => r.path === '/message/template');
    expect(zns).toHaveLength(1);
    expect(zns[0]!.json).toMatchObject({ phone: '84912345678', template_id: '231677', template_data: { content: 'Chào Toản' } });
    const [row] = await db.db.select().from(messages).where(eq(messages.customerId, 'toan'));
    expect(row).toMatchObject({ channel: 'zalo', recipient: '+84912345678', status: 'sent' });
  });

  it('a customer with no address for the channel gets a failed message and a failed step with the reason', async () => {
    const activities = await activitiesFromEnv();
    await expect(activities.runAction(request('nobody', 'send-message', 'zalo', { channel: 'zalo', body: 'Chào' }))).rejects.toMatchObject({ nonRetryable: true });
    const [row] = await db.db.select().from(messages).where(eq(messages.customerId, 'nobody'));
    expect(row).toMatchObject({ status: 'failed' });
    expect(row!.error).toContain('zalo_id or phone');
    const steps = await db.db.select().from(stepLog).where(and(eq(stepLog.customerId, 'nobody'), eq(stepLog.outcome, 'failed')));
    expect(steps).toHaveLength(1);
    expect(steps[0]).toMatchObject({ nodeId: 'send-message-nobody' });
    expect(steps[0]!.reason).toContain('zalo_id or phone');
  });

  it('a Zalo refusal after the provider answered is recorded as failed in the step log', async () => {
    await customer('bad-phone', {}, { phone: '+84987654321' });
    zalo.errorFor.set('84987654321', -118);
    const activities = await activitiesFromEnv();
    await expect(activities.runAction(request('bad-phone', 'send-message', 'zalo', { channel: 'zalo', body: 'Chào' }))).rejects.toMatchObject({ nonRetryable: true });
    const [step] = await db.db.select().from(stepLog).where(and(eq(stepLog.customerId, 'bad-phone'), eq(stepLog.outcome, 'failed')));
    expect(step?.reason).toMatch(/ZALO/);
  });

  it('email carries open and click tracking when a tracking secret is configured', async () => {
    const activities = await activitiesFromEnv();
    const result = await activities.runAction(
      request('toan', 'send-message', 'email', { channel: 'email', subject: 'Giỏ hàng', body: 'Xem giỏ hàng: https://hoaban.vn/cart' }, 'email-toan'),
    );
    expect(result.ok).toBe(true);
    const [row] = await db.db.select().from(messages).where(and(eq(messages.customerId, 'toan'), eq(messages.channel, 'email')));
    expect(row).toMatchObject({ recipient: 'toan@example.vn', status: 'sent' });
    expect(JSON.stringify(row)).toContain('https://braid.hoaban.vn/t/');
  });

  it('an audience node pushes to Facebook Custom Audiences and records membership', async () => {
    const activities = await activitiesFromEnv();
    const result = await activities.runAction(request('toan', 'ad-audience', null, { platforms: ['facebook'], audience: 'Cart abandoners', operation: 'add' }));
    expect(result.ok).toBe(true);
    expect(facebook.members.get('23850000000001')?.size).toBe(1);
    const rows = await db.db.$client.execute("SELECT platform, customer_id, removed_at FROM audience_members WHERE audience = 'Cart abandoners'");
    expect(rows.rows.map((r) => [r.platform, r.customer_id, r.removed_at])).toEqual([['facebook', 'toan', null]]);
  });

  it('a merged-away customer id is resolved to the live profile for profile updates and sends', async () => {
    const activities = await activitiesFromEnv();
    expect((await activities.runAction(request('old', 'update-profile', null, { set: { tier: 'gold' }, unset: [] }))).ok).toBe(true);
    const [live] = await db.db.select().from(customers).where(eq(customers.id, 'toan'));
    expect(live!.traits).toMatchObject({ tier: 'gold', firstName: 'Toản' });
    expect((await activities.runAction(request('old', 'send-message', 'sms', { channel: 'sms', smsPurpose: 'customer_care', body: 'Chào {{ customer.firstName }}' }))).ok).toBe(true);
    const [sms] = await db.db.select().from(messages).where(eq(messages.channel, 'sms'));
    expect(sms).toMatchObject({ customerId: 'toan', recipient: '+84912345678', body: 'Chào Toản' });
  });

  it('Messenger goes to the PSID and SMS to the phone, through the providers the environment names', async () => {
    const messenger = await startFakeMessenger({ token: 'page-token', version: 'v23.0' });
    const twilio = await startFakeTwilio('AC0000000000000000000000000000test', 'twilio-token');
    try {
      await customer('hoa', { firstName: 'Hoa' }, { facebook_psid: '2456789012345678', phone: '+84933333333' });
      // Hoa wrote to the page a minute ago: inside Messenger's 24-hour window.
      await recordInbound(db.db, { workspaceId: 'ws', channel: 'messenger', address: '2456789012345678', at: Date.now() - 60_000 });
      const channels = channelsFromEnv(db.db, {
        MESSENGER_PAGE_ACCESS_TOKEN: 'page-token',
        MESSENGER_GRAPH_VERSION: 'v23.0',
        MESSENGER_BASE_URL: messenger.url,
        SMS_PROVIDER: 'twilio',
        TWILIO_ACCOUNT_SID: 'AC0000000000000000000000000000test',
        TWILIO_AUTH_TOKEN: 'twilio-token',
        TWILIO_FROM: '+15005550006',
        TWILIO_BASE_URL: twilio.url,
        BRAID_TRACKING: 'off',
      });
      expect(channels.describe()).toMatchObject({ messenger: expect.not.stringMatching(/sandbox/), sms: expect.not.stringMatching(/sandbox/), email: 'sandbox' });
      const activities = await activitiesFromEnv(channels);
      expect((await activities.runAction(request('hoa', 'send-message', 'messenger', { channel: 'messenger', body: 'Chào {{ customer.firstName }}' }))).ok).toBe(true);
      expect((await activities.runAction(request('hoa', 'send-message', 'sms', { channel: 'sms', smsPurpose: 'customer_care', body: 'Chào {{ customer.firstName }}' }, 'sms-hoa'))).ok).toBe(true);
      expect(messenger.requests.map((r) => (r.json as { recipient: { id: string } }).recipient.id)).toEqual(['2456789012345678']);
      expect(twilio.requests.map((r) => new URLSearchParams(r.raw).get('To'))).toEqual(['+84933333333']);
      // A customer without a PSID has no Messenger address.
      await expect(activities.runAction(request('toan', 'send-message', 'messenger', { channel: 'messenger', body: 'x' }, 'messenger-toan'))).rejects.toMatchObject({ nonRetryable: true });
    } finally {
      await messenger.close();
      await twilio.close();
    }
  });

  it('a delivery receipt that lands before the adapter returns is not overwritten by sent', async () => {
    // The provider's webhook marks the row delivered while the send call is still open.
    const racing: ChannelAdapter = {
      channel: 'sms',
      name: 'racing',
      async send(message) {
        await db.db.update(messages).set({ status: 'delivered' }).where(eq(messages.idempotencyKey, message.idempotencyKey!));
        return { status: 'sent', providerMessageId: 'p-1', retryable: false };
      },
    };
    await customer('fast', {}, { phone: '+84911111111' });
    const activities = await activitiesFromEnv(createChannels({ outbox: createDbOutboxStore(db.db), adapters: { sms: racing } }));
    expect((await activities.runAction(request('fast', 'send-message', 'sms', { channel: 'sms', smsPurpose: 'customer_care', body: 'Nhanh' }))).ok).toBe(true);
    const [row] = await db.db.select().from(messages).where(eq(messages.customerId, 'fast'));
    expect(row?.status).toBe('delivered');
  });
});
