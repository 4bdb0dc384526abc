// Versions that mean what they say, in Chromium against the API serving the built web app on a
// real libSQL file (no Temporal: who is inside is seeded in the enrollments table): the publish
// dialog reviews the change, who is inside and the forecast; rollback, reload, and the canvas
// shows the restored version with nothing left to publish; pause says what happens to the people inside.
import { enrollments, newId } from '@braid/db';
import { welcomeSeries } from '@braid/journey/fixtures';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openVietnameseTab, signIn } from '../src/browser';
import { select, waitSaved } from '../src/canvas-driver';
import { ARTIFACTS, openWorkspace, type Workspace } from '../src/workspace';

let hoaBan: Workspace;
let browser: Browser;
let page: Page;
let journeyId = '';

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: `${ARTIFACTS}${name}.png` });
}

/** welcomeSeries with its first wait set to `days` days. */
function withWait(days: number) {
  const g = JSON.parse(JSON.stringify(welcomeSeries)) as typeof welcomeSeries;
  g.nodes.find((n) => n.id === 'wait-2-days')!.config = { duration: { amount: days, unit: 'days' } };
  return g;
}

async function saveDraft(graph: unknown): Promise<void> {
  const j = await hoaBan.admin<{ draftRevision: number }>('GET', `/api/journeys/${journeyId}`);
  await hoaBan.admin('PUT', `/api/journeys/${journeyId}/draft`, { revision: j.draftRevision, graph });
}

async function seedInside(version: number, nodeId: string, n: number): Promise<void> {
  const [ws] = (await hoaBan.db.client.execute('SELECT workspace_id FROM journeys WHERE id = ?', [journeyId])).rows;
  const now = Date.now();
  await hoaBan.db.db.insert(enrollments).values(
    Array.from({ length: n }, (_, i) => ({
      id: newId(now + i),
      workspaceId: String(ws!.workspace_id),
      journeyId,
      version,
      customerId: `kh-${version}-${nodeId}-${i}`,
      workflowId: `journey:${journeyId}:customer:kh-${version}-${nodeId}-${i}`,
      status: 'active' as const,
      currentNode: nodeId,
      enteredAt: now,
    })),
  );
}

const waitAmount = () => page.locator('[data-testid="field-duration-amount"]').inputValue();

async function openEditor(): Promise<void> {
  await page.goto(`${hoaBan.url}/#/journeys/${journeyId}`);
  await page.waitForSelector('[data-testid=canvas]');
  await page.waitForSelector('.react-flow__node[data-id="wait-2-days"]');
}

describe('versions, publish review and rollback in the browser', () => {
  beforeAll(async () => {
    hoaBan = await openWorkspace('versions');
    // v1 waits 2 days, v2 waits 5 days; customers are inside both.
    journeyId = (await hoaBan.admin<{ id: string }>('POST', '/api/journeys', { name: 'Chào mừng khách mới', graph: withWait(2) })).id;
    await hoaBan.admin('POST', `/api/journeys/${journeyId}/publish`, { note: 'Phiên bản đầu' });
    await saveDraft(withWait(5));
    await hoaBan.admin('POST', `/api/journeys/${journeyId}/publish`, { note: 'Chờ lâu hơn' });
    await seedInside(1, 'wait-3-days', 3);
    await seedInside(2, 'wait-2-days', 2);

    browser = await launchBrowser();
    page = (await openVietnameseTab(browser, { acceptDialogs: true })).page;
    await signIn(page, hoaBan.url, hoaBan.owner.email, hoaBan.owner.password);
  });

  afterAll(async () => {
    await browser?.close();
    await hoaBan?.close();
  });

  it('an edit of the live journey says "unpublished changes" in the header and on the publish button', async () => {
    await openEditor();
    expect(await page.locator('[data-testid=unpublished]').count()).toBe(0);
    await select(page, 'wait-2-days');
    expect(await waitAmount()).toBe('5');
    await page.locator('[data-testid="field-duration-amount"]').fill('7');
    await waitSaved(page);
    await page.waitForSelector('[data-testid=unpublished]');
    expect(await page.textContent('[data-testid=unpublished]')).toBe('Có thay đổi chưa xuất bản');
    expect(await page.textContent('[data-testid=publish]')).toContain('Xuất bản thay đổi');
    await shot('versions-01-unpublished-header');
  });

  it('the publish dialog shows each changed field old → new, who is inside each version and where, and the forecast', async () => {
    await page.click('[data-testid=publish]');
    const field = page.locator('[data-testid="change-field-wait-2-days-duration"]');
    await field.waitFor();
    expect(await field.textContent()).toMatch(/5 ngày\s*→\s*7 ngày/);
    // Each step is named as it is in the customers' own version: v2 waits 5 days there, not the draft's 7.
    const v2Row = page.locator('[data-testid="in-flight-2-wait-2-days"]');
    await expect.poll(() => v2Row.textContent()).toMatch(/^v2 \(đang chạy\) · 2 khách.*(5 days|5 ngày)2$/);
    await expect.poll(() => page.textContent('[data-testid="in-flight-1-wait-3-days"]')).toMatch(/^v1 · 3 khách.*(3 days|3 ngày)3$/);
    await page.waitForSelector('[data-testid=publish-forecast]');
    expect(await page.textContent('[data-testid=publish-forecast]')).toContain('v2 (đang chạy)');
    expect(await page.textContent('[data-testid=publish-confirm]')).toBe('Xuất bản thành phiên bản 3');
    await page.locator('[data-testid=publish-dialog]').screenshot({ path: `${ARTIFACTS}versions-02-publish-review.png` });
    await page.keyboard.press('Escape');
  });

  it('rollback, reload: the canvas shows the restored version and there is nothing to publish', async () => {
    await page.click('[data-testid=tab-versions]');
    await page.waitForSelector('[data-testid=version-2]');
    // Versions say who published them: an API key by its name, a person by name or email, never a raw id.
    expect(await page.textContent('[data-testid=version-1]')).toContain('API key');
    await page.click('[data-testid=rollback-1]');
    await page.waitForSelector('[data-testid=version-3]');
    expect(await page.textContent('[data-testid=version-3]')).toContain(hoaBan.owner.email);
    // The draft became version 1: the edit to 7 days is replaced, nothing is unpublished.
    await page.waitForFunction(() => !document.querySelector('[data-testid=unpublished]'));
    await select(page, 'wait-2-days');
    expect(await waitAmount()).toBe('2');
    await shot('versions-03-rolled-back');

    await page.reload();
    await page.waitForSelector('.react-flow__node[data-id="wait-2-days"]');
    expect(await page.locator('[data-testid=draft-conflict]').count()).toBe(0);
    await select(page, 'wait-2-days');
    expect(await waitAmount()).toBe('2');
    expect(await page.locator('[data-testid=unpublished]').count()).toBe(0);
    await page.click('[data-testid=publish]');
    await page.waitForSelector('[data-testid=publish-nothing]');
    expect(await page.textContent('[data-testid=publish-nothing]')).toContain('giống hệt phiên bản 3');
    expect(await page.locator('[data-testid=publish-confirm]').isDisabled()).toBe(true);
    await shot('versions-04-reloaded-nothing-to-publish');
    await page.keyboard.press('Escape');

    const j = await hoaBan.admin<{ activeVersion: number; hasUnpublishedChanges: boolean }>('GET', `/api/journeys/${journeyId}`);
    expect(j).toMatchObject({ activeVersion: 3, hasUnpublishedChanges: false });
    const v3 = await hoaBan.admin<{ graph: { nodes: { id: string; config: { duration?: { amount: number } } }[] } }>('GET', `/api/journeys/${journeyId}/versions/3`);
    expect(v3.graph.nodes.find((n) => n.id === 'wait-2-days')!.config.duration!.amount).toBe(2);
  });

  it('pause asks first and says what happens to the customers inside', async () => {
    await page.click('[data-testid=pause]');
    await page.waitForSelector('[data-testid=lifecycle-effect]');
    expect(await page.textContent('[data-testid=lifecycle-effect]')).toContain('5 khách đang ở trong được giữ nguyên');
    await page.locator('[data-testid=lifecycle-dialog]').screenshot({ path: `${ARTIFACTS}versions-05-pause-confirm.png` });
    await page.click('[data-testid=lifecycle-confirm]');
    await page.waitForSelector('[data-testid=resume]');
    expect((await hoaBan.admin<{ status: string }>('GET', `/api/journeys/${journeyId}`)).status).toBe('paused');
  });

  it('the journeys list marks a live journey whose draft differs from it', async () => {
    await saveDraft(withWait(9));
    await page.goto(`${hoaBan.url}/#/journeys`);
    await page.waitForSelector(`[data-testid="unpublished-${journeyId}"]`);
    await shot('versions-06-list-unpublished');
  });

  it('a publish that lost the race to a teammate says so and shows what is live now', async () => {
    await openEditor();
    await page.click('[data-testid=publish]');
    await page.locator('[data-testid="change-field-wait-2-days-duration"]').waitFor();
    // A teammate publishes the same draft while this dialog is open.
    await hoaBan.admin('POST', `/api/journeys/${journeyId}/publish`, { note: 'Minh', activeVersion: 3 });
    await page.click('[data-testid=publish-confirm]');
    await page.waitForSelector('[data-testid=publish-error]');
    expect(await page.textContent('[data-testid=publish-error]')).toContain('một phiên bản khác đã được xuất bản');
    // The review reloaded: version 4 is live and already has this draft.
    expect(await page.textContent('[data-testid=publish-nothing]')).toContain('phiên bản 4');
    await page.locator('[data-testid=publish-dialog]').screenshot({ path: `${ARTIFACTS}versions-07-publish-conflict.png` });
    const versions = await hoaBan.admin<{ versions: unknown[] }>('GET', `/api/journeys/${journeyId}/versions`);
    expect(versions.versions).toHaveLength(4);
  });
});
