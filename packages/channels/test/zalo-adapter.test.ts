import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adaptersFromEnv, createZaloAdapter, type RenderedMessage, type ZaloSettings } from '../src/index';
import { startFakeZalo, type FakeZalo } from './fakes/fake-zalo';

const TOKEN = 'zalo-oa-token';
let fake: FakeZalo;
beforeAll(async () => {
  fake = await startFakeZalo(TOKEN);
});
afterAll(() => fake.close());

const settings = (over: Partial<ZaloSettings> = {}): ZaloSettings => ({
  accessToken: TOKEN,
  mode: 'zns',
  templateId: '231456',
  bodyParam: 'content',
  znsBaseUrl: fake.url,
  oaBaseUrl: fake.url,
  timeoutMs: 5_000,
  ...over,
});
const message = (to: string, over: Partial<RenderedMessage> = {}): RenderedMessage => ({
  channel: 'zalo',
  to,
  body: 'Hoa Ban Food xin chào anh Toản: 2kg thịt trâu gác bếp vẫn chờ anh trong giỏ hàng',
  idempotencyKey: `journey:j1:customer:c1/zalo-1/${to}`,
  customerId: 'c1',
  workspaceId: 'w1',
  meta: { messageId: '01JZALOMSG0000000000000001' },
  ...over,
});

describe('Zalo ZNS', () => {
  it('sends the template to the phone in 84 format with the message id as tracking_id', async () => {
    fake.requests.length = 0;
    const result = await createZaloAdapter(settings()).send(message('0909 908 089'));
    expect(result).toEqual({ status: 'sent', providerMessageId: expect.stringMatching(/^zns-/), retryable: false });
    const body = fake.requests[0]!.json as Record<string, unknown>;
    expect(body).toEqual({
      phone: '84909908089',
      template_id: '231456',
      template_data: { content: message('x').body },
      tracking_id: '01JZALOMSG0000000000000001',
    });
  });

  it('takes the template and its data from the payload when the node gives them', async () => {
    fake.requests.length = 0;
    const payload = { templateId: '99001', templateData: { customer_name: 'Toản', voucher_code: 'HB99K', amount: 99000 } };
    const result = await createZaloAdapter(settings({ templateId: undefined })).send(message('+84909908089', { payload }));
    expect(result.status).toBe('sent');
    expect(fake.requests[0]!.json).toMatchObject({ template_id: '99001', template_data: payload.templateData });
  });

  it('classifies Zalo error codes: bad phone / token are permanent, quota and night window retry', async () => {
    fake.errorFor.set('84909000108', -108).set('84909000135', -135).set('84909000133', -133).set('84909000118', -118);
    const zalo = createZaloAdapter(settings());
    expect(await zalo.send(message('0909000108'))).toMatchObject({ status: 'failed', retryable: false, error: { code: 'ZALO_ZNS_REJECTED' } });
    expect(await zalo.send(message('0909000118'))).toMatchObject({ status: 'failed', retryable: false });
    expect(await zalo.send(message('0909000135'))).toMatchObject({ status: 'failed', retryable: true, error: { code: 'ZALO_ZNS_QUOTA' } });
    expect(await zalo.send(message('0909000133'))).toMatchObject({ status: 'failed', retryable: true });
    const wrongToken = await createZaloAdapter(settings({ accessToken: 'expired' })).send(message('0909908089'));
    expect(wrongToken).toMatchObject({ status: 'failed', retryable: false, error: { code: 'ZALO_AUTH_FAILED' } });
  });

  it('refuses locally what Zalo would refuse: no phone, no template', async () => {
    fake.requests.length = 0;
    const zalo = createZaloAdapter(settings());
    expect(await zalo.send(message('2512523625412515'))).toMatchObject({ status: 'failed', retryable: false, error: { code: 'ZALO_INVALID_PHONE' } });
    expect(await createZaloAdapter(settings({ templateId: undefined })).send(message('0909908089'))).toMatchObject({ error: { code: 'ZALO_NO_TEMPLATE' }, retryable: false });
    expect(fake.requests).toHaveLength(0);
  });

  it('treats an unreachable Zalo as retryable', async () => {
    const result = await createZaloAdapter(settings({ znsBaseUrl: 'http://127.0.0.1:1' })).send(message('0909908089'));
    expect(result).toMatchObject({ status: 'failed', retryable: true, error: { code: 'ZALO_ZNS_UNREACHABLE' } });
  });
});

describe('Zalo OA', () => {
  it('sends a consultation text to the follower by Zalo user id', async () => {
    fake.requests.length = 0;
    const result = await createZaloAdapter(settings({ mode: 'oa' })).send(message('2512523625412515'));
    expect(result).toMatchObject({ status: 'sent', providerMessageId: expect.stringMatching(/^oa-/) });
    expect(fake.requests[0]!.path).toBe('/v3.0/oa/message/cs');
    expect(fake.requests[0]!.json).toEqual({ recipient: { user_id: '2512523625412515' }, message: { text: message('x').body } });
  });

  it('auto mode: phone numbers go by ZNS, user ids by OA; OA errors are classified', async () => {
    fake.requests.length = 0;
    fake.errorFor.set('3000000000000230', -230);
    const zalo = createZaloAdapter(settings({ mode: 'auto' }));
    await zalo.send(message('0909908089'));
    await zalo.send(message('2512523625412515'));
    expect(fake.requests.map((r) => r.path)).toEqual(['/message/template', '/v3.0/oa/message/cs']);
    expect(await zalo.send(message('3000000000000230'))).toMatchObject({ status: 'failed', retryable: false, error: { code: 'ZALO_OA_REJECTED' } });
  });

  it('is switched on by ZALO_ACCESS_TOKEN', () => {
    expect(adaptersFromEnv({}).zalo).toBeUndefined();
    expect(adaptersFromEnv({ ZALO_ACCESS_TOKEN: 't', ZALO_MODE: 'oa' }).zalo?.name).toBe('zalo-oa');
    expect(() => adaptersFromEnv({ ZALO_ACCESS_TOKEN: 't', ZALO_MODE: 'sms' })).toThrow(/ZALO_MODE/);
  });
});
