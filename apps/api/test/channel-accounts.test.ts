// Provider accounts per workspace over real HTTP on a real libSQL file: secrets sealed at rest
// (AES-256-GCM, key id for rotation), never in a response, checked against a real SMTP server that
// receives the test email; ZNS templates and workspace-wide send rules; bad input named.
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { channelAccounts, eq } from '@braid/db';
import { keyringOf, loadAccount, resealAccounts } from '@braid/channels';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkspace } from '../src/workspace-setup';
import { startTestApi, type TestApi } from './helpers';

const KEY = randomBytes(32);
const PASSWORD = 'S3cret-smtp-pass-Hoa-Ban';
const SHOP_B_TOKEN = 'bat_shop_b_accounts_token';
let api: TestApi;
let smtp: SMTPServer;
let smtpPort = 0;
const received: ParsedMail[] = [];
const logins: string[] = [];
let previousKey: string | undefined;

beforeAll(async () => {
  previousKey = process.env.BRAID_SECRETS_KEY;
  process.env.BRAID_SECRETS_KEY = KEY.toString('base64');
  process.env.BRAID_SECRETS_KEY_ID = 'k2026';
  smtp = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    onAuth(auth, _session, callback) {
      logins.push(`${auth.username}:${auth.password}`);
      if (auth.username === 'shop@hoaban.vn' && auth.password === PASSWORD) return callback(null, { user: auth.username });
      return callback(new Error('535 authentication failed'));
    },
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
});
afterAll(async () => {
  await api?.stop();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  if (previousKey === undefined) delete process.env.BRAID_SECRETS_KEY;
  else process.env.BRAID_SECRETS_KEY = previousKey;
  delete process.env.BRAID_SECRETS_KEY_ID;
});

const call = (path: string, init: { method?: string; body?: unknown; token?: string } = {}) =>
  api.admin(`/api${path}`, { method: init.method ?? 'GET', ...(init.token ? { token: init.token } : {}), ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}) });
const smtpAccount = () => ({ config: { host: '127.0.0.1', port: smtpPort, secure: false, user: 'shop@hoaban.vn', from: 'Hoa Ban Food <xin-chao@hoaban.vn>' }, secrets: { pass: PASSWORD } });

describe('channel accounts', () => {
  it('saves an SMTP account sealed; no GET response ever carries the password; check and test go through the real server', async () => {
    const saved = await call('/channel-accounts/smtp', { method: 'PUT', body: smtpAccount() });
    const savedText = await saved.text();
    expect(saved.status, savedText).toBe(200);
    expect(savedText).not.toContain(PASSWORD);
    expect(JSON.parse(savedText)).toMatchObject({ kind: 'smtp', config: { host: '127.0.0.1' }, secrets: { pass: { set: true, hint: expect.stringMatching(/^••••/) } } });

    for (const path of ['/channel-accounts', '/channel-settings']) {
      const text = await (await call(path)).text();
      expect(text).not.toContain(PASSWORD);
      expect(text).not.toContain(Buffer.from(PASSWORD).toString('base64'));
    }
    const [row] = await api.db.db.select().from(channelAccounts).where(eq(channelAccounts.kind, 'smtp'));
    expect(row?.keyId).toBe('k2026');
    expect(row?.secrets).not.toContain(PASSWORD);
    expect(row?.secrets).toMatch(/^v1\.k2026\./);

    const check = await call('/channel-accounts/smtp/check', { method: 'POST' });
    expect(await check.json()).toMatchObject({ ok: true, message: expect.stringContaining('as shop@hoaban.vn') });

    // A later save that leaves the password out keeps it: the form only ever sees the mask.
    const { secrets: _omit, ...withoutSecrets } = smtpAccount();
    expect((await call('/channel-accounts/smtp', { method: 'PUT', body: withoutSecrets })).status).toBe(200);
    const test = await call('/channel-accounts/smtp/test', { method: 'POST', body: { to: 'toan@example.vn', body: 'Xin chào Toản' } });
    expect(await test.json()).toMatchObject({ ok: true, message: 'sent to toan@example.vn' });
    expect(received.at(-1)).toMatchObject({ subject: 'Braid: thư thử / test email', text: expect.stringContaining('Xin chào Toản') });
    expect(received.at(-1)?.from?.text).toContain('xin-chao@hoaban.vn');

    const listed = (await (await call('/channel-accounts')).json()) as { accounts: { kind: string; checkResult: { ok: boolean } | null }[] };
    expect(listed.accounts.find((a) => a.kind === 'smtp')?.checkResult).toEqual({ ok: true, message: 'sent to toan@example.vn' });
  });

  it('a wrong password fails the check with the server’s answer, not a 500', async () => {
    expect((await call('/channel-accounts/smtp', { method: 'PUT', body: { ...smtpAccount(), secrets: { pass: 'wrong' } } })).status).toBe(200);
    const check = await call('/channel-accounts/smtp/check', { method: 'POST' });
    expect(check.status).toBe(200);
    expect(await check.json()).toMatchObject({ ok: false, message: expect.stringMatching(/auth|535/i) });
    await call('/channel-accounts/smtp', { method: 'PUT', body: smtpAccount() });
  });

  it('refuses bad input naming the field, writing nothing', async () => {
    const noHost = await call('/channel-accounts/smtp', { method: 'PUT', body: { config: { ...smtpAccount().config, host: '' }, secrets: {} } });
    expect(noHost.status).toBe(400);
    expect(((await noHost.json()) as { error: { details: { field: string }[] } }).error.details[0]?.field).toBe('config.host');
    const noKey = await call('/channel-accounts/esms', { method: 'PUT', body: { config: { brandname: 'HOABANFOOD' }, secrets: { secretKey: 'x' } } });
    expect(noKey.status).toBe(400);
    expect(((await noKey.json()) as { error: { details: { field: string }[] } }).error.details[0]?.field).toBe('secrets.apiKey');
    const accounts = (await (await call('/channel-accounts')).json()) as { accounts: { kind: string }[] };
    expect(accounts.accounts.map((a) => a.kind)).toEqual(['smtp']);
    expect((await call('/channel-accounts/zalo/check', { method: 'POST' })).status).toBe(404);
  });

  it("keeps workspaces apart: shop B sees none of shop A's accounts", async () => {
    const b = (await (await call('/channel-accounts', { token: SHOP_B_TOKEN })).json()) as { accounts: unknown[] };
    expect(b.accounts).toEqual([]);
    expect((await call('/channel-accounts/smtp/test', { method: 'POST', token: SHOP_B_TOKEN, body: { to: 'x@example.vn' } })).status).toBe(404);
  });

  it('rotates: after a new key, old rows still open with the old key listed, and re-sealing moves them to the new key', async () => {
    const oldRing = keyringOf(KEY, 'k2026');
    const newKey = randomBytes(32);
    const ring = { current: { id: 'k2027', key: newKey }, byId: new Map([['k2027', newKey], ['k2026', KEY]]) };
    const [row] = await api.db.db.select().from(channelAccounts).where(eq(channelAccounts.kind, 'smtp'));
    expect((await loadAccount(api.db.db, ring, row!.workspaceId, 'smtp'))?.secrets.pass).toBe(PASSWORD);
    expect(await resealAccounts(api.db.db, ring)).toBeGreaterThanOrEqual(1);
    const [after] = await api.db.db.select().from(channelAccounts).where(eq(channelAccounts.kind, 'smtp'));
    expect(after?.keyId).toBe('k2027');
    expect((await loadAccount(api.db.db, keyringOf(newKey, 'k2027'), row!.workspaceId, 'smtp'))?.secrets.pass).toBe(PASSWORD);
    await expect(loadAccount(api.db.db, oldRing, row!.workspaceId, 'smtp')).rejects.toThrow(/k2027/);
    // Back to the key the API runs with, for the tests after this one.
    await resealAccounts(api.db.db, { current: { id: 'k2026', key: KEY }, byId: ring.byId });
  });
});

describe('ZNS templates and workspace send rules', () => {
  it('registers a ZNS template with its parameters; a bad parameter name is named', async () => {
    const body = { name: 'Xác nhận đơn hàng', purpose: 'transaction', status: 'approved', params: [{ name: 'customer_name', maxLength: 30 }, { name: 'order_code', maxLength: 10 }] };
    const saved = await call('/zns-templates/248123', { method: 'PUT', body });
    expect(saved.status, await saved.clone().text()).toBe(200);
    expect(await saved.json()).toMatchObject({ templateId: '248123', params: [{ name: 'customer_name', maxLength: 30, required: true }, { name: 'order_code', maxLength: 10, required: true }] });
    const listed = (await (await call('/zns-templates')).json()) as { templates: { templateId: string }[] };
    expect(listed.templates.map((t) => t.templateId)).toEqual(['248123']);
    const bad = await call('/zns-templates/248124', { method: 'PUT', body: { ...body, params: [{ name: 'Tên KH', maxLength: 30 }] } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('params.0.name');
    expect((await call('/zns-templates/248123', { method: 'DELETE' })).status).toBe(200);
    expect((await call('/zns-templates/248123', { method: 'DELETE' })).status).toBe(404);
  });

  it('a new workspace starts with quiet hours 21:00–08:00 for every channel, editable under "*"', async () => {
    const listed = (await (await call('/channel-settings')).json()) as { channels: { channel: string; quietHours: unknown }[] };
    expect(listed.channels.find((c) => c.channel === '*')?.quietHours).toEqual({ start: '21:00', end: '08:00' });
    const edited = await call('/channel-settings/*', { method: 'PUT', body: { quietHours: { start: '22:00', end: '07:30' }, frequencyCap: [{ max: 3, perHours: 24 }] } });
    expect(edited.status, await edited.clone().text()).toBe(200);
    expect(await edited.json()).toMatchObject({ channel: '*', quietHours: { start: '22:00', end: '07:30' }, frequencyCap: [{ max: 3, perHours: 24 }] });
  });
});
