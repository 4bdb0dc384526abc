// Debian's Chromium driven by playwright-core: no downloaded browsers.
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** Signs in through the sign-in form and waits for `landmark` (the journeys list by default). */
export async function signIn(page: Page, url: string, email: string, password: string, landmark = '[data-testid=journeys-table]'): Promise<void> {
  await page.goto(url);
  await page.fill('input[name=email]', email);
  await page.fill('input[name=password]', password);
  await page.click('button[type=submit]');
  await page.waitForSelector(landmark);
}

/**
 * A tab as Hoa Ban Food's marketers have one: Vietnamese, Hà Nội time, a wide screen; errors in
 * the page are printed with the test's output. `acceptDialogs` answers yes to confirm() prompts.
 */
export async function openVietnameseTab(browser: Browser, options: { height?: number; acceptDialogs?: boolean } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: options.height ?? 900 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error('[browser]', e.message));
  if (options.acceptDialogs) page.on('dialog', (d) => void d.accept());
  return { context, page };
}

/** signIn that keeps a full-page screenshot at `failureShot` when the landmark never shows: what the page said instead. */
export async function signInOrScreenshot(page: Page, url: string, credentials: { email: string; password: string }, landmark: string, failureShot: string): Promise<void> {
  try {
    await signIn(page, url, credentials.email, credentials.password, landmark);
  } catch (error) {
    await page.screenshot({ path: failureShot, fullPage: true });
    throw error;
  }
}
