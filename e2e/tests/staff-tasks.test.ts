// SCENARIO §2: Toán never goes online; he phones the shop about wild honey. The hotline journey
// asks the staff to call him back. In Chromium against the whole system (Temporal dev server,
// API serving the web app, worker): the hotline staff member, in the Vietnamese UI, opens the
// task inbox, claims Toán's call task, reports "booked", and the journey continues down the
// booked branch. Then the shop's set-up screen: a Shopify source, its webhook URL and secret,
// and a signed order delivery listed as accepted.
import { createHmac, randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { enrollments, eq, and } from '@braid/db';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { days, journeyGraph } from '../../packages/journey/fixtures/builder';
import { launchBrowser, signIn } from '../src/browser';
import { adminGet, eventually, sendEvent } from '../src/ingest';
import { startSystem, type BraidSystem } from '../src/system';

const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));
const HOTLINE = { email: 'hotline@hoaban.vn', password: 'goi-lai-cho-khach-2026', name: 'Hằng (hotline)' };

let sys: BraidSystem;
let browser: Browser;
let page: Page;
let journeyId = '';
let toan = '';

async function admin<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${sys.apiUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${sys.credentials.adminToken}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: `${ARTIFACTS}${name}.png`, fullPage: true });
}

const hotlineJourney = journeyGraph(
  [
    ['hotline', 'trigger-event', { event: 'Hotline Called', where: [], reentry: { mode: 'afterExit' }, entryLimit: null }, 'Khách gọi hotline'],
    ['call', 'create-staff-task', { kind: 'call', title: 'Gọi lại cho {{ customer.firstName }}', note: 'Khách hỏi mật ong rừng Tây Bắc, mời anh đến showroom Hàng Giấy.', assignee: HOTLINE.email, dueIn: { amount: 2, unit: 'hours' }, onFailure: 'continue' }, 'Gọi lại cho khách'],
    ['answer', 'wait-for-event', { event: 'Staff Task Completed', where: [], timeout: days(3) }, 'Chờ kết quả cuộc gọi'],
    ['booked', 'condition-event-count', { event: 'Staff Task Completed', where: [{ path: 'outcome', op: 'equals', value: 'booked' }], op: 'greaterOrEqual', count: 1, within: days(1) }, 'Đã hẹn đến showroom?'],
    ['mark-booked', 'update-profile', { set: { showroomVisit: 'booked' }, unset: [], onFailure: 'continue' }, 'Ghi nhận lịch hẹn'],
    ['mark-declined', 'update-profile', { set: { showroomVisit: 'declined' }, unset: [], onFailure: 'continue' }, 'Ghi nhận từ chối'],
    ['exit-booked', 'exit', { reason: 'Hẹn đến showroom' }],
    ['exit-declined', 'exit', { reason: 'Chưa quan tâm' }],
    ['exit-silent', 'exit', { reason: 'Không có kết quả' }],
    // A purchase anywhere (the showroom's till included) ends the journey.
    ['goal', 'goal', { event: 'Order Completed', where: [], window: days(30), onConvert: 'exit' }, 'Mua hàng'],
  ],
  [
    ['hotline', 'out', 'call'],
    ['call', 'out', 'answer'],
    ['answer', 'happened', 'booked'],
    ['answer', 'timedOut', 'exit-silent'],
    ['booked', 'yes', 'mark-booked'],
    ['booked', 'no', 'mark-declined'],
    ['mark-booked', 'out', 'exit-booked'],
    ['mark-declined', 'out', 'exit-declined'],
  ],
);

describe('the hotline staff completes Toán’s call task', () => {
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    sys = await startSystem({ log: () => undefined });
    journeyId = (await admin<{ id: string }>('POST', '/api/journeys', { name: 'Khách gọi hotline', graph: hotlineJourney })).id;
    await admin('POST', `/api/journeys/${journeyId}/publish`, { note: 'Gọi lại cho khách gọi hotline' });
    // The hotline staff member joins the workspace by invitation.
    const invited = await admin<{ link: string }>('POST', '/api/users/invitations', { email: HOTLINE.email, role: 'marketer' });
    const token = decodeURIComponent(invited.link.split('#/invite/')[1] ?? '');
    const accepted = await fetch(`${sys.apiUrl}/api/auth/invitations/${encodeURIComponent(token)}/accept`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: HOTLINE.name, password: HOTLINE.password }) });
    expect(accepted.status).toBe(201);
    // Toán phones about wild honey; the hotline logs the call.
    await sendEvent(sys.apiUrl, sys.credentials.writeKey, 'identify', { userId: 'kh-toan-mat-ong', traits: { firstName: 'Toán', lastName: 'Trần Văn', phone: '0912 345 678' } });
    await sendEvent(sys.apiUrl, sys.credentials.writeKey, 'track', { userId: 'kh-toan-mat-ong', event: 'Hotline Called', properties: { topic: 'mật ong rừng' }, context: { channel: 'phone' } });
    toan = String((await sys.db.client.execute("SELECT customer_id FROM customer_identities WHERE type = 'user_id' AND value = 'kh-toan-mat-ong'")).rows[0]!.customer_id);
    await eventually('the call task', async () => {
      const r = await adminGet<{ tasks: unknown[] }>(sys.apiUrl, sys.credentials.adminToken, '/api/staff-tasks');
      return r.tasks.length > 0 ? true : undefined;
    });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await sys?.stop();
  });

  it('opens the inbox, claims the call, reports “booked”, and the journey takes the booked branch', async () => {
    await signIn(page, sys.webUrl, HOTLINE.email, HOTLINE.password);
    await page.click('[data-testid=nav-tasks]');
    await page.waitForSelector('[data-testid=task-inbox]');
    await page.click('[data-testid=task-filter-mine]');
    const card = page.locator('[data-testid=task-card]', { hasText: 'Gọi lại cho Toán' });
    await card.waitFor();
    expect(await page.locator('h1').innerText()).toBe('Việc cần làm');
    expect(await card.locator('[data-testid=task-customer]').innerText()).toBe('Toán Trần Văn');
    expect(await card.locator('[data-testid=task-phone]').innerText()).toBe('+84912345678');
    expect(await card.locator('[data-testid=task-why]').innerText()).toBe('Khách gọi hotline › Gọi lại cho khách');
    expect(await card.innerText()).toContain('mật ong rừng Tây Bắc');
    expect(await card.locator('[data-testid=task-due]').innerText()).toMatch(/^Hạn: /);
    await shot('staff-tasks-1-inbox');

    // The journey is waiting for the outcome.
    const enrollment = async () => (await sys.db.db.select().from(enrollments).where(and(eq(enrollments.journeyId, journeyId), eq(enrollments.customerId, toan))))[0];
    expect((await enrollment())?.currentNode).toBe('answer');

    await card.locator('[data-testid=task-claim]').click();
    await card.getByText(`${HOTLINE.name} đã nhận`).waitFor();
    await card.locator('[data-testid=task-note]').fill('Anh Toán hẹn thứ bảy ghé showroom Hàng Giấy');
    await shot('staff-tasks-2-claimed');
    await card.locator('[data-testid=task-outcome-booked]').click();
    await page.getByText('Đã hoàn tất: Đã hẹn. Hành trình của khách tiếp tục.').waitFor();
    await page.locator('[data-testid=tasks-empty]').waitFor();
    await shot('staff-tasks-3-completed');

    // The journey continued on the outcome's branch.
    const done = await eventually('the journey to continue', async () => {
      const e = await enrollment();
      return e && e.status !== 'active' ? e : undefined;
    });
    expect(done.status).toBe('completed');
    const steps = await sys.db.client.execute({ sql: "SELECT node_id FROM step_log WHERE enrollment_id = ? AND outcome = 'entered' ORDER BY at, id", args: [done.id] });
    expect(steps.rows.map((r) => r.node_id)).toEqual(['call', 'answer', 'booked', 'mark-booked', 'exit-booked']);
    const profile = await adminGet<{ traits: Record<string, unknown> }>(sys.apiUrl, sys.credentials.adminToken, `/api/customers/${toan}`);
    expect(profile.traits.showroomVisit).toBe('booked');

    // Done, with who and what, in the "done" list; and the same screen in English.
    await page.click('[data-testid=task-filter-done]');
    const outcome = page.locator('[data-testid=task-outcome]');
    await outcome.waitFor();
    expect(await outcome.innerText()).toContain(`Đã hẹn · ${HOTLINE.name}`);
    await page.selectOption('[data-testid=language]', 'en');
    await page.getByText('Booked · ').waitFor();
    expect(await page.locator('h1').innerText()).toBe('Tasks');
    await shot('staff-tasks-4-done-english');
    await page.selectOption('[data-testid=language]', 'vi');

    // Toán's timeline shows the call's outcome as his event.
    await page.locator('[data-testid=task-customer]').click();
    await page.getByText('Staff Task Completed').first().waitFor();
    await shot('staff-tasks-5-customer-timeline');
  }, 120_000);

  it('warns on a task whose customer bought at the showroom meanwhile (the POS sale ended the journey)', async () => {
    await sendEvent(sys.apiUrl, sys.credentials.writeKey, 'identify', { userId: 'kh-thu', traits: { firstName: 'Thu', lastName: 'Lê', phone: '0987 654 321' } });
    await sendEvent(sys.apiUrl, sys.credentials.writeKey, 'track', { userId: 'kh-thu', event: 'Hotline Called', properties: { topic: 'thịt trâu gác bếp' } });
    const thu = String((await sys.db.client.execute("SELECT customer_id FROM customer_identities WHERE type = 'user_id' AND value = 'kh-thu'")).rows[0]!.customer_id);
    await eventually('Thu’s call task', async () => {
      const r = await adminGet<{ tasks: Array<{ customer: { id: string } }> }>(sys.apiUrl, sys.credentials.adminToken, '/api/staff-tasks');
      return r.tasks.some((t) => t.customer.id === thu) ? true : undefined;
    });
    // She walks into the showroom; the cashier types her phone another way.
    const sale = await fetch(`${sys.apiUrl}/v1/pos/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from(`${sys.credentials.writeKey}:`).toString('base64')}` },
      body: JSON.stringify({ phone: '+84 98 765 4321', store: 'Showroom Hàng Giấy', orderId: 'HG-0042', products: [{ name: 'Thịt trâu gác bếp 1 kg', price: 1_000_000, quantity: 1 }] }),
    });
    expect(sale.status).toBe(200);
    await eventually('Thu’s journey to convert', async () => {
      const [e] = await sys.db.db.select().from(enrollments).where(and(eq(enrollments.journeyId, journeyId), eq(enrollments.customerId, thu)));
      return e?.status === 'converted' ? true : undefined;
    });
    await page.click('[data-testid=nav-tasks]');
    await page.click('[data-testid=task-filter-open]');
    const card = page.locator('[data-testid=task-card]', { hasText: 'Gọi lại cho Thu' });
    await card.waitFor();
    expect(await card.locator('[data-testid=task-journey-ended]').innerText()).toBe('Khách đã rời hành trình này (đã chuyển đổi): kiểm tra lại trước khi gọi.');
    await shot('staff-tasks-6-bought-at-showroom');
  }, 90_000);

  it('sets up a Shopify source on the settings screen and lists a signed delivery as accepted', async () => {
    // The owner, in a browser of their own (the hotline is a marketer: sources are for owners and admins).
    await page.close();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
    await signIn(page, sys.webUrl, sys.credentials.email, sys.credentials.password);
    await page.click('[data-testid=nav-sources]');
    await page.waitForSelector('[data-testid=sources-screen]');
    await page.selectOption('[data-testid=source-platform]', 'shopify');
    await page.fill('[data-testid=source-name]', 'Website Hoa Ban Food');
    await page.click('[data-testid=source-create]');
    const card = page.locator('[data-testid=source-card]');
    await card.waitFor();
    const url = await card.locator('[data-testid=source-webhook-url]').innerText();
    const secret = await card.locator('[data-testid=source-secret]').innerText();
    expect(url).toMatch(new RegExp(`^${sys.webUrl}/v1/commerce/src_`));
    await shot('commerce-1-source-created');

    // Shopify delivers an order, signed as its docs describe.
    const body = JSON.stringify({ id: 1057, email: null, phone: '0912345678', currency: 'VND', total_price: '1350000', created_at: new Date().toISOString(), line_items: [{ product_id: 8001, title: 'Mật ong rừng Tây Bắc', quantity: 1, price: '1350000' }] });
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'X-Shopify-Topic': 'orders/create',
        'X-Shopify-Hmac-Sha256': createHmac('sha256', secret).update(body).digest('base64'),
        'X-Shopify-Webhook-Id': randomUUID(),
        'X-Shopify-Triggered-At': new Date().toISOString(),
        'X-Shopify-Shop-Domain': 'hoaban.myshopify.com',
      },
      body,
    });
    expect(res.status).toBe(200);
    await page.reload();
    await card.locator('[data-testid=source-deliveries]').waitFor();
    expect(await card.locator('[data-testid=source-deliveries]').innerText()).toMatch(/orders\/create\s+1057\s+đã nhận/);
    // The secret is hidden after the first showing; an owner shows it on demand.
    expect(await card.locator('[data-testid=source-secret-hint]').innerText()).toBe(`•••• ${secret.slice(-4)}`);
    await card.locator('[data-testid=source-reveal]').click();
    expect(await card.locator('[data-testid=source-secret]').innerText()).toBe(secret);
    await shot('commerce-2-delivery-accepted');
  }, 60_000);
});
