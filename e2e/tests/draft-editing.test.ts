// Editing a draft safely, in Chromium against the API serving the built web app on a real libSQL
// file (no Temporal: nothing here enrols anyone): a stale save from a second tab is refused with a
// clear message and the refused edits stay to choose from after a reload; an edit the server never
// got survives a reload; the draft runs in the simulator and forecasts a cohort; a template
// creates a journey that is ready to publish.
import { welcomeSeries } from '@braid/journey/fixtures';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openVietnameseTab, signIn } from '../src/browser';
import { fill, select, waitSaved } from '../src/canvas-driver';
import { ARTIFACTS, openWorkspace, type Workspace } from '../src/workspace';

const EMAIL_NODE = 'welcome-email';

let hoaBan: Workspace;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let journeyId = '';

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: `${ARTIFACTS}${name}.png` });
}

async function openEditor(p: Page): Promise<void> {
  await p.goto(`${hoaBan.url}/#/journeys/${journeyId}`);
  await p.waitForSelector(`.react-flow__node[data-id="${EMAIL_NODE}"]`);
}

describe('editing a draft safely', () => {
  beforeAll(async () => {
    hoaBan = await openWorkspace('drafts');
    journeyId = (await hoaBan.admin<{ id: string }>('POST', '/api/journeys', { name: 'Chào mừng khách mới', graph: welcomeSeries })).id;

    browser = await launchBrowser();
    ({ context, page } = await openVietnameseTab(browser));
    await signIn(page, hoaBan.url, hoaBan.owner.email, hoaBan.owner.password);
  });

  afterAll(async () => {
    await browser?.close();
    await hoaBan?.close();
  });

  it('refuses a stale save from a second tab with a clear message', async () => {
    const second = await context.newPage();
    await openEditor(second);
    await openEditor(page);
    await select(page, EMAIL_NODE);
    await fill(page, 'body', 'Sửa ở tab thứ nhất');
    await waitSaved(page);
    await select(second, EMAIL_NODE);
    await second.locator('[data-testid="field-body"]').fill('Sửa ở tab thứ hai');
    await second.waitForSelector('.save-stale', { timeout: 15_000 });
    expect(await second.textContent('[data-testid=save-state]')).toContain('tab');
    await second.screenshot({ path: `${ARTIFACTS}drafts-1-stale-second-tab.png` });
    // After a reload the refused edits are still there to choose from, not silently lost.
    await second.reload();
    await second.waitForSelector('[data-testid=draft-conflict]');
    await second.screenshot({ path: `${ARTIFACTS}drafts-2-conflict-after-reload.png` });
    await second.getByText('Giữ bản của họ').click();
    await second.waitForSelector('[data-testid=draft-conflict]', { state: 'detached' });
    await second.close();
  });

  it('keeps unsaved changes across a reload', async () => {
    await page.reload();
    await page.waitForSelector(`.react-flow__node[data-id="${EMAIL_NODE}"]`);
    // The server is unreachable for saves: the edit lives only in this browser.
    await page.route('**/api/journeys/*/draft', (route) => route.abort());
    await select(page, EMAIL_NODE);
    await fill(page, 'body', 'Chưa kịp lưu');
    await page.waitForTimeout(300);
    await page.unroute('**/api/journeys/*/draft');
    await page.reload();
    await page.waitForSelector(`.react-flow__node[data-id="${EMAIL_NODE}"]`);
    await select(page, EMAIL_NODE);
    expect(await page.inputValue('[data-testid="field-body"]')).toBe('Chưa kịp lưu');
    await waitSaved(page);
    await shot('drafts-3-restored-after-reload');
  });

  it('runs the draft in the simulator and forecasts a cohort', async () => {
    await page.click('[data-testid="tab-test"]');
    await page.click('[data-testid=sim-run]');
    await page.waitForSelector('[data-testid=sim-path] li');
    await page.waitForSelector('.react-flow__node .hl-current', { timeout: 15_000 });
    await shot('drafts-4-test-run');
    await page.click('[data-testid=forecast-run]');
    await page.waitForSelector('[data-testid=forecast]');
    await shot('drafts-5-forecast');
  });

  it('creates the Hoa Ban Food journey from a template, ready to publish', async () => {
    await page.goto(`${hoaBan.url}/#/journeys`);
    await page.click('[data-testid=new-journey]');
    await page.locator('.choice', { hasText: 'Hoa Ban Food' }).click();
    await page.click('[data-testid=create-journey]');
    await page.waitForSelector('[data-testid=canvas] .react-flow__node');
    expect(await page.locator('.react-flow__node').count()).toBeGreaterThan(10);
    await page.click('[data-testid="tab-problems"]');
    await page.waitForSelector('[data-testid=no-problems]');
    await shot('drafts-6-template-hoa-ban-food');
  });
});
