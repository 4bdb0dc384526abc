// A send step's message over real HTTP on a real libSQL file: the email designed with blocks is
// rendered for a real customer (MJML → responsive HTML, customer data escaped), a test goes through
// the workspace's own SMTP account to a real SMTP server (HTML part from MJML, text part, one-click
// unsubscribe headers), SMS cost is counted, and saved templates refuse bad input naming the field.
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { keyringFromEnv, trackingKeyStore, trackingVerifier, verifyAnyUnsubscribeToken } from '@braid/channels';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkspace } from '../src/workspace-setup';
import { startTestApi, type TestApi } from './helpers';

const TRACKING_SECRET = randomBytes(32).toString('base64url');
const SHOP_B_TOKEN = 'bat_shop_b_templates_token';
let api: TestApi;
let smtp: SMTPServer;
let smtpPort = 0;
const received: ParsedMail[] = [];
const saved: Record<string, string | undefined> = {};
let customerId = '';

const design = {
  preheader: 'Quà cuối tuần cho {{ customer.firstName }}',
  fromName: 'Hoa Ban Food',
  fromAddress: 'uu-dai@hoaban.vn',
  blocks: [
    { type: 'heading', text: 'Chào {{ customer.firstName }}' },
    { type: 'text', text: 'Món bạn thích đang giảm giá.' },
    { type: 'button', text: 'Mua ngay', href: 'https://hoaban.vn/sale' },
    { type: 'voucher', title: 'Mã của bạn', code: '{{ voucher.code }}' },
    { type: 'divider' },
    { type: 'text', text: '<a href="{{ unsubscribe_url }}">Hủy đăng ký</a>' },
  ],
};

beforeAll(async () => {
  for (const name of ['BRAID_SECRETS_KEY', 'BRAID_TRACKING_SECRET', 'BRAID_TRACKING_BASE_URL']) saved[name] = process.env[name];
  process.env.BRAID_SECRETS_KEY = randomBytes(32).toString('base64');
  process.env.BRAID_TRACKING_SECRET = TRACKING_SECRET;
  process.env.BRAID_TRACKING_BASE_URL = 'https://braid.hoaban.vn';
  smtp = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          received.push(mail);
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  smtpPort = (smtp.server.address() as AddressInfo).port;
  api = await startTestApi();
  await createWorkspace(api.db.db, { id: 'ws_shop_b', name: 'Nhà hàng B', adminToken: SHOP_B_TOKEN });
  await api.post('/v1/identify', { userId: 'toan', traits: { firstName: 'Toản <b>VIP</b>', email: 'toan@hoaban.vn', phone: '0909908089' }, messageId: 'id-toan' });
  const list = (await (await call('/customers?q=toan')).json()) as { customers: Array<{ id: string }> };
  customerId = list.customers[0]!.id;
});
afterAll(async () => {
  await api?.stop();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

const call = (path: string, init: { method?: string; body?: unknown; token?: string } = {}) =>
  api.admin(`/api${path}`, { method: init.method ?? 'GET', ...(init.token ? { token: init.token } : {}), ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}) });
type ErrorBody = { error: { message: string; details?: Array<{ field: string; message: string }> } };
const fieldsOf = (body: ErrorBody) => (body.error.details ?? []).map((d) => d.field);

describe('message preview', () => {
  it('renders the blocks for a real customer: responsive HTML with their data escaped, and a text part', async () => {
    const res = await call('/messages/preview', { method: 'POST', body: { channel: 'email', subject: 'Chào {{ customer.firstName }}', body: 'x', email: design, customerId, voucher: { code: 'HB-50K' } } });
    expect(res.status).toBe(200);
    const out = (await res.json()) as { subject: string; html: string; text: string; missingVariables: string[] };
    expect(out.html).toMatch(/@media only screen and \(min-width:480px\)/);
    expect(out.html).toContain('Chào Toản &lt;b&gt;VIP&lt;/b&gt;');
    expect(out.html).not.toContain('<b>VIP</b>');
    expect(out.html).toContain('HB-50K');
    expect(out.text).toContain('Chào Toản <b>VIP</b>');
    expect(out.text).toContain('Mua ngay: https://hoaban.vn/sale');
    expect(out.missingVariables).toEqual([]);
  });

  it('counts an SMS: Vietnamese marks make it UCS-2; stripped, it fits GSM-7', async () => {
    const body = 'Chào {{ customer.firstName }}, đơn hàng của bạn đã được giao. Cảm ơn bạn đã mua sắm tại Hoa Ban Food nhé!';
    const marked = (await (await call('/messages/preview', { method: 'POST', body: { channel: 'sms', body, customerId } })).json()) as { text: string; sms: { encoding: string; segments: number } };
    expect(marked.sms).toMatchObject({ encoding: 'UCS-2', segments: 2 });
    const plain = (await (await call('/messages/preview', { method: 'POST', body: { channel: 'sms', body, customerId, smsStripDiacritics: true } })).json()) as { text: string; sms: { encoding: string; segments: number } };
    expect(plain.text).toContain('Chao Toan <b>VIP</b>, don hang cua ban da duoc giao.');
    expect(plain.sms).toMatchObject({ encoding: 'GSM-7', segments: 1 });
  });

  it("refuses another workspace's customer, a broken template and a bad design, naming the field", async () => {
    const other = await call('/messages/preview', { method: 'POST', body: { channel: 'email', body: 'x', customerId }, token: SHOP_B_TOKEN });
    expect(other.status).toBe(404);
    expect(fieldsOf((await other.json()) as ErrorBody)).toEqual(['customerId']);
    const broken = await call('/messages/preview', { method: 'POST', body: { channel: 'email', subject: 'Chào {{ customer.firstName', body: 'x' } });
    expect(broken.status).toBe(400);
    expect(fieldsOf((await broken.json()) as ErrorBody)).toEqual(['subject']);
    const badDesign = await call('/messages/preview', { method: 'POST', body: { channel: 'email', body: 'x', email: { blocks: [{ type: 'products', source: 'x %}' }], fromAddress: 'not-an-address' } } });
    expect(badDesign.status).toBe(400);
    expect(fieldsOf((await badDesign.json()) as ErrorBody)).toEqual(expect.arrayContaining(['email.blocks.0.source', 'email.fromAddress']));
  });
});

describe('send a test', () => {
  it("sends the email rendered for the customer through the workspace's SMTP account: MJML HTML, text part, one-click unsubscribe", async () => {
    const account = await call('/channel-accounts/smtp', { method: 'PUT', body: { config: { host: '127.0.0.1', port: smtpPort, secure: false, from: 'Hoa Ban <shop@hoaban.vn>' }, secrets: {} } });
    expect(account.status).toBe(200);
    const res = await call('/messages/test', { method: 'POST', body: { channel: 'email', subject: 'Quà cho {{ customer.firstName }}', body: 'x', email: design, customerId, voucher: { code: 'HB-50K' }, to: 'marketer@hoaban.vn' } });
    expect(await res.json()).toMatchObject({ ok: true, message: 'sent to marketer@hoaban.vn' });
    const mail = received.at(-1)!;
    expect(mail.subject).toBe('[TEST] Quà cho Toản <b>VIP</b>');
    expect(mail.from?.value[0]).toMatchObject({ name: 'Hoa Ban Food', address: 'uu-dai@hoaban.vn' });
    expect(mail.html).toMatch(/mj-column-per-100/);
    expect(mail.html).toContain('Chào Toản &lt;b&gt;VIP&lt;/b&gt;');
    expect(mail.html).toContain('Quà cuối tuần cho Toản');
    expect(mail.text).toContain('Mã của bạn\nHB-50K');
    const line = (key: string) => mail.headerLines.find((h) => h.key === key)?.line;
    expect(line('list-unsubscribe-post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    const link = /<(https:\/\/braid\.hoaban\.vn\/t\/u\/[^>]+)>/.exec(line('list-unsubscribe') ?? '')?.[1];
    expect(link).toBeDefined();
    // The same signed link is in the body, and it names this customer.
    expect(mail.html).toContain(link!.replace(/&/g, '&amp;'));
    const token = new URL(link!).pathname.split('/').pop()!;
    // Signed with the workspace's own tracking key, which the tracking routes check.
    const verifier = trackingVerifier({ secret: TRACKING_SECRET, keys: trackingKeyStore(api.db.db, { ring: keyringFromEnv() }) });
    expect(await verifyAnyUnsubscribeToken(verifier, decodeURIComponent(token))).toMatchObject({ customerId, scope: 'channel:email' });
  });

  it('refuses a channel without a test path and a workspace without an account', async () => {
    const fax = await call('/messages/test', { method: 'POST', body: { channel: 'webhook', body: 'x', to: 'x@y.z' } });
    expect(fax.status).toBe(400);
    expect(fieldsOf((await fax.json()) as ErrorBody)).toEqual(['channel']);
    const none = await call('/messages/test', { method: 'POST', body: { channel: 'email', body: 'x', to: 'x@y.z' }, token: SHOP_B_TOKEN });
    expect(none.status).toBe(404);
    const missingTo = await call('/messages/test', { method: 'POST', body: { channel: 'email', body: 'x' } });
    expect(missingTo.status).toBe(400);
    expect(fieldsOf((await missingTo.json()) as ErrorBody)).toEqual(['to']);
  });
});

describe('saved message templates', () => {
  it('are created, listed per channel, read, replaced and deleted, per workspace', async () => {
    const created = await call('/templates', { method: 'POST', body: { name: 'Chào mừng', channel: 'email', subject: 'Xin chào', body: 'Chào bạn', email: design } });
    expect(created.status).toBe(201);
    const template = (await created.json()) as { id: string; format: string; email: { blocks: unknown[]; fromAddress: string } };
    expect(template).toMatchObject({ format: 'blocks', email: { fromAddress: 'uu-dai@hoaban.vn' } });
    expect(template.email.blocks).toHaveLength(design.blocks.length);

    const sms = await call('/templates', { method: 'POST', body: { name: 'Nhắc giỏ hàng', channel: 'sms', body: 'Giỏ hàng đang chờ bạn', smsStripDiacritics: true } });
    expect(sms.status).toBe(201);
    const emails = (await (await call('/templates?channel=email')).json()) as { templates: Array<{ name: string }> };
    expect(emails.templates.map((t) => t.name)).toEqual(['Chào mừng']);
    expect(((await (await call('/templates')).json()) as { templates: unknown[] }).templates).toHaveLength(2);
    // Another workspace sees none of them and cannot touch them.
    expect(((await (await call('/templates', { token: SHOP_B_TOKEN })).json()) as { templates: unknown[] }).templates).toEqual([]);
    expect((await call(`/templates/${template.id}`, { token: SHOP_B_TOKEN })).status).toBe(404);
    expect((await call(`/templates/${template.id}`, { method: 'DELETE', token: SHOP_B_TOKEN })).status).toBe(404);

    const replaced = await call(`/templates/${template.id}`, { method: 'PUT', body: { name: 'Chào mừng (mới)', channel: 'email', subject: 'Xin chào', body: 'Chào bạn' } });
    expect(await replaced.json()).toMatchObject({ name: 'Chào mừng (mới)', format: 'liquid' });
    expect(await (await call(`/templates/${template.id}`)).json()).toMatchObject({ name: 'Chào mừng (mới)' });
    expect((await call(`/templates/${template.id}`, { method: 'DELETE' })).status).toBe(200);
    expect((await call(`/templates/${template.id}`)).status).toBe(404);
  });

  it('refuses bad input with a 4xx naming each field, and writes nothing', async () => {
    const before = ((await (await call('/templates')).json()) as { templates: unknown[] }).templates.length;
    const cases: Array<[unknown, string[]]> = [
      [{ name: '', channel: 'email', body: 'x' }, ['name']],
      [{ name: 'A', channel: 'fax', body: 'x' }, ['channel']],
      [{ name: 'A', channel: 'sms', body: '   ' }, ['body']],
      [{ name: 'A', channel: 'email', body: 'x', email: { blocks: [{ type: 'button', text: 'Go' }] } }, ['email.blocks.0.href']],
      [{ name: 'A', channel: 'email', body: 'x', email: { blocks: [{ type: 'video' }] } }, ['email.blocks.0.type']],
    ];
    for (const [body, fields] of cases) {
      const res = await call('/templates', { method: 'POST', body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(fieldsOf((await res.json()) as ErrorBody), JSON.stringify(body)).toEqual(fields);
    }
    expect((await call('/templates/nope', { method: 'PUT', body: { name: 'A', channel: 'sms', body: 'x' } })).status).toBe(404);
    expect(((await (await call('/templates')).json()) as { templates: unknown[] }).templates).toHaveLength(before);
  });
});
