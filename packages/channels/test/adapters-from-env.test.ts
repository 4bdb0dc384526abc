// Setting a provider's env switches its channel from the sandbox to the real adapter; the rest
// stay in the sandbox. The providers are the request-checking fakes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adaptersFromEnv, createChannels, createMemoryOutboxStore, type RenderedMessage } from '../src/index';
import { startFakeMessenger, type FakeMessenger } from './fakes/fake-messenger';
import { startFakeEsms, type FakeEsms } from './fakes/fake-sms';
import { startFakeZalo, type FakeZalo } from './fakes/fake-zalo';

let zalo: FakeZalo;
let messenger: FakeMessenger;
let esms: FakeEsms;
beforeAll(async () => {
  zalo = await startFakeZalo('zt');
  messenger = await startFakeMessenger({ token: 'mt', version: 'v23.0' });
  esms = await startFakeEsms('ek', 'es');
});
afterAll(async () => {
  await Promise.all([zalo.close(), messenger.close(), esms.close()]);
});

const msg = (channel: string, to: string): RenderedMessage => ({
  channel, to, body: 'Hoa Ban Food: cảm ơn anh Toản!', idempotencyKey: `k-${channel}`, customerId: 'toan', workspaceId: 'ws', meta: { messageId: `m-${channel}` },
});

describe('adaptersFromEnv', () => {
  it('routes each configured channel to its provider and leaves the rest in the sandbox', async () => {
    const outbox = createMemoryOutboxStore();
    const channels = createChannels({
      outbox,
      adapters: adaptersFromEnv({
        ZALO_ACCESS_TOKEN: 'zt', ZALO_ZNS_TEMPLATE_ID: '231456', ZALO_ZNS_BASE_URL: zalo.url,
        MESSENGER_PAGE_ACCESS_TOKEN: 'mt', MESSENGER_BASE_URL: messenger.url,
        ESMS_API_KEY: 'ek', ESMS_SECRET_KEY: 'es', ESMS_BRANDNAME: 'HOABANFOOD', ESMS_BASE_URL: esms.url,
      }),
    });
    expect(channels.describe()).toMatchObject({ email: 'sandbox', sms: 'esms', messenger: 'messenger', zalo: 'zalo-zns', webhook: 'sandbox', push: 'sandbox' });
    expect(await channels.send(msg('zalo', '0909908089'))).toMatchObject({ status: 'sent' });
    expect(await channels.send(msg('messenger', '6123456789012345'))).toMatchObject({ status: 'sent' });
    expect(await channels.send(msg('sms', '+84909908089'))).toMatchObject({ status: 'sent' });
    expect(await channels.send(msg('email', 'toan@example.vn'))).toMatchObject({ status: 'sent', providerMessageId: expect.stringMatching(/^sandbox:/) });
    expect([zalo.requests.length, messenger.requests.length, esms.requests.length]).toEqual([1, 1, 1]);
    expect((await outbox.list({ workspaceId: 'ws' })).map((e) => e.channel)).toEqual(['email']);
  });
});
