// Twilio Messages API (https://www.twilio.com/docs/messaging/api/message-resource) and eSMS.vn
// SendMultipleMessage_V4_post_json (https://developers.esms.vn/esms-api/bang-ma-loi for codes).
import { isObject, Problems, startFakeServer, type FakeServer } from './fake-server';

export type FakeTwilio = FakeServer & { failWith: Map<string, { status: number; code: number; message: string }> };

export async function startFakeTwilio(sid: string, token: string): Promise<FakeTwilio> {
  const failWith = new Map<string, { status: number; code: number; message: string }>();
  let n = 0;
  const twilioError = (status: number, code: number, message: string) => ({
    status,
    json: { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status },
  });
  const server = await startFakeServer((req) => {
    if (req.method !== 'POST' || req.path !== `/2010-04-01/Accounts/${sid}/Messages.json`) return twilioError(404, 20404, 'The requested resource was not found');
    if (req.headers.authorization !== `Basic ${Buffer.from(`${sid}:${token}`).toString('base64')}`) return twilioError(401, 20003, 'Authenticate');
    const p = new Problems();
    p.check((req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded'), 'Content-Type must be application/x-www-form-urlencoded');
    const form = new URLSearchParams(req.raw);
    const to = form.get('To') ?? '';
    if (!/^\+[1-9]\d{6,14}$/.test(to)) return twilioError(400, 21211, `The 'To' number ${to} is not a valid phone number.`);
    p.check(form.has('From') !== form.has('MessagingServiceSid'), 'exactly one of From or MessagingServiceSid');
    const body = form.get('Body') ?? '';
    if (body === '') return twilioError(400, 21602, 'Message body is required.');
    p.check(body.length <= 1600, 'Body is at most 1600 characters');
    if (p.any) return twilioError(400, 21000, p.list.join('; '));
    const canned = failWith.get(to);
    if (canned) return twilioError(canned.status, canned.code, canned.message);
    return { status: 201, json: { sid: `SM${String(++n).padStart(32, '0')}`, status: 'queued', to, body } };
  });
  return Object.assign(server, { failWith });
}

export type FakeEsms = FakeServer & { codeFor: Map<string, string>; accepted: Map<string, string> };

export async function startFakeEsms(apiKey: string, secretKey: string): Promise<FakeEsms> {
  const codeFor = new Map<string, string>();
  const accepted = new Map<string, string>();
  let n = 0;
  const server = await startFakeServer((req) => {
    if (req.method !== 'POST' || req.path !== '/MainService.svc/json/SendMultipleMessage_V4_post_json/') return { status: 404, text: 'Endpoint not found.' };
    const b = req.json;
    if (!isObject(b)) return { status: 400, text: 'Request body must be JSON' };
    if (b.ApiKey !== apiKey || b.SecretKey !== secretKey) return { status: 200, json: { CodeResult: '101', ErrorMessage: 'Authorize Failed' } };
    const p = new Problems();
    p.check(typeof b.Phone === 'string' && /^0\d{9}$/.test(b.Phone), `Phone must be a Vietnamese number, got ${JSON.stringify(b.Phone)}`);
    p.check(typeof b.Content === 'string' && b.Content.length > 0, 'Content is required');
    p.check(typeof b.Brandname === 'string' && b.Brandname.length > 0, 'Brandname is required');
    p.check(b.SmsType === '2' || b.SmsType === '1' || b.SmsType === '8', 'SmsType must be "1", "2" or "8"');
    const unicode = typeof b.Content === 'string' && /[^\x20-\x7e\n\r\t]/.test(b.Content);
    p.check(b.IsUnicode === (unicode ? 1 : 0), 'IsUnicode must be 1 for content with diacritics, 0 otherwise');
    p.check(b.Sandbox === 0 || b.Sandbox === 1, 'Sandbox must be 0 or 1');
    // Decree 91/2020: an advertising message (SmsType 1) starts with the QC mark.
    if (b.SmsType === '1') p.check(typeof b.Content === 'string' && /^\[?QC\]?[\s:]/.test(b.Content), 'advertising Content must start with [QC] (Decree 91/2020)');
    if (p.any) return { status: 200, json: { CodeResult: '99', ErrorMessage: p.list.join('; ') } };
    const canned = codeFor.get(String(b.Phone));
    if (canned) return { status: 200, json: { CodeResult: canned, ErrorMessage: `fake ${canned}` } };
    if (typeof b.RequestId === 'string' && accepted.has(b.RequestId)) return { status: 200, json: { CodeResult: '124', ErrorMessage: 'Duplicate RequestId' } };
    const smsId = `esms-${++n}`;
    if (typeof b.RequestId === 'string') accepted.set(b.RequestId, smsId);
    return { status: 200, json: { CodeResult: '100', CountRegenerate: 0, SMSID: smsId } };
  });
  return Object.assign(server, { codeFor, accepted });
}
