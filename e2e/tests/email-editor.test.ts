// The marketer writes an email with the block editor of a send step, in Vietnamese, in Chromium
// against the API serving the built web app (no Temporal): blocks, sender and preheader; the HTML
// preview compiled by MJML on the server for Toản, at desktop and mobile widths; the message saved
// as a template; and "Gửi thử" delivering it through the workspace's SMTP account to a real SMTP
// server, with Toản's data in the HTML and the one-click unsubscribe headers.
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journeyGraph } from '../../packages/journey/fixtures/builder';
import { launchBrowser, openVietnameseTab, signIn } from '../src/browser';
import { select } from '../src/canvas-driver';
import { ARTIFACTS, openWorkspace, type Workspace } from '../src/workspace';

const NODE = 'sale-email';
const SMS_NODE = 'delivery-sms';
const ENV = ['BRAID_SECRETS_KEY', 'BRAID_TRACKING_SECRET', 'BRAID_TRACKING_BASE_URL'] as const;

let hoaBan: Workspace;
let browser: Browser;
let page: Page;
let smtp: SMTPServer;
let journeyId = '';
const received: ParsedMail[] = [];
const saved: Partial<Record<(typeof ENV)[number], string>> = {};

const admin = (path: string, method: string, body?: unknown) =>
  fetch(`${hoaBan.url}${path}`, { method, headers: { authorization: `Bearer ${hoaBan.token}`, 'content-type': 'application/json' }, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });

beforeAll(async () => {
  for (const name of ENV) saved[name] = process.env[name];
  process.env.BRAID_SECRETS_KEY = randomBytes(32).toString('base64');
  process.env.BRAID_TRACKING_SECRET = randomBytes(32).toString('base64url');
  process.env.BRAID_TRACKING_BASE_URL = 'https://braid.hoaban.vn';
  smtp = new SMTPServer({ disabledCommands: ['STARTTLS', 'AUTH'], onData: (stream, _s, cb) => void simpleParser(stream).then((mail) => (received.push(mail), cb()), cb) });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const smtpPort = (smtp.server.address() as AddressInfo).port;

  hoaBan = await openWorkspace('email_editor');
  const identify = await fetch(`${hoaBan.url}/v1/identify`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${hoaBan.writeKey}:`).toString('base64')}`, 'content-type': 'application/json' },
    body: JSON.stringify({ userId: 'toan', traits: { name: 'Nguyễn Văn Toản', firstName: 'Toản', email: 'toan@example.vn' } }),
  });
  expect(identify.status).toBeLessThan(300);
  const account = await admin('/api/channel-accounts/smtp', 'PUT', { config: { host: '127.0.0.1', port: smtpPort, secure: false, from: 'Hoa Ban Food <xin-chao@hoaban.vn>' }, secrets: {} });
  expect(account.status, await account.clone().text()).toBe(200);
  const graph = journeyGraph(
    [
      ['signup', 'trigger-event', { event: 'Signed Up', where: [], reentry: { mode: 'once' }, entryLimit: null }, 'Khách đăng ký'],
      [NODE, 'send-message', { channel: 'email', subject: 'Quà cuối tuần cho {{ customer.firstName }}', body: 'Chào {{ customer.firstName }}, Hoa Ban Food có quà cho bạn.' }, 'Email ưu đãi'],
      [SMS_NODE, 'send-message', { channel: 'sms', smsPurpose: 'customer_care', body: 'Chào {{ customer.firstName }}, đơn hàng của bạn đã được giao. Cảm ơn bạn đã mua sắm tại Hoa Ban Food nhé!' }, 'SMS giao hàng'],
    ],
    [['signup', 'out', NODE], [NODE, 'out', SMS_NODE]],
  );
  const created = await admin('/api/journeys', 'POST', { name: 'Ưu đãi cuối tuần', graph });
  expect(created.status, await created.clone().text()).toBe(201);
  journeyId = ((await created.json()) as { id: string }).id;

  browser = await launchBrowser();
  page = (await openVietnameseTab(browser, { height: 1000 })).page;
  await signIn(page, hoaBan.url, hoaBan.owner.email, hoaBan.owner.password);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await hoaBan?.close();
  await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
  for (const name of ENV) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
});

async function addBlock(type: string): Promise<number> {
  const index = await page.locator('[data-testid^=email-block-][data-type]').count();
  await page.selectOption('[data-testid=email-add-block]', type);
  await page.waitForSelector(`[data-testid=email-block-${index}][data-type=${type}]`);
  return index;
}

describe('the email block editor', () => {
  it('writes an email with blocks, previews it for Toản at desktop and mobile widths, saves it as a template and sends a test', async () => {
    await page.goto(`${hoaBan.url}/#/journeys/${journeyId}`);
    await page.waitForSelector(`.react-flow__node[data-id="${NODE}"]`);
    await select(page, NODE);
    const designer = page.locator('[data-testid=field-email]');
    await designer.waitFor();
    expect(await designer.innerText()).toContain('Chưa có khối nào');

    await page.fill('[data-testid=email-fromName]', 'Hoa Ban Food');
    await page.fill('[data-testid=email-fromAddress]', 'uu-dai@hoaban.vn');
    await page.fill('[data-testid=email-preheader]', 'Mã giảm 99.000 ₫ dành riêng cho {{ customer.firstName }}');
    const heading = await addBlock('heading');
    expect(await page.inputValue(`[data-testid=email-block-${heading}-text]`)).toBe('Chào {{ customer.firstName }}');
    const text = await addBlock('text');
    await page.fill(`[data-testid=email-block-${text}-text]`, 'Cuối tuần này Hoa Ban Food tặng bạn một mã giảm giá cho món thịt trâu gác bếp.');
    const voucher = await addBlock('voucher');
    await page.fill(`[data-testid=email-block-${voucher}-title]`, 'Mã của bạn');
    const button = await addBlock('button');
    await page.fill(`[data-testid=email-block-${button}-href]`, 'https://hoaban.vn/khuyen-mai');
    await addBlock('divider');

    // The panel's preview customer: Toản, picked from the workspace's customers.
    await page.fill('[data-testid=preview-customer-search]', 'Toản');
    await expect.poll(() => page.locator('[data-testid=preview-customer] option').count(), { timeout: 10_000 }).toBeGreaterThan(1);
    const toan = await page.locator('[data-testid=preview-customer] option', { hasText: 'Toản' }).first().getAttribute('value');
    await page.selectOption('[data-testid=preview-customer]', toan!);
    await expect.poll(() => page.locator('[data-testid=email-preview] header').innerText(), { timeout: 10_000 }).toContain('Như Nguyễn Văn Toản sẽ nhận');

    const frame = page.frameLocator('[data-testid=email-preview-frame]');
    await expect.poll(() => frame.locator('body').innerText(), { timeout: 10_000 }).toContain('Chào Toản');
    const body = await frame.locator('body').innerText();
    expect(body).toContain('HOABAN-99K-XXXX');
    expect(body).toContain('Mua ngay');
    expect(await page.getAttribute('[data-testid=email-preview-frame]', 'width')).toBe('640');
    await page.locator('[data-testid=email-preview]').screenshot({ path: `${ARTIFACTS}email-editor-1-desktop-vi.png` });
    await page.screenshot({ path: `${ARTIFACTS}email-editor-0-editor-vi.png` });

    await page.click('[data-testid=email-preview-mobile]');
    await expect.poll(() => page.getAttribute('[data-testid=email-preview-frame]', 'width')).toBe('375');
    // MJML's responsive rules: at 375 px the column fills the width.
    const columnWidth = await frame.locator('.mj-column-per-100').first().evaluate((el) => el.getBoundingClientRect().width);
    expect(columnWidth).toBeGreaterThan(300);
    expect(columnWidth).toBeLessThanOrEqual(375);
    await page.locator('[data-testid=email-preview]').screenshot({ path: `${ARTIFACTS}email-editor-2-mobile-vi.png` });

    await page.fill('[data-testid=template-name]', 'Ưu đãi cuối tuần');
    await page.click('[data-testid=template-save]');
    await expect.poll(() => page.locator('[data-testid=template-bar]').innerText()).toContain('Đã lưu thành “Ưu đãi cuối tuần”');
    const templates = (await (await admin('/api/templates?channel=email', 'GET')).json()) as { templates: Array<{ name: string; format: string }> };
    expect(templates.templates).toEqual([expect.objectContaining({ name: 'Ưu đãi cuối tuần', format: 'blocks' })]);

    await page.fill('[data-testid=email-test-to]', 'lan@hoaban.vn');
    await page.locator('[data-testid=email-test-send]').scrollIntoViewIfNeeded();
    await page.click('[data-testid=email-test-send]');
    await expect.poll(() => page.locator('[data-testid=email-test-result]').innerText(), { timeout: 15_000 }).toContain('Đã gửi thử đến lan@hoaban.vn');
    await page.locator('[data-testid=email-preview]').screenshot({ path: `${ARTIFACTS}email-editor-3-test-sent-vi.png` });
    const mail = received.at(-1)!;
    expect(mail.subject).toBe('[TEST] Quà cuối tuần cho Toản');
    expect(mail.from?.value[0]).toMatchObject({ name: 'Hoa Ban Food', address: 'uu-dai@hoaban.vn' });
    expect(mail.html).toContain('mj-column-per-100');
    expect(mail.html).toContain('Chào Toản');
    expect(mail.text).toContain('Mã của bạn\nHOABAN-99K-XXXX');
    expect(mail.headerLines.find((h) => h.key === 'list-unsubscribe')?.line).toMatch(/^List-Unsubscribe:\s+<https:\/\/braid\.hoaban\.vn\/t\/u\/.+>$/);
    expect(mail.headerLines.find((h) => h.key === 'list-unsubscribe-post')?.line).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
  }, 120_000);

  it('counts the SMS (Vietnamese marks make it UCS-2, two messages) and sends it without marks when asked', async () => {
    await select(page, SMS_NODE);
    const cost = page.locator('[data-testid=sms-cost]');
    await cost.waitFor();
    expect(await cost.getAttribute('data-encoding')).toBe('UCS-2');
    expect(await cost.innerText()).toContain('UCS-2 · 2 tin SMS');
    expect(await page.locator('[data-testid=field-smsStripDiacritics]').innerText()).toContain('70 ký tự mỗi tin thay vì 160');
    await page.check('[data-testid=sms-strip]');
    await expect.poll(() => cost.getAttribute('data-encoding')).toBe('GSM-7');
    expect(await cost.innerText()).toContain('GSM-7 · 1 tin SMS');
    // The chosen customer (Toản) fills the name, stripped too.
    expect(await page.locator('[data-testid=sms-stripped]').innerText()).toBe('Chao Toan, don hang cua ban da duoc giao. Cam on ban da mua sam tai Hoa Ban Food nhe!');
    await page.locator('[data-testid=field-smsStripDiacritics]').screenshot({ path: `${ARTIFACTS}email-editor-4-sms-cost-vi.png` });
  }, 60_000);
});
