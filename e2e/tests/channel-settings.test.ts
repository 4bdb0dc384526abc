// The shop owner sets up the workspace's own email account and a Zalo ZNS template in the
// Vietnamese settings screen, in Chromium against the whole system: the SMTP password is saved
// sealed and never shown again (only a mask), "Kiểm tra kết nối" signs in to a real SMTP server and
// "Gửi thử" delivers a test email to it; the ZNS template is listed with its parameters' limits.
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { Browser, Page } from 'playwright-core';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journeyGraph } from '../../packages/journey/fixtures/builder';
import { launchBrowser, signInOrScreenshot } from '../src/browser';
import { startSystem, type BraidSystem } from '../src/system';

const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));
const PASSWORD = 'mat-khau-smtp-Hoa-Ban-2026';
let sys: BraidSystem;
let browser: Browser;
let page: Page;
let smtp: SMTPServer;
let smtpPort = 0;
const received: ParsedMail[] = [];

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  process.env.BRAID_SECRETS_KEY ??= randomBytes(32).toString('base64');
  smtp = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    onAuth: (auth, _s, cb) => (auth.username === 'shop@hoaban.vn' && auth.password === PASSWORD ? cb(null, { user: auth.username }) : cb(new Error('535 authentication failed'))),
    onData: (stream, _s, cb) => void simpleParser(stream).then((mail) => (received.push(mail), cb()), cb),
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  smtpPort = (smtp.server.address() as AddressInfo).port;
  sys = await startSystem();
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1280, height: 1000 }, locale: 'vi-VN' });
  // A fresh workspace has no journeys table yet: the top bar says the sign-in worked.
  await signInOrScreenshot(page, sys.webUrl, sys.credentials, '[data-testid=nav-channels]', `${ARTIFACTS}channels-settings-sign-in-failed.png`);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await sys?.stop();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

describe('channel settings in the browser', () => {
  it('sets up the email account (password masked), checks it, sends a test, and registers a ZNS template', async () => {
    // The top bar links the screen; the address opens it (the bar's links crowd under the language picker at this width).
    expect(await page.getAttribute('[data-testid=nav-channels]', 'href')).toBe('#/settings/channels');
    await page.goto(`${sys.webUrl}/#/settings/channels`);
    await page.waitForSelector('[data-testid=channels-screen]');
    expect(await page.locator('h1').innerText()).toBe('Kênh gửi và quy tắc gửi tin');

    const card = page.locator('[data-testid=account-smtp]');
    await card.locator('[data-testid=smtp-host]').fill('127.0.0.1');
    await card.locator('[data-testid=smtp-port]').fill(String(smtpPort));
    await card.locator('[data-testid=smtp-user]').fill('shop@hoaban.vn');
    await card.locator('[data-testid=smtp-from]').fill('Hoa Ban Food <xin-chao@hoaban.vn>');
    await card.locator('[data-testid=smtp-pass]').fill(PASSWORD);
    await card.locator('[data-testid=smtp-save]').click();
    await page.waitForSelector('[data-testid=smtp-check]');

    // Saved: the password field is empty and shows only the mask; the page nowhere holds the password.
    await page.reload();
    await page.waitForSelector('[data-testid=smtp-check]');
    expect(await page.locator('[data-testid=smtp-pass]').inputValue()).toBe('');
    expect(await page.locator('[data-testid=smtp-pass]').getAttribute('placeholder')).toMatch(/^đã lưu ••••/);
    expect(await page.content()).not.toContain(PASSWORD);

    await page.click('[data-testid=smtp-check]');
    await expect.poll(() => page.locator('[data-testid=smtp-result]').innerText()).toContain('Đã kết nối và đăng nhập được');
    await page.fill('[data-testid=smtp-test-to]', 'toan@example.vn');
    await page.click('[data-testid=smtp-test]');
    await expect.poll(() => page.locator('[data-testid=smtp-result]').innerText()).toContain('Đã gửi thử đến toan@example.vn');
    expect(received.at(-1)).toMatchObject({ subject: 'Braid: thư thử / test email' });
    expect(received.at(-1)?.to && 'text' in received.at(-1)!.to! ? (received.at(-1)!.to as { text: string }).text : '').toContain('toan@example.vn');

    await page.fill('[data-testid=zns-id]', '248123');
    await page.fill('[data-testid=zns-name]', 'Xác nhận đơn hàng');
    await page.fill('[data-testid=zns-params]', 'customer_name:30\norder_code:10');
    await page.click('[data-testid=zns-save]');
    const row = page.locator('[data-testid=zns-248123]');
    await row.waitFor();
    expect(await row.innerText()).toContain('order_code ≤ 10');
    expect(await row.innerText()).toContain('đã duyệt');
    await page.screenshot({ path: `${ARTIFACTS}channels-settings-vi.png`, fullPage: true });

    // The send step picks the template from the workspace's list and shows each parameter's limit.
    const graph = journeyGraph(
      [
        ['order', 'trigger-event', { event: 'Order Completed', where: [], reentry: { mode: 'always' }, entryLimit: null }, 'Khách đặt hàng'],
        ['zns', 'send-message', { channel: 'zalo', body: 'Xác nhận đơn', messageType: 'transactional' }, 'Báo đơn qua Zalo'],
      ],
      [['order', 'out', 'zns']],
    );
    const res = await fetch(`${sys.apiUrl}/api/journeys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${sys.credentials.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Xác nhận đơn qua Zalo', graph }),
    });
    expect(res.status, await res.clone().text()).toBe(201);
    const { id } = (await res.json()) as { id: string };
    await page.goto(`${sys.webUrl}/#/journeys/${id}`);
    await page.locator('.react-flow__node[data-id="zns"] .jnode-summary').click();
    await page.waitForSelector('[data-testid=node-panel] [data-testid=field-znsTemplateId]');
    await page.selectOption('[data-testid=field-znsTemplateId]', '248123');
    await expect.poll(() => page.locator('[data-testid=field-znsTemplateId-params]').innerText()).toContain('customer_name ≤ 30, order_code ≤ 10');
    await page.locator('[data-testid=node-panel]').screenshot({ path: `${ARTIFACTS}channels-zns-picker-vi.png` });
  }, 120_000);

  it("shows the shop's tracking key and makes a new one, links already sent kept for the chosen days", async () => {
    await page.goto(`${sys.webUrl}/#/settings/channels`);
    const first = page.locator('[data-testid=tracking-key-k1]');
    await first.waitFor();
    expect(await first.innerText()).toContain('đang ký liên kết mới');
    await page.fill('[data-testid=tracking-keep-days]', '30');
    await page.click('[data-testid=tracking-rotate]');
    await page.locator('[data-testid=tracking-key-k2]').waitFor();
    expect(await page.locator('[data-testid=tracking-key-k2]').innerText()).toContain('đang ký liên kết mới');
    expect(await first.innerText()).toContain('liên kết cũ dùng được đến');
    const keys = (await (await fetch(`${sys.apiUrl}/api/tracking-keys`, { headers: { authorization: `Bearer ${sys.credentials.adminToken}` } })).json()) as { keys: { keyId: string; retiredAt: number | null; expiresAt: number | null }[] };
    const old = keys.keys.find((k) => k.keyId === 'k1')!;
    expect(old.expiresAt! - old.retiredAt!).toBe(30 * 24 * 3_600_000);
  }, 60_000);
});
