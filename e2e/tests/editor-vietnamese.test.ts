// The journey editor a Vietnamese marketer uses: with the Vietnamese UI, each of the six
// templates, every node type's form (built-ins and an installed package), the problems list,
// the test run, a customer's trace and the outbox show no English (user data such as event
// names excepted). Hoa Ban Food opens top-down at a readable zoom, with port labels that do not
// overlap and no map over the cards. Screenshots of the template and of each form in e2e/artifacts.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, signIn } from '../src/browser';
import { dragFromPalette } from '../src/canvas-driver';
import { englishCatalogue, findEnglish } from '../src/english';
import type { EnglishHit } from '../src/english';
import { adminGet, eventually, sendEvent } from '../src/ingest';
import { startSystem } from '../src/system';
import type { BraidSystem } from '../src/system';

const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));
const TEMPLATES = ['hoa-ban-food', 'welcome-series', 'post-purchase-review', 'win-back', 'browse-abandonment', 'payment-failed-rescue', 'best-channel-reach', 'cross-device-loyalty'];
const previous = process.env.BRAID_NODE_PACKAGES;

// What people typed or customers did: the same in every language.
const USER_DATA = [
  'Product Added', 'Checkout Started', 'Checkout Cancelled', 'Order Completed', 'Review Submitted', 'Product Viewed', 'Page Viewed',
  'Payment Failed', 'Signed Up', 'Unsubscribed', 'Hoa Ban Food', 'lapsed-90-days', 'address.city', 'cart_id', 'price', 'rating',
  'advocate', 'churn_risk', 'HOABAN', 'WELCOME', 'MISSYOU', 'COMEBACK', 'toan@example.vn',
];

let system: BraidSystem;
let browser: Browser;
let page: Page;
let catalogue: string[];
const journeys: Record<string, string> = {};
const dialogHits: EnglishHit[] = [];

async function shot(name: string, clip?: string): Promise<void> {
  if (clip) await page.locator(clip).screenshot({ path: `${ARTIFACTS}${name}.png` });
  else await page.screenshot({ path: `${ARTIFACTS}${name}.png` });
}

async function english(root: string, where: string): Promise<EnglishHit[]> {
  const hits = await findEnglish(page, root, [...USER_DATA, system.credentials.email], catalogue);
  return hits.map((h) => ({ ...h, where: `${where} ${h.where}` }));
}

async function createFromTemplate(id: string): Promise<string> {
  await page.goto(`${system.webUrl}/#/journeys`);
  await page.click('[data-testid=new-journey]');
  // The template list itself: names and descriptions in Vietnamese.
  dialogHits.push(...(await english('.dialog', 'template list')));
  await page.click(`[data-testid="template-${id}"]`);
  await page.click('[data-testid=create-journey]');
  await page.waitForSelector('[data-testid=canvas] .react-flow__node');
  await page.waitForTimeout(300);
  return decodeURIComponent(page.url().split('#/journeys/')[1] ?? '');
}

describe('the journey editor in Vietnamese', () => {
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    process.env.BRAID_NODE_PACKAGES = '@braid/node-notify-chat';
    catalogue = englishCatalogue();
    system = await startSystem();
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    page = await context.newPage();
    page.on('pageerror', (e) => console.error('[browser]', e.message));
    await signIn(page, system.webUrl, system.credentials.email, system.credentials.password, '[data-testid=new-journey]');
    await sendEvent(system.apiUrl, system.credentials.writeKey, 'identify', { userId: 'toan', traits: { firstName: 'Toản', email: 'toan@example.vn' } });
  });

  afterAll(async () => {
    if (previous === undefined) delete process.env.BRAID_NODE_PACKAGES;
    else process.env.BRAID_NODE_PACKAGES = previous;
    await browser?.close();
    await system?.stop();
  });

  it('opens Hoa Ban Food top-down at a readable zoom, ports labelled apart, the map beside the cards', async () => {
    journeys['hoa-ban-food'] = await createFromTemplate('hoa-ban-food');
    await shot('editor-vi-01-hoa-ban-food-opens');
    const zoom = await page.$eval('.react-flow__viewport', (el) => new DOMMatrixReadOnly(getComputedStyle(el).transform).a);
    expect(zoom).toBeGreaterThanOrEqual(0.8);
    // The trigger, named by the template, is on screen at the top.
    const flow = (await page.locator('.canvas-flow').boundingBox())!;
    const trigger = (await page.locator('.react-flow__node', { hasText: 'Thêm vào giỏ hàng' }).boundingBox())!;
    expect(trigger.y).toBeGreaterThanOrEqual(flow.y);
    expect(trigger.x).toBeGreaterThanOrEqual(flow.x);
    expect(trigger.x + trigger.width).toBeLessThanOrEqual(flow.x + flow.width);
    // Top-down: the step after the trigger is below it.
    const next = (await page.locator('.react-flow__node', { hasText: 'Có thanh toán giỏ này không?' }).boundingBox())!;
    expect(next.y).toBeGreaterThan(trigger.y + trigger.height);
    // The engagement check names the message step by its name, not its id.
    expect(await page.locator('.react-flow__node[data-id="opened-email"] .jnode-summary').textContent()).toContain('Email giỏ hàng + voucher');
    // Port labels of one card never overlap.
    const overlaps = await page.$$eval('.jnode', (cards) =>
      cards.flatMap((card) => {
        const boxes = [...card.querySelectorAll('.jnode-port-label')].map((l) => l.getBoundingClientRect());
        return boxes.flatMap((a, i) => boxes.slice(i + 1).filter((b) => a.right > b.left + 0.5 && b.right > a.left + 0.5).map(() => card.textContent ?? ''));
      }),
    );
    expect(overlaps).toEqual([]);
    // The overview map sits beside the canvas, never over a card.
    const overview = await page.locator('[data-testid=canvas-overview]').boundingBox();
    if (overview) expect(overview.x).toBeGreaterThanOrEqual(flow.x + flow.width - 1);
    expect(await english('.editor', 'hoa-ban-food')).toEqual([]);
  });

  it('opens every other template in Vietnamese', async () => {
    const hits: EnglishHit[] = [];
    for (const id of TEMPLATES.slice(1)) {
      journeys[id] = await createFromTemplate(id);
      hits.push(...(await english('.editor', id)));
    }
    await shot('editor-vi-02-best-channel-reach-opens');
    expect(hits).toEqual([]);
    expect(dialogHits).toEqual([]);
  });

  it('shows every node type form, the problems list and its messages in Vietnamese', async () => {
    await page.goto(`${system.webUrl}/#/journeys`);
    await page.click('[data-testid=new-journey]');
    await page.fill('[data-testid=journey-name]', 'Mọi loại bước');
    await page.click('[data-testid=create-journey]');
    await page.waitForSelector('[data-testid=canvas]');
    const types = await page.$$eval('[data-testid^="palette-"]', (els) => els.map((e) => (e.getAttribute('data-testid') ?? '').slice('palette-'.length)));
    expect(types.length).toBeGreaterThanOrEqual(20);
    expect(types).toContain('notify-chat');
    const hits: EnglishHit[] = [];
    const ids: string[] = [];
    for (const [i, type] of types.entries()) {
      ids.push(await dragFromPalette(page, type, { x: 120 + (i % 2) * 260, y: 80 + (i % 3) * 150 }));
      await page.waitForSelector('[data-testid=node-panel] h3');
      hits.push(...(await english('[data-testid=node-panel]', `form ${type}`)));
      await shot(`editor-vi-form-${type}`, '[data-testid=node-panel]');
      if (i === 1) {
        // A step name used twice is refused next to the field, in Vietnamese.
        await page.fill('[data-testid=step-name-input]', 'Bước trùng tên');
        await page.locator(`.react-flow__node[data-id="${ids[0]}"] .jnode-summary`).click();
        await page.fill('[data-testid=step-name-input]', 'Bước trùng tên');
        await expect.poll(() => page.locator('[data-testid=error-label]').textContent(), { timeout: 5000 }).toContain('Đã có bước khác tên "Bước trùng tên"');
        await shot('editor-vi-form-duplicate-name', '[data-testid=node-panel]');
      }
    }
    await page.click('[data-testid=tab-problems]');
    await page.waitForSelector('[data-testid=problems] li');
    hits.push(...(await english('.side-tabs', 'problems')));
    await shot('editor-vi-03-problems');
    expect(hits).toEqual([]);
  });

  it('runs a test customer through Hoa Ban Food in Vietnamese', async () => {
    await page.goto(`${system.webUrl}/#/journeys/${encodeURIComponent(journeys['hoa-ban-food']!)}`);
    await page.waitForSelector('[data-testid=canvas] .react-flow__node');
    await page.click('[data-testid=tab-test]');
    // A field that cannot be read is named under it, in Vietnamese.
    await page.click('[data-testid=sim-event-add]');
    await page.fill('[data-testid=sim-event-0-after]', 'ngày mai');
    await page.fill('[data-testid=sim-event-0-name]', 'Checkout Started');
    await page.click('[data-testid=sim-run]');
    await expect.poll(() => page.textContent('[data-testid="sim-error-events.0.after"]')).toContain('không phải là số');
    await page.fill('[data-testid=sim-event-0-after]', '2');
    await page.click('[data-testid=sim-run]');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=sim-path] li').length >= 4);
    await page.click('[data-testid=forecast-run]');
    await page.waitForSelector('[data-testid=forecast]');
    await page.waitForTimeout(1500);
    const hits = [...(await english('[data-testid=test-run]', 'test run')), ...(await english('.canvas', 'test run canvas'))];
    await shot('editor-vi-04-test-run');
    expect(hits).toEqual([]);
  });

  it('shows a customer trace and the outbox in Vietnamese', async () => {
    const id = journeys['welcome-series']!;
    await page.goto(`${system.webUrl}/#/journeys/${encodeURIComponent(id)}`);
    await page.waitForSelector('[data-testid=canvas] .react-flow__node');
    await page.click('[data-testid=publish]');
    await page.click('[data-testid=publish-confirm]');
    await page.waitForSelector('[data-testid=publish-dialog]', { state: 'detached' });
    await sendEvent(system.apiUrl, system.credentials.writeKey, 'track', { userId: 'toan', event: 'Signed Up', properties: {} });
    await eventually('the welcome email in the outbox', async () => {
      const out = await adminGet<{ messages: { channel: string }[] }>(system.apiUrl, system.credentials.adminToken, `/api/outbox?journeyId=${encodeURIComponent(id)}`);
      return out.messages.find((m) => m.channel === 'email');
    }, 90_000);
    await page.click('[data-testid=tab-stats]');
    await page.fill('[data-testid=trace-search]', 'toan');
    await page.locator('[data-testid=trace-candidates] button', { hasText: 'Toản' }).click();
    await page.waitForSelector('[data-testid=trace] li');
    await expect.poll(() => page.textContent('[data-testid=trace]')).toContain('Email chào mừng');
    const hits = [...(await english('[data-testid=stats-panel]', 'trace')), ...(await english('.canvas', 'stats canvas'))];
    await shot('editor-vi-05-trace');
    await page.click('[data-testid=nav-outbox]');
    await page.waitForSelector('[data-testid=outbox-row]');
    hits.push(...(await english('.page', 'outbox')));
    await shot('editor-vi-06-outbox');
    expect(hits).toEqual([]);
    // The detector itself: the same screens in English are caught.
    await page.selectOption('[data-testid=language]', 'en');
    await page.waitForSelector('[data-testid=outbox-row]');
    expect((await english('.page', 'outbox in English')).length).toBeGreaterThan(0);
    // The choice is the person's, kept by the server for their next sign-in anywhere.
    const language = () => page.evaluate(() => fetch('/api/auth/me').then((r) => r.json()).then((me: { language?: string }) => me.language));
    await expect.poll(language).toBe('en');
    await page.selectOption('[data-testid=language]', 'vi');
    await expect.poll(language).toBe('vi');
  });
});
