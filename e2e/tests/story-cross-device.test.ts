// SCENARIO §5, one customer across devices and stores, end to end against the started system in
// Chromium. Chị Mai bought at the showroom before (the till posts the sale: her loyalty balance
// starts there). The marketer creates the journey from its template in the Vietnamese UI,
// shortens the wait in the step's settings and publishes. On her phone (one browser context)
// Mai logs in and puts smoked buffalo meat in her cart; on her laptop (another context) she
// browses anonymously and sees nothing, logs in, and her cart is there (the laptop's visitor
// profile merged into hers). She orders on the website (the shop's signed webhook): the Zalo
// message and the email both show the same loyalty balance, the sum of her showroom and web
// orders, equal to her profile's; having bought before, she gets the cross-sell email.
// Screenshots: both devices, the canvas with live counts, Mai's timeline.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, signIn } from '../src/browser';
import { admin, allowWebsite, connectShop, deliverWebhook, posSale, shopifyOrder, type ShopSource } from '../src/commerce';
import { englishCatalogue, findEnglish } from '../src/english';
import { eventually } from '../src/ingest';
import { createFromTemplate, openLiveCounts, openTimeline, publishWithNote, setDuration, waitForEntered } from '../src/marketer';
import { addToCart, anonymousIdOf, flushSnippet, logIn, openShopPage, startStoryShop, type StoryShop } from '../src/story-shop';
import { startSystem, type BraidSystem } from '../src/system';

const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));
const mai = { userId: 'mai', email: 'mai@example.vn', traits: { firstName: 'Mai', lastName: 'Trần', phone: '0912 345 678', zaloId: '8452169300012345678' } };

let sys: BraidSystem;
let shop: StoryShop;
let store: ShopSource;
let browser: Browser;
let marketer: BrowserContext;
let phone: BrowserContext;
let laptop: BrowserContext;
let page: Page;
let journeyId = '';
let maiId = '';

type Outbox = { messages: { customerId: string; subject: string | null; body: string | null; nodeId: string | null; channel: string; status?: string }[] };
type Profile = { traits: Record<string, unknown>; identities: { type: string; value: string }[] };

const shot = (p: Page, name: string) => p.screenshot({ path: `${ARTIFACTS}${name}.png` });
const outbox = async () => (await admin<Outbox>(sys, 'GET', `/api/outbox?journeyId=${journeyId}`)).messages;

async function customerOf(type: string, value: string): Promise<string> {
  const r = await sys.db.client.execute({ sql: 'SELECT customer_id FROM customer_identities WHERE type = ? AND value = ?', args: [type, value] });
  return String(r.rows[0]?.customer_id ?? '');
}

describe('story 5: one customer across devices and stores', () => {
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    sys = await startSystem({ log: () => undefined });
    shop = await startStoryShop(sys.apiUrl, sys.credentials.writeKey, {
      name: 'Hoa Ban Food · Đặc sản Tây Bắc',
      products: [
        { id: 'thit-trau', name: 'Thịt trâu gác bếp', price: 850_000 },
        { id: 'mac-khen', name: 'Mắc Khén', price: 120_000 },
      ],
      accounts: [mai],
    });
    await allowWebsite(sys, shop.url);
    store = await connectShop(sys, 'Hoa Ban Food online');
    browser = await launchBrowser();
    marketer = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    laptop = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    page = await marketer.newPage();
    page.on('pageerror', (e) => console.error('[browser]', e.message));
  });

  afterAll(async () => {
    await browser?.close();
    await shop?.stop();
    await sys?.stop();
  });

  it('Mai bought at the showroom before: the till’s sale starts her loyalty balance', async () => {
    await posSale(sys, { phone: '0912 345 678', name: 'Trần Thị Mai', store: 'Showroom Hàng Giấy', orderId: 'HG-2041', products: [{ name: 'Combo Mắc Khén + Hạt Dổi + thịt trâu', price: 1_350_000 }] });
    maiId = await customerOf('phone', '+84912345678');
    const profile = await admin<Profile>(sys, 'GET', `/api/customers/${maiId}`);
    expect(profile.traits.loyalty_points).toBe(135);
  });

  it('the marketer creates the journey from its template in Vietnamese, shortens the wait and publishes', async () => {
    await signIn(page, sys.webUrl, sys.credentials.email, sys.credentials.password, '[data-testid=new-journey]');
    journeyId = await createFromTemplate(page, sys.webUrl, 'cross-device-loyalty', 'Một khách trên mọi thiết bị');
    expect(await page.locator('.react-flow__node[data-id="cart-everywhere"] [data-testid=step-name]').textContent()).toBe('Giỏ hàng trên mọi thiết bị');
    expect(await page.locator('.react-flow__node[data-id="past-buyer"] [data-testid=step-name]').textContent()).toBe('Đã từng mua?');
    // The template opens with no English on screen (event names are the shop's data).
    expect(await findEnglish(page, '.editor', ['Product Added', 'Order Completed', 'Hoa Ban Food', sys.credentials.email], englishCatalogue())).toEqual([]);
    // Thirty minutes to order become six seconds.
    await setDuration(page, 'give-time', 'duration', 0.1, 'minutes');
    await publishWithNote(page, 'Chạy thử: nhắc giỏ hàng sau 6 giây');
  });

  it('on her phone Mai logs in and puts smoked buffalo meat in her cart', async () => {
    const p = await phone.newPage();
    await logIn(p, shop.url, mai.email);
    await openShopPage(p, shop.url);
    await addToCart(p, 'thit-trau');
    await shot(p, 'story5-01-phone-cart');
    // She closes the phone; the reminder is kept for her next page view, wherever that is.
    await p.close();
    expect(await customerOf('user_id', 'mai')).toBe(maiId);
    await eventually('the cart reminder kept for her next visit', async () => ((await outbox()).find((m) => m.nodeId === 'cart-everywhere') ? true : undefined), 60_000);
  });

  it('on her laptop nothing shows while she is anonymous; after login her cart is there', async () => {
    const p = await laptop.newPage();
    await openShopPage(p, shop.url);
    await flushSnippet(p);
    const laptopVisitor = await anonymousIdOf(p);
    await p.waitForTimeout(3_000);
    expect(await p.locator('[data-braid=popup]').count()).toBe(0);
    expect(await customerOf('anonymous_id', laptopVisitor)).not.toBe(maiId);
    await shot(p, 'story5-02-laptop-anonymous');

    await logIn(p, shop.url, mai.email);
    // Identity resolution: the laptop's visitor is Mai now.
    await eventually('the laptop visitor merged into Mai', async () => ((await customerOf('anonymous_id', laptopVisitor)) === maiId ? true : undefined));
    await openShopPage(p, shop.url);
    const popup = p.locator('[data-braid=popup]');
    await popup.waitFor({ timeout: 30_000 });
    expect(await popup.locator('h2').textContent()).toBe('Giỏ hàng của bạn vẫn ở đây');
    expect(await popup.locator('[data-braid=body]').textContent()).toBe('Mai ơi, 1 × Thịt trâu gác bếp vẫn nằm trong giỏ hàng của bạn, trên điện thoại và cả trên máy tính.');
    await shot(p, 'story5-03-laptop-cart-after-login');
    await p.close();
  });

  it('she orders on the website: Zalo and email show the same balance, showroom and web together; as a past buyer she gets the cross-sell', async () => {
    await deliverWebhook(store, 'orders/create', shopifyOrder({ id: 5301, email: mai.email, firstName: 'Mai', items: [{ title: 'Thịt trâu gác bếp', price: 850_000, quantity: 2 }] }));
    const sent = await eventually('the thank-yous and the cross-sell', async () => {
      const all = await outbox();
      const byNode = (id: string) => all.find((m) => m.nodeId === id && m.customerId === maiId);
      const [zalo, email, crossSell] = [byNode('thanks-zalo'), byNode('thanks-email'), byNode('cross-sell')];
      return zalo && email && crossSell ? { zalo, email, crossSell } : undefined;
    }, 90_000);
    // 1,350,000 ₫ at the showroom + 1,700,000 ₫ online: 135 + 170 points.
    const profile = await admin<Profile>(sys, 'GET', `/api/customers/${maiId}`);
    expect(profile.traits.loyalty_points).toBe(305);
    expect(sent.zalo.channel).toBe('zalo');
    expect(sent.zalo.body).toBe('Cảm ơn Mai đã mua hàng! Thẻ thành viên của bạn: 305 điểm.');
    expect(sent.email.channel).toBe('email');
    expect(sent.email.subject).toBe('Mai ơi, bạn có 305 điểm');
    expect(sent.email.body).toContain('Thẻ thành viên của bạn hiện có 305 điểm, như nhau khi mua online và tại showroom.');
    const points = [sent.zalo.body, sent.email.subject, sent.email.body].map((t) => /(\d+) điểm/.exec(t ?? '')?.[1]);
    expect(new Set(points)).toEqual(new Set(['305']));
    expect(sent.crossSell.subject).toBe('Dùng kèm Thịt trâu gác bếp thật ngon');
    expect(sent.crossSell.body).toBe('Mai ơi, khách mua Thịt trâu gác bếp rất thích dùng kèm Mắc Khén và Hạt Dổi: thành viên được giảm 10% cho cặp này trong tuần.');
    // The step log is written as she moves on: wait for her exit after the last message.
    const visited = await eventually('her exit after the cross-sell', async () => {
      const trace = await admin<{ enrollments: { steps: { nodeId: string; outcome: string }[] }[] }>(sys, 'GET', `/api/journeys/${journeyId}/customers/${maiId}/trace`);
      const ids = trace.enrollments[0]?.steps.map((s) => s.nodeId) ?? [];
      return ids.includes('exit-cross-sell') ? ids : undefined;
    });
    expect(visited).toEqual(expect.arrayContaining(['give-time', 'cart-everywhere', 'thanks-zalo', 'thanks-email', 'past-buyer', 'cross-sell', 'exit-cross-sell']));
    expect(visited).not.toContain('exit-first-order');
  });

  it('the canvas shows the live counts and Mai’s timeline shows both devices, both stores and the messages', async () => {
    await openLiveCounts(page, sys.webUrl, journeyId);
    await waitForEntered(page, 'cross-sell', 1);
    await shot(page, 'story5-04-canvas-live-counts');
    const timeline = await openTimeline(page, sys.webUrl, maiId);
    expect(timeline).toContain('Product Added');
    expect(timeline).toContain('Order Completed');
    await shot(page, 'story5-05-mai-timeline');
  });
});
