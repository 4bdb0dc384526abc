// SCENARIO §1, Hoa Ban Food, end to end through Braid's public interfaces only, against the
// whole started system (Temporal dev server, worker, API serving the web app) and real Chromium:
// the marketer creates the journey from the template on the canvas and shortens its waits in the
// draft's own step settings; anh Toản and chị Mai use the shop's website (the snippet: page views,
// sign-in, cart, checkout, cancel, review), Toản buys at the showroom (POS endpoint), replies on
// Messenger (the signed webhook), Mai opens her email (the tracking pixel), and Toản's friends
// order with his referral code online (a signed Haravan webhook) and at the till. Asserted: each
// customer's path and timings, the messages in Vietnamese with their name, products and voucher,
// the ad audiences, the conversion and revenue in the report, the referral credited and rewarded.
import { createHmac } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { and, audienceMembers, eq, messages } from '@braid/db';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchBrowser, signIn } from '../src/browser';
import { startHoaBanShop } from '../src/hoa-ban-shop';
import { eventually } from '../src/ingest';
import type { Shop } from '../src/shop';
import { startSystem, type BraidSystem } from '../src/system';

const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));
const MESSENGER_SECRET = 'e2e-messenger-app-secret';
const TOAN_PSID = 'psid-toan-2606';

type Json = Record<string, unknown>;
type Step = { nodeId: string; outcome: string; reason: string | null; at: number };
type TraceMessage = { id: string; nodeId: string | null; channel: string; status: string; subject: string | null; body: string | null; createdAt: number };
type Trace = { enrollments: { id: string; status: string; steps: Step[]; messages: TraceMessage[] }[] };
type GraphNode = { id: string; type: string; config: Json };

let sys: BraidSystem;
let shop: Shop;
let browser: Browser;
let toanContext: BrowserContext;
let maiContext: BrowserContext;
let marketer: Page;
let journeyId = '';
let toanId = '';
let maiId = '';

async function admin<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${sys.apiUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${sys.credentials.adminToken}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

const basic = () => `Basic ${Buffer.from(`${sys.credentials.writeKey}:`).toString('base64')}`;

async function posSale(body: Json): Promise<void> {
  const res = await fetch(`${sys.apiUrl}/v1/pos/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: basic() },
    body: JSON.stringify({ store: 'Showroom Hàng Giấy', ...body }),
  });
  expect(res.status, await res.clone().text()).toBe(200);
}

async function customerOf(userId: string): Promise<string> {
  const r = await sys.db.client.execute({ sql: "SELECT customer_id FROM customer_identities WHERE type = 'user_id' AND value = ?", args: [userId] });
  const id = r.rows[0]?.customer_id;
  if (id === undefined || id === null) throw new Error(`no customer ${userId}`);
  return String(id);
}

const trace = (customerId: string) => admin<Trace>('GET', `/api/journeys/${journeyId}/customers/${customerId}/trace`);

/** Waits until the customer's journey has entered `nodeId` (and returns the trace). */
async function reached(customerId: string, nodeId: string, timeoutMs = 90_000): Promise<Trace> {
  return eventually(`${customerId} at ${nodeId}`, async () => {
    const t = await trace(customerId);
    return t.enrollments[0]?.steps.some((s) => s.nodeId === nodeId && s.outcome === 'entered') ? t : undefined;
  }, timeoutMs);
}

const entered = (t: Trace) => t.enrollments[0]!.steps.filter((s) => s.outcome === 'entered').map((s) => s.nodeId);
const at = (t: Trace, nodeId: string) => t.enrollments[0]!.steps.find((s) => s.nodeId === nodeId && s.outcome === 'entered')!.at;

async function sentMessage(customerId: string, nodeId: string): Promise<TraceMessage> {
  return eventually(`${nodeId} to ${customerId}`, async () => {
    const t = await trace(customerId);
    return t.enrollments[0]?.messages.find((m) => m.nodeId === nodeId && m.status !== 'queued');
  }, 90_000);
}

async function shopPage(context: BrowserContext, path: string): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error('[shop]', e.message));
  await page.goto(`${shop.url}${path}`);
  await page.waitForFunction(() => (window as unknown as { braid?: { initialized?: boolean } }).braid?.initialized === true);
  return page;
}

/** Sends what the snippet queued before the customer leaves the page. */
async function leave(page: Page): Promise<void> {
  await page.evaluate(() => (window as unknown as { braid: { flush(): Promise<void> } }).braid.flush());
  await page.close();
}

async function messengerWebhook(messaging: Json[]): Promise<Json> {
  const raw = JSON.stringify({ object: 'page', entry: [{ id: 'hoa-ban-food-page', time: Date.now(), messaging }] });
  const res = await fetch(`${sys.apiUrl}/t/webhooks/messenger`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': `sha256=${createHmac('sha256', MESSENGER_SECRET).update(raw).digest('hex')}` },
    body: raw,
  });
  expect(res.status).toBe(200);
  return (await res.json()) as Json;
}

/** Drags the canvas by its empty background (never a step) until `nodeId` sits in the middle of it. */
async function panTo(page: Page, nodeId: string): Promise<void> {
  const pane = (await page.locator('.react-flow').boundingBox())!;
  for (let i = 0; i < 6; i++) {
    const box = (await page.locator(`.react-flow__node[data-id="${nodeId}"]`).boundingBox())!;
    const dx = pane.x + pane.width / 2 - (box.x + box.width / 2);
    const dy = pane.y + pane.height / 2 - (box.y + box.height / 2);
    if (Math.abs(dx) < 40 && Math.abs(dy) < 40) return;
    const from = await page.evaluate(({ x, y, w, h }) => {
      for (let py = y + 20; py < y + h - 20; py += 40)
        for (let px = x + 20; px < x + w - 20; px += 40) if (document.elementFromPoint(px, py)?.classList.contains('react-flow__pane')) return { x: px, y: py };
      return null;
    }, { x: pane.x, y: pane.y, w: pane.width, h: pane.height });
    if (!from) throw new Error('no empty background on the canvas to drag');
    // At most half the canvas per drag, so the pointer stays near it.
    const step = { x: Math.max(-pane.width / 2, Math.min(pane.width / 2, dx)), y: Math.max(-pane.height / 2, Math.min(pane.height / 2, dy)) };
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(from.x + step.x, from.y + step.y, { steps: 10 });
    await page.mouse.up();
  }
}

describe('Hoa Ban Food: abandoned cart → showroom → referral (SCENARIO §1)', () => {
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    // Messenger signs its webhooks with the app secret; emails carry signed open pixels.
    process.env.MESSENGER_APP_SECRET = MESSENGER_SECRET;
    process.env.BRAID_TRACKING_SECRET ??= 'e2e-tracking-secret';
    sys = await startSystem({ log: () => undefined });
    shop = await startHoaBanShop(sys.apiUrl, sys.credentials.writeKey, TOAN_PSID);
    // The marketer lets the shop's pages use the write key (Settings → Sources → Website).
    await admin('PUT', '/api/website', { allowedOrigins: [shop.url] });
    browser = await launchBrowser();
    const viewport = { width: 1440, height: 900 };
    marketer = await (await browser.newContext({ viewport, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' })).newPage();
    marketer.on('pageerror', (e) => console.error('[braid]', e.message));
    toanContext = await browser.newContext({ viewport, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    maiContext = await browser.newContext({ viewport, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  }, 180_000);

  // One story: once a chapter fails, the later ones would only time out on its consequences.
  let broken = false;
  beforeEach((ctx) => {
    if (broken) ctx.skip();
  });
  afterEach((ctx) => {
    if (ctx.task.result?.state === 'fail') broken = true;
  });

  afterAll(async () => {
    await browser?.close();
    await shop?.stop();
    await sys?.stop();
  });

  it('the marketer creates the journey from the template, shortens its waits in the draft and publishes it', async () => {
    await signIn(marketer, sys.webUrl, sys.credentials.email, sys.credentials.password, '[data-testid=new-journey]');
    await marketer.click('[data-testid=new-journey]');
    await marketer.locator('.choice', { hasText: 'Hoa Ban Food' }).click();
    await marketer.click('[data-testid=create-journey]');
    await marketer.waitForSelector('[data-testid=canvas] .react-flow__node');
    journeyId = decodeURIComponent(marketer.url().split('#/journeys/')[1] ?? '');
    expect(journeyId).not.toBe('');
    await marketer.click('[data-testid="tab-problems"]');
    await marketer.waitForSelector('[data-testid=no-problems]');
    // Away from the canvas before the draft changes elsewhere.
    await marketer.goto(`${sys.webUrl}/#/journeys`);
    await marketer.waitForSelector('[data-testid=journeys-table]');

    // The story's hours and days become seconds, in the steps' own settings.
    const journey = await admin<{ draftRevision: number; draftGraph: { nodes: GraphNode[]; edges: unknown[] } }>('GET', `/api/journeys/${journeyId}`);
    const node = (id: string) => journey.draftGraph.nodes.find((n) => n.id === id)!;
    expect(node('cart-email').config.subject).toBe('Hoa Ban Food xin chào anh {{ customer.firstName }}');
    const minutes = (amount: number) => ({ amount, unit: 'minutes' });
    node('checkout-wait').config.timeout = minutes(0.1);
    node('evening').config = { ...node('evening').config, from: '00:00', to: '23:59' };
    // The showroom SMS is advertising: Decree 91 would hold it from 22:00 to 07:00 in Vietnam, and
    // the story runs at any hour (the decree has its own tests), so it goes as customer care here.
    expect(node('showroom-sms').config.smsPurpose).toBe('advertising');
    node('showroom-sms').config.smsPurpose = 'customer_care';
    node('wait-open').config.duration = minutes(0.5);
    node('overnight').config.duration = minutes(0.1);
    node('wait-week').config.duration = minutes(0.1);
    node('wait-2-days').config.duration = minutes(0.2);
    await admin('PUT', `/api/journeys/${journeyId}/draft`, { revision: journey.draftRevision, graph: journey.draftGraph });
    await admin('POST', `/api/journeys/${journeyId}/publish`, { note: 'Giỏ hàng bỏ quên, thời gian chờ rút ngắn để chạy thử' });
  });

  it('Toản comes from YouTube, signs in, puts 2 kg of smoked buffalo meat in his cart and leaves; Mai does the same', async () => {
    const home = await shopPage(toanContext, '/?utm_source=youtube&utm_medium=video');
    await home.fill('input[name=email]', 'toan@example.vn');
    await home.fill('input[name=firstName]', 'Toản');
    await home.click('#signin button');
    await home.click('a[href="/san-pham/thit-trau"]');
    await home.waitForURL('**/san-pham/thit-trau');
    await home.waitForFunction(() => (window as unknown as { braid?: { initialized?: boolean } }).braid?.initialized === true);
    await home.click('#add');
    await home.screenshot({ path: `${ARTIFACTS}story-hbf-01-shop-cart.png` });
    await leave(home);

    const mai = await shopPage(maiContext, '/');
    await mai.fill('input[name=email]', 'mai@example.vn');
    await mai.fill('input[name=firstName]', 'Mai');
    await mai.click('#signin button');
    await mai.click('a[href="/san-pham/thit-trau"]');
    await mai.waitForURL('**/san-pham/thit-trau');
    await mai.waitForFunction(() => (window as unknown as { braid?: { initialized?: boolean } }).braid?.initialized === true);
    await mai.fill('#qty', '1');
    await mai.click('#add');
    await leave(mai);

    toanId = await eventually('Toản known', () => customerOf('kh-toan').catch(() => undefined));
    maiId = await eventually('Mai known', () => customerOf('kh-mai').catch(() => undefined));
    // The anonymous YouTube visit is on his profile.
    const toanEvents = await admin<{ events: { name: string | null; type: string; properties: Json; context: Json }[] }>('GET', `/api/customers/${toanId}/events`);
    expect(JSON.stringify(toanEvents.events.filter((e) => e.type === 'page'))).toContain('utm_source=youtube');
    await reached(toanId, 'checkout-wait');
  });

  it('that evening the email greets him by name with his 2 kg of buffalo meat and a unique 99k voucher; Mai opens hers', async () => {
    const email = await sentMessage(toanId, 'cart-email');
    expect(email.channel).toBe('email');
    expect(email.subject).toBe('Hoa Ban Food xin chào anh Toản');
    expect(email.body).toContain('Hoa Ban Food xin chào anh Toản!');
    expect(email.body).toContain('2kg thịt trâu gác bếp vẫn đang chờ anh trong giỏ hàng (1.700.000 đ)');
    const voucher = /Nhập mã (HOABAN[0-9A-F]+) để được giảm 99.000 đ/.exec(email.body ?? '')?.[1];
    expect(voucher).toBeDefined();
    // Not before the checkout wait (6 s in the draft) ran out.
    const t = await trace(toanId);
    expect(at(t, 'evening') - at(t, 'checkout-wait')).toBeGreaterThanOrEqual(6_000);

    // Mai's mail app loads the images: the open pixel, at Braid's tracking route.
    const maiEmail = await sentMessage(maiId, 'cart-email');
    expect(maiEmail.body).toContain('1kg thịt trâu gác bếp');
    expect(/Nhập mã (HOABAN[0-9A-F]+)/.exec(maiEmail.body ?? '')?.[1]).not.toBe(voucher);
    const [row] = await sys.db.db.select().from(messages).where(eq(messages.id, maiEmail.id));
    const html = (row!.payload as { sandbox?: { html?: string } }).sandbox?.html ?? '';
    const pixel = /\/t\/o\/([^"]+)"/.exec(html)?.[1];
    expect(pixel, 'the email carries an open pixel').toBeDefined();
    const opened = await fetch(`${sys.apiUrl}/t/o/${pixel}`);
    expect(opened.status).toBe(200);
    expect(opened.headers.get('content-type')).toContain('image/gif');
  });

  it('Toản ignores it: he joins the 99k ad audiences overnight and the charity banner a "week" later; Mai, who opened, sees no 99k ads', async () => {
    const t = await reached(toanId, 'browse-wait');
    expect(entered(t)).toEqual(['checkout-wait', 'evening', 'voucher-99k', 'cart-email', 'wait-open', 'opened-email', 'ads-99k-add', 'overnight', 'ads-99k-remove', 'wait-week', 'awareness-ad', 'browse-wait']);
    expect(t.enrollments[0]!.steps.find((s) => s.nodeId === 'opened-email' && s.outcome === 'left')?.reason).toMatch(/→ no/);
    // The 4 hours, the night and the week are the draft's 30, 6 and 6 seconds.
    expect(at(t, 'opened-email') - at(t, 'wait-open')).toBeGreaterThanOrEqual(30_000);
    expect(at(t, 'ads-99k-remove') - at(t, 'overnight')).toBeGreaterThanOrEqual(6_000);
    expect(at(t, 'awareness-ad') - at(t, 'wait-week')).toBeGreaterThanOrEqual(6_000);

    const m = await reached(maiId, 'browse-wait');
    expect(entered(m)).toEqual(['checkout-wait', 'evening', 'voucher-99k', 'cart-email', 'wait-open', 'opened-email', 'wait-week', 'awareness-ad', 'browse-wait']);
    expect(m.enrollments[0]!.messages.find((x) => x.nodeId === 'cart-email')?.status).toBe('opened');

    const audiences = async (customerId: string) =>
      (await sys.db.db.select().from(audienceMembers).where(eq(audienceMembers.customerId, customerId))).map((a) => `${a.platform}:${a.audience}:${a.removedAt ? 'removed' : 'in'}`).sort();
    const toanAudiences = await audiences(toanId);
    // Added for the night on every platform, removed in the morning; the charity banner stays.
    for (const platform of ['facebook', 'google', 'zalo']) expect(toanAudiences).toContain(`${platform}:Giỏ hàng bỏ quên – ưu đãi 99k:removed`);
    expect(toanAudiences).toContain('google:Vì trẻ em Tây Bắc:in');
    expect((await audiences(maiId)).join('\n')).not.toContain('ưu đãi 99k');
  });

  it('back on the website he views Mắc Khén and Hạt Dổi, joins the combo audience, then cancels the combo at confirmation', async () => {
    const spices = await shopPage(toanContext, '/san-pham/mac-khen');
    await spices.goto(`${shop.url}/san-pham/hat-doi`);
    await spices.waitForFunction(() => (window as unknown as { braid?: { initialized?: boolean } }).braid?.initialized === true);
    await leave(spices);
    await reached(toanId, 'checkout-cancel-wait');
    const combo = (await sys.db.db.select().from(audienceMembers).where(and(eq(audienceMembers.customerId, toanId), eq(audienceMembers.platform, 'facebook')))).map((a) => a.audience);
    expect(combo).toContain('Đã xem Mắc Khén / Hạt Dổi – combo 1.350k');

    // He clicks the Facebook ad: the checkout, his address in Cầu Giấy and his phone, then "Huỷ".
    const checkout = await shopPage(toanContext, '/thanh-toan?utm_source=facebook&utm_campaign=combo');
    await checkout.fill('input[name=name]', 'Nguyễn Văn Toản');
    await checkout.fill('input[name=phone]', '0909908089');
    await checkout.fill('input[name=district]', 'Cầu Giấy');
    await checkout.fill('input[name=city]', 'Hà Nội');
    await checkout.check('input[name=messenger]');
    await checkout.click('#continue');
    await checkout.waitForSelector('#confirm:not([hidden])');
    await checkout.screenshot({ path: `${ARTIFACTS}story-hbf-02-shop-checkout.png` });
    await checkout.click('#cancel');
    await leave(checkout);
  });

  it('an SMS invites him, by his district, to the Hàng Giấy showroom, on the phone he typed at checkout', async () => {
    const sms = await sentMessage(toanId, 'showroom-sms');
    expect(sms.channel).toBe('sms');
    // Written with marks, sent without (one GSM-7 SMS).
    expect(sms.body).toContain('Hoa Ban Food moi anh Toan o Cau Giay ghe showroom Hang Giay');
    expect(sms.body).toContain('Mac Khen+Hat Doi+1kg trau 1.350k. Tu choi: nhan HUY');
    const [row] = await sys.db.db.select().from(messages).where(eq(messages.id, sms.id));
    expect(row!.recipient).toBe('+84909908089');
    const t = await trace(toanId);
    expect(t.enrollments[0]!.steps.find((s) => s.nodeId === 'in-hanoi' && s.outcome === 'left')?.reason).toMatch(/→ yes/);
  });

  it('he buys the combo at the showroom (POS, phone typed by the cashier): the goal, a Messenger thank-you, and two "days" later a review request he answers', async () => {
    await posSale({ phone: '0909 908 089', orderId: 'HG-2606', cashier: 'Hằng', products: [{ productId: 'combo-tay-bac', name: 'Combo Mắc Khén + Hạt Dổi + 1kg thịt trâu gác bếp', price: 1_350_000, quantity: 1 }] });
    const thanks = await sentMessage(toanId, 'thank-you');
    expect(thanks.channel).toBe('messenger');
    expect(thanks.body).toBe('Cảm ơn anh Toản đã mua hàng tại Hoa Ban Food! Chúc anh và gia đình ngon miệng.');
    const [thanksRow] = await sys.db.db.select().from(messages).where(eq(messages.id, thanks.id));
    expect(thanksRow!.recipient).toBe(TOAN_PSID);
    let t = await trace(toanId);
    expect(t.enrollments[0]!.steps.find((s) => s.outcome === 'converted')?.nodeId).toBe('showroom-wait');

    const ask = await sentMessage(toanId, 'review-ask');
    expect(ask.body).toBe('Anh Toản thấy thịt trâu gác bếp thế nào ạ? Đánh giá giúp Hoa Ban Food nhé!');
    t = await trace(toanId);
    expect(at(t, 'review-ask') - at(t, 'wait-2-days')).toBeGreaterThanOrEqual(12_000);
    // He reads it and answers on Messenger: the page's webhook, signed by Meta.
    const now = Date.now();
    await messengerWebhook([{ sender: { id: TOAN_PSID }, recipient: { id: 'hoa-ban-food-page' }, timestamp: now, read: { watermark: now } }]);
    await messengerWebhook([{ sender: { id: TOAN_PSID }, recipient: { id: 'hoa-ban-food-page' }, timestamp: now + 1, message: { mid: 'm-toan-1', text: 'Ngon lắm shop ơi, 5 sao!' } }]);
    await eventually('his reply on the review request', async () => {
      const [row] = await sys.db.db.select().from(messages).where(eq(messages.id, ask.id));
      return row?.status === 'replied' ? row : undefined;
    });
  });

  it('he gives 5 stars on the website and gets the referral email with his code', async () => {
    const review = await shopPage(toanContext, '/danh-gia');
    await review.selectOption('#rating', '5');
    await review.fill('#comment', 'Thịt trâu chuẩn vị Tây Bắc');
    await review.click('#send');
    await leave(review);
    const referral = await sentMessage(toanId, 'referral-email');
    expect(referral.subject).toBe('Cảm ơn anh Toản – giới thiệu bạn bè, nhận một nồi chè');
    expect(referral.body).toBe('Giới thiệu bạn bè với mã TOAN-HB: mỗi đơn trên 500.000 đ của bạn anh, Hoa Ban Food tặng anh một nồi chè.');
    await reached(toanId, 'referral-wait');
  });

  it('a friend orders 620k online with his code: Toản is credited and gets a pot of chè; a 300k order at the till is credited but earns none', async () => {
    const source = await admin<{ id: string; secret: string; webhookUrl: string }>('POST', '/api/commerce-sources', { platform: 'haravan', name: 'hoabanfood.vn (Haravan)' });
    const order = {
      id: 880001,
      name: '#1042',
      checkout_token: 'ck-lan-1',
      email: 'lan@example.vn',
      currency: 'VND',
      total_price: '620000',
      created_at: new Date().toISOString(),
      line_items: [{ product_id: 501, title: 'Mật ong rừng Tây Bắc', price: '620000', quantity: 1 }],
      note_attributes: [{ name: 'referral_code', value: 'TOAN-HB' }],
      customer: { id: 9001, email: 'lan@example.vn', first_name: 'Lan', last_name: 'Phạm' },
      shipping_address: { city: 'Hà Nội', district: 'Ba Đình', phone: '0912555111' },
    };
    const raw = JSON.stringify(order);
    const res = await fetch(`${sys.apiUrl}/v1/commerce/${source.id}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-haravan-hmacsha256': createHmac('sha256', source.secret).update(raw).digest('base64'),
        'x-haravan-topic': 'orders/create',
        'x-haravan-webhook-id': 'wh-lan-1042',
      },
      body: raw,
    });
    expect(res.status, await res.clone().text()).toBeLessThan(300);

    const reward = await sentMessage(toanId, 'reward-email');
    expect(reward.subject).toBe('Anh Toản ơi, một nồi chè đang chờ anh');
    const code = /Mang mã (NOICHE[0-9A-F]+) tới showroom phố Hàng Giấy để nhận một nồi chè/.exec(reward.body ?? '')?.[1];
    expect(code, reward.body ?? '').toBeDefined();
    expect(reward.body).toContain('với mã giới thiệu TOAN-HB');
    // Back to waiting for the next friend.
    await eventually('Toản waiting for the next referral', async () => {
      const t = await trace(toanId);
      return t.enrollments[0]!.steps.filter((s) => s.nodeId === 'referral-wait' && s.outcome === 'entered').length === 2 ? t : undefined;
    });

    await posSale({ phone: '0988 111 222', name: 'Hùng Trần', orderId: 'HG-2607', referralCode: 'TOAN-HB', products: [{ name: 'Hạt Dổi', price: 150_000, quantity: 2 }] });
    const credits = await eventually('both credits on Toản', async () => {
      const r = await admin<{ events: { name: string | null; properties: Json }[] }>('GET', `/api/customers/${toanId}/events`);
      const found = r.events.filter((e) => e.name === 'Referral Credited');
      return found.length === 2 ? found : undefined;
    });
    expect(credits.map((c) => c.properties.revenue).sort()).toEqual([300_000, 620_000]);
    const t = await trace(toanId);
    expect(t.enrollments[0]!.messages.filter((m) => m.nodeId === 'reward-email')).toHaveLength(1);
    expect(t.enrollments[0]!.status).toBe('active');
  });

  it('the report shows the showroom revenue, the conversion and the referrals credited', async () => {
    const report = await admin<{ summary: { entered: number; converted: number; revenue: number; referralsCredited: number } }>('GET', `/api/reports/journeys/${journeyId}`);
    expect(report.summary).toMatchObject({ entered: 2, converted: 1, revenue: 1_350_000, referralsCredited: 2 });
    await marketer.goto(`${sys.webUrl}/#/reports`);
    await marketer.locator('[data-testid=report-journeys]').waitFor();
    await marketer.getByRole('link', { name: /Hoa Ban Food/ }).first().click();
    await marketer.locator('[data-testid=report-summary]').waitFor();
    expect(await marketer.locator('[data-testid=report-revenue]').innerText()).toBe('1.350.000 ₫');
    expect(await marketer.locator('[data-testid=report-referrals]').innerText()).toBe('2');
    await marketer.screenshot({ path: `${ARTIFACTS}story-hbf-03-report.png`, fullPage: true });
  });

  it('the canvas shows the live counts, and Toản’s customer page his whole story', async () => {
    await marketer.goto(`${sys.webUrl}/#/journeys/${encodeURIComponent(journeyId)}`);
    await marketer.waitForSelector('[data-testid=canvas] .react-flow__node');
    // The statistics tab lays the live counts over every step.
    await marketer.click('[data-testid="tab-stats"]');
    await marketer.waitForFunction(
      () => /↘\s*1/.test(document.querySelector('.react-flow__node[data-id="reward-email"] [data-testid=node-stats]')?.textContent ?? ''),
      undefined,
      { timeout: 30_000 },
    );
    // The entry path with its counts, then Toản's path lit up and the canvas moved to his last steps.
    await marketer.screenshot({ path: `${ARTIFACTS}story-hbf-04-canvas-live.png` });
    await marketer.fill('[data-testid=trace-search]', 'Toản');
    await marketer.locator('[data-testid=trace-candidates] button', { hasText: 'Toản' }).first().click();
    await marketer.waitForSelector('[data-testid=trace] li');
    await panTo(marketer, 'reward-email');
    await marketer.screenshot({ path: `${ARTIFACTS}story-hbf-05-canvas-referral.png` });

    await marketer.goto(`${sys.webUrl}/#/customers/${encodeURIComponent(toanId)}`);
    await marketer.waitForSelector('[data-testid=customer-profile]');
    await marketer.waitForSelector('[data-testid=timeline-message]');
    const messagesShown = (await marketer.locator('[data-testid=timeline-message]').allTextContents()).join('\n');
    // Newest first: the chè, the referral offer, his Messenger answer.
    expect(messagesShown).toContain('Anh Toản ơi, một nồi chè đang chờ anh');
    expect(messagesShown).toContain('Cảm ơn anh Toản – giới thiệu bạn bè, nhận một nồi chè');
    expect(messagesShown).toMatch(/Messenger đã trả lời[^]*Anh Toản thấy thịt trâu gác bếp thế nào ạ\?/);
    expect(await marketer.textContent('[data-testid=customer-identities]')).toContain('+84909908089');
    await marketer.screenshot({ path: `${ARTIFACTS}story-hbf-06-customer-toan.png`, fullPage: true });
  });
});
