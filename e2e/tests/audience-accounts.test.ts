// The shop owner connects the workspace's Facebook / Instagram ad account in the Vietnamese
// settings screen, in Chromium against the whole system: the audience a journey names
// ("Quảng cáo 99k") is given its Custom Audience id in a row, saved and read back after a reload;
// an id that is not a number is refused in Vietnamese naming its row, and nothing is saved. A
// Google Customer Match map saved through the API comes back as rows and survives a save from the
// card unchanged. The card shows no English.
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelsEn } from '../../apps/web/src/channels/texts';
import { launchBrowser, signInOrScreenshot } from '../src/browser';
import { englishCatalogue, findEnglish } from '../src/english';
import { startSystem, type BraidSystem } from '../src/system';

const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));
const TOKEN = 'EAAG-hoaban-system-user-token-5c1d';
const AUDIENCE = 'Quảng cáo 99k';
const AUDIENCE_ID = '23851234567890';
let sys: BraidSystem;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  process.env.BRAID_SECRETS_KEY ??= randomBytes(32).toString('base64');
  sys = await startSystem();
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1280, height: 1000 }, locale: 'vi-VN' });
  await signInOrScreenshot(page, sys.webUrl, sys.credentials, '[data-testid=nav-channels]', `${ARTIFACTS}audience-accounts-sign-in-failed.png`);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await sys?.stop();
});

async function api(path: string, init: { method?: string; body?: unknown } = {}) {
  const res = await fetch(`${sys.apiUrl}/api${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${sys.credentials.adminToken}`, 'content-type': 'application/json' },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
  return { status: res.status, body: (await res.json()) as { accounts?: { kind: string; config: Record<string, unknown> }[] } & Record<string, unknown> };
}
const savedConfig = async (kind: string) => (await api('/channel-accounts')).body.accounts!.find((a) => a.kind === kind)?.config;

/** The English of the audience editor, beside the app's English catalogue. */
function englishOfTheEditor(): string[] {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === 'string') out.push(...v.split(/\{\{[^}]*\}\}/).map((p) => p.trim()).filter((p) => p.length >= 6));
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(channelsEn.audiences);
  return out;
}

async function openChannels() {
  await page.goto(`${sys.webUrl}/#/settings/channels`);
  // Already on the screen, the same address changes nothing: load it afresh.
  await page.reload();
  await page.waitForSelector('[data-testid=channels-screen]');
}

describe('ad audience accounts in the browser', () => {
  it('adds the Facebook ad account with an audience row, saves, reloads and sees the row; a bad id is named by its row in Vietnamese', async () => {
    await openChannels();
    const card = page.locator('[data-testid=account-facebook_audience]');
    expect(await card.locator('h3').innerText()).toBe('Tệp quảng cáo Facebook / Instagram');
    expect(await card.locator('[data-testid=facebook_audience-audiences]').innerText()).toContain('Chưa có tệp nào');
    await card.locator('[data-testid=facebook_audience-adAccountId]').fill('act_1029384756');
    await card.locator('[data-testid=facebook_audience-accessToken]').fill(TOKEN);
    await card.locator('[data-testid=facebook_audience-audience-add]').click();
    await card.locator('[data-testid=facebook_audience-audience-name-1]').fill(AUDIENCE);
    await card.locator('[data-testid=facebook_audience-audience-id-1]').fill(AUDIENCE_ID);
    await card.locator('[data-testid=facebook_audience-save]').click();
    await page.waitForSelector('[data-testid=facebook_audience-check]');
    expect(await savedConfig('facebook_audience')).toMatchObject({ adAccountId: 'act_1029384756', audiences: { [AUDIENCE]: AUDIENCE_ID } });

    await page.reload();
    await page.waitForSelector('[data-testid=facebook_audience-check]');
    expect(await card.locator('[data-testid=facebook_audience-audience-name-1]').inputValue()).toBe(AUDIENCE);
    expect(await card.locator('[data-testid=facebook_audience-audience-id-1]').inputValue()).toBe(AUDIENCE_ID);
    expect(await card.locator('[data-testid=facebook_audience-accessToken]').getAttribute('placeholder')).toMatch(/^đã lưu ••••/);
    expect(await page.content()).not.toContain(TOKEN);

    // A second audience whose id was copied with the ad account's prefix: refused by row, nothing saved.
    await card.locator('[data-testid=facebook_audience-audience-add]').click();
    await card.locator('[data-testid=facebook_audience-audience-name-2]').fill('Khách VIP Tết');
    await card.locator('[data-testid=facebook_audience-audience-id-2]').fill('act_23851234567891');
    await card.locator('[data-testid=facebook_audience-save]').click();
    const problem = card.locator('[data-testid=facebook_audience-audience-problem-2]');
    await problem.waitFor();
    expect(await problem.innerText()).toBe('Dòng 2: mã đối tượng tùy chỉnh chỉ gồm chữ số, không phải “act_23851234567891”.');
    expect(await card.locator('[data-testid=facebook_audience-audience-id-2]').getAttribute('aria-invalid')).toBe('true');
    expect(await card.locator('[data-testid=facebook_audience-audience-problem-1]').count()).toBe(0);
    expect((await savedConfig('facebook_audience'))!.audiences).toEqual({ [AUDIENCE]: AUDIENCE_ID });
    await card.scrollIntoViewIfNeeded();
    await card.screenshot({ path: `${ARTIFACTS}audience-accounts-facebook-bad-id-vi.png` });

    const english = await findEnglish(page, '[data-testid=account-facebook_audience]', [AUDIENCE, 'Khách VIP Tết'], [...englishCatalogue(), ...englishOfTheEditor()]);
    expect(english).toEqual([]);

    // Fixed, and the duplicate of row 1 is named too before it is removed.
    await card.locator('[data-testid=facebook_audience-audience-id-2]').fill('23851234567891');
    await card.locator('[data-testid=facebook_audience-audience-add]').click();
    await card.locator('[data-testid=facebook_audience-audience-name-3]').fill(`${AUDIENCE} `);
    await card.locator('[data-testid=facebook_audience-audience-id-3]').fill('23851234567892');
    await card.locator('[data-testid=facebook_audience-save]').click();
    await expect.poll(() => card.locator('[data-testid=facebook_audience-audience-problem-3]').innerText()).toBe(`Dòng 3: tên “${AUDIENCE}” đã có ở dòng 1.`);
    await card.locator('[data-testid=facebook_audience-audience-remove-3]').click();
    await card.locator('[data-testid=facebook_audience-save]').click();
    await expect.poll(async () => (await savedConfig('facebook_audience'))?.audiences).toEqual({ [AUDIENCE]: AUDIENCE_ID, 'Khách VIP Tết': '23851234567891' });
    await page.reload();
    await page.waitForSelector('[data-testid=facebook_audience-audience-name-2]');
    expect(await card.locator('[data-testid=facebook_audience-audience-name-2]').inputValue()).toBe('Khách VIP Tết');
    await card.scrollIntoViewIfNeeded();
    await card.screenshot({ path: `${ARTIFACTS}audience-accounts-facebook-saved-vi.png` });
  }, 120_000);

  it('shows a Google Customer Match map saved through the API as rows, and a save from the card keeps it and the API-only settings', async () => {
    const userLists = { 'Nhận biết – Tây Bắc': '7788990011', 'Khách mua lại': '7788990012' };
    const put = await api('/channel-accounts/google_audience', {
      method: 'PUT',
      body: { config: { customerId: '123-456-7890', userLists, apiVersion: 'v21', baseUrl: 'https://googleads.googleapis.com' }, secrets: { developerToken: 'dev-token-hoaban', accessToken: 'ya29.hoaban' } },
    });
    expect(put.status).toBe(200);
    await openChannels();
    const card = page.locator('[data-testid=account-google_audience]');
    await card.locator('[data-testid=google_audience-audience-name-2]').waitFor();
    expect(await card.locator('[data-testid=google_audience-audience-name-1]').inputValue()).toBe('Nhận biết – Tây Bắc');
    expect(await card.locator('[data-testid=google_audience-audience-id-2]').inputValue()).toBe('7788990012');
    const before = (await api('/channel-accounts')).body.accounts!.find((a) => a.kind === 'google_audience') as unknown as { updatedAt: number };
    await card.locator('[data-testid=google_audience-save]').click();
    await expect.poll(async () => ((await api('/channel-accounts')).body.accounts!.find((a) => a.kind === 'google_audience') as unknown as { updatedAt: number }).updatedAt).toBeGreaterThan(before.updatedAt);
    expect(await savedConfig('google_audience')).toEqual({ customerId: '123-456-7890', userLists, apiVersion: 'v21', baseUrl: 'https://googleads.googleapis.com' });
  }, 60_000);
});
