// What a marketer does in Braid's UI for the story tests: create a journey from a template,
// shorten its waits in the steps' own settings, publish it with a note, and look at the live
// counts on the canvas and at a customer's timeline.
import type { Page } from 'playwright-core';
import { choose, select, waitSaved } from './canvas-driver';

/** Creates a journey from the template list (in the UI's language); returns its id. */
export async function createFromTemplate(page: Page, webUrl: string, templateId: string, name: string): Promise<string> {
  await page.goto(`${webUrl}/#/journeys`);
  await page.click('[data-testid=new-journey]');
  await page.fill('[data-testid=journey-name]', name);
  await page.click(`[data-testid="template-${templateId}"]`);
  await page.click('[data-testid=create-journey]');
  await page.waitForSelector('[data-testid=canvas] .react-flow__node');
  const id = /#\/journeys\/([^/?]+)/.exec(page.url())?.[1];
  if (!id) throw new Error(`no journey id in ${page.url()}`);
  return decodeURIComponent(id);
}

/** Sets a duration in a step's form (e.g. 0.1 minutes) and waits for the draft to save. */
export async function setDuration(page: Page, nodeId: string, field: string, amount: number, unit: 'minutes' | 'hours' | 'days'): Promise<void> {
  await select(page, nodeId);
  await page.locator(`[data-testid="field-${field}-amount"]`).fill(String(amount));
  await choose(page, `${field}-unit`, unit);
  await waitSaved(page);
}

/** Sets a time-window step to `from`–`to` (HH:MM, minutes in fives). */
export async function setTimeWindow(page: Page, nodeId: string, from: string, to: string): Promise<void> {
  await select(page, nodeId);
  for (const [field, value] of [['from', from], ['to', to]] as const) {
    const [h, m] = value.split(':');
    await choose(page, `${field}-hour`, h!);
    await choose(page, `${field}-minute`, m!);
  }
  await waitSaved(page);
}

export async function publishWithNote(page: Page, note: string): Promise<void> {
  await page.click('[data-testid="tab-problems"]');
  await page.waitForSelector('[data-testid=no-problems]');
  await page.click('[data-testid=publish]');
  await page.fill('[data-testid=publish-note]', note);
  await page.locator('[data-testid=publish-confirm]:not([disabled])').click();
  await page.waitForSelector('[data-testid=publish-dialog]', { state: 'detached' });
}

/** The canvas of a published journey with the live counts on every step. */
export async function openLiveCounts(page: Page, webUrl: string, journeyId: string): Promise<void> {
  await page.goto(`${webUrl}/#/journeys/${encodeURIComponent(journeyId)}`);
  await page.waitForSelector('[data-testid=canvas] .react-flow__node');
  await page.click('[data-testid="tab-stats"]');
  await page.waitForSelector('[data-testid=stats-panel]');
  await page.waitForSelector('[data-testid=node-stats]');
  // The whole journey on screen, as the marketer gets with "fit" before reading the counts.
  await page.click('[data-testid=fit-all]');
  await page.waitForTimeout(500);
}

/** Waits until a step's live count of customers who entered it reads `entered`. */
export async function waitForEntered(page: Page, nodeId: string, entered: number): Promise<void> {
  await page.waitForFunction(
    ({ id, n }) => new RegExp(`↘\\s*${n}(?!\\d)`).test(document.querySelector(`.react-flow__node[data-id="${id}"] [data-testid=node-stats]`)?.textContent ?? ''),
    { id: nodeId, n: entered },
    { timeout: 30_000 },
  );
}

/** The customer's profile with their timeline (events, messages, journey steps). */
export async function openTimeline(page: Page, webUrl: string, customerId: string): Promise<string> {
  await page.goto(`${webUrl}/#/customers/${encodeURIComponent(customerId)}`);
  await page.waitForSelector('[data-testid=customer-profile]');
  const timeline = page.locator('[data-testid=customer-timeline]');
  await timeline.waitFor();
  await page.waitForSelector('[data-testid=timeline-event]');
  return (await timeline.textContent()) ?? '';
}
