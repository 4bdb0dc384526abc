// SCENARIO §2, reaching each customer where they are, end to end through the public interfaces.
// Four customers of Hoa Ban Food build different histories through real sends of the shop's
// "new arrivals" journey and what they do with them: Toản answers on Zalo and never opens email,
// Toàn clicks his emails and ignores Messenger, Toạn (on every channel) answers on Messenger, and
// Toán has only a phone. The marketer creates "reach each customer on their best channel" from its
// template, sets the hour the hotline starts calling to the current hour (the journey's own
// setting, so nobody waits for tomorrow morning), and publishes. When each views wild honey, each
// is followed up on their own channel in Vietnamese with their name, the trace says why, and the
// hotline staff completes Toán's call task in the task inbox.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journeyGraph } from '../../packages/journey/fixtures/builder';
import { launchBrowser, signIn } from '../src/browser';
import { fill, select, waitSaved } from '../src/canvas-driver';
import { eventually, sendEvent } from '../src/ingest';
import { clickLink, messengerMessage, zaloMessage, type ProviderSecrets } from '../src/provider-callbacks';
import { adminClient, canvasWithCounts, createFromTemplate, customerIdOf, customerTimeline, publishFromCanvas, stepsEntered, type Admin } from '../src/story';
import { startSystem, type BraidSystem } from '../src/system';

const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));
const SECRETS: ProviderSecrets = { messengerAppSecret: 'e2e-messenger-app-secret', zaloAppId: '4312000000000000001', zaloOaSecretKey: 'e2e-zalo-oa-secret-key' };
const HOTLINE = { email: 'hotline@hoaban.vn', password: 'goi-lai-cho-khach-2026', name: 'Hằng (hotline)' };
const HONEY = 'Mật ong rừng Tây Bắc';

type Person = { key: string; userId: string; traits: Record<string, unknown>; id?: string };
const toan = { yt: { key: 'Toản', userId: 'kh-toan-youtube', traits: { firstName: 'Toản', lastName: 'Nguyễn Văn', email: 'toan.youtube@example.vn', zaloId: '5100000000000000001' } } as Person,
  email: { key: 'Toàn', userId: 'kh-toan-email', traits: { firstName: 'Toàn', lastName: 'Lê', email: 'toan.le@example.vn', facebookPsid: '6100000000000001' } } as Person,
  student: { key: 'Toạn', userId: 'kh-toan-hoc-sinh', traits: { firstName: 'Toạn', lastName: 'Phạm', email: 'toan.pham@example.vn', zaloId: '5100000000000000003', facebookPsid: '6100000000000003' } } as Person,
  phone: { key: 'Toán', userId: 'kh-toan-dien-thoai', traits: { firstName: 'Toán', lastName: 'Trần Văn', phone: '0912 345 678' } } as Person };
const everyone = [toan.yt, toan.email, toan.student, toan.phone];

// The shop's own journey that built their histories: each new arrival goes out on every channel
// the customer can be reached on.
const newArrivals = journeyGraph(
  [
    ['arrived', 'trigger-event', { event: 'Back In Stock', where: [], reentry: { mode: 'afterExit' }, entryLimit: null }],
    ['email', 'send-message', { channel: 'email', subject: '{{ entry.properties.product_name }} đã về hàng', body: 'Chào {{ customer.firstName }}, {{ entry.properties.product_name }} đã về hàng: https://hoabanfood.vn/san-pham' }],
    ['zalo', 'send-message', { channel: 'zalo', body: 'Chào {{ customer.firstName }}, {{ entry.properties.product_name }} đã về hàng tại Hoa Ban Food.' }],
    ['messenger', 'send-message', { channel: 'messenger', body: 'Chào {{ customer.firstName }}, {{ entry.properties.product_name }} đã về hàng tại Hoa Ban Food.' }],
    ['done', 'exit', { reason: 'Đã báo hàng về' }],
  ],
  [
    ['arrived', 'out', 'email'],
    ['email', 'out', 'zalo'],
    ['zalo', 'out', 'messenger'],
    ['messenger', 'out', 'done'],
  ],
);
const ARRIVALS = ['Thịt trâu gác bếp', 'Mắc khén', 'Hạt dổi'];

type OutboxMessage = { id: string; customerId: string; journeyId: string | null; nodeId: string | null; channel: string; subject: string | null; body: string | null; status: string };

let sys: BraidSystem;
let admin: Admin;
let browser: Browser;
let page: Page;
let arrivalsJourney = '';
let journeyId = '';

const outbox = async (journey: string) => (await admin<{ messages: OutboxMessage[] }>('GET', `/api/outbox?journeyId=${journey}&limit=200`)).messages;

/** The hour it is now in Hà Nội, as the journey reads hours. */
const hanoiHour = () => Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', hourCycle: 'h23' }).format(new Date()));

describe('story 2: each customer is reached on the channel they answer on', () => {
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    process.env.BRAID_TRACKING_SECRET ??= 'e2e-tracking-secret';
    // The shop's Facebook app and Zalo OA post to Braid's webhook routes, signed with these.
    process.env.MESSENGER_APP_SECRET = SECRETS.messengerAppSecret;
    process.env.ZALO_APP_ID = SECRETS.zaloAppId;
    process.env.ZALO_OA_SECRET_KEY = SECRETS.zaloOaSecretKey;
    sys = await startSystem({ log: () => undefined });
    admin = adminClient(sys);
    for (const p of everyone) {
      await sendEvent(sys.apiUrl, sys.credentials.writeKey, 'identify', { userId: p.userId, traits: p.traits });
      p.id = await customerIdOf(sys, 'user_id', p.userId);
    }
    // The hotline staff member joins the workspace by invitation.
    const invited = await admin<{ link: string }>('POST', '/api/users/invitations', { email: HOTLINE.email, role: 'marketer' });
    const token = decodeURIComponent(invited.link.split('#/invite/')[1] ?? '');
    const accepted = await fetch(`${sys.apiUrl}/api/auth/invitations/${encodeURIComponent(token)}/accept`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: HOTLINE.name, password: HOTLINE.password }) });
    expect(accepted.status).toBe(201);
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    page.on('pageerror', (e) => console.error('[browser]', e.message));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await sys?.stop();
  });

  it('builds each customer’s history from real sends and what they do with them', async () => {
    arrivalsJourney = (await admin<{ id: string }>('POST', '/api/journeys', { name: 'Báo hàng mới về', graph: newArrivals })).id;
    await admin('POST', `/api/journeys/${arrivalsJourney}/publish`, { note: 'Báo hàng về trên mọi kênh' });
    // Toàn and Toạn chat with the fanpage first: Messenger lets the page answer for 24 hours.
    await messengerMessage(sys.apiUrl, SECRETS, String(toan.email.traits.facebookPsid), 'Shop ơi cho mình hỏi giá mắc khén');
    await messengerMessage(sys.apiUrl, SECRETS, String(toan.student.traits.facebookPsid), 'Shop có ship Hà Đông không ạ?');
    // Toản and Toạn follow the Official Account and say hello.
    await zaloMessage(sys.apiUrl, SECRETS, String(toan.yt.traits.zaloId), 'Chào shop');
    await zaloMessage(sys.apiUrl, SECRETS, String(toan.student.traits.zaloId), 'Chào shop');

    for (const [round, product] of ARRIVALS.entries()) {
      for (const p of everyone) await sendEvent(sys.apiUrl, sys.credentials.writeKey, 'track', { userId: p.userId, event: 'Back In Stock', properties: { product_name: product } });
      // Everyone has been through this round's three steps before they answer.
      let seen = '';
      const sent = await eventually(
        `round ${round + 1} of the new arrivals`,
        async () => {
          const rows = (await outbox(arrivalsJourney)).filter((m) => m.body?.includes(product));
          seen = rows.map((m) => `${everyone.find((p) => p.id === m.customerId)?.key} ${m.channel} ${m.status}`).join(', ');
          // Zalo also reaches Toán's phone (a ZNS message), which is not someone who answers on Zalo.
          const expected = { email: 3, zalo: 3, messenger: 2 };
          // Toán's sends have no address to go to: recorded as failed, never delivered.
          const ok = Object.entries(expected).every(([ch, n]) => rows.filter((m) => m.channel === ch && !['queued', 'failed'].includes(m.status)).length === n);
          return ok ? rows : undefined;
        },
        120_000,
      ).catch((e: Error) => {
        throw new Error(`${e.message}; the outbox had: ${seen}`);
      });
      const mine = (p: Person, channel: string) => sent.find((m) => m.customerId === p.id && m.channel === channel)!;
      // Toản answers every Zalo message and never opens an email.
      await zaloMessage(sys.apiUrl, SECRETS, String(toan.yt.traits.zaloId), `Còn ${product} không shop?`);
      // Toàn clicks through every email; Messenger he leaves unread.
      expect(await clickLink(sys.apiUrl, mine(toan.email, 'email').body!)).toBe('https://hoabanfood.vn/san-pham');
      // Toạn answers on Messenger every time and opened the first email only.
      await messengerMessage(sys.apiUrl, SECRETS, String(toan.student.traits.facebookPsid), `Em lấy 1 ${product} nhé`);
      if (round === 0) await clickLink(sys.apiUrl, mine(toan.student, 'email').body!);
      // The next new arrival finds them out of the journey (it lets them in again only after they left).
      for (const p of everyone)
        await eventually(`${p.key} out of round ${round + 1}`, async () => {
          const r = await sys.db.client.execute({ sql: "SELECT count(*) AS n, sum(status = 'active') AS active FROM enrollments WHERE journey_id = ? AND customer_id = ?", args: [arrivalsJourney, p.id!] });
          return Number(r.rows[0]!.n) === round + 1 && Number(r.rows[0]!.active) === 0 ? true : undefined;
        });
    }
    const all = await outbox(arrivalsJourney);
    const answered = (p: Person, channel: string) => all.filter((m) => m.customerId === p.id && m.channel === channel && ['opened', 'clicked', 'replied'].includes(m.status)).length;
    expect([answered(toan.yt, 'zalo'), answered(toan.yt, 'email')]).toEqual([3, 0]);
    expect([answered(toan.email, 'email'), answered(toan.email, 'messenger')]).toEqual([3, 0]);
    expect([answered(toan.student, 'messenger'), answered(toan.student, 'email'), answered(toan.student, 'zalo')]).toEqual([3, 1, 0]);
    // Toán has no email and no Messenger; Zalo reached only his phone number, and he never answered.
    expect(all.filter((m) => m.customerId === toan.phone.id && m.status !== 'failed').map((m) => m.channel)).toEqual(['zalo', 'zalo', 'zalo']);
  }, 420_000);

  it('the marketer creates the journey from its template, lets the hotline start now, and publishes', async () => {
    await signIn(page, sys.webUrl, sys.credentials.email, sys.credentials.password);
    journeyId = await createFromTemplate(page, sys.webUrl, 'Tiếp cận khách trên kênh tốt nhất', 'Tư vấn mật ong trên kênh tốt nhất');
    await page.click('[data-testid="tab-problems"]');
    await page.waitForSelector('[data-testid=no-problems]');
    // The journey's own setting: without answers to go by, wait until this hour (9:00 in the template).
    await select(page, 'best-hour');
    await fill(page, 'fallbackHour', String(hanoiHour()));
    await waitSaved(page);
    await page.screenshot({ path: `${ARTIFACTS}story2-1-template-usual-hour.png` });
    await publishFromCanvas(page, 'Tư vấn trên kênh khách hay phản hồi; tổng đài gọi từ bây giờ');
    const journey = await admin<{ status: string; graph: { nodes: { id: string; config: { fallbackHour?: number } }[] } }>('GET', `/api/journeys/${journeyId}`);
    expect(journey.status).toBe('active');
  }, 90_000);

  it('each views wild honey and is followed up on their own channel, in Vietnamese with their name; the trace says why', async () => {
    for (const p of everyone) await sendEvent(sys.apiUrl, sys.credentials.writeKey, 'track', { userId: p.userId, event: 'Product Viewed', properties: { product_name: HONEY } });
    const reasonOf = async (p: Person) => {
      const r = await sys.db.client.execute({ sql: "SELECT reason FROM step_log WHERE journey_id = ? AND customer_id = ? AND node_id = 'best-channel' AND outcome = 'left'", args: [journeyId, p.id!] });
      return r.rows[0] ? String(r.rows[0].reason) : undefined;
    };
    const paths: Record<string, string[]> = {};
    for (const p of everyone) {
      await eventually(`${p.key}'s channel`, async () => reasonOf(p), 120_000);
      paths[p.key] = await eventually(`${p.key} past the follow-up`, async () => {
        const steps = await stepsEntered(sys, journeyId, p.id!);
        return steps.includes('give-time') ? steps : undefined;
      }, 60_000);
    }
    expect(paths).toEqual({
      // The usual-hour step logs twice: the look-up of their hour, then the wait for it.
      Toản: ['best-hour', 'best-hour', 'best-channel', 'zalo-offer', 'give-time'],
      Toàn: ['best-hour', 'best-hour', 'best-channel', 'email-offer', 'give-time'],
      Toạn: ['best-hour', 'best-hour', 'best-channel', 'messenger-offer', 'give-time'],
      Toán: ['best-hour', 'best-hour', 'best-channel', 'hotline-call', 'give-time'],
    });
    expect(await reasonOf(toan.yt)).toContain('Zalo — Zalo: 3 / 3 đã mở trong 30 ngày; Email: 0 / 3 đã mở trong 30 ngày; Messenger: không có địa chỉ');
    expect(await reasonOf(toan.email)).toContain('Email — Zalo: không có địa chỉ; Email: 3 / 3 đã mở trong 30 ngày; Messenger: 0 / 3 đã mở trong 30 ngày');
    expect(await reasonOf(toan.student)).toContain('Messenger — Zalo: 0 / 3 đã mở trong 30 ngày; Email: 1 / 3 đã mở trong 30 ngày; Messenger: 3 / 3 đã mở trong 30 ngày');
    expect(await reasonOf(toan.phone)).toContain('Không liên lạc được qua kênh nào');

    const sent = await outbox(journeyId);
    const offer = (p: Person) => sent.filter((m) => m.customerId === p.id);
    expect(offer(toan.yt).map((m) => [m.channel, m.body])).toEqual([['zalo', `Chào Toản, ${HONEY} anh/chị vừa xem đang có sẵn tại Hoa Ban Food. Trả lời tin này để được tư vấn nhé!`]]);
    expect(offer(toan.email).map((m) => [m.channel, m.subject])).toEqual([['email', `${HONEY} anh/chị vừa xem`]]);
    expect(offer(toan.email)[0]!.body).toContain('Chào Toàn, ');
    expect(offer(toan.student).map((m) => [m.channel, m.body])).toEqual([['messenger', `Chào Toạn, ${HONEY} anh/chị vừa xem đang có sẵn tại Hoa Ban Food. Trả lời tin này để được tư vấn nhé!`]]);
    expect(offer(toan.phone)).toEqual([]);

    // The canvas: live counts per step, and Toản's path with the reason beside the branch.
    await canvasWithCounts(page, sys.webUrl, journeyId, 'best-channel', 4, `${ARTIFACTS}story2-2-canvas-live-counts`);
    await page.fill('[data-testid=trace-search]', 'kh-toan-youtube');
    await page.locator('[data-testid=trace-candidates] button', { hasText: 'Toản' }).click();
    await page.waitForSelector('[data-testid=trace] li');
    expect(await page.textContent('[data-testid=trace]')).toContain('Zalo: 3 / 3 đã mở trong 30 ngày');
    await page.screenshot({ path: `${ARTIFACTS}story2-3-trace-toan-zalo.png` });
  }, 240_000);

  it('the hotline staff calls Toán from the task inbox and completes the task', async () => {
    const staff = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    await signIn(staff, sys.webUrl, HOTLINE.email, HOTLINE.password);
    await staff.click('[data-testid=nav-tasks]');
    await staff.waitForSelector('[data-testid=task-inbox]');
    const card = staff.locator('[data-testid=task-card]', { hasText: `Gọi Toán tư vấn ${HONEY}` });
    await card.waitFor();
    expect(await card.locator('[data-testid=task-customer]').innerText()).toBe('Toán Trần Văn');
    expect(await card.locator('[data-testid=task-phone]').innerText()).toBe('+84912345678');
    expect(await card.innerText()).toContain('Khách không dùng kênh online nào: gọi số +84912345678');
    await staff.screenshot({ path: `${ARTIFACTS}story2-4-hotline-inbox.png`, fullPage: true });
    await card.locator('[data-testid=task-claim]').click();
    await card.getByText(`${HOTLINE.name} đã nhận`).waitFor();
    await card.locator('[data-testid=task-note]').fill('Anh Toán đặt 2 hũ mật ong, giao thứ bảy');
    await card.locator('[data-testid=task-outcome-reached]').click();
    await staff.locator('[data-testid=tasks-empty]').waitFor();
    const tasks = await admin<{ tasks: { status: string; outcome: string | null; customer: { id: string } }[] }>('GET', '/api/staff-tasks?filter=done');
    expect(tasks.tasks.find((t) => t.customer.id === toan.phone.id)).toMatchObject({ status: 'done', outcome: 'reached' });
    // His timeline: the product view, the call task and what the hotline reported.
    await customerTimeline(staff, sys.webUrl, toan.phone.id!);
    await staff.getByText('Staff Task Completed').first().waitFor();
    await staff.screenshot({ path: `${ARTIFACTS}story2-5-toan-timeline.png`, fullPage: true });
    await staff.close();
  }, 120_000);
});
