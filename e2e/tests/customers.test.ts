// A marketer of Hoa Ban Food, in the Vietnamese UI, finds Toản by his phone typed the way the
// hotline writes it (0909 908 089), opens his profile, reads his timeline across channels (web
// events, an SMS with its click, a journey step), the journey he is in and why, and edits a
// trait. Chromium against the API serving the built web app on a real libSQL file; journey
// state is seeded in the tables the runtime writes (no Temporal needed to read a profile).
import { enrollments, journeys, journeyVersions, messages, newId, stepLog } from '@braid/db';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openVietnameseTab, signIn } from '../src/browser';
import { ARTIFACTS, openWorkspace, type Workspace } from '../src/workspace';

let hoaBan: Workspace;
let browser: Browser;
let page: Page;
let toan = '';

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: `${ARTIFACTS}${name}.png`, fullPage: true });
}

async function seed(): Promise<void> {
  const web = { library: { name: 'analytics.js', version: '4.1.0' } };
  const { db, send } = hoaBan;
  await send('identify', { userId: 'kh-toan', traits: { name: 'Nguyễn Văn Toản', phone: '+84909908089', email: 'toan@example.vn', city: 'Hà Nội' }, context: web, timestamp: '2026-03-01T02:00:00Z' });
  await send('track', { userId: 'kh-toan', event: 'Product Viewed', properties: { product: 'Mắc Khén Tây Bắc', price: 180000 }, context: web, timestamp: '2026-03-01T02:05:00Z' });
  await send('track', { userId: 'kh-toan', event: 'Checkout Started', properties: { value: 360000 }, context: web, timestamp: '2026-03-01T02:09:00Z' });
  await send('track', { userId: 'kh-toan', event: 'Order Completed', properties: { order_id: 'POS-7731', revenue: 360000, currency: 'VND' }, context: { channel: 'pos' }, timestamp: '2026-03-02T09:30:00Z' });
  // Someone with a similar name, so the phone search has to be precise.
  await send('identify', { userId: 'kh-toan-2', traits: { name: 'Trần Thị Toán', phone: '0912 345 678' } });

  toan = String((await db.client.execute("SELECT customer_id FROM customer_identities WHERE type = 'user_id' AND value = 'kh-toan'")).rows[0]!.customer_id);
  const [row] = (await db.client.execute({ sql: 'SELECT workspace_id FROM customers WHERE id = ?', args: [toan] })).rows;
  const workspaceId = String(row!.workspace_id);
  const at = Date.parse('2026-03-01T03:09:00Z');
  const journeyId = newId(at);
  const enrollmentId = newId(at + 1);
  await db.db.insert(journeys).values({ id: journeyId, workspaceId, name: 'Giỏ hàng bị bỏ quên', status: 'active', draftGraph: { nodes: [], edges: [] }, activeVersion: 1, createdAt: at, updatedAt: at });
  // The version he walks names its steps as the marketer did; the timeline reads them from it.
  const graph = {
    nodes: [
      { id: 'sms-nhac-gio', type: 'send-message', typeVersion: 1, config: {}, position: { x: 0, y: 0 }, label: 'Nhắc giỏ hàng qua SMS' },
      { id: 'wait-order', type: 'wait-for-event', typeVersion: 1, config: {}, position: { x: 0, y: 100 } },
    ],
    edges: [],
  };
  await db.db.insert(journeyVersions).values({ id: newId(at + 5), journeyId, workspaceId, version: 1, ir: {}, graph, createdAt: at });
  const entry = (await db.client.execute({ sql: "SELECT id FROM events WHERE customer_id = ? AND name = 'Checkout Started'", args: [toan] })).rows[0]!.id as string;
  await db.db.insert(enrollments).values({ id: enrollmentId, workspaceId, journeyId, version: 1, customerId: toan, workflowId: `journey:${journeyId}:customer:${toan}`, status: 'active', currentNode: 'wait-order', enteredAt: at, entryEventId: entry });
  await db.db.insert(stepLog).values([
    { id: newId(at + 2), workspaceId, enrollmentId, journeyId, version: 1, customerId: toan, nodeId: 'sms-nhac-gio', outcome: 'entered', reason: 'Chưa đặt hàng sau 1 giờ', at: at + 2 },
    { id: newId(at + 4), workspaceId, enrollmentId, journeyId, version: 1, customerId: toan, nodeId: 'wait-order', outcome: 'entered', reason: null, at: at + 4 },
  ]);
  await db.db.insert(messages).values({
    id: newId(at + 3),
    workspaceId,
    customerId: toan,
    journeyId,
    version: 1,
    enrollmentId,
    nodeId: 'sms-nhac-gio',
    channel: 'sms',
    idempotencyKey: `e2e-${enrollmentId}`,
    recipient: '+84909908089',
    body: 'Hoa Ban Food: Mac Khen cua ban van trong gio. Dat ngay: hoaban.vn/gio',
    status: 'clicked',
    createdAt: at + 3,
    updatedAt: at + 3,
  });
}

describe('a marketer finds a customer and reads their profile', () => {
  beforeAll(async () => {
    // Journeys are read, never run here.
    hoaBan = await openWorkspace('customers');
    await seed();

    browser = await launchBrowser();
    page = (await openVietnameseTab(browser)).page;
    await signIn(page, hoaBan.url, hoaBan.owner.email, hoaBan.owner.password, '[data-testid=nav-customers]');
  });

  afterAll(async () => {
    await browser?.close();
    await hoaBan?.close();
  });

  it('finds Toản by his phone typed as 0909 908 089', async () => {
    expect(await page.textContent('[data-testid=nav-customers]')).toBe('Khách hàng');
    await page.click('[data-testid=nav-customers]');
    await page.waitForSelector('[data-testid=customer-search]');
    await page.fill('[data-testid=customer-search]', '0909 908 089');
    await page.waitForFunction(() => {
      const rows = document.querySelectorAll('[data-testid=customer-row]');
      return rows.length === 1 && rows[0]!.textContent!.includes('Nguyễn Văn Toản');
    });
    await shot('customers-01-search-by-phone');
  });

  it('opens his profile: identities and where they came from, journey and why, purchases', async () => {
    await page.click('[data-testid=customer-row] a');
    await page.waitForSelector('[data-testid=customer-profile]');
    expect(await page.textContent('[data-testid=customer-name]')).toBe('Nguyễn Văn Toản');
    const identities = await page.textContent('[data-testid=customer-identities]');
    expect(identities).toContain('+84909908089');
    expect(identities).toContain('analytics.js');
    const journey = await page.textContent('[data-testid=customer-journey]');
    expect(journey).toContain('Giỏ hàng bị bỏ quên');
    expect(journey).toContain('Đang chạy');
    expect(journey).toContain('do sự kiện Checkout Started');
    expect(await page.getAttribute('[data-testid=customer-journey] a', 'href')).toMatch(/^#\/journeys\//);
    const purchases = await page.textContent('[data-testid=customer-purchases]');
    expect(purchases).toContain('POS-7731');
    expect(purchases?.replace(/\s/g, ' ')).toMatch(/360\.000 ₫/);
  });

  it('reads his timeline across channels: web events, the SMS he clicked, the journey step', async () => {
    await page.waitForSelector('[data-testid=timeline-message]');
    const message = await page.textContent('[data-testid=timeline-message]');
    expect(message).toContain('SMS');
    expect(message).toContain('đã bấm');
    expect(message).toContain('Giỏ hàng bị bỏ quên');
    const steps = await page.locator('[data-testid=timeline-step]').allTextContents();
    // Steps by the marketer's name (or, unnamed, by their type's name), outcomes in Vietnamese.
    expect(steps.join(' ')).toContain('Nhắc giỏ hàng qua SMS');
    expect(steps.join(' ')).toContain('Chờ sự kiện');
    expect(steps.join(' ')).toContain('vào bước');
    expect(steps.join(' ')).not.toContain('sms-nhac-gio');
    const events = await page.locator('[data-testid=timeline-event]').allTextContents();
    expect(events.join(' ')).toContain('Product Viewed');
    expect(events.join(' ')).toContain('Order Completed');
    await shot('customers-02-profile');
  });

  it('edits a trait; the change is saved and recorded with who made it', async () => {
    await page.click('[data-testid=traits-edit]');
    await page.fill('[data-testid=trait-input-city]', 'Sơn La');
    await page.fill('[data-testid=trait-new-key]', 'khach_vip');
    await page.fill('[data-testid=trait-new-value]', 'có');
    await shot('customers-03-editing-traits');
    await page.click('[data-testid=traits-save]');
    await page.waitForFunction(() => document.querySelector('[data-testid=trait-city]')?.textContent === 'Sơn La');
    expect(await page.textContent('[data-testid=trait-khach_vip]')).toBe('có');
    const changes = await page.textContent('[data-testid=customer-changes]');
    expect(changes).toContain('Sửa thuộc tính');
    expect(changes).toContain(hoaBan.owner.email);
    const stored = await hoaBan.admin<{ customer: { traits: Record<string, unknown> } }>('GET', `/api/customers/${toan}/profile`);
    expect(stored.customer.traits).toMatchObject({ city: 'Sơn La', khach_vip: 'có', name: 'Nguyễn Văn Toản' });
    await shot('customers-04-trait-saved');
  });
});
