// A migration plan through approval, in Chromium against the whole system (Temporal dev server,
// API serving the web app, worker): customers wait in v1; under "publishing needs approval" a
// marketer requests publishing v2 with a plan moving them; the owner sees the plan in the
// request and approves; the audit log shows the request, the approval and the migration; the
// customers are moved onto v2 (their trace says so) and an order sends them v2's message.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { days, journeyGraph } from '../../packages/journey/fixtures/builder';
import { launchBrowser, signIn } from '../src/browser';
import { eventually } from '../src/ingest';
import { startSystem, type BraidSystem } from '../src/system';

const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));
const CUSTOMERS = 12;
const MARKETER = { email: 'lan@hoaban.vn', password: 'mật khẩu của Lan' };

let sys: BraidSystem;
let browser: Browser;
let owner: Page;
let marketer: Page;
let journeyId = '';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
async function admin<T = Json>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${sys.apiUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${sys.credentials.adminToken}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

async function newPage(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error('[browser]', e.message));
  return { context, page };
}

/** v1 and v2 differ in the message after the order; the wait keeps its id, so the move is suggested. */
const cart = (message: string) =>
  journeyGraph(
    [
      ['start', 'trigger-event', { event: 'Cart Viewed', where: [], reentry: { mode: 'afterExit' }, entryLimit: null }, 'Xem giỏ hàng'],
      ['order', 'wait-for-event', { event: 'Order Completed', where: [], timeout: days(30) }, 'Chờ đơn hàng'],
      ['thanks', 'send-message', { channel: 'web', body: message }, 'Lời cảm ơn'],
      ['done', 'exit', { reason: 'xong' }],
    ],
    [
      ['start', 'out', 'order'],
      ['order', 'happened', 'thanks'],
      ['order', 'timedOut', 'done'],
      ['thanks', 'out', 'done'],
    ],
  );

async function ingest(batch: Record<string, unknown>[]): Promise<void> {
  const auth = `Basic ${Buffer.from(`${sys.credentials.writeKey}:`).toString('base64')}`;
  const res = await fetch(`${sys.apiUrl}/v1/batch`, { method: 'POST', headers: { authorization: auth, 'content-type': 'application/json' }, body: JSON.stringify({ batch }) });
  expect(res.status).toBe(200);
}

describe('a migration plan requested by a marketer and approved by the owner', () => {
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    sys = await startSystem({ log: () => undefined });
    journeyId = (await admin('POST', '/api/journeys', { name: 'Giỏ hàng bỏ quên', graph: cart('Cảm ơn bạn (v1)') })).id;
    await admin('POST', `/api/journeys/${journeyId}/publish`, { note: 'v1' });
    await ingest(Array.from({ length: CUSTOMERS }, (_, i) => ({ type: 'identify', userId: `khach-${i}`, traits: { name: `Khách số ${i}` } })));
    await ingest(Array.from({ length: CUSTOMERS }, (_, i) => ({ type: 'track', userId: `khach-${i}`, event: 'Cart Viewed', messageId: `view-${i}` })));
    await eventually('every customer waiting for an order in v1', async () => {
      const inside = await admin('GET', `/api/journeys/${journeyId}/in-flight`);
      return inside.versions[0]?.waiting.find((w: Json) => w.nodeId === 'order')?.customers === CUSTOMERS || undefined;
    });
    // The draft becomes v2: a new message after the order.
    const j = await admin('GET', `/api/journeys/${journeyId}`);
    await admin('PUT', `/api/journeys/${journeyId}/draft`, { revision: j.draftRevision, graph: cart('Cảm ơn bạn (v2)') });
    // Publishing needs approval; a marketer joins the team.
    await admin('PATCH', '/api/workspaces/current', { publishNeedsApproval: true });
    const invited = await admin('POST', '/api/users/invitations', { email: MARKETER.email, role: 'marketer' });
    const token = /#\/invite\/(.+)$/.exec(invited.link as string)![1]!;
    const accepted = await fetch(`${sys.apiUrl}/api/auth/invitations/${encodeURIComponent(token)}/accept`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Lan', password: MARKETER.password }),
    });
    expect(accepted.status).toBe(201);

    browser = await launchBrowser();
    owner = (await newPage()).page;
    marketer = (await newPage()).page;
    await signIn(owner, sys.webUrl, sys.credentials.email, sys.credentials.password);
    await signIn(marketer, sys.webUrl, MARKETER.email, MARKETER.password);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await sys?.stop();
  });

  it('the marketer chooses to move v1’s customers (the mapping suggested, counts per step) and requests publishing', async () => {
    await marketer.goto(`${sys.webUrl}/#/journeys/${journeyId}`);
    await marketer.waitForSelector('.react-flow__node[data-id="order"]');
    await marketer.click('[data-testid=publish]');
    await marketer.waitForSelector('[data-testid=migration-plan]');
    await marketer.click('[data-testid=migration-v1-move]');
    const mapping = marketer.locator('[data-testid=migration-v1-step-order]');
    expect(await mapping.inputValue()).toBe('order');
    const text = await marketer.textContent('[data-testid=migration-v1]');
    expect(text).toContain('Chờ đơn hàng');
    expect(text).toContain(String(CUSTOMERS));
    expect(await marketer.textContent('[data-testid=migration-summary]')).toContain(`${CUSTOMERS} khách chuyển sang v2`);
    await marketer.fill('[data-testid=publish-note]', 'Lời cảm ơn mới, chuyển cả khách đang chờ');
    await marketer.screenshot({ path: `${ARTIFACTS}migration-01-marketer-plan.png`, fullPage: true });
    expect(await marketer.textContent('[data-testid=publish-confirm]')).toBe('Gửi yêu cầu xuất bản');
    await marketer.click('[data-testid=publish-confirm]');
    await marketer.waitForSelector('[data-testid=publish-dialog]', { state: 'detached' });
    const [request] = (await admin('GET', '/api/publish-requests')).requests as Json[];
    expect(request!.migrationPlan).toEqual({ versions: [{ version: 1, action: 'move', steps: { order: 'order' } }] });
    expect((await admin('GET', `/api/journeys/${journeyId}`)).activeVersion).toBe(1);
  });

  it('the owner sees the plan in the request and approves: v2 goes live and the waiting customers move onto it', async () => {
    await owner.goto(`${sys.webUrl}/#/journeys/${journeyId}`);
    await owner.waitForSelector('[data-testid=awaiting-approval]');
    await owner.click('[data-testid=publish]');
    await owner.waitForSelector('[data-testid=pending-request]');
    expect(await owner.textContent('[data-testid=pending-migration]')).toContain('v1 → v2: 1 bước');
    await owner.fill('[data-testid=approval-comment]', 'Đồng ý chuyển khách');
    await owner.screenshot({ path: `${ARTIFACTS}migration-02-owner-approve.png`, fullPage: true });
    await owner.click('[data-testid=approve]');
    await owner.waitForSelector('[data-testid=publish-dialog]', { state: 'detached' });
    expect((await admin('GET', `/api/journeys/${journeyId}`)).activeVersion).toBe(2);

    const migration = await eventually('every waiting customer moved', async () => {
      const [m] = (await admin('GET', `/api/journeys/${journeyId}/migrations`)).migrations as Json[];
      return m && m.status === 'completed' && m.moved === CUSTOMERS ? m : undefined;
    });
    expect(migration.toVersion).toBe(2);
    const inside = await admin('GET', `/api/journeys/${journeyId}/in-flight`);
    expect(inside.versions).toEqual([{ version: 2, customers: CUSTOMERS, waiting: [{ nodeId: 'order', customers: CUSTOMERS }] }]);
  });

  it("the journey's audit log shows the request, the approval and the migration", async () => {
    await owner.click('[data-testid=journey-audit]');
    await owner.waitForSelector('[data-testid=audit-table]');
    const actions = await owner.locator('[data-testid=audit-row]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action')));
    // The migration is recorded with the version it moves customers to, inside the approved publish.
    expect(actions.slice(0, 4)).toEqual(['journey.published', 'publish.approved', 'journey.migrated', 'publish.requested']);
    const rows = await owner.locator('[data-testid=audit-row]').allTextContents();
    expect(rows[1]).toContain('Duyệt xuất bản');
    expect(rows[2]).toContain('Chuyển khách sang phiên bản mới');
    expect(rows[2]).toContain('v1 → v2: 1 bước');
    expect(rows[3]).toContain('Lan <lan@hoaban.vn>');
    await owner.screenshot({ path: `${ARTIFACTS}migration-03-audit-log.png`, fullPage: true });
  });

  it('a moved customer continues on v2: their order sends v2’s message, and their trace shows the move', async () => {
    await ingest([{ type: 'track', userId: 'khach-0', event: 'Order Completed', messageId: 'order-0' }]);
    const [customer] = (await sys.db.client.execute("SELECT customer_id FROM customer_identities WHERE type = 'user_id' AND value = 'khach-0'")).rows;
    const customerId = String(customer!.customer_id);
    const sent = await eventually('the v2 message', async () => {
      const rows = (await sys.db.client.execute({ sql: 'SELECT version, body FROM messages WHERE customer_id = ?', args: [customerId] })).rows;
      return rows.length > 0 ? rows : undefined;
    });
    expect(sent.map((r) => [Number(r.version), String(r.body)])).toEqual([[2, 'Cảm ơn bạn (v2)']]);
    // The trace in the editor: moved from v1's wait, entered v2's, then v2's message — in Vietnamese.
    await owner.goto(`${sys.webUrl}/#/journeys/${journeyId}`);
    await owner.waitForSelector('.react-flow__node[data-id="order"]');
    await owner.click('[data-testid="tab-stats"]');
    await owner.waitForSelector('[data-testid=stats-panel]');
    await owner.fill('[data-testid=trace-search]', 'Khách số 0');
    await owner.locator('[data-testid=trace-candidates] button', { hasText: /^Khách số 0$/ }).click();
    await owner.waitForSelector('[data-testid=trace] li');
    await owner.waitForFunction(() => /chuyển sang phiên bản 2/.test(document.querySelector('[data-testid=trace]')?.textContent ?? ''), undefined, { timeout: 30_000 });
    const trace = (await owner.textContent('[data-testid=trace]')) ?? '';
    expect(trace).toContain('đã chuyển');
    expect(trace).toContain('chuyển đến từ phiên bản 1');
    await owner.screenshot({ path: `${ARTIFACTS}migration-04-trace.png`, fullPage: true });
  });
});
