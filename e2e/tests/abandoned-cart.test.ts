// The marketer's story end to end against the real started system (Temporal dev server, API,
// worker, built web app, Chromium): build the abandoned-cart journey from a blank canvas,
// publish, watch a customer receive the email, then edit, republish, diff and roll back.
// Stale saves, unsaved edits, the simulator and templates: draft-editing.test.ts.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../src/browser';
import { choose, connect, dragFromPalette, fill, select, waitSaved } from '../src/canvas-driver';
import { adminGet, eventually, sendEvent } from '../src/ingest';
import { startSystem } from '../src/system';
import type { BraidSystem } from '../src/system';

const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));

let system: BraidSystem;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let journeyId = '';
const ids: Record<string, string> = {};

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: `${ARTIFACTS}${name}.png` });
}

async function openTab(name: 'settings' | 'problems' | 'versions' | 'stats' | 'test'): Promise<void> {
  await page.click(`[data-testid="tab-${name}"]`);
}

type Outbox = { messages: { customerId: string; subject: string | null; body: string | null; nodeId: string | null; channel: string }[] };

describe('abandoned cart, from a blank canvas to a delivered email', () => {
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    system = await startSystem();
    browser = await launchBrowser();
    // A Vietnamese browser gets the Vietnamese UI.
    context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    page = await context.newPage();
    page.on('pageerror', (e) => console.error('[browser]', e.message));
    // anh Toản is known before the journey exists: the preview can use his real profile.
    await sendEvent(system.apiUrl, system.credentials.writeKey, 'identify', {
      userId: 'toan',
      traits: { firstName: 'Toản', email: 'toan@example.vn', phone: '0909908089', city: 'Hà Nội' },
    });
  });

  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  });

  it('signs in and lists journeys in Vietnamese', async () => {
    await page.goto(system.webUrl);
    await page.waitForSelector('input[name=email]');
    await shot('01-sign-in');
    await page.fill('input[name=email]', system.credentials.email);
    await page.fill('input[name=password]', 'wrong password');
    await page.click('button[type=submit]');
    await expect(page.locator('.signin .error').textContent()).resolves.toContain('không đúng');
    await page.fill('input[name=password]', system.credentials.password);
    await page.click('button[type=submit]');
    await page.waitForSelector('[data-testid=new-journey]');
    expect(await page.textContent('h1')).toBe('Hành trình');
    await shot('02-journeys-empty');
  });

  it('creates a blank journey and builds it by dragging steps and filling their forms', async () => {
    await page.click('[data-testid=new-journey]');
    await page.fill('[data-testid=journey-name]', 'Giỏ hàng bị bỏ quên');
    await shot('03-create-dialog');
    await page.click('[data-testid=create-journey]');
    await page.waitForSelector('[data-testid=canvas]');
    journeyId = decodeURIComponent(page.url().split('#/journeys/')[1] ?? '');
    expect(journeyId).not.toBe('');

    ids.trigger = await dragFromPalette(page, 'trigger-event', { x: 320, y: 60 });
    await fill(page, 'event', 'Product Added');
    ids.wait = await dragFromPalette(page, 'wait-for-event', { x: 320, y: 220 });
    await fill(page, 'event', 'Order Completed');
    // Short in the test so the real Temporal timer fires within seconds.
    await page.locator('[data-testid="field-timeout-amount"]').fill('0.1');
    await choose(page, 'timeout-unit', 'minutes');
    ids.exit = await dragFromPalette(page, 'exit', { x: 160, y: 420 });
    ids.email = await dragFromPalette(page, 'send-message', { x: 520, y: 420 });
    await choose(page, 'channel', 'email');
    // The variable picker inserts Liquid at the cursor.
    await fill(page, 'subject', 'Hoa Ban Food xin chào anh ');
    await page.locator('[data-testid="vars-subject"]').selectOption('customer.firstName');
    await fill(page, 'body', 'Giỏ hàng của bạn đang chờ: {{ entry.properties.product_name }}. Tặng bạn voucher 99.000đ cho đơn đầu tiên.');
    ids.done = await dragFromPalette(page, 'exit', { x: 520, y: 600 });

    // Unconnected steps are problems: publish is blocked with the reasons.
    await page.click('[data-testid=publish]');
    await page.waitForSelector('[data-testid=publish-blocked]');
    await shot('04-publish-blocked');
    await page.keyboard.press('Escape');

    await connect(page, ids.trigger!, 'out', ids.wait!);
    await connect(page, ids.wait!, 'happened', ids.exit!);
    await connect(page, ids.wait!, 'timedOut', ids.email!);
    await connect(page, ids.email!, 'out', ids.done!);
    expect(await page.locator('.react-flow__edge').count()).toBe(4);
    await page.click('[data-testid=layout]');
    await waitSaved(page);
    await openTab('problems');
    await page.waitForSelector('[data-testid=no-problems]');
    await shot('05-canvas-built');
  });

  it('previews the email for a real customer', async () => {
    await openTab('settings');
    await select(page, ids.email!);
    await page.fill('[data-testid=preview-customer-search]', 'toan');
    const option = page.locator('[data-testid=preview-customer] option', { hasText: 'Toản' });
    await option.waitFor({ state: 'attached' });
    await page.locator('[data-testid=preview-customer]').selectOption({ label: 'Toản' });
    await expect
      .poll(async () => page.textContent('[data-testid=preview-subject]'), { timeout: 10_000 })
      .toBe('Hoa Ban Food xin chào anh {{ customer.firstName }}'.replace('{{ customer.firstName }}', 'Toản'));
    await shot('06-message-preview');
  });

  it('undoes, redoes, copies, pastes and explains a malformed paste', async () => {
    await openTab('settings');
    const before = await page.locator('.react-flow__node').count();
    await page.locator(`.react-flow__node[data-id="${ids.exit}"] .jnode-summary`).click();
    await page.keyboard.press('Delete');
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(before - 1);
    await page.click('[data-testid=undo]');
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(before);
    await page.click('[data-testid=redo]');
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(before - 1);
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(before);
    // Edges come back once the restored step is measured again.
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(4);

    // Copy a step and paste it: a second, independent copy appears.
    await page.locator(`.react-flow__node[data-id="${ids.exit}"] .jnode-summary`).click();
    await page.locator('.react-flow__pane').focus().catch(() => undefined);
    const copied = await page.evaluate(() => {
      const data = new DataTransfer();
      document.dispatchEvent(new ClipboardEvent('copy', { clipboardData: data, bubbles: true }));
      return data.getData('text/plain');
    });
    expect(copied).toContain('"exit"');
    await page.evaluate((text) => {
      const data = new DataTransfer();
      data.setData('text/plain', text);
      document.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }));
    }, copied);
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(before + 1);
    // A malformed graph is refused with what is wrong.
    await page.evaluate(() => {
      const data = new DataTransfer();
      data.setData('text/plain', '{"nodes":[{"id":"x","type":"no-such-step","position":{"x":0}}]}');
      document.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }));
    });
    await page.waitForSelector('.toast-error');
    expect(await page.textContent('.toast-error')).toContain('nodes.0.position.y');
    await shot('06b-malformed-paste');
    await page.locator('.toast-error button').click();
    // Take the pasted copy away again.
    await page.click('[data-testid=undo]');
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(before);
    await waitSaved(page);
  });

  it('publishes with a note', async () => {
    await page.click('[data-testid=publish]');
    await page.fill('[data-testid=publish-note]', 'Phiên bản đầu: email sau khi bỏ giỏ hàng');
    await page.click('[data-testid=publish-confirm]');
    await page.waitForSelector('[data-testid=publish-dialog]', { state: 'detached' });
    await openTab('versions');
    await page.waitForSelector('[data-testid=version-1]');
    await shot('07-published-v1');
  });

  it('sends the email when the cart is abandoned, and the node counts change', async () => {
    await openTab('stats');
    await page.waitForSelector('[data-testid=stats-panel]');
    await sendEvent(system.apiUrl, system.credentials.writeKey, 'track', {
      userId: 'toan',
      event: 'Product Added',
      properties: { cart_id: 'cart-1', product_name: '2kg thịt trâu gác bếp', price: 1_700_000 },
    });
    const message = await eventually(
      'the abandoned-cart email in the outbox',
      async () => {
        const out = await adminGet<Outbox>(system.apiUrl, system.credentials.adminToken, `/api/outbox?journeyId=${journeyId}`);
        return out.messages.find((m) => m.channel === 'email');
      },
      90_000,
    );
    expect(message.subject).toBe('Hoa Ban Food xin chào anh Toản');
    expect(message.body).toContain('2kg thịt trâu gác bếp');
    // The overlay polls by itself: the email step shows one customer entered.
    await page.waitForFunction(
      (id) => /↘\s*1/.test(document.querySelector(`.react-flow__node[data-id="${id}"] [data-testid=node-stats]`)?.textContent ?? ''),
      ids.email,
      { timeout: 30_000 },
    );
    await shot('08-live-stats');
    // Click a step → who waits there; find a customer → their path lights up on the canvas.
    await page.locator(`.react-flow__node[data-id="${ids.wait}"] .jnode-summary`).click();
    await page.waitForSelector('[data-testid=customers-at-node]', { state: 'attached' });
    await page.fill('[data-testid=trace-search]', 'toan');
    await page.locator('[data-testid=trace-candidates] button', { hasText: 'Toản' }).click();
    await page.waitForSelector('[data-testid=trace] li');
    await page.waitForSelector(`.react-flow__node[data-id="${ids.email}"] .hl-visited, .react-flow__node[data-id="${ids.done}"] .hl-current`);
    expect(await page.textContent('[data-testid=trace]')).toMatch(/email/i);
    // The trace opens the customer's workflow in the Temporal Web UI, in the UI's language.
    const temporalLink = page.locator('[data-testid=trace-temporal-link]');
    expect(await temporalLink.textContent()).toContain('Mở quy trình của khách trong Temporal');
    expect(await temporalLink.getAttribute('href')).toMatch(new RegExp(`/namespaces/${process.env.TEMPORAL_NAMESPACE || 'default'}/workflows/journey%3A${journeyId}%3Acustomer%3A\\w+$`));
    expect(await temporalLink.getAttribute('target')).toBe('_blank');
    await shot('09-customer-trace');
    await page.click('[data-testid=nav-outbox]');
    await page.waitForSelector('[data-testid=outbox-row]');
    expect(await page.textContent('[data-testid=outbox]')).toContain('Hoa Ban Food xin chào anh Toản');
    await shot('10-outbox');
  });

  it('edits, republishes, shows the diff and rolls back', async () => {
    await page.goto(`${system.webUrl}/#/journeys/${journeyId}`);
    await page.waitForSelector(`.react-flow__node[data-id="${ids.email}"]`);
    await select(page, ids.email!);
    await fill(page, 'subject', 'Anh {{ customer.firstName }} ơi, giỏ hàng đang chờ');
    // A new step on the way: drop a delay onto the edge between the wait and the email.
    const edge = page.locator(`.react-flow__edge[aria-label*="${ids.wait}"][aria-label*="${ids.email}"]`);
    const box = await edge.boundingBox();
    const pane = await page.locator('.react-flow__pane').boundingBox();
    if (box && pane) {
      ids.delay = await dragFromPalette(page, 'wait-delay', { x: box.x + box.width / 2 - pane.x, y: box.y + box.height / 2 - pane.y });
    }
    await waitSaved(page);
    await page.click('[data-testid=publish]');
    await page.fill('[data-testid=publish-note]', 'Tiêu đề thân mật hơn, thêm bước chờ');
    await page.click('[data-testid=publish-confirm]');
    await page.waitForSelector('[data-testid=publish-dialog]', { state: 'detached' });
    await openTab('versions');
    await page.waitForSelector('[data-testid=version-2]');
    await page.locator('[data-testid=version-1] input[type=checkbox]').check();
    await page.locator('[data-testid=version-2] input[type=checkbox]').check();
    await page.click('[data-testid=compare]');
    await page.waitForSelector('[data-testid=readonly-banner]');
    await page.waitForSelector(`.react-flow__node[data-id="${ids.email}"] .diff-changed, .react-flow__node[data-id="${ids.email}"] .jnode.diff-changed`, { state: 'attached' }).catch(() => undefined);
    expect(await page.locator('.jnode.diff-changed').count()).toBeGreaterThan(0);
    if (ids.delay) expect(await page.locator('.jnode.diff-added').count()).toBe(1);
    await shot('11-diff-v1-v2');

    await page.goto(`${system.webUrl}/#/journeys/${journeyId}`);
    await openTab('versions');
    page.once('dialog', (d) => void d.accept());
    await page.click('[data-testid=rollback-1]');
    await page.waitForSelector('[data-testid=version-3]');
    const journey = await adminGet<{ activeVersion: number }>(system.apiUrl, system.credentials.adminToken, `/api/journeys/${journeyId}`);
    expect(journey.activeVersion).toBe(3);
    const v3 = await adminGet<{ graph: { nodes: { id: string }[] } }>(system.apiUrl, system.credentials.adminToken, `/api/journeys/${journeyId}/versions/3`);
    expect(v3.graph.nodes.map((n) => n.id).sort()).toEqual([ids.trigger, ids.wait, ids.exit, ids.email, ids.done].sort());
    await shot('12-rolled-back');
    // Any old version opens read-only.
    await page.goto(`${system.webUrl}/#/journeys/${journeyId}/versions/2`);
    await page.waitForSelector('[data-testid=readonly-banner]');
    expect(await page.locator('[data-testid=palette-send-message]').count()).toBe(0);
    if (ids.delay) await page.waitForSelector(`.react-flow__node[data-id="${ids.delay}"]`);
    await shot('12b-read-only-v2');
  });

  it('switches to English', async () => {
    await page.goto(`${system.webUrl}/#/journeys`);
    await page.selectOption('[data-testid=language]', 'en');
    expect(await page.textContent('h1')).toBe('Journeys');
    // Counts add up every version: anh Toản entered version 1.
    const row = page.locator('[data-testid=journeys-table] tr', { hasText: 'Giỏ hàng bị bỏ quên' });
    await expect.poll(async () => row.textContent()).toContain(`by ${system.credentials.email}`);
    await expect.poll(async () => (await row.locator('td.num').first().textContent())?.trim()).toBe('1');
    await page.locator('.toast button').click().catch(() => undefined);
    await shot('17-journeys-list-en');
  });
});
