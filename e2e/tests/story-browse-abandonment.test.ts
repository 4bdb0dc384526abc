// SCENARIO §4, browse-abandonment retargeting, end to end against the started system (Temporal
// dev server, API serving the built web app, worker) in Chromium. The marketer creates the
// journey from its template in the Vietnamese UI, shortens its waits in the steps' own settings
// and publishes. Two shoppers log in on the shop's website and leave a cart (the snippet); that
// evening both are in the shop's Facebook Custom Audience (Meta's users endpoint, played on
// 127.0.0.1 by a fake that checks the documented hashed payload). Chị Lan orders on the website
// (the shop's signed order webhook): she leaves the audience at once; anh Hùng stays until his
// week is up. Screenshots: the canvas with live counts and Lan's timeline.
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeFacebookAudiences, type FakeFacebookAudiences } from '../../packages/channels/test/fakes/fake-audiences';
import { launchBrowser, signIn } from '../src/browser';
import { admin, allowWebsite, connectShop, deliverWebhook, shopifyOrder, type ShopSource } from '../src/commerce';
import { englishCatalogue, findEnglish } from '../src/english';
import { eventually } from '../src/ingest';
import { createFromTemplate, openLiveCounts, openTimeline, publishWithNote, setDuration, setTimeWindow, waitForEntered } from '../src/marketer';
import { addToCart, logIn, openShopPage, startStoryShop, type StoryShop } from '../src/story-shop';
import { startSystem, type BraidSystem } from '../src/system';

const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));
const AUDIENCE = 'Giỏ hàng chưa thanh toán';
const AUDIENCE_ID = '23851234567890';
const TOKEN = 'e2e-meta-ads-token';
const VERSION = 'v21.0';

const lan = { userId: 'lan', email: 'lan@example.vn', traits: { firstName: 'Lan', lastName: 'Nguyễn', phone: '0912 111 222' } };
const hung = { userId: 'hung', email: 'hung@example.vn', traits: { firstName: 'Hùng', lastName: 'Trần', phone: '0987 333 444' } };
const sha = (s: string) => createHash('sha256').update(s).digest('hex');
/** The row Meta documents for a customer: SHA-256 of the lower-cased email and of the phone's digits with country code. */
const metaRow = (email: string, phoneDigits: string) => `${sha(email)}|${sha(phoneDigits)}`;

let sys: BraidSystem;
let shop: StoryShop;
let store: ShopSource;
let facebook: FakeFacebookAudiences;
let browser: Browser;
let marketer: BrowserContext;
let page: Page;
let journeyId = '';
const customers: Record<string, string> = {};

type Trace = { enrollments: { status: string; currentNode: string | null; finishedAt: number | null; steps: { nodeId: string; outcome: string; reason: string | null }[] }[] };
const trace = (customerId: string) => admin<Trace>(sys, 'GET', `/api/journeys/${journeyId}/customers/${customerId}/trace`);

async function customerOf(userId: string): Promise<string> {
  const r = await sys.db.client.execute({ sql: "SELECT customer_id FROM customer_identities WHERE type = 'user_id' AND value = ?", args: [userId] });
  return String(r.rows[0]!.customer_id);
}

async function membership(customerId: string) {
  const r = await sys.db.client.execute({ sql: "SELECT added_at, removed_at FROM audience_members WHERE audience = ? AND platform = 'facebook' AND customer_id = ?", args: [AUDIENCE, customerId] });
  return r.rows[0] ? { added: r.rows[0].added_at !== null, removed: r.rows[0].removed_at !== null } : null;
}

const shot = (p: Page, name: string) => p.screenshot({ path: `${ARTIFACTS}${name}.png`, fullPage: true });

/** The hour now in Vietnam, where the journey's "that evening" window is read. */
function vietnamHour(): number {
  return Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', hourCycle: 'h23' }).format(new Date()));
}
const hh = (h: number) => `${String(h % 24).padStart(2, '0')}:00`;

describe('story 4: cart retargeting until they order', () => {
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    facebook = await startFakeFacebookAudiences({ token: TOKEN, version: VERSION, audienceIds: [AUDIENCE_ID] });
    // The shop's Meta ads account, as an installation configures it (the worker reads it at start).
    process.env.FACEBOOK_ADS_ACCESS_TOKEN = TOKEN;
    process.env.FACEBOOK_GRAPH_VERSION = VERSION;
    process.env.FACEBOOK_GRAPH_BASE_URL = facebook.url;
    process.env.FACEBOOK_AUDIENCES = JSON.stringify({ [AUDIENCE]: AUDIENCE_ID });
    sys = await startSystem({ log: () => undefined });
    shop = await startStoryShop(sys.apiUrl, sys.credentials.writeKey, {
      name: 'Hoa Ban Sport · Đồ thể thao',
      products: [
        { id: 'giay-chay', name: 'Giày chạy bộ Trail', price: 1_450_000 },
        { id: 'ao-khoac', name: 'Áo khoác gió', price: 690_000 },
      ],
      accounts: [lan, hung],
    });
    await allowWebsite(sys, shop.url);
    store = await connectShop(sys, 'Hoa Ban Sport online');
    browser = await launchBrowser();
    marketer = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    page = await marketer.newPage();
    page.on('pageerror', (e) => console.error('[browser]', e.message));
    await signIn(page, sys.webUrl, sys.credentials.email, sys.credentials.password, '[data-testid=new-journey]');
  });

  afterAll(async () => {
    await browser?.close();
    await shop?.stop();
    await sys?.stop();
    await facebook?.close();
    for (const k of ['FACEBOOK_ADS_ACCESS_TOKEN', 'FACEBOOK_GRAPH_VERSION', 'FACEBOOK_GRAPH_BASE_URL', 'FACEBOOK_AUDIENCES']) delete process.env[k];
  });

  it('the marketer creates the journey from its template in Vietnamese, shortens its waits and publishes', async () => {
    journeyId = await createFromTemplate(page, sys.webUrl, 'browse-abandonment', 'Quảng cáo nhắc giỏ hàng');
    expect(await page.locator('.react-flow__node[data-id="retarget"] [data-testid=step-name]').textContent()).toBe('Thêm vào tệp quảng cáo');
    expect(await page.locator('.react-flow__node[data-id="untarget-buyer"] [data-testid=step-name]').textContent()).toBe('Gỡ người đã mua khỏi tệp');
    // The template opens with no English on screen (event names are the shop's data).
    expect(await findEnglish(page, '.editor', ['Product Added', 'Order Completed', sys.credentials.email], englishCatalogue())).toEqual([]);
    // Two hours to order become six seconds; "that evening" becomes the two hours starting now.
    await setDuration(page, 'no-order-yet', 'duration', 0.1, 'minutes');
    const h = vietnamHour();
    await setTimeWindow(page, 'evening', hh(h), hh(h + 2));
    await publishWithNote(page, 'Chạy thử: chờ 6 giây, khung giờ tối là bây giờ');
    const published = await admin<{ graph: { nodes: { id: string; config: Record<string, unknown> }[] } }>(sys, 'GET', `/api/journeys/${journeyId}/versions/1`);
    expect(published.graph.nodes.find((n) => n.id === 'no-order-yet')?.config.duration).toEqual({ amount: 0.1, unit: 'minutes' });
    expect(published.graph.nodes.find((n) => n.id === 'retarget')?.config).toMatchObject({ operation: 'add', platforms: ['facebook'], audience: AUDIENCE });
  });

  it('two shoppers log in and leave a cart on the website; that evening both are in the Facebook audience', async () => {
    for (const who of [lan, hung]) {
      const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', isMobile: true });
      const p = await phone.newPage();
      await logIn(p, shop.url, who.email);
      await openShopPage(p, shop.url);
      await addToCart(p, who === lan ? 'giay-chay' : 'ao-khoac');
      await shot(p, `story4-01-cart-${who.userId}`);
      await phone.close();
      customers[who.userId] = await customerOf(who.userId);
    }
    const members = await eventually('both shoppers in the Facebook audience', async () => {
      const set = facebook.members.get(AUDIENCE_ID)!;
      return set.size === 2 ? [...set] : undefined;
    }, 90_000);
    expect(members.sort()).toEqual([metaRow('lan@example.vn', '84912111222'), metaRow('hung@example.vn', '84987333444')].sort());
    // Braid knows whom it put where, whatever the platform.
    expect(await membership(customers.lan!)).toEqual({ added: true, removed: false });
    expect(await membership(customers.hung!)).toEqual({ added: true, removed: false });
    // Every request to Meta carried the token and the documented payload (the fake refuses others).
    expect(facebook.requests.every((r) => r.method === 'POST' && r.path === `/${VERSION}/${AUDIENCE_ID}/users`)).toBe(true);
  });

  it('chị Lan orders on the website: she leaves the audience at once; anh Hùng stays until his week is up', async () => {
    await deliverWebhook(store, 'orders/create', shopifyOrder({ id: 4101, email: lan.email, firstName: 'Lan', items: [{ title: 'Giày chạy bộ Trail', price: 1_450_000, quantity: 1 }] }));
    await eventually('Lan out of the Facebook audience', async () => {
      const set = facebook.members.get(AUDIENCE_ID)!;
      return set.size === 1 && set.has(metaRow('hung@example.vn', '84987333444')) ? true : undefined;
    }, 60_000);
    expect(facebook.requests.some((r) => r.method === 'DELETE')).toBe(true);
    expect(await membership(customers.lan!)).toEqual({ added: true, removed: true });
    expect(await membership(customers.hung!)).toEqual({ added: true, removed: false });

    const lanPath = await eventually('Lan finished', async () => {
      const t = await trace(customers.lan!);
      return t.enrollments[0]?.finishedAt !== null && t.enrollments[0]?.steps.some((s) => s.nodeId === 'exit-bought') ? t.enrollments[0] : undefined;
    });
    const visited = lanPath.steps.map((s) => s.nodeId);
    expect(visited).toEqual(expect.arrayContaining(['no-order-yet', 'evening', 'retarget', 'untarget-buyer', 'exit-bought']));
    expect(visited).not.toContain('untarget');
    expect(lanPath.status).toBe('completed');
    // The order converted her where she was waiting: the week in the audience.
    expect(lanPath.steps).toContainEqual(expect.objectContaining({ nodeId: 'week', outcome: 'converted' }));
    const hungPath = (await trace(customers.hung!)).enrollments[0]!;
    expect(hungPath.status).toBe('active');
    expect(hungPath.currentNode).toBe('week');
  });

  it('the canvas shows the live counts and Lan’s timeline shows her cart, the audience and her order', async () => {
    await openLiveCounts(page, sys.webUrl, journeyId);
    await waitForEntered(page, 'retarget', 2);
    await waitForEntered(page, 'untarget-buyer', 1);
    await shot(page, 'story4-02-canvas-live-counts');
    const timeline = await openTimeline(page, sys.webUrl, customers.lan!);
    expect(timeline).toContain('Product Added');
    expect(timeline).toContain('Order Completed');
    await shot(page, 'story4-03-lan-timeline');
  });
});
