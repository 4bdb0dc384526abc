// A Tết campaign from the editor, in Chromium against the whole system (Temporal dev server,
// API serving the web app, worker): a marketer in the Vietnamese UI sends a running journey to a
// segment of 120 customers, watches the progress reach "Xong", and every customer got the message.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { segmentMembers } from '@braid/db';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journeyGraph } from '../../packages/journey/fixtures/builder';
import { launchBrowser, signIn } from '../src/browser';
import { adminGet, eventually } from '../src/ingest';
import { startSystem, type BraidSystem } from '../src/system';

const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));
const CUSTOMERS = 120;

let sys: BraidSystem;
let browser: Browser;
let page: Page;
let journeyId = '';
let segmentId = '';

async function admin<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${sys.apiUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${sys.credentials.adminToken}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

describe('a broadcast from the editor', () => {
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    // Members are written below by hand; segment upkeep would re-evaluate them away.
    sys = await startSystem({ log: () => undefined, backgroundUpkeep: false });
    const auth = `Basic ${Buffer.from(`${sys.credentials.writeKey}:`).toString('base64')}`;
    for (let start = 0; start < CUSTOMERS; start += 60) {
      const batch = Array.from({ length: 60 }, (_, k) => ({ type: 'identify', userId: `tet-${start + k}`, traits: { firstName: `Khách ${start + k}` } }));
      const res = await fetch(`${sys.apiUrl}/v1/batch`, { method: 'POST', headers: { authorization: auth, 'content-type': 'application/json' }, body: JSON.stringify({ batch }) });
      expect(res.status).toBe(200);
    }
    segmentId = (
      await admin<{ id: string }>('POST', '/api/segments', {
        name: 'Khách thân thiết',
        rule: { match: 'all', conditions: [{ kind: 'eventCount', event: 'Order Completed', where: [], op: 'greaterOrEqual', count: 1, windowMs: 365 * 86_400_000 }] },
      })
    ).id;
    // The members as segment upkeep records them (this test is about sending to them).
    const ids = await sys.db.client.execute("SELECT customer_id FROM customer_identities WHERE type = 'user_id' AND value LIKE 'tet-%'");
    await sys.db.db.insert(segmentMembers).values(ids.rows.map((r) => ({ segmentId, customerId: String(r.customer_id), enteredAt: Date.now() })));
    const graph = journeyGraph(
      [
        ['start', 'trigger-manual', { reentry: { mode: 'afterExit' }, entryLimit: null }],
        ['wish', 'send-message', { channel: 'web', body: 'Chúc mừng năm mới {{ customer.firstName }}! Giảm 20% dịp Tết.' }],
        ['done', 'exit', { reason: 'Tết' }],
      ],
      [
        ['start', 'out', 'wish'],
        ['wish', 'out', 'done'],
      ],
    );
    journeyId = (await admin<{ id: string }>('POST', '/api/journeys', { name: 'Chúc Tết 2027', graph })).id;
    await admin('POST', `/api/journeys/${journeyId}/publish`, { note: 'Tết' });

    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    page = await context.newPage();
    page.on('pageerror', (e) => console.error('[browser]', e.message));
    await signIn(page, sys.webUrl, sys.credentials.email, sys.credentials.password);
  });

  afterAll(async () => {
    await browser?.close();
    await sys?.stop();
  });

  it('sends the journey to the segment with progress, and every member gets the message once', async () => {
    await page.goto(`${sys.webUrl}/#/journeys/${journeyId}`);
    await page.waitForSelector('[data-testid=canvas]');
    expect(await page.textContent('[data-testid=broadcast]')).toBe('Gửi tới phân khúc');
    await page.click('[data-testid=broadcast]');
    await page.waitForSelector('[data-testid=broadcast-dialog]');
    await page.waitForSelector(`[data-testid=broadcast-segment] option[value="${segmentId}"]`, { state: 'attached' });
    await page.selectOption('[data-testid=broadcast-segment]', segmentId);
    await page.fill('[data-testid=broadcast-rate]', '200');
    expect(await page.textContent('[data-testid=broadcast-reach]')).toBe(`${CUSTOMERS} khách sẽ vào hành trình.`);
    expect(await page.textContent('[data-testid=broadcast-start]')).toBe(`Gửi tới ${CUSTOMERS} khách`);
    await page.screenshot({ path: `${ARTIFACTS}broadcast-01-dialog.png` });
    await page.click('[data-testid=broadcast-start]');
    await page.waitForSelector('[data-testid=broadcast-progress]');
    await page.waitForFunction(() => document.querySelector('[data-testid=broadcast-status]')?.textContent === 'Xong', undefined, { timeout: 60_000 });
    expect(await page.textContent('[data-testid=broadcast-progress]')).toContain(`Đã vào ${CUSTOMERS} / ${CUSTOMERS}`);
    await page.screenshot({ path: `${ARTIFACTS}broadcast-02-done.png` });

    const sent = await eventually('one message per member', async () => {
      const { messages } = await adminGet<{ messages: { customerId: string }[] }>(sys.apiUrl, sys.credentials.adminToken, `/api/outbox?journeyId=${journeyId}&limit=500`);
      return messages.length === CUSTOMERS ? messages : undefined;
    });
    expect(new Set(sent.map((m) => m.customerId)).size).toBe(CUSTOMERS);
  });

  it('publishing a segment-triggered journey asks whether to take in the customers already in the segment, and does', async () => {
    const graph = journeyGraph(
      [
        ['joined', 'trigger-segment', { segmentId, reentry: { mode: 'once' }, entryLimit: null }],
        ['thanks', 'send-message', { channel: 'web', body: 'Cảm ơn {{ customer.firstName }} đã là khách thân thiết!' }],
        ['done', 'exit', { reason: 'Cảm ơn' }],
      ],
      [
        ['joined', 'out', 'thanks'],
        ['thanks', 'out', 'done'],
      ],
    );
    const id = (await admin<{ id: string }>('POST', '/api/journeys', { name: 'Tri ân khách thân thiết', graph })).id;
    await page.goto(`${sys.webUrl}/#/journeys/${id}`);
    await page.waitForSelector('[data-testid=canvas]');
    await page.click('[data-testid=publish]');
    await page.waitForSelector('[data-testid=include-members]');
    expect(await page.textContent('[data-testid=include-members]')).toBe(`Đưa cả ${CUSTOMERS} khách đang ở trong “Khách thân thiết” vào (khách mới vào khi gia nhập phân khúc)`);
    await page.check('[data-testid=include-members] input');
    await page.screenshot({ path: `${ARTIFACTS}broadcast-03-publish-include-members.png` });
    await page.click('[data-testid=publish-confirm]');
    await page.waitForSelector('[data-testid=publish-dialog]', { state: 'detached' });
    const sent = await eventually('the current members to get the message', async () => {
      const { messages } = await adminGet<{ messages: { customerId: string }[] }>(sys.apiUrl, sys.credentials.adminToken, `/api/outbox?journeyId=${id}&limit=500`);
      return messages.length === CUSTOMERS ? messages : undefined;
    });
    expect(new Set(sent.map((m) => m.customerId)).size).toBe(CUSTOMERS);
  });
});
