// Approvals and the audit log in Chromium, against the API serving the built web app on a real
// libSQL file: an owner invites a marketer (the link is shown, no email); the marketer joins
// through the link, requests publishing, and cannot publish directly; the owner sees the request
// in the publish dialog and approves it; the journey's audit log shows both, in Vietnamese.
import { welcomeSeries } from '@braid/journey/fixtures';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openVietnameseTab, signIn } from '../src/browser';
import { ARTIFACTS, openWorkspace, type Workspace } from '../src/workspace';

let hoaBan: Workspace;
let browser: Browser;
let owner: Page;
let marketer: Page;
let journeyId = '';
let inviteLink = '';

describe('a marketer requests publishing, an owner approves, the audit log shows both', () => {
  beforeAll(async () => {
    hoaBan = await openWorkspace('approvals', { owner: { email: 'chu@hoaban.vn', password: 'hoa-ban-food-2026' } });
    journeyId = (await hoaBan.admin<{ id: string }>('POST', '/api/journeys', { name: 'Chào mừng khách mới', graph: welcomeSeries })).id;
    browser = await launchBrowser();
    owner = (await openVietnameseTab(browser, { acceptDialogs: true })).page;
    marketer = (await openVietnameseTab(browser, { acceptDialogs: true })).page;
    await signIn(owner, hoaBan.url, hoaBan.owner.email, hoaBan.owner.password);
  });

  afterAll(async () => {
    await browser?.close();
    await hoaBan?.close();
  });

  it('the owner turns on "publishing needs approval" and invites a marketer; the link is shown to copy', async () => {
    await owner.click('[data-testid=nav-team]');
    await owner.waitForSelector('[data-testid=users-table]');
    // A controlled checkbox: it shows the server's answer, so it turns on after the save.
    await owner.click('[data-testid=needs-approval]');
    await owner.waitForFunction(() => document.querySelector<HTMLInputElement>('[data-testid=needs-approval]')?.checked === true);
    await owner.fill('[data-testid=invite-email]', 'lan@hoaban.vn');
    await owner.selectOption('[data-testid=invite-role]', 'marketer');
    await owner.click('[data-testid=invite-submit]');
    inviteLink = await owner.locator('[data-testid=invite-link]').inputValue();
    expect(inviteLink).toContain('#/invite/biv_');
    expect(await owner.textContent('[data-testid=invitations-table]')).toContain('lan@hoaban.vn');
    await owner.screenshot({ path: `${ARTIFACTS}approvals-01-team-invite.png` });
    expect((await hoaBan.admin<{ publishNeedsApproval: boolean }>('GET', '/api/workspaces/current')).publishNeedsApproval).toBe(true);
  });

  it('the marketer joins through the link and requests publishing (the dialog says approval is needed)', async () => {
    await marketer.goto(inviteLink);
    await marketer.waitForSelector('[data-testid=accept-invite] h1');
    expect(await marketer.textContent('[data-testid=accept-invite]')).toContain('Marketer');
    await marketer.fill('input[name=name]', 'Lan');
    await marketer.fill('input[name=password]', 'mật khẩu của Lan');
    await marketer.screenshot({ path: `${ARTIFACTS}approvals-02-accept-invite.png` });
    await marketer.click('[data-testid=accept-submit]');
    await marketer.waitForSelector('[data-testid=journeys-table]');

    await marketer.goto(`${hoaBan.url}/#/journeys/${journeyId}`);
    await marketer.waitForSelector('.react-flow__node[data-id="wait-2-days"]');
    await marketer.click('[data-testid=publish]');
    await marketer.waitForSelector('[data-testid=needs-approval-notice]');
    expect(await marketer.textContent('[data-testid=publish-confirm]')).toBe('Gửi yêu cầu xuất bản');
    await marketer.fill('[data-testid=publish-note]', 'Ra mắt chuỗi chào mừng');
    await marketer.screenshot({ path: `${ARTIFACTS}approvals-03-marketer-request.png` });
    await marketer.click('[data-testid=publish-confirm]');
    await marketer.waitForSelector('[data-testid=publish-dialog]', { state: 'detached' });
    await marketer.waitForSelector('[data-testid=awaiting-approval]');
    const journey = await hoaBan.admin<{ activeVersion: number | null }>('GET', `/api/journeys/${journeyId}`);
    expect(journey.activeVersion).toBeNull();
  });

  it('the owner sees the request in the publish dialog and approves it: version 1 goes live', async () => {
    await owner.goto(`${hoaBan.url}/#/journeys/${journeyId}`);
    await owner.waitForSelector('[data-testid=awaiting-approval]');
    await owner.click('[data-testid=publish]');
    await owner.waitForSelector('[data-testid=pending-request]');
    const text = await owner.textContent('[data-testid=pending-request]');
    expect(text).toContain('Lan <lan@hoaban.vn>');
    expect(text).toContain('Ra mắt chuỗi chào mừng');
    await owner.fill('[data-testid=approval-comment]', 'Đã xem, OK');
    await owner.screenshot({ path: `${ARTIFACTS}approvals-04-owner-approve.png` });
    await owner.click('[data-testid=approve]');
    await owner.waitForSelector('[data-testid=publish-dialog]', { state: 'detached' });
    await owner.waitForSelector('[data-testid=awaiting-approval]', { state: 'detached' });
    const journey = await hoaBan.admin<{ activeVersion: number | null; status: string }>('GET', `/api/journeys/${journeyId}`);
    expect(journey).toMatchObject({ activeVersion: 1, status: 'active' });
  });

  it("the journey's audit log lists the request and the approval, who and when", async () => {
    await owner.click('[data-testid=journey-audit]');
    await owner.waitForSelector('[data-testid=audit-table]');
    const actions = await owner.locator('[data-testid=audit-row]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action')));
    expect(actions).toEqual(['journey.published', 'publish.approved', 'publish.requested']);
    const rows = await owner.locator('[data-testid=audit-row]').allTextContents();
    expect(rows[1]).toContain('Duyệt xuất bản');
    expect(rows[1]).toContain('chu@hoaban.vn');
    expect(rows[2]).toContain('Yêu cầu xuất bản');
    expect(rows[2]).toContain('Lan <lan@hoaban.vn>');
    await owner.screenshot({ path: `${ARTIFACTS}approvals-05-audit-log.png` });
    // The marketer (read access) sees the same log.
    await marketer.goto(`${hoaBan.url}/#/audit/${journeyId}`);
    await marketer.waitForSelector('[data-testid=audit-table]');
    expect(await marketer.locator('[data-testid=audit-row]').count()).toBe(3);
  });
});
