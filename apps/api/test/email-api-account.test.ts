// An HTTP email API account (Postmark or SendGrid) beside SMTP, over real HTTP on a real libSQL
// file: saved sealed per workspace, checked and tested against a local fake on 127.0.0.1 that
// checks what the real provider checks (its auth header, a JSON body with the fields it requires)
// and answers in its documented shapes; a journey's email then goes out through it.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createChannels, createDbOutboxStore, keyringOf, withWorkspaceAccounts } from '@braid/channels';
import { workspaces } from '@braid/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi, adminJson, setEnv } from './helpers';

const KEY = randomBytes(32);
const POSTMARK_TOKEN = 'pm-server-token-7f3a9c2e-hoaban';
const SENDGRID_KEY = 'SG.hoaban-sendgrid-key.9f8e7d6c5b4a';
const SENDGRID_READONLY = 'SG.readonly-key-without-mail-send';

type Seen = { method: string; path: string; headers: IncomingMessage['headers']; body: any }; // eslint-disable-line @typescript-eslint/no-explicit-any
const seen: Seen[] = [];
let provider: Server;
let baseUrl = '';
let api: TestApi;
let shop: string;
let restoreEnv: () => void = () => undefined;

/** Postmark and SendGrid as their API references describe them, on 127.0.0.1. */
function fakeProvider(): Server {
  return createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', () => {
      const answer = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(body));
      };
      let body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
      try {
        body = raw ? JSON.parse(raw) : undefined;
      } catch {
        return answer(400, { Message: 'Invalid JSON', ErrorCode: 402 });
      }
      seen.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body });
      // Postmark: X-Postmark-Server-Token, JSON in and out.
      if (req.url === '/server' || req.url === '/email') {
        if (req.headers['x-postmark-server-token'] !== POSTMARK_TOKEN) return answer(401, { ErrorCode: 10, Message: 'Request does not contain a valid Server token.' });
        if (!String(req.headers.accept).includes('application/json')) return answer(415, { ErrorCode: 0, Message: 'Accept: application/json is required' });
        if (req.method === 'GET' && req.url === '/server') return answer(200, { ID: 1, Name: 'Hoa Ban Food' });
        if (!String(req.headers['content-type']).startsWith('application/json')) return answer(415, { ErrorCode: 0, Message: 'Content-Type: application/json is required' });
        if (!body?.From || !/@/.test(body.From)) return answer(422, { ErrorCode: 300, Message: "Invalid 'From' address: ''." });
        if (!body.To) return answer(422, { ErrorCode: 300, Message: "Invalid 'To' address: ''." });
        if (!body.TextBody && !body.HtmlBody) return answer(422, { ErrorCode: 300, Message: 'Provide either email TextBody or HtmlBody or both.' });
        if (body.To === 'hard-bounce@hoaban.vn') return answer(422, { ErrorCode: 406, Message: 'You tried to send to recipient(s) that have been marked as inactive.' });
        return answer(200, { To: body.To, SubmittedAt: new Date().toISOString(), MessageID: 'b7bc2f4a-e38e-4336-af7d-e6c392c2f817', ErrorCode: 0, Message: 'OK' });
      }
      // SendGrid v3: Authorization: Bearer, 202 with X-Message-Id.
      if (req.url === '/v3/scopes' || req.url === '/v3/mail/send') {
        const key = /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ''))?.[1];
        if (key !== SENDGRID_KEY && key !== SENDGRID_READONLY) return answer(401, { errors: [{ field: null, message: 'The provided authorization grant is invalid, expired, or revoked' }] });
        if (req.url === '/v3/scopes') return answer(200, { scopes: key === SENDGRID_KEY ? ['mail.send', 'user.profile.read'] : ['user.profile.read'] });
        if (key !== SENDGRID_KEY) return answer(403, { errors: [{ field: null, message: 'access forbidden' }] });
        const errors: { field: string; message: string }[] = [];
        if (!body?.personalizations?.[0]?.to?.[0]?.email) errors.push({ field: 'personalizations.0.to', message: 'The to array is required for all personalization objects, and must have at least one email object with a valid email address.' });
        if (!body?.from?.email) errors.push({ field: 'from.email', message: 'The from object must be provided for every email send.' });
        if (!Array.isArray(body?.content) || body.content[0]?.type !== 'text/plain') errors.push({ field: 'content', message: 'If present, text/plain content must be first, followed by any other content.' });
        if (errors.length) return answer(400, { errors });
        res.writeHead(202, { 'x-message-id': 'sg-14c5d75ce93.dfd.64b469.filter0001' });
        return res.end();
      }
      answer(404, { message: 'not found' });
    });
  });
}

beforeAll(async () => {
  restoreEnv = setEnv({ BRAID_SECRETS_KEY: KEY.toString('base64'), BRAID_SECRETS_KEY_ID: 'mail1' });
  provider = fakeProvider();
  await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(provider.address() as AddressInfo).port}`;
  api = await startTestApi();
  shop = (await api.db.db.select({ id: workspaces.id }).from(workspaces))[0]!.id;
});
afterAll(async () => {
  await api?.stop();
  await new Promise<void>((resolve) => provider.close(() => resolve()));
  restoreEnv();
});

const call = adminJson(() => api);
const last = (path: string) => [...seen].reverse().find((s) => s.path === path)!;

describe('an email API account (Postmark)', () => {
  it('is saved sealed and shown masked, checks the connection and sends a test in the shape Postmark takes', async () => {
    const saved = await call('/channel-accounts/email_api', { method: 'PUT', body: { config: { provider: 'postmark', from: 'Hoa Ban Food <xin-chao@hoaban.vn>', messageStream: 'broadcast', baseUrl }, secrets: { apiKey: POSTMARK_TOKEN } } });
    expect(saved.status, saved.text).toBe(200);
    expect(saved.body).toMatchObject({ kind: 'email_api', config: { provider: 'postmark' }, secrets: { apiKey: { set: true, hint: expect.stringMatching(/^••••/) } } });
    expect((await call('/channel-accounts')).text).not.toContain(POSTMARK_TOKEN);

    const check = await call('/channel-accounts/email_api/check', { method: 'POST' });
    expect(check.body).toEqual({ ok: true, message: 'signed in to Postmark server "Hoa Ban Food"' });
    expect(last('/server')).toMatchObject({ method: 'GET', headers: { 'x-postmark-server-token': POSTMARK_TOKEN } });

    const test = await call('/channel-accounts/email_api/test', { method: 'POST', body: { to: 'toan@example.vn' } });
    expect(test.body).toEqual({ ok: true, message: 'sent to toan@example.vn', providerMessageId: 'b7bc2f4a-e38e-4336-af7d-e6c392c2f817' });
    expect(last('/email').body).toMatchObject({ From: 'Hoa Ban Food <xin-chao@hoaban.vn>', To: 'toan@example.vn', Subject: 'Braid: thư thử / test email', TextBody: 'Braid: tin nhắn thử / test message', MessageStream: 'broadcast' });
    // The last result is kept with the account.
    expect((await call('/channel-accounts')).body.accounts.find((a: { kind: string }) => a.kind === 'email_api').checkResult).toEqual({ ok: true, message: 'sent to toan@example.vn' });
  });

  it("carries a journey's email through the workspace's API account, with its one-click unsubscribe headers", async () => {
    const channels = withWorkspaceAccounts(createChannels({ outbox: createDbOutboxStore(api.db.db) }), { db: api.db.db, keyring: keyringOf(KEY, 'mail1') });
    try {
      const result = await channels.send({
        channel: 'email',
        to: 'toan@example.vn',
        subject: 'Quà cuối tuần cho Toản',
        body: 'Mã của bạn: HB-50K',
        html: '<p>Mã của bạn: <b>HB-50K</b></p>',
        headers: { 'List-Unsubscribe': '<https://braid.hoaban.vn/t/u/u2.x.y>', 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
        idempotencyKey: 'wf-1:send:1',
        customerId: 'toan',
        workspaceId: shop,
        meta: {},
      });
      expect(result).toMatchObject({ status: 'sent', providerMessageId: 'b7bc2f4a-e38e-4336-af7d-e6c392c2f817' });
      expect(last('/email').body).toMatchObject({
        Subject: 'Quà cuối tuần cho Toản',
        HtmlBody: '<p>Mã của bạn: <b>HB-50K</b></p>',
        Headers: [
          { Name: 'List-Unsubscribe', Value: '<https://braid.hoaban.vn/t/u/u2.x.y>' },
          { Name: 'List-Unsubscribe-Post', Value: 'List-Unsubscribe=One-Click' },
        ],
      });
      // A recipient Postmark marked inactive is a refusal that no retry fixes.
      const bounced = await channels.send({ channel: 'email', to: 'hard-bounce@hoaban.vn', subject: 'x', body: 'x', idempotencyKey: 'wf-2:send:1', customerId: 'c2', workspaceId: shop, meta: {} });
      expect(bounced).toMatchObject({ status: 'failed', retryable: false, error: { code: 'POSTMARK_REJECTED' } });
      expect(bounced.error!.message).toContain('marked as inactive. (Postmark error 406)');
    } finally {
      await channels.close();
    }
  });

  it('says plainly when the token is wrong: the check fails and the test is not sent', async () => {
    expect((await call('/channel-accounts/email_api', { method: 'PUT', body: { config: { provider: 'postmark', from: 'xin-chao@hoaban.vn', baseUrl }, secrets: { apiKey: 'wrong-token' } } })).status).toBe(200);
    const check = await call('/channel-accounts/email_api/check', { method: 'POST' });
    expect(check.body).toEqual({ ok: false, message: 'postmark answered 401: Request does not contain a valid Server token. (Postmark error 10)' });
    const test = await call('/channel-accounts/email_api/test', { method: 'POST', body: { to: 'toan@example.vn' } });
    expect(test.body.ok).toBe(false);
    expect(test.body.message).toMatch(/^POSTMARK_UNAUTHORIZED: postmark answered 401/);
  });
});

describe('an email API account (SendGrid)', () => {
  it('checks that the key may send mail, and sends a test in the shape SendGrid takes', async () => {
    const put = (apiKey: string) => call('/channel-accounts/email_api', { method: 'PUT', body: { config: { provider: 'sendgrid', from: 'Hoa Ban Food <xin-chao@hoaban.vn>', baseUrl }, secrets: { apiKey } } });
    expect((await put(SENDGRID_READONLY)).status).toBe(200);
    expect((await call('/channel-accounts/email_api/check', { method: 'POST' })).body).toEqual({ ok: false, message: 'the SendGrid API key works but may not send mail (the mail.send permission is missing)' });

    expect((await put(SENDGRID_KEY)).status).toBe(200);
    expect((await call('/channel-accounts/email_api/check', { method: 'POST' })).body).toEqual({ ok: true, message: 'signed in to SendGrid; the key may send mail' });
    expect(last('/v3/scopes').headers.authorization).toBe(`Bearer ${SENDGRID_KEY}`);
    const test = await call('/channel-accounts/email_api/test', { method: 'POST', body: { to: 'toan@example.vn' } });
    expect(test.body).toEqual({ ok: true, message: 'sent to toan@example.vn', providerMessageId: 'sg-14c5d75ce93.dfd.64b469.filter0001' });
    expect(last('/v3/mail/send').body).toEqual({
      personalizations: [{ to: [{ email: 'toan@example.vn' }] }],
      from: { email: 'xin-chao@hoaban.vn', name: 'Hoa Ban Food' },
      subject: 'Braid: thư thử / test email',
      content: [{ type: 'text/plain', value: 'Braid: tin nhắn thử / test message' }],
      custom_args: { braid_key: expect.stringMatching(/^channel-test:/) },
    });
  });

  it('refuses a provider it does not know and an account without its key, naming the field', async () => {
    await call('/channel-accounts/email_api', { method: 'DELETE' });
    const unknown = await call('/channel-accounts/email_api', { method: 'PUT', body: { config: { provider: 'mailchimp', from: 'a@b.vn' }, secrets: { apiKey: 'x' } } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details.map((d: { field: string }) => d.field)).toEqual(['config.provider']);
    const keyless = await call('/channel-accounts/email_api', { method: 'PUT', body: { config: { provider: 'sendgrid', from: 'a@b.vn' } } });
    expect(keyless.status).toBe(400);
    expect(keyless.body.error.details.map((d: { field: string }) => d.field)).toEqual(['secrets.apiKey']);
  });
});
