// SCENARIO §3, payment-failed rescue, end to end through the public interfaces: the marketer
// creates the journey from its template in the Vietnamese UI and publishes it as it comes; on
// the shop's website (the snippet in Chromium) anh Toản logs in and his card is declined; 90
// seconds later the "pay with PayPal" email is in the outbox, in Vietnamese with his name, the
// amount and a tracked link back to the checkout; he clicks it, and the checkout page shows the
// coupon popup; he orders with the coupon, and the report counts the conversion and its revenue.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { and, eq, enrollments, events, messages, vouchers } from '@braid/db';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, signIn } from '../src/browser';
import { eventually } from '../src/ingest';
import { startShop, type Shop } from '../src/shop';
import { adminClient, canvasWithCounts, createFromTemplate, customerIdOf, customerTimeline, publishFromCanvas, stepsEntered, type Admin } from '../src/story';
import { startSystem, type BraidSystem } from '../src/system';

const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));

let sys: BraidSystem;
let admin: Admin;
let shop: Shop;
let browser: Browser;
let marketer: Page;
let customer: BrowserContext;
let journeyId = '';
let toan = '';
let failedAt = 0;
let emailBody = '';
let coupon = '';

type Outbox = { messages: { id: string; customerId: string; subject: string | null; body: string | null; nodeId: string | null; channel: string; createdAt: number }[] };

const braidReady = (page: Page) => page.waitForFunction(() => (window as unknown as { braid?: { initialized?: boolean } }).braid?.initialized === true);
const flush = (page: Page) => page.evaluate(() => (window as unknown as { braid: { flush(): Promise<void> } }).braid.flush());

describe('story 3: a declined card is rescued by a PayPal email and a coupon popup', () => {
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    // Email opens and clicks are signed with this secret by the worker and checked by the API.
    process.env.BRAID_TRACKING_SECRET ??= 'e2e-tracking-secret';
    sys = await startSystem({ log: () => undefined });
    admin = adminClient(sys);
    shop = await startShop(sys.apiUrl, sys.credentials.writeKey);
    // The shop's domain is allowed to use the write key (settings → website).
    await admin('PUT', '/api/website', { allowedOrigins: [shop.url] });
    browser = await launchBrowser();
    const office = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    marketer = await office.newPage();
    marketer.on('pageerror', (e) => console.error('[marketer]', e.message));
    customer = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await shop?.stop();
    await sys?.stop();
  });

  it('the marketer creates the journey from its template and publishes it as it comes', async () => {
    await signIn(marketer, sys.webUrl, sys.credentials.email, sys.credentials.password, '[data-testid=new-journey]');
    journeyId = await createFromTemplate(marketer, sys.webUrl, 'Cứu đơn thanh toán lỗi', 'Cứu đơn thanh toán lỗi');
    expect(await marketer.locator('.react-flow__node').count()).toBe(10);
    await marketer.click('[data-testid="tab-problems"]');
    await marketer.waitForSelector('[data-testid=no-problems]');
    await marketer.screenshot({ path: `${ARTIFACTS}story3-1-template.png` });
    await publishFromCanvas(marketer, 'Cứu đơn thanh toán lỗi: email PayPal sau 90 giây, popup mã giảm giá');
    const journey = await admin<{ status: string }>('GET', `/api/journeys/${journeyId}`);
    expect(journey.status).toBe('active');
  }, 60_000);

  it('anh Toản logs in on the website and his card is declined; he leaves', async () => {
    const page = await customer.newPage();
    await page.goto(shop.url);
    await braidReady(page);
    await page.click('#login');
    await page.click('#pay');
    await flush(page);
    await page.close();
    toan = await customerIdOf(sys, 'user_id', 'toan');
    const [failed] = await eventually('the Payment Failed event', async () => {
      const rows = await sys.db.db.select().from(events).where(and(eq(events.customerId, toan), eq(events.name, 'Payment Failed')));
      return rows.length > 0 ? rows : undefined;
    });
    failedAt = failed!.timestamp;
    expect(failed!.properties).toMatchObject({ reason: 'card_declined', amount: 1_700_000 });
    const [enrolled] = await eventually('his enrolment', async () => {
      const rows = await sys.db.db.select().from(enrollments).where(and(eq(enrollments.journeyId, journeyId), eq(enrollments.customerId, toan)));
      return rows.length > 0 ? rows : undefined;
    });
    expect(enrolled!.status).toBe('active');
  }, 60_000);

  it('90 seconds later the PayPal email is sent, in Vietnamese with his name, the amount and the way back to the checkout', async () => {
    const email = await eventually(
      'the PayPal email',
      async () => (await admin<Outbox>('GET', `/api/outbox?journeyId=${journeyId}`)).messages.find((m) => m.channel === 'email'),
      180_000,
    );
    expect(email.nodeId).toBe('paypal-email');
    expect(email.subject).toBe('Anh/chị Toản gặp khó khăn khi thanh toán?');
    expect(email.body).toContain('Chào Toản, thẻ của anh/chị chưa thanh toán được đơn hàng 1.700.000 ₫. Anh/chị có thể thanh toán bằng PayPal tại đây:');
    // The journey's own wait: not before 90 seconds after the declined card.
    expect(email.createdAt - failedAt).toBeGreaterThanOrEqual(90_000);
    emailBody = email.body ?? '';
    // The checkout link is a signed click link of Braid's.
    expect(emailBody).toMatch(/\/t\/c\/\S+/);
    // No popup before he comes back: the journey waits for his visit.
    expect(await sys.db.db.select().from(messages).where(and(eq(messages.journeyId, journeyId), eq(messages.channel, 'web')))).toHaveLength(0);
  }, 200_000);

  it('he clicks the link, lands on the checkout, and the coupon popup shows in Vietnamese', async () => {
    const token = /\/t\/c\/(\S+)/.exec(emailBody)![1]!;
    const page = await customer.newPage();
    page.on('pageerror', (e) => console.error('[shop]', e.message));
    // The link in his mail client: Braid records the click and sends him on to the checkout.
    await page.goto(`${sys.apiUrl}/t/c/${token}`);
    expect(page.url()).toBe(`${shop.url}/checkout`);
    await braidReady(page);
    const popup = page.locator('[data-braid=popup]');
    await popup.waitFor({ timeout: 60_000 });
    const [voucher] = await sys.db.db.select().from(vouchers).where(eq(vouchers.customerId, toan));
    coupon = voucher!.code;
    expect(coupon).toMatch(/^COMEBACK/);
    expect(await popup.locator('h2').textContent()).toBe('Chào mừng Toản quay lại!');
    expect(await popup.locator('[data-braid=body]').textContent()).toBe(`Hoàn tất đơn hàng với mã ${coupon} để được giảm 10%, mã dùng được trong 2 ngày.`);
    expect(await popup.locator('[data-braid=coupon]').textContent()).toContain(coupon);
    expect(await popup.locator('[data-braid=cta]').textContent()).toBe('Dùng ưu đãi');
    await page.screenshot({ path: `${ARTIFACTS}story3-2-coupon-popup.png` });
    await popup.locator('[data-braid=cta]').click();
    await popup.waitFor({ state: 'detached' });
    // The email's click was his engagement.
    const [email] = await sys.db.db.select().from(messages).where(and(eq(messages.journeyId, journeyId), eq(messages.channel, 'email')));
    expect(email!.status).toBe('clicked');

    // He pays with the coupon: 10% off 1,700,000.
    await page.evaluate(
      (code) => (window as unknown as { braid: { track(e: string, p: unknown): void } }).braid.track('Order Completed', { order_id: 'HB-1042', revenue: 1_530_000, currency: 'VND', coupon: code, payment: 'paypal' }),
      coupon,
    );
    await flush(page);
    await page.close();
    const done = await eventually('his conversion', async () => {
      const [e] = await sys.db.db.select().from(enrollments).where(and(eq(enrollments.journeyId, journeyId), eq(enrollments.customerId, toan)));
      return e?.status === 'converted' ? e : undefined;
    });
    expect(done.status).toBe('converted');
    expect(await stepsEntered(sys, journeyId, toan)).toEqual(['wait-90s', 'paypal-email', 'next-visit', 'popup-coupon', 'popup', 'coupon-valid']);
  }, 120_000);

  it('the report counts the conversion and its revenue; the canvas and his timeline show what happened', async () => {
    await marketer.goto(`${sys.webUrl}/#/reports/${encodeURIComponent(journeyId)}`);
    await marketer.locator('[data-testid=report-summary]').waitFor();
    expect(await marketer.locator('[data-testid=report-revenue]').innerText()).toBe('1.530.000 ₫');
    const summary = await marketer.locator('[data-testid=report-summary]').innerText();
    expect(summary).toContain('100');
    await marketer.screenshot({ path: `${ARTIFACTS}story3-3-report.png`, fullPage: true });

    await canvasWithCounts(marketer, sys.webUrl, journeyId, 'popup', 1, `${ARTIFACTS}story3-4-canvas-live-counts`);

    await customerTimeline(marketer, sys.webUrl, toan);
    const timeline = await marketer.locator('[data-testid=timeline-event]').allTextContents();
    expect(timeline.join('\n')).toContain('Payment Failed');
    expect(timeline.join('\n')).toContain('Order Completed');
    await marketer.screenshot({ path: `${ARTIFACTS}story3-5-customer-timeline.png`, fullPage: true });
  }, 90_000);
});
