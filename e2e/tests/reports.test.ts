// SCENARIO §1 steps 10 and 13 in the report: anh Toản, in an A/B-tested cart journey, buys at the
// showroom through the POS; a friend buys with his referral code. In Chromium against the whole
// system (Temporal dev server, worker, API serving the web app), the Hoa Ban Food report shows the
// POS revenue in VND, the conversion, the A/B groups and the referral credited.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { days, journeyGraph } from '../../packages/journey/fixtures/builder';
import { launchBrowser, signIn } from '../src/browser';
import { eventually, sendEvent } from '../src/ingest';
import { startSystem, type BraidSystem } from '../src/system';

const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));

let sys: BraidSystem;
let browser: Browser;
let page: Page;
let journeyId = '';

async function admin<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${sys.apiUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${sys.credentials.adminToken}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

async function posSale(body: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${sys.apiUrl}/v1/pos/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from(`${sys.credentials.writeKey}:`).toString('base64')}` },
    body: JSON.stringify({ store: 'Showroom Hàng Giấy', ...body }),
  });
  expect(res.status).toBe(200);
}

const cartJourney = journeyGraph(
  [
    ['cart', 'trigger-event', { event: 'Product Added', where: [], reentry: { mode: 'afterExit' }, entryLimit: null }, 'Thêm vào giỏ'],
    ['ab', 'condition-random-split', { branches: [{ label: 'Email', percent: 50 }, { label: 'SMS', percent: 50 }], holdoutPercent: 0 }, 'Thử nghiệm kênh'],
    ['wait-a', 'wait-delay', { duration: days(1) }, 'Chờ 1 ngày (A)'],
    ['wait-b', 'wait-delay', { duration: days(1) }, 'Chờ 1 ngày (B)'],
    ['done-a', 'exit', { reason: 'Hết nhánh A' }],
    ['done-b', 'exit', { reason: 'Hết nhánh B' }],
    ['goal', 'goal', { event: 'Order Completed', where: [], window: days(30), onConvert: 'exit' }, 'Mua hàng'],
  ],
  [
    ['cart', 'out', 'ab'],
    ['ab', 'path0', 'wait-a'],
    ['ab', 'path1', 'wait-b'],
    ['wait-a', 'out', 'done-a'],
    ['wait-b', 'out', 'done-b'],
  ],
);

describe('the Hoa Ban Food report', () => {
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    sys = await startSystem({ log: () => undefined });
    journeyId = (await admin<{ id: string }>('POST', '/api/journeys', { name: 'Giỏ hàng bỏ quên', graph: cartJourney })).id;
    await admin('POST', `/api/journeys/${journeyId}/publish`, { note: 'Thử email và SMS' });
    await sendEvent(sys.apiUrl, sys.credentials.writeKey, 'identify', { userId: 'kh-toan', traits: { firstName: 'Toản', lastName: 'Nguyễn Văn', phone: '0909908089', referral_code: 'TOAN-HB' } });
    await sendEvent(sys.apiUrl, sys.credentials.writeKey, 'track', { userId: 'kh-toan', event: 'Product Added', properties: { name: 'Thịt trâu gác bếp', price: 850_000, quantity: 2 } });
    await eventually('Toản waiting in the journey', async () => {
      const r = await sys.db.client.execute({ sql: "SELECT COUNT(*) AS n FROM step_log WHERE journey_id = ? AND node_id = 'ab'", args: [journeyId] });
      return Number(r.rows[0]!.n) > 0 ? true : undefined;
    });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await sys?.stop();
  });

  it('shows the showroom sale as revenue, the conversion, the A/B groups and the referral', async () => {
    // The cashier types Toản's phone another way; later a friend buys with his code.
    await posSale({ phone: '0909 908 089', orderId: 'HG-1001', products: [{ name: 'Combo Mắc Khén, Hạt Dổi, thịt trâu', price: 1_350_000, quantity: 1 }] });
    await eventually('Toản to convert', async () => {
      const r = await sys.db.client.execute({ sql: 'SELECT status FROM enrollments WHERE journey_id = ?', args: [journeyId] });
      return r.rows[0]?.status === 'converted' ? true : undefined;
    });
    await posSale({ phone: '0912 555 111', name: 'Lan Phạm', orderId: 'HG-1002', referralCode: 'TOAN-HB', products: [{ name: 'Mật ong rừng', price: 620_000, quantity: 1 }] });

    await signIn(page, sys.webUrl, sys.credentials.email, sys.credentials.password);
    // Every entry of the top bar on one line at 1280 px, in Vietnamese (it used to wrap).
    const bar = (await page.locator('header.topbar').boundingBox())!;
    expect(bar.height).toBeLessThan(60);
    for (const entry of ['nav-reports', 'nav-tasks', 'nav-team', 'nav-audit', 'nav-sources', 'nav-channels']) {
      const box = (await page.locator(`[data-testid=${entry}]`).boundingBox())!;
      expect(box.y + box.height, entry).toBeLessThanOrEqual(bar.y + bar.height);
    }
    // ...and none hidden under the language choice.
    const channels = (await page.locator('[data-testid=nav-channels]').boundingBox())!;
    expect(channels.x + channels.width).toBeLessThanOrEqual((await page.locator('[data-testid=language]').boundingBox())!.x);
    expect(await page.locator('[data-testid=nav-channels]').getAttribute('title')).toBe('Kênh gửi');
    await page.click('[data-testid=nav-reports]');
    const list = page.locator('[data-testid=report-journeys]');
    await list.waitFor();
    expect(await list.innerText()).toContain('1.350.000 ₫');
    await page.screenshot({ path: `${ARTIFACTS}reports-1-list.png`, fullPage: true });

    await page.getByRole('link', { name: 'Giỏ hàng bỏ quên' }).click();
    await page.locator('[data-testid=report-summary]').waitFor();
    expect(await page.locator('[data-testid=report-revenue]').innerText()).toBe('1.350.000 ₫');
    expect(await page.locator('[data-testid=report-referrals]').innerText()).toBe('1');
    const summary = await page.locator('[data-testid=report-summary]').innerText();
    expect(summary).toContain('Đã vào');
    expect(summary).toContain('100');
    const groups = await page.locator('[data-testid=report-groups]').innerText();
    expect(groups).toContain('1.350.000 ₫');
    expect(groups).toMatch(/Email|SMS/);
    await page.screenshot({ path: `${ARTIFACTS}reports-2-journey.png`, fullPage: true });

    // The same figures as CSV, from the page's own link.
    const csvHref = await page.locator('a', { hasText: 'CSV' }).first().getAttribute('href');
    const csv = await page.evaluate(async (href) => (await fetch(href!)).text(), csvHref);
    expect(csv).toContain('1350000');

    await page.selectOption('[data-testid=language]', 'en');
    await page.getByText('Referrals credited').waitFor();
    await page.screenshot({ path: `${ARTIFACTS}reports-3-journey-english.png`, fullPage: true });
    await page.selectOption('[data-testid=language]', 'vi');
  }, 120_000);
});
