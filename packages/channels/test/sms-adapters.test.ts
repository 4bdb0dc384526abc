import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adaptersFromEnv, createEsmsAdapter, createTwilioAdapter, toE164, type RenderedMessage } from '../src/index';
import { startFakeEsms, startFakeTwilio, type FakeEsms, type FakeTwilio } from './fakes/fake-sms';

const SID = 'AC00000000000000000000000000000001';
let twilio: FakeTwilio;
let esms: FakeEsms;
beforeAll(async () => {
  twilio = await startFakeTwilio(SID, 'twilio-token');
  esms = await startFakeEsms('esms-key', 'esms-secret');
});
afterAll(async () => {
  await twilio.close();
  await esms.close();
});

const message = (to: string, over: Partial<RenderedMessage> = {}): RenderedMessage => ({
  channel: 'sms',
  to,
  body: 'Hoa Ban Food moi anh Toan ghe showroom Hang Giay xem trien lam dac san Tay Bac',
  idempotencyKey: `journey:j1:customer:c1/sms-invite/${to}`,
  customerId: 'c1',
  workspaceId: 'w1',
  meta: {},
  ...over,
});
const twilioAdapter = (over = {}) =>
  createTwilioAdapter({ accountSid: SID, authToken: 'twilio-token', from: '+15005550006', baseUrl: twilio.url, timeoutMs: 5_000, ...over });
const esmsAdapter = (over = {}) =>
  createEsmsAdapter({ apiKey: 'esms-key', secretKey: 'esms-secret', brandname: 'HOABANFOOD', smsType: '2', baseUrl: esms.url, timeoutMs: 5_000, ...over });

describe('phone numbers', () => {
  it('reads Vietnamese numbers as customers type them', () => {
    expect(['0909908089', '0909 908 089', '+84 909 908 089', '84909908089', '(090) 990-8089'].map((p) => toE164(p))).toEqual(Array(5).fill('+84909908089'));
    expect(toE164('12345')).toBeNull();
    expect(toE164('+1 415 555 2671')).toBe('+14155552671');
  });
});

describe('Twilio', () => {
  it('posts form-encoded To in E.164, From and Body with Basic auth', async () => {
    twilio.requests.length = 0;
    const result = await twilioAdapter().send(message('0909908089'));
    expect(result).toMatchObject({ status: 'sent', providerMessageId: expect.stringMatching(/^SM\d{32}$/) });
    const form = new URLSearchParams(twilio.requests[0]!.raw);
    expect(Object.fromEntries(form)).toEqual({ To: '+84909908089', From: '+15005550006', Body: message('x').body });
  });

  it('classifies Twilio errors by code: 21610 (STOP) permanent, 429 retry, bad credentials permanent', async () => {
    twilio.failWith.set('+84909000001', { status: 400, code: 21610, message: 'Attempt to send to unsubscribed recipient' });
    twilio.failWith.set('+84909000002', { status: 429, code: 20429, message: 'Too Many Requests' });
    expect(await twilioAdapter().send(message('0909000001'))).toMatchObject({ retryable: false, error: { code: 'TWILIO_REJECTED', message: expect.stringMatching(/STOP/) } });
    expect(await twilioAdapter().send(message('0909000002'))).toMatchObject({ retryable: true, error: { code: 'TWILIO_UNAVAILABLE' } });
    expect(await twilioAdapter({ authToken: 'wrong' }).send(message('0909908089'))).toMatchObject({ retryable: false, error: { code: 'TWILIO_AUTH_FAILED' } });
  });

  it('uses a messaging service instead of From when configured', async () => {
    twilio.requests.length = 0;
    await twilioAdapter({ from: undefined, messagingServiceSid: 'MG123' }).send(message('0909908089'));
    const form = new URLSearchParams(twilio.requests[0]!.raw);
    expect(form.get('MessagingServiceSid')).toBe('MG123');
    expect(form.has('From')).toBe(false);
  });
});

describe('eSMS brandname', () => {
  it('sends the brandname SMS with a RequestId; a resend of the same key counts as sent, not twice', async () => {
    esms.requests.length = 0;
    const first = await esmsAdapter().send(message('+84909908089'));
    expect(first).toMatchObject({ status: 'sent', providerMessageId: 'esms-1' });
    expect(esms.requests[0]!.json).toMatchObject({ Phone: '0909908089', Brandname: 'HOABANFOOD', SmsType: '2', IsUnicode: 0, Sandbox: 0 });
    const again = await esmsAdapter().send(message('+84909908089'));
    expect(again).toMatchObject({ status: 'sent', providerMessageId: expect.stringMatching(/^esms-request:/) });
    expect(esms.accepted.size).toBe(1);
  });

  it('marks Vietnamese with diacritics as Unicode', async () => {
    esms.requests.length = 0;
    await esmsAdapter().send(message('0909908089', { body: 'Mời anh Toản ghé showroom Hàng Giấy', idempotencyKey: 'k-unicode' }));
    expect(esms.requests[0]!.json).toMatchObject({ IsUnicode: 1 });
  });

  it('classifies eSMS codes and refuses non-Vietnamese numbers', async () => {
    esms.codeFor.set('0909000103', '103').set('0909000146', '146');
    expect(await esmsAdapter().send(message('0909000103'))).toMatchObject({ retryable: true, error: { code: 'ESMS_DEFERRED' } });
    expect(await esmsAdapter().send(message('0909000146'))).toMatchObject({ retryable: false, error: { code: 'ESMS_REJECTED' } });
    expect(await esmsAdapter({ secretKey: 'nope' }).send(message('0909908089', { idempotencyKey: 'k-auth' }))).toMatchObject({ retryable: false, error: { code: 'ESMS_AUTH_FAILED' } });
    expect(await esmsAdapter().send(message('+14155552671'))).toMatchObject({ retryable: false, error: { code: 'SMS_INVALID_PHONE' } });
  });

  it('SMS env: eSMS or Twilio by SMS_PROVIDER, missing variables named', () => {
    expect(adaptersFromEnv({}).sms).toBeUndefined();
    expect(adaptersFromEnv({ ESMS_API_KEY: 'k', ESMS_SECRET_KEY: 's', ESMS_BRANDNAME: 'B' }).sms?.name).toBe('esms');
    expect(adaptersFromEnv({ TWILIO_ACCOUNT_SID: SID, TWILIO_AUTH_TOKEN: 't', TWILIO_FROM: '+15005550006' }).sms?.name).toBe('twilio');
    expect(() => adaptersFromEnv({ SMS_PROVIDER: 'esms', ESMS_API_KEY: 'k' })).toThrow(/ESMS_SECRET_KEY, ESMS_BRANDNAME/);
  });
});
