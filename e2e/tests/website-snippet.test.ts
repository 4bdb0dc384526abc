// SCENARIO §3 on a shop's website, in Chromium against the whole system (Temporal dev server, API,
// worker): the shop's page carries the snippet, identifies anh Toản, his card is declined
// (`Payment Failed`), and on his next page view the journey's coupon popup is there, in
// Vietnamese; he clicks it and the click is his engagement. While he stays, a new on-site
// message arrives at once; a web push from a journey reaches the browser he subscribed in. A copy
// of the page on a domain the workspace did not allow is refused. With identity verification on,
// only the user id the shop's server signed is taken.
import { createHmac } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { and, eq, events, messages, vouchers } from '@braid/db';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newBrowser, PushService } from '../../packages/channels/test/fakes/push-service';
import { days, journeyGraph } from '../../packages/journey/fixtures/builder';
import { launchBrowser, signIn } from '../src/browser';
import { eventually } from '../src/ingest';
import { startShop, type Shop } from '../src/shop';
import { startSystem, type BraidSystem } from '../src/system';

const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));

let sys: BraidSystem;
let shop: Shop;
let otherSite: Shop;
let browser: Browser;
let context: BrowserContext;
let popupJourney = '';
let customerId = '';
let popupMessageId = '';
// The push service his browser would use: on 127.0.0.1, checking VAPID and decrypting (RFC 8291).
const pushService = new PushService();

async function admin<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${sys.apiUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${sys.credentials.adminToken}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

async function publish(name: string, graph: unknown): Promise<string> {
  const { id } = await admin<{ id: string }>('POST', '/api/journeys', { name, graph });
  await admin('POST', `/api/journeys/${id}/publish`, { note: name });
  return id;
}

async function newPage(): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error('[browser]', e.message));
  return page;
}

const shot = (page: Page, name: string) => page.screenshot({ path: `${ARTIFACTS}${name}.png` });

describe('the website snippet on a shop page', () => {
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    // The push service below listens on 127.0.0.1: the API and the worker may reach it.
    process.env.PUSH_ALLOW_PRIVATE_NETWORKS = 'true';
    // One click-link secret for the worker that signs and the API that checks.
    process.env.BRAID_TRACKING_SECRET ??= 'e2e-tracking-secret';
    await pushService.start();
    sys = await startSystem({ log: () => undefined });
    shop = await startShop(sys.apiUrl, sys.credentials.writeKey);
    otherSite = await startShop(sys.apiUrl, sys.credentials.writeKey);

    popupJourney = await publish(
      'Thanh toán thất bại',
      journeyGraph(
        [
          ['payment-failed', 'trigger-event', { event: 'Payment Failed', where: [], reentry: { mode: 'everyTime', minGap: days(1) }, entryLimit: null }],
          ['coupon', 'issue-voucher', { discountType: 'percent', percent: 10, prefix: 'COMEBACK', validFor: days(2) }],
          [
            'popup',
            'send-message',
            { channel: 'web', subject: 'Thanh toán chưa thành công?', body: 'Anh {{ customer.firstName }} ơi, nhập mã {{ voucher.code }} để được giảm 10% khi thanh toán lại.' },
          ],
          ['done', 'exit', { reason: 'Đã hiện popup' }],
        ],
        [
          ['payment-failed', 'out', 'coupon'],
          ['coupon', 'out', 'popup'],
          ['popup', 'out', 'done'],
        ],
      ),
    );
    await publish(
      'Miễn phí giao hàng',
      journeyGraph(
        [
          ['viewed', 'trigger-event', { event: 'Product Viewed', where: [], reentry: { mode: 'afterExit' }, entryLimit: null }],
          ['banner', 'send-message', { channel: 'web', body: 'Miễn phí giao hàng cho đơn từ 500.000đ trong hôm nay!' }],
          ['done', 'exit', { reason: 'Đã hiện banner' }],
        ],
        [
          ['viewed', 'out', 'banner'],
          ['banner', 'out', 'done'],
        ],
      ),
    );
    await publish(
      'Nhắc thanh toán',
      journeyGraph(
        [
          ['due', 'trigger-event', { event: 'Checkout Reminder Due', where: [], reentry: { mode: 'afterExit' }, entryLimit: null }],
          ['push', 'send-message', { channel: 'push', subject: 'Hoa Ban Food', body: 'Anh {{ customer.firstName }} ơi, giỏ hàng 1.700.000đ vẫn đang chờ bạn.' }],
          ['done', 'exit', { reason: 'Đã nhắc' }],
        ],
        [
          ['due', 'out', 'push'],
          ['push', 'out', 'done'],
        ],
      ),
    );
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  });

  afterAll(async () => {
    await browser?.close();
    await shop?.stop();
    await otherSite?.stop();
    await sys?.stop();
    await pushService.stop();
  });

  it("the marketer allows the shop's domain in settings, where the snippet to paste is", async () => {
    const page = await newPage();
    await signIn(page, sys.webUrl, sys.credentials.email, sys.credentials.password);
    await page.goto(`${sys.webUrl}/#/settings/sources`);
    const card = page.locator('[data-testid=website-card]');
    await card.waitFor();
    expect(await card.locator('[data-testid=website-snippet]').textContent()).toContain(`{host:"${sys.webUrl}"}`);
    await card.locator('[data-testid=website-origins]').fill(`${shop.url}\nhoabanfood.vn/gio-hang`);
    await card.locator('[data-testid=website-save]').click();
    expect(await card.locator('[data-testid=website-problem]').textContent()).toBe('Dòng 2 không phải tên miền: hãy viết như https://hoabanfood.vn');
    await card.locator('[data-testid=website-origins]').fill(`${shop.url}/`);
    await card.locator('[data-testid=website-save]').click();
    // Only the shop's own origin may use its write key.
    await eventually('the saved domain', async () => {
      const saved = await admin<{ allowedOrigins: string[] }>('GET', '/api/website');
      return saved.allowedOrigins.length === 1 && saved.allowedOrigins[0] === shop.url ? saved : undefined;
    });
    // The form shows the domain as saved (normalised, without the slash) once the save's answer is back.
    await eventually('the saved domain in the form', async () =>
      (await card.locator('[data-testid=website-origins]').inputValue()) === shop.url ? true : undefined,
    );
    await card.scrollIntoViewIfNeeded();
    await shot(page, 'snippet-00-settings-website');
    await page.close();
  });

  it('identifies the visitor, whose failed payment leaves a coupon popup for the next page view', async () => {
    const page = await newPage();
    await page.goto(shop.url);
    await page.waitForFunction(() => (window as unknown as { braid?: { initialized?: boolean } }).braid?.initialized === true);
    await page.click('#login');
    await page.click('#pay');
    await page.evaluate(() => (window as unknown as { braid: { flush(): Promise<void> } }).braid.flush());
    await shot(page, 'snippet-01-shop-before-payment-failed');
    const anonymousId = await page.evaluate(() => (window as unknown as { braid: { user(): { anonymousId: string } } }).braid.user().anonymousId);
    // He leaves the site after the declined card.
    await page.close();

    const identities = await sys.db.client.execute({ sql: "SELECT customer_id FROM customer_identities WHERE (type = 'user_id' AND value = 'toan') OR (type = 'anonymous_id' AND value = ?)", args: [anonymousId] });
    const owners = new Set(identities.rows.map((r) => String(r.customer_id)));
    expect(owners.size).toBe(1);
    customerId = [...owners][0]!;
    const message = await eventually('the popup kept for his next visit', async () => {
      const [row] = await sys.db.db.select().from(messages).where(and(eq(messages.journeyId, popupJourney), eq(messages.customerId, customerId)));
      return row?.status === 'sent' ? row : undefined;
    });
    popupMessageId = message.id;
    expect(message.channel).toBe('web');
  });

  it('shows the coupon popup, in Vietnamese, on his next page view; the impression and the click are recorded', async () => {
    const page = await newPage();
    await page.goto(`${shop.url}/checkout`);
    const popup = page.locator('[data-braid=popup]');
    await popup.waitFor({ timeout: 30_000 });
    const [voucher] = await sys.db.db.select().from(vouchers).where(eq(vouchers.customerId, customerId));
    expect(voucher?.code).toMatch(/^COMEBACK/);
    expect(await popup.locator('h2').textContent()).toBe('Thanh toán chưa thành công?');
    expect(await popup.locator('[data-braid=body]').textContent()).toBe(`Anh Toản ơi, nhập mã ${voucher!.code} để được giảm 10% khi thanh toán lại.`);
    expect(await popup.locator('[data-braid=coupon]').textContent()).toContain(voucher!.code);
    expect(await popup.locator('[data-braid=cta]').textContent()).toBe('Dùng ưu đãi');
    expect(await popup.locator('[data-braid=close]').getAttribute('aria-label')).toBe('Đóng');
    await shot(page, 'snippet-02-coupon-popup');
    await eventually('the impression', async () => {
      const [row] = await sys.db.db.select().from(messages).where(eq(messages.id, popupMessageId));
      return row?.status === 'opened' ? row : undefined;
    });

    await popup.locator('[data-braid=cta]').click();
    await popup.waitFor({ state: 'detached' });
    await shot(page, 'snippet-03-after-click');
    await eventually('the click on the message', async () => {
      const [row] = await sys.db.db.select().from(messages).where(eq(messages.id, popupMessageId));
      return row?.status === 'clicked' ? row : undefined;
    });
    // The click is an event of his, which journeys wait for and branch on.
    const clicked = await eventually('the Message Clicked event', async () => {
      const rows = await sys.db.db.select().from(events).where(and(eq(events.customerId, customerId), eq(events.name, 'Message Clicked')));
      return rows.length > 0 ? rows : undefined;
    });
    expect(clicked[0]!.properties).toMatchObject({ messageId: popupMessageId, channel: 'web', journeyId: popupJourney });
    expect(await sys.db.db.select().from(events).where(and(eq(events.customerId, customerId), eq(events.name, 'Message Opened')))).toHaveLength(1);

    // Shown once: the next page view has no popup.
    await page.reload();
    await page.waitForFunction(() => (window as unknown as { braid?: { initialized?: boolean } }).braid?.initialized === true);
    await page.evaluate(() => (window as unknown as { braid: { flush(): Promise<void> } }).braid.flush());
    await page.waitForTimeout(2_000);
    expect(await page.locator('[data-braid=popup]').count()).toBe(0);
    await shot(page, 'snippet-04-shown-once');
    await page.close();
  });

  it('delivers a new on-site message at once while he stays on the page', async () => {
    const page = await newPage();
    await page.goto(shop.url);
    await page.waitForFunction(() => (window as unknown as { braid?: { initialized?: boolean } }).braid?.initialized === true);
    await page.click('#view');
    const banner = page.locator('[data-braid=banner]');
    await banner.waitFor({ timeout: 60_000 });
    expect(await banner.locator('[data-braid=body]').textContent()).toBe('Miễn phí giao hàng cho đơn từ 500.000đ trong hôm nay!');
    await shot(page, 'snippet-05-live-banner');
    await banner.locator('[data-braid=close]').click();
    await banner.waitFor({ state: 'detached' });
    await page.close();
  });

  it('sends a web push from a journey to the browser he allowed notifications in', async () => {
    const page = await newPage();
    await page.goto(shop.url);
    await page.waitForFunction(() => (window as unknown as { braid?: { initialized?: boolean } }).braid?.initialized === true);
    const anonymousId = await page.evaluate(() => (window as unknown as { braid: { user(): { anonymousId: string } } }).braid.user().anonymousId);
    const subscription = pushService.subscribe('/push/toan-chromium', newBrowser());
    // What braid.enablePush() posts once the visitor said yes (headless Chromium has no push service of its own).
    const status = await page.evaluate(
      async ({ api, writeKey, anonymousId, subscription }) =>
        (await fetch(`${api}/v1/push/subscriptions`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ writeKey, anonymousId, userId: 'toan', subscription }) })).status,
      { api: sys.apiUrl, writeKey: sys.credentials.writeKey, anonymousId, subscription },
    );
    expect(status).toBe(201);
    await page.evaluate(() => (window as unknown as { braid: { track(e: string): void; flush(): Promise<void> } }).braid.track('Checkout Reminder Due'));
    await page.evaluate(() => (window as unknown as { braid: { flush(): Promise<void> } }).braid.flush());
    const push = await eventually('the push at his browser', async () => pushService.received.find((r) => r.path === '/push/toan-chromium'));
    expect(push.problem).toBeNull();
    expect(JSON.parse(push.payload!)).toMatchObject({ title: 'Hoa Ban Food', body: 'Anh Toản ơi, giỏ hàng 1.700.000đ vẫn đang chờ bạn.' });
    const { pushPublicKey } = await admin<{ pushPublicKey: string }>('GET', '/api/website');
    expect(push.vapid?.publicKey).toBe(pushPublicKey);
    const [sent] = await sys.db.db.select().from(messages).where(and(eq(messages.customerId, customerId), eq(messages.channel, 'push')));
    expect(sent).toMatchObject({ status: 'sent', recipient: 'web-push', providerMessageId: 'web-push:1/1' });
    // His click on the notification opens Braid's signed click link: recorded, then on to the shop.
    const { url } = JSON.parse(push.payload!) as { url: string };
    const click = await fetch(`${sys.apiUrl}/t/c/${url.split('/t/c/')[1]}`, { redirect: 'manual' });
    expect(click.status).toBe(302);
    expect(click.headers.get('location')).toBe(shop.url);
    await eventually('the click on the push', async () => {
      const rows = await sys.db.db.select().from(events).where(and(eq(events.customerId, customerId), eq(events.name, 'Message Clicked')));
      return rows.find((r) => (r.properties as { channel?: string }).channel === 'push');
    });
    await page.close();
  });

  it('registers no subscription when the visitor does not allow notifications', async () => {
    const fresh = await browser.newContext({ locale: 'vi-VN' });
    const page = await fresh.newPage();
    await page.goto(shop.url);
    await page.waitForFunction(() => (window as unknown as { braid?: { initialized?: boolean } }).braid?.initialized === true);
    const before = (await sys.db.client.execute('SELECT count(*) AS n FROM push_subscriptions')).rows[0]!.n;
    const answer = await page.evaluate(() => (window as unknown as { braid: { enablePush(): Promise<string> } }).braid.enablePush());
    expect(answer).toBe('denied');
    expect((await sys.db.client.execute('SELECT count(*) AS n FROM push_subscriptions')).rows[0]!.n).toBe(before);
    await fresh.close();
  });

  it("shows a push as a notification through Braid's service worker on the shop's origin", async () => {
    await context.grantPermissions(['notifications'], { origin: shop.url });
    const page = await newPage();
    await page.goto(shop.url);
    const cdp = await context.newCDPSession(page);
    const registered = new Promise<string>((resolve) => {
      cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }: { registrations: Array<{ registrationId: string; scopeURL: string; isDeleted: boolean }> }) => {
        const mine = registrations.find((r) => r.scopeURL.startsWith(shop.url) && !r.isDeleted);
        if (mine) resolve(mine.registrationId);
      });
    });
    await cdp.send('ServiceWorker.enable');
    await page.evaluate(async () => {
      await navigator.serviceWorker.register('/braid-sw.js');
      await navigator.serviceWorker.ready;
    });
    const registrationId = await registered;
    // What the browser's push service hands the worker once it has decrypted a Braid push.
    // Chromium may drop a push delivered while it is still starting the worker up, so the push is
    // delivered again every few seconds until a notification shows (a real push service retries too).
    const deliver = () => cdp.send('ServiceWorker.deliverPushMessage', { origin: `${shop.url}/`, registrationId, data: JSON.stringify({ title: 'Hoa Ban Food', body: 'Anh Toản ơi, giỏ hàng vẫn đang chờ bạn.' }) });
    let deliveredAt = 0;
    const shown = await eventually('the notification', async () => {
      if (Date.now() - deliveredAt > 3_000) {
        deliveredAt = Date.now();
        await deliver();
      }
      const list = await page.evaluate(async () => (await (await navigator.serviceWorker.ready).getNotifications()).map((n) => ({ title: n.title, body: n.body })));
      return list.length > 0 ? list : undefined;
    });
    expect(shown[0]).toEqual({ title: 'Hoa Ban Food', body: 'Anh Toản ơi, giỏ hàng vẫn đang chờ bạn.' });
    expect(new Set(shown.map((n) => `${n.title}|${n.body}`)).size).toBe(1);
    await page.close();
  });

  it('refuses the snippet on a domain the workspace did not allow, and says why', async () => {
    const page = await newPage();
    const warnings: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'warning') warnings.push(m.text());
    });
    await page.goto(otherSite.url);
    await page.waitForFunction(() => (window as unknown as { braid?: { initialized?: boolean } }).braid?.initialized === true);
    await page.evaluate(() => (window as unknown as { braid: { flush(): Promise<void> } }).braid.flush());
    const refusal = await eventually('the refusal in the console', async () => warnings.find((w) => w.includes('origin_not_allowed')));
    expect(refusal).toContain(otherSite.url);
    await page.close();
  });

  it("with identity verification on, takes the user id the shop's server signed and refuses one typed in the console", async () => {
    // Signed in as the owner since the first test (same browser context).
    const settings = await newPage();
    await settings.goto(`${sys.webUrl}/#/settings/sources`);
    const card = settings.locator('[data-testid=identity-verification]');
    await card.waitFor();
    await card.getByRole('button', { name: 'Hiện' }).click();
    const secret = (await card.locator('[data-testid=identity-secret]').textContent())!;
    expect(secret).toMatch(/^biv_/);
    // The box shows the saved setting: it turns checked once the server has answered, so the
    // click is followed by waiting for the saved state rather than by check()'s instant look.
    const enabled = card.locator('[data-testid=identity-verification-enabled]');
    await enabled.click();
    await eventually('verification turned on', async () => ((await admin<{ enabled: boolean }>('GET', '/api/website/identity-verification')).enabled ? true : undefined));
    await expect.poll(() => enabled.isChecked()).toBe(true);
    await card.scrollIntoViewIfNeeded();
    await shot(settings, 'snippet-08-identity-verification');
    await settings.close();

    type Braid = { identify(id: string, traits: object, options?: object): void; track(e: string): void; flush(): Promise<void>; user(): { anonymousId: string } };
    // Each visitor in a browser of their own: this one's cookie already belongs to anh Toản.
    const visit = async (userId: string, userHash: string) => {
      const own = await browser.newContext({ locale: 'vi-VN' });
      const page = await own.newPage();
      const warnings: string[] = [];
      page.on('console', (m) => void (m.type() === 'warning' && warnings.push(m.text())));
      await page.goto(shop.url);
      await page.waitForFunction(() => (window as unknown as { braid?: { initialized?: boolean } }).braid?.initialized === true);
      const anonymousId = await page.evaluate(
        async ([id, hash]) => {
          const braid = (window as unknown as { braid: Braid }).braid;
          await braid.flush();
          braid.identify(id!, { firstName: 'Lan' }, { userHash: hash });
          braid.track('Product Viewed');
          await braid.flush();
          return braid.user().anonymousId;
        },
        [userId, userHash],
      );
      await own.close();
      return { anonymousId, warnings };
    };
    // What the shop's server does for its logged-in customer (docs/website-snippet.md).
    const signed = await visit('lan', createHmac('sha256', secret).update('lan').digest('hex'));
    const lan = await sys.db.client.execute({ sql: "SELECT customer_id FROM customer_identities WHERE (type = 'user_id' AND value = 'lan') OR (type = 'anonymous_id' AND value = ?)", args: [signed.anonymousId] });
    expect(lan.rows).toHaveLength(2);
    expect(new Set(lan.rows.map((r) => r.customer_id)).size).toBe(1);

    const forged = await visit('toan', 'a'.repeat(64));
    expect(forged.warnings.join('\n')).toContain('identity_not_verified');
    const named = await sys.db.client.execute({ sql: "SELECT count(*) AS n FROM events WHERE anonymous_id = ? AND user_id = 'toan'", args: [forged.anonymousId] });
    expect(Number(named.rows[0]!.n)).toBe(0);
    await admin('PUT', '/api/website/identity-verification', { enabled: false });
  });
});
