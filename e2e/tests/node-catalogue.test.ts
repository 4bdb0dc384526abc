// Custom node packages reach the canvas from the server's catalogue: with
// BRAID_NODE_PACKAGES=@braid/node-notify-chat,@acme/braid-loyalty, the Vietnamese palette lists
// "Báo vào nhóm chat" with its icon, its form opens in Vietnamese and validates inline, and a
// journey using it publishes from the canvas. The second package is made outside the repository
// (packed SDK, `braid-node-create`, `npm pack`) and installed from its tarball: it is configured
// through its form, published from the canvas and runs for a real event. Real system (Temporal
// dev server, API, worker, built web app, Chromium).
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../src/browser';
import { connect, dragFromPalette, fill, waitSaved } from '../src/canvas-driver';
import { adminGet, eventually, sendEvent } from '../src/ingest';
import { installOutsideNodePackage, type OutsideNodePackage } from '../src/outside-node-package';
import { startSystem } from '../src/system';
import type { BraidSystem } from '../src/system';

const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));
const previous = process.env.BRAID_NODE_PACKAGES;

let system: BraidSystem;
let browser: Browser;
let page: Page;
let journeyId = '';
let loyaltyJourneyId = '';
let outside: OutsideNodePackage | undefined;
const ids: Record<string, string> = {};

async function shot(name: string, clip?: string): Promise<void> {
  if (clip) await page.locator(clip).screenshot({ path: `${ARTIFACTS}${name}.png` });
  else await page.screenshot({ path: `${ARTIFACTS}${name}.png` });
}

describe('a custom node type on the canvas', () => {
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    // The API and the worker both load it, as `BRAID_NODE_PACKAGES=... npm start` would.
    outside = await installOutsideNodePackage('@acme/braid-loyalty', 'add-loyalty-points');
    process.env.BRAID_NODE_PACKAGES = `@braid/node-notify-chat,${outside.name}`;
    system = await startSystem();
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    page = await context.newPage();
    page.on('pageerror', (e) => console.error('[browser]', e.message));
  });

  afterAll(async () => {
    if (previous === undefined) delete process.env.BRAID_NODE_PACKAGES;
    else process.env.BRAID_NODE_PACKAGES = previous;
    await browser?.close();
    await system?.stop();
    outside?.remove();
  });

  it('lists it in the Vietnamese palette with its icon', async () => {
    await page.goto(system.webUrl);
    await page.fill('input[name=email]', system.credentials.email);
    await page.fill('input[name=password]', system.credentials.password);
    await page.click('button[type=submit]');
    await page.click('[data-testid=new-journey]');
    await page.fill('[data-testid=journey-name]', 'Báo Slack khi bỏ giỏ hàng');
    await page.click('[data-testid=create-journey]');
    await page.waitForSelector('[data-testid=canvas]');
    journeyId = decodeURIComponent(page.url().split('#/journeys/')[1] ?? '');

    const item = page.locator('[data-testid="palette-notify-chat"]');
    await expect(item.textContent()).resolves.toBe('Báo vào nhóm chat');
    await item.locator('svg[data-icon="message-square"]').waitFor();
    // Built-ins come from the same catalogue, in Vietnamese, each with its icon.
    await expect(page.locator('[data-testid="palette-send-message"]').textContent()).resolves.toBe('Gửi tin nhắn');
    await page.locator('[data-testid="palette-wait-delay"] svg').waitFor();
    await shot('catalogue-01-palette-vi', '.palette');
  });

  it('opens its form in Vietnamese and validates it inline', async () => {
    ids.trigger = await dragFromPalette(page, 'trigger-event', { x: 320, y: 60 });
    await fill(page, 'event', 'Cart Abandoned');
    ids.chat = await dragFromPalette(page, 'notify-chat', { x: 320, y: 240 });
    const panel = page.locator('[data-testid="node-panel"]');
    await expect(panel.locator('h3').textContent()).resolves.toContain('Báo vào nhóm chat');
    await expect(panel.locator('label[for="webhookUrl"]').textContent()).resolves.toBe('Địa chỉ incoming webhook');
    await expect(panel.locator('[data-testid="field-service"] option[value="slack"]').textContent()).resolves.toBe('Slack');
    // The package's own schema message, in Vietnamese, next to the field.
    await fill(page, 'webhookUrl', 'hooks.slack.com/services/T0/B0/x');
    await expect(page.locator('[data-testid="error-webhookUrl"]').first().textContent()).resolves.toBe('Dán địa chỉ incoming webhook, bắt đầu bằng https://');
    await shot('catalogue-02-form-invalid-vi', '[data-testid="node-panel"]');
    await fill(page, 'webhookUrl', 'https://hooks.slack.com/services/T0/B0/x');
    await fill(page, 'message', '{{ customer.firstName }} vừa bỏ quên giỏ hàng');
    await page.waitForSelector('[data-testid="error-webhookUrl"]', { state: 'detached' });
    // The card's summary is the package's own, in Vietnamese.
    await expect(page.locator(`.react-flow__node[data-id="${ids.chat}"] .jnode-summary`).textContent()).resolves.toBe('Báo vào Slack: {{ customer.firstName }} vừa bỏ quên giỏ…');
    await shot('catalogue-03-form-vi', '[data-testid="node-panel"]');
  });

  it('publishes a journey using it from the canvas', async () => {
    ids.exit = await dragFromPalette(page, 'exit', { x: 320, y: 420 });
    await connect(page, ids.trigger!, 'out', ids.chat!);
    await connect(page, ids.chat!, 'out', ids.exit!);
    await waitSaved(page);
    await page.click('[data-testid=tab-problems]');
    await page.waitForSelector('[data-testid=no-problems]');
    await shot('catalogue-04-canvas-vi');
    await page.click('[data-testid=publish]');
    await page.fill('[data-testid=publish-note]', 'Báo đội bán hàng qua Slack');
    await page.click('[data-testid=publish-confirm]');
    await page.waitForSelector('[data-testid=publish-dialog]', { state: 'detached' });
    const version = await adminGet<{ ir: { steps: Record<string, { kind?: string }> } }>(system.apiUrl, system.credentials.adminToken, `/api/journeys/${encodeURIComponent(journeyId)}/versions/1`);
    expect(version.ir.steps[ids.chat!]).toMatchObject({ kind: 'notify-chat' });
  });

  it('lists the package installed from outside the repository in the palette, with its icon', async () => {
    await page.goto(system.webUrl);
    await page.click('[data-testid=new-journey]');
    await page.fill('[data-testid=journey-name]', 'Gắn hạng thành viên');
    await page.click('[data-testid=create-journey]');
    await page.waitForSelector('[data-testid=canvas]');
    loyaltyJourneyId = decodeURIComponent(page.url().split('#/journeys/')[1] ?? '');
    const item = page.locator('[data-testid="palette-add-loyalty-points"]');
    await expect(item.textContent()).resolves.toBe('Gắn nhãn cho khách');
    await item.locator('svg[data-icon="tag"]').waitFor();
    await shot('catalogue-05-outside-package-palette-vi', '.palette');
  });

  it('configures it through its form, validated inline in Vietnamese', async () => {
    ids.joined = await dragFromPalette(page, 'trigger-event', { x: 320, y: 60 });
    await fill(page, 'event', 'Loyalty Joined');
    ids.tag = await dragFromPalette(page, 'add-loyalty-points', { x: 320, y: 240 });
    const panel = page.locator('[data-testid="node-panel"]');
    await expect(panel.locator('h3').textContent()).resolves.toContain('Gắn nhãn cho khách');
    await expect(panel.locator('label[for="trait"]').textContent()).resolves.toBe('Thuộc tính');
    await fill(page, 'trait', '1 hạng');
    await expect(page.locator('[data-testid="error-trait"]').first().textContent()).resolves.toBe('Tên thuộc tính: chữ, số và dấu _, bắt đầu bằng chữ');
    await shot('catalogue-06-outside-package-invalid-vi', '[data-testid="node-panel"]');
    await fill(page, 'trait', 'loyaltyTier');
    await fill(page, 'value', '{{ entry.properties.tier }}');
    await page.waitForSelector('[data-testid="error-trait"]', { state: 'detached' });
    await expect(page.locator(`.react-flow__node[data-id="${ids.tag}"] .jnode-summary`).textContent()).resolves.toBe('Gắn loyaltyTier = {{ entry.properties.tier }}');
  });

  it('publishes it from the canvas, and it runs for a real event', async () => {
    ids.done = await dragFromPalette(page, 'exit', { x: 320, y: 420 });
    await connect(page, ids.joined!, 'out', ids.tag!);
    await connect(page, ids.tag!, 'out', ids.done!);
    await waitSaved(page);
    await page.click('[data-testid=tab-problems]');
    await page.waitForSelector('[data-testid=no-problems]');
    await page.click('[data-testid=publish]');
    await page.fill('[data-testid=publish-note]', 'Hạng thành viên từ gói cài ngoài');
    await page.click('[data-testid=publish-confirm]');
    await page.waitForSelector('[data-testid=publish-dialog]', { state: 'detached' });
    await shot('catalogue-07-outside-package-published-vi');
    const version = await adminGet<{ ir: { steps: Record<string, { kind?: string }> } }>(system.apiUrl, system.credentials.adminToken, `/api/journeys/${encodeURIComponent(loyaltyJourneyId)}/versions/1`);
    expect(version.ir.steps[ids.tag!]).toMatchObject({ kind: 'add-loyalty-points' });

    const userId = 'kh-lan-loyalty';
    await sendEvent(system.apiUrl, system.credentials.writeKey, 'identify', { userId, traits: { firstName: 'Lan' } });
    await sendEvent(system.apiUrl, system.credentials.writeKey, 'track', { userId, event: 'Loyalty Joined', properties: { tier: 'Vàng' } });
    const identity = await system.db.client.execute({ sql: "SELECT customer_id FROM customer_identities WHERE type = 'user_id' AND value = ?", args: [userId] });
    const customer = String(identity.rows[0]!.customer_id);
    const traits = await eventually('the package to set the trait', async () => {
      const profile = await adminGet<{ traits: Record<string, unknown> }>(system.apiUrl, system.credentials.adminToken, `/api/customers/${customer}`);
      return profile.traits.loyaltyTier === undefined ? undefined : profile.traits;
    });
    expect(traits).toMatchObject({ firstName: 'Lan', loyaltyTier: 'Vàng' });
  });
});
