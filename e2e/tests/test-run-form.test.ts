// The test run as a form, in Chromium with the Vietnamese UI, against the API serving the built
// web app on a real libSQL file: a marketer opens Hoa Ban Food, finds the entry event's properties
// filled in from what the shop has sent, adds "came back to look at Mắc Khén after 10 days" from
// the event catalogue, says the cart email was NOT opened, and sees the customer go to the 99k ad
// (then, with the email opened, straight to the week's wait). Malformed fields are named under
// them in Vietnamese. The journey settings' entry window takes dates as day/month/year, 24-hour.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openVietnameseTab, signIn } from '../src/browser';
import { englishCatalogue, findEnglish } from '../src/english';
import { ARTIFACTS, openWorkspace, type Workspace } from '../src/workspace';

// What the shop sent and the template named: the same in every language.
const USER_DATA = ['Product Added', 'Product Viewed', 'Checkout Started', 'Checkout Cancelled', 'Order Completed', 'Review Submitted', 'Referral Credited', 'Unsubscribed', 'cart_id', 'price', 'product_name', 'product_id', 'firstName', 'phone', 'email', 'city', 'Hoa Ban Food'];

let hoaBan: Workspace;
let browser: Browser;
let page: Page;
let journeyId = '';

const id = (testId: string) => `[data-testid="${testId}"]`;

/** The options a field's suggestion list offers (what the browser shows under the field). */
async function suggestions(testId: string): Promise<string[]> {
  const listId = await page.locator(id(testId)).getAttribute('list');
  await page.waitForFunction((l) => (document.getElementById(l!)?.querySelectorAll('option').length ?? 0) > 0, listId);
  return page.$$eval(`[id="${listId}"] option`, (options) => options.map((o) => (o as HTMLOptionElement).value));
}

/** The step names of the test run's path, in order. */
async function pathSteps(): Promise<string[]> {
  return page.$$eval('[data-testid=sim-path] li', (items) => items.map((li) => (li.firstChild?.textContent ?? '').trim()));
}

async function runAndWait(): Promise<string[]> {
  await page.click(id('sim-run'));
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=sim-path] li').length >= 8);
  return pathSteps();
}

describe('the test run form', () => {
  beforeAll(async () => {
    hoaBan = await openWorkspace('test_run_form');
    await hoaBan.send('identify', { userId: 'toan', traits: { firstName: 'Toản', email: 'toan@example.vn', city: 'Cầu Giấy' } });
    await hoaBan.send('track', { userId: 'toan', event: 'Product Added', properties: { cart_id: 'gio-1', price: 1700000, product_name: 'Thịt trâu gác bếp' } });
    await hoaBan.send('track', { userId: 'toan', event: 'Product Viewed', properties: { product_id: 'mac-khen' } });
    browser = await launchBrowser();
    page = (await openVietnameseTab(browser, { height: 1000 })).page;
    await signIn(page, hoaBan.url, hoaBan.owner.email, hoaBan.owner.password, id('new-journey'));
  });

  afterAll(async () => {
    await browser?.close();
    await hoaBan?.close();
  });

  it('runs a customer who did NOT open the email down the 99k ad path, from pickers and rows', async () => {
    await page.click(id('new-journey'));
    await page.click(id('template-hoa-ban-food'));
    await page.click(id('create-journey'));
    await page.waitForSelector('[data-testid=canvas] .react-flow__node');
    journeyId = decodeURIComponent(page.url().split('#/journeys/')[1] ?? '');
    await page.click(id('tab-test'));

    // The entry event's properties, filled in from what "Product Added" has carried.
    await page.waitForSelector(id('sim-entryProperties-0-key'));
    const entryKeys = await page.$$eval('[data-testid^="sim-entryProperties-"][data-testid$="-key"]', (els) => els.map((e) => (e as HTMLInputElement).value));
    expect(entryKeys).toEqual(expect.arrayContaining(['cart_id', 'price']));
    const cartRow = entryKeys.indexOf('cart_id');
    expect(await page.inputValue(id(`sim-entryProperties-${cartRow}-value`))).toBe('gio-1');

    // A later event picked from the catalogue; its properties come with it.
    await page.click(id('sim-event-add'));
    const offered = await suggestions('sim-event-0-name');
    expect(offered).toContain('Product Viewed');
    await page.fill(id('sim-event-0-name'), 'Product Viewed');
    await expect.poll(() => page.inputValue(id('sim-events-0-properties-0-key'))).toBe('product_id');
    expect(await page.inputValue(id('sim-events-0-properties-0-value'))).toBe('mac-khen');

    // Malformed: named under the field, in Vietnamese, and nothing runs.
    await page.fill(id('sim-event-0-after'), 'mười ngày');
    await page.click(id('sim-run'));
    await expect.poll(() => page.textContent(id('sim-error-events.0.after'))).toContain('không phải là số');
    expect(await page.locator('[data-testid=sim-path]').count()).toBe(0);
    await page.fill(id('sim-event-0-after'), '10');
    await page.selectOption(id('sim-event-0-unit'), { label: 'ngày' });

    // "The cart email was NOT opened", the message picked by its step name.
    await page.click(id('sim-engagement-add'));
    await page.selectOption(id('sim-engagement-0-step'), { label: 'Email giỏ hàng + voucher' });
    await page.selectOption(id('sim-engagement-0-fact'), { label: 'KHÔNG mở' });
    const notOpened = await runAndWait();
    expect(await page.locator(id('sim-error-events.0.after')).count()).toBe(0);
    const check = notOpened.indexOf('Đã mở email?');
    expect(check).toBeGreaterThan(0);
    expect(notOpened[check + 1]).toBe('Quảng cáo 99k');
    // The event 10 days later brought them back to the combo.
    expect(notOpened).toContain('Quảng cáo combo');
    const checkLine = await page.locator('[data-testid=sim-path] li', { hasText: 'Đã mở email?' }).last().textContent();
    expect(checkLine).toContain('đi theo nhánh “Không”');
    await page.waitForTimeout(800 * notOpened.length);
    // The cart email as Toản would read it: his name and the voucher the run issued.
    const email = await page.textContent(id('sim-message-cart-email'));
    expect(email).toContain('Toản');
    expect(email).not.toContain('{{');
    await page.screenshot({ path: `${ARTIFACTS}test-run-form-not-opened.png` });
    // The top of the form: the customer, their profile and the entry event filled in.
    await page.locator(id('test-run')).evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: `${ARTIFACTS}test-run-form-top.png` });
    const hits = await findEnglish(page, '[data-testid=test-run]', USER_DATA, englishCatalogue());
    expect(hits).toEqual([]);

    // Opened instead: straight to the week's wait, no ad.
    await page.selectOption(id('sim-engagement-0-fact'), { label: 'đã mở' });
    const opened = await runAndWait();
    const check2 = opened.indexOf('Đã mở email?');
    expect(opened[check2 + 1]).toBe('Chờ 1 tuần');
    expect(opened).not.toContain('Quảng cáo 99k');

    // Two answers that contradict each other are refused, naming the row.
    await page.click(id('sim-engagement-add'));
    await page.selectOption(id('sim-engagement-1-step'), { label: 'Email giỏ hàng + voucher' });
    await page.selectOption(id('sim-engagement-1-fact'), { label: 'KHÔNG mở' });
    await page.click(id('sim-run'));
    await expect.poll(() => page.textContent(id('sim-error-engagement.1.fact'))).toContain('Mâu thuẫn với câu trả lời ở trên (“đã mở”)');
  });

  it('sets the entry window as day/month/year with 24-hour times in the workspace zone', async () => {
    await page.goto(`${hoaBan.url}/#/journeys`);
    await page.click(id(`settings-${journeyId}`));
    await page.waitForSelector(id('journey-settings'));
    expect(await page.$$eval(`${id('settings-starts-hour')} option`, (o) => o.map((x) => x.textContent))).toEqual(Array.from({ length: 24 }, (_, i) => String(i).padStart(2, '0')));
    await page.fill(id('settings-starts-date'), '31/02/2026');
    await expect.poll(() => page.textContent(id('settings-starts-error'))).toBe('Không có ngày này');
    expect(await page.isDisabled(id('settings-save'))).toBe(true);
    await page.fill(id('settings-starts-date'), '01/03/2026');
    await page.selectOption(id('settings-starts-hour'), '20');
    await page.selectOption(id('settings-starts-minute'), '30');
    const spelled = await page.textContent(id('settings-starts-spelled'));
    expect(spelled).toContain('20:30');
    expect(spelled).toContain('2026');
    expect(spelled).toContain('Asia/Ho_Chi_Minh');
    await page.fill(id('settings-ends-date'), '28/02/2026');
    await expect.poll(() => page.textContent(id('settings-ends-error'))).toContain('phải sau thời điểm bắt đầu');
    await page.fill(id('settings-ends-date'), '31/03/2026');
    await page.locator(id('journey-settings')).screenshot({ path: `${ARTIFACTS}test-run-form-settings-dates.png` });
    expect(await findEnglish(page, '[data-testid=journey-settings]', ['Hoa Ban Food', 'Asia/Ho_Chi_Minh'], englishCatalogue())).toEqual([]);
    await page.click(id('settings-save'));
    await page.waitForSelector(id('journey-settings'), { state: 'detached' });
    // Stored as the instant 20:30 in Hà Nội is (13:30 UTC).
    const res = await fetch(`${hoaBan.url}/api/journeys`, { headers: { authorization: `Bearer ${hoaBan.token}` } });
    const { journeys } = (await res.json()) as { journeys: { id: string; startsAt: number | null; endsAt: number | null }[] };
    const saved = journeys.find((j) => j.id === journeyId);
    expect(saved?.startsAt).toBe(Date.UTC(2026, 2, 1, 13, 30));
    expect(saved?.endsAt).toBe(Date.UTC(2026, 2, 30, 17, 0));
  });
});
