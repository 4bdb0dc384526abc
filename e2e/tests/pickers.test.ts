// Picking instead of typing, in Chromium against the API serving the built web app on a real
// libSQL file: a trigger's event field offers the events the workspace has sent (from the event
// catalogue, most frequent first), a name nobody has sent yet is kept but marked "not seen", and
// SCENARIO §1 steps 2–4 (cart added → wait an hour for the checkout of the same cart → email) are
// built from a blank canvas with every event and property name taken from the pickers, and published.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openVietnameseTab, signIn } from '../src/browser';
import { choose, connect, dragFromPalette, fill, waitSaved } from '../src/canvas-driver';
import { ARTIFACTS, openWorkspace, type Workspace } from '../src/workspace';

let hoaBan: Workspace;
let browser: Browser;
let page: Page;
let journeyId = '';

/** The options a field's suggestion list offers (what the browser shows under the field). */
async function suggestions(field: string): Promise<string[]> {
  const listId = await page.locator(`[data-testid="${field}"]`).getAttribute('list');
  await page.waitForFunction((id) => (document.getElementById(id!)?.querySelectorAll('option').length ?? 0) > 0, listId);
  return page.$$eval(`[id="${listId}"] option`, (options) => options.map((o) => (o as HTMLOptionElement).value));
}

/** Fills a field with one of its suggestions, as picking it from the list does. */
async function pick(field: string, index = 0): Promise<string> {
  const value = (await suggestions(field))[index]!;
  await page.locator(`[data-testid="${field}"]`).fill(value);
  return value;
}

describe('pickers', () => {
  beforeAll(async () => {
    hoaBan = await openWorkspace('pickers');
    for (let i = 0; i < 3; i++) await hoaBan.send('track', { userId: `khach-${i}`, event: 'Product Added', properties: { cart_id: `cart-${i}`, price: 99000 } });
    await hoaBan.send('track', { userId: 'khach-0', event: 'Checkout Started', properties: { cart_id: 'cart-0' } });
    await hoaBan.send('identify', { userId: 'khach-0', traits: { firstName: 'Toản', city: 'Hà Nội' } });
    browser = await launchBrowser();
    page = (await openVietnameseTab(browser)).page;
    await signIn(page, hoaBan.url, hoaBan.owner.email, hoaBan.owner.password, '[data-testid=new-journey]');
  });

  afterAll(async () => {
    await browser?.close();
    await hoaBan?.close();
  });

  it('offers the events the workspace has seen and marks a name not seen yet', async () => {
    await page.click('[data-testid=new-journey]');
    await page.fill('[data-testid=journey-name]', 'Giỏ hàng bị bỏ quên');
    await page.click('[data-testid=create-journey]');
    await page.waitForSelector('[data-testid=canvas]');
    await dragFromPalette(page, 'trigger-event', { x: 320, y: 60 });
    const field = page.locator('[data-testid="field-event"]');
    await field.waitFor();
    const listId = await field.getAttribute('list');
    await page.waitForFunction((id) => (document.getElementById(id!)?.querySelectorAll('option').length ?? 0) > 0, listId);
    const offered = await page.$$eval(`#${listId} option`, (options) => options.map((o) => ({ value: (o as HTMLOptionElement).value, label: o.textContent })));
    expect(offered).toEqual([
      { value: 'Product Added', label: 'đã thấy 3 lần' },
      { value: 'Checkout Started', label: 'đã thấy 1 lần' },
    ]);

    await fill(page, 'event', 'Product Addded');
    await page.waitForSelector('[data-testid="field-event-not-seen"]');
    expect(await page.textContent('[data-testid="field-event-not-seen"]')).toContain('Chưa thấy sự kiện này');
    await page.screenshot({ path: `${ARTIFACTS}pickers-event-not-seen.png` });

    // The first suggestion, as the browser's list would fill it in.
    await fill(page, 'event', offered[0]!.value);
    await page.waitForSelector('[data-testid="field-event-not-seen"]', { state: 'detached' });
    await field.focus();
    await page.screenshot({ path: `${ARTIFACTS}pickers-event-picked.png` });
    journeyId = decodeURIComponent(page.url().split('#/journeys/')[1] ?? '');
  });

  it('builds the abandoned-cart steps from pickers only and publishes them', async () => {
    const trigger = (await page.$$eval('.react-flow__node', (els) => els.map((e) => e.getAttribute('data-id') ?? '')))[0]!;
    const wait = await dragFromPalette(page, 'wait-for-event', { x: 320, y: 240 });
    expect(await pick('field-event', 1)).toBe('Checkout Started');
    await page.click('[data-testid="field-where-add"]');
    expect(await suggestions('field-where-0-path')).toEqual(['cart_id']);
    await pick('field-where-0-path');
    // "The same cart as the entry event", from the trigger's properties.
    const sources = await page.$$eval('[data-testid="field-where-0-source"] option', (os) => os.map((o) => ({ value: (o as HTMLOptionElement).value, label: o.textContent })));
    expect(sources).toContainEqual({ value: 'entry.properties.cart_id', label: 'giống cart_id của sự kiện bắt đầu' });
    await choose(page, 'where-0-source', 'entry.properties.cart_id');
    await page.locator('[data-testid="field-timeout-amount"]').fill('1');
    await choose(page, 'timeout-unit', 'hours');
    await page.screenshot({ path: `${ARTIFACTS}pickers-wait-same-cart.png` });

    const checkedOut = await dragFromPalette(page, 'exit', { x: 120, y: 460 });
    const email = await dragFromPalette(page, 'send-message', { x: 560, y: 460 });
    await choose(page, 'channel', 'email');
    await fill(page, 'subject', 'Hoa Ban Food xin chào anh ');
    await page.locator('[data-testid="vars-subject"]').selectOption('customer.firstName');
    await fill(page, 'body', 'Giỏ hàng của anh vẫn đang chờ. Tặng anh voucher 99.000 đ cho đơn đầu tiên. Mã giỏ: ');
    // The variable picker offers what the catalogue knows: the trigger event's properties and trait keys.
    const variables = await page.$$eval('[data-testid="vars-body"] option', (os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(variables).toEqual(expect.arrayContaining(['entry.properties.cart_id', 'entry.properties.price', 'customer.city']));
    await page.locator('[data-testid="vars-body"]').selectOption('entry.properties.cart_id');
    expect(await page.inputValue('[data-testid="field-body"]')).toContain('{{ entry.properties.cart_id }}');
    const done = await dragFromPalette(page, 'exit', { x: 560, y: 640 });
    await connect(page, trigger, 'out', wait);
    await connect(page, wait, 'happened', checkedOut);
    await connect(page, wait, 'timedOut', email);
    await connect(page, email, 'out', done);
    await page.click('[data-testid=layout]');
    await waitSaved(page);
    await page.screenshot({ path: `${ARTIFACTS}pickers-journey-built.png` });

    // Tried before publishing, with the test-run form: the entry event comes from the catalogue,
    // nobody checks out and the email is NOT opened, so the customer waits the hour out, gets
    // the email and leaves; the "checked out" exit is not on the path.
    await page.click('[data-testid=tab-test]');
    await page.waitForSelector('[data-testid="sim-entryProperties-0-key"]');
    await page.click('[data-testid=sim-engagement-add]');
    await page.selectOption('[data-testid="sim-engagement-0-step"]', email);
    await page.selectOption('[data-testid="sim-engagement-0-fact"]', 'notOpened');
    await page.click('[data-testid=sim-run]');
    await page.waitForFunction((last) => document.querySelector(`[data-testid=sim-path] li[data-node="${last}"]`) !== null, done);
    const walked = await page.$$eval('[data-testid=sim-path] li', (items) => items.map((li) => li.getAttribute('data-node')));
    expect(walked).toEqual(expect.arrayContaining([wait, email, done]));
    expect(walked).not.toContain(checkedOut);
    await page.screenshot({ path: `${ARTIFACTS}pickers-test-run-not-opened.png` });

    await page.click('[data-testid=publish]');
    await page.click('[data-testid=publish-confirm]');
    await page.waitForSelector('[data-testid=publish-dialog]', { state: 'detached' });
    const res = await fetch(`${hoaBan.url}/api/journeys/${encodeURIComponent(journeyId)}/versions`, { headers: { authorization: `Bearer ${hoaBan.token}` } });
    const versions = (await res.json()) as { versions: Array<{ version: number; graph?: { nodes: Array<{ id: string; config: Record<string, unknown> }> } }> };
    expect(versions.versions.map((v) => v.version)).toEqual([1]);
    const draft = (await (await fetch(`${hoaBan.url}/api/journeys/${encodeURIComponent(journeyId)}`, { headers: { authorization: `Bearer ${hoaBan.token}` } })).json()) as { draftGraph?: { nodes: Array<{ id: string; config: Record<string, unknown> }> }; graph?: { nodes: Array<{ id: string; config: Record<string, unknown> }> } };
    const nodes = (draft.draftGraph ?? draft.graph)!.nodes;
    expect(nodes.find((n) => n.id === trigger)!.config.event).toBe('Product Added');
    expect(nodes.find((n) => n.id === wait)!.config).toMatchObject({ event: 'Checkout Started', where: [{ path: 'cart_id', op: 'equals', value: { ref: 'entry.properties.cart_id' } }] });
    await page.screenshot({ path: `${ARTIFACTS}pickers-published.png` });
  });
});
