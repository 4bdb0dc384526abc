import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adaptersFromEnv, createMessengerAdapter, type MessengerSettings, type RenderedMessage } from '../src/index';
import { startFakeMessenger, type FakeMessenger } from './fakes/fake-messenger';

const TOKEN = 'EAAG-page-token';
const SECRET = 'app-secret';
const VERSION = 'v23.0';
let fake: FakeMessenger;
beforeAll(async () => {
  fake = await startFakeMessenger({ token: TOKEN, version: VERSION, appSecret: SECRET });
});
afterAll(() => fake.close());

const settings = (over: Partial<MessengerSettings> = {}): MessengerSettings => ({
  pageAccessToken: TOKEN,
  appSecret: SECRET,
  graphVersion: VERSION,
  baseUrl: fake.url,
  timeoutMs: 5_000,
  ...over,
});
const message = (to: string, over: Partial<RenderedMessage> = {}): RenderedMessage => ({
  channel: 'messenger',
  to,
  body: 'Cảm ơn anh Toản đã mua combo Mắc Khén + Hạt Dổi tại showroom Hàng Giấy!',
  idempotencyKey: `journey:j1:customer:c1/thanks/${to}`,
  customerId: 'c1',
  workspaceId: 'w1',
  meta: {},
  ...over,
});

describe('Messenger Send API', () => {
  it('sends an UPDATE to the PSID with the page token and appsecret_proof', async () => {
    fake.requests.length = 0;
    const result = await createMessengerAdapter(settings()).send(message('6123456789012345'));
    expect(result).toEqual({ status: 'sent', providerMessageId: 'm_1', retryable: false });
    expect(fake.requests[0]!.json).toEqual({ recipient: { id: '6123456789012345' }, messaging_type: 'UPDATE', message: { text: message('x').body } });
  });

  it('outside the 24-hour window without a tag: one call, refused for good, never tried again with a tag of its own', async () => {
    fake.outsideWindow.add('6100000000000001');
    fake.requests.length = 0;
    const untagged = await createMessengerAdapter(settings()).send(message('6100000000000001'));
    expect(untagged).toMatchObject({ status: 'failed', retryable: false, error: { code: 'MESSENGER_OUTSIDE_WINDOW' } });
    expect(fake.requests.map((r) => r.json)).toEqual([{ recipient: { id: '6100000000000001' }, messaging_type: 'UPDATE', message: { text: message('x').body } }]);
  });

  it('a tag in the payload sends MESSAGE_TAG from the start; unknown tags are refused locally', async () => {
    fake.requests.length = 0;
    const result = await createMessengerAdapter(settings()).send(message('6100000000000001', { payload: { tag: 'post_purchase_update' } }));
    expect(result.status).toBe('sent');
    expect(fake.requests[0]!.json).toMatchObject({ messaging_type: 'MESSAGE_TAG', tag: 'POST_PURCHASE_UPDATE' });
    expect(await createMessengerAdapter(settings()).send(message('61', { payload: { tag: 'PROMO' } }))).toMatchObject({ retryable: false, error: { code: 'MESSENGER_REJECTED' } });
  });

  it('classifies Graph errors: 551 and bad token permanent, transient errors retry', async () => {
    fake.trouble.set('6200000000000551', 'unavailable').set('6200000000000002', 'transient');
    const adapter = createMessengerAdapter(settings());
    expect(await adapter.send(message('6200000000000551'))).toMatchObject({ status: 'failed', retryable: false, error: { code: 'MESSENGER_REJECTED' } });
    expect(await adapter.send(message('6200000000000002'))).toMatchObject({ status: 'failed', retryable: true, error: { code: 'MESSENGER_UNAVAILABLE' } });
    expect(await createMessengerAdapter(settings({ pageAccessToken: 'old' })).send(message('6123456789012345'))).toMatchObject({ retryable: false, error: { code: 'FACEBOOK_AUTH_FAILED' } });
  });

  it('refuses a recipient that is not a PSID and text over 2000 characters without calling Facebook', async () => {
    fake.requests.length = 0;
    const adapter = createMessengerAdapter(settings());
    expect(await adapter.send(message('toan@example.vn'))).toMatchObject({ retryable: false, error: { code: 'MESSENGER_INVALID_RECIPIENT' } });
    expect(await adapter.send(message('6123456789012345', { body: 'a'.repeat(2001) }))).toMatchObject({ retryable: false });
    expect(fake.requests).toHaveLength(0);
  });

  it('is switched on by MESSENGER_PAGE_ACCESS_TOKEN', () => {
    expect(adaptersFromEnv({}).messenger).toBeUndefined();
    expect(adaptersFromEnv({ MESSENGER_PAGE_ACCESS_TOKEN: 't' }).messenger?.name).toBe('messenger');
  });

  it('refuses to start with MESSENGER_MESSAGE_TAG: the tag is chosen per send step now', () => {
    for (const tag of ['POST_PURCHASE_UPDATE', 'PROMO']) {
      expect(() => adaptersFromEnv({ MESSENGER_PAGE_ACCESS_TOKEN: 't', MESSENGER_MESSAGE_TAG: tag })).toThrow(/MESSENGER_MESSAGE_TAG is no longer read: the Messenger message tag is chosen per send step now/);
    }
    // Set with Messenger off, it would mislead whoever turns Messenger on later.
    expect(() => adaptersFromEnv({ MESSENGER_MESSAGE_TAG: 'ACCOUNT_UPDATE' })).toThrow(/Remove MESSENGER_MESSAGE_TAG/);
    expect(adaptersFromEnv({ MESSENGER_PAGE_ACCESS_TOKEN: 't', MESSENGER_MESSAGE_TAG: '' }).messenger?.name).toBe('messenger');
  });
});
