// What every reference story does around its own steps, through the public interfaces: the
// marketer creates a journey from a template and publishes it on the canvas, the admin API reads
// what a marketer would see, and the story ends with screenshots of the canvas's live counts
// and the customer's timeline.
import type { Page } from 'playwright-core';
import { adminCaller, type Admin } from './ingest';
import type { BraidSystem } from './system';

export type { Admin } from './ingest';

export function adminClient(sys: BraidSystem): Admin {
  return adminCaller(sys.apiUrl, sys.credentials.adminToken);
}

/** The journeys list → "new journey" → the template (by its name in the UI language) → the canvas; returns the journey id. */
export async function createFromTemplate(page: Page, webUrl: string, templateName: string, journeyName: string): Promise<string> {
  await page.goto(`${webUrl}/#/journeys`);
  await page.click('[data-testid=new-journey]');
  await page.locator('.choice', { hasText: templateName }).click();
  await page.fill('[data-testid=journey-name]', journeyName);
  await page.click('[data-testid=create-journey]');
  await page.waitForSelector('[data-testid=canvas] .react-flow__node');
  const id = /#\/journeys\/([^/?]+)/.exec(page.url())?.[1];
  if (!id) throw new Error(`no journey id in ${page.url()}`);
  return decodeURIComponent(id);
}

/** Publish with a note from the canvas's publish dialog. */
export async function publishFromCanvas(page: Page, note: string): Promise<void> {
  await page.click('[data-testid=publish]');
  await page.fill('[data-testid=publish-note]', note);
  await page.click('[data-testid=publish-confirm]');
  await page.waitForSelector('[data-testid=publish-dialog]', { state: 'detached' });
}

/** The customer id behind one of their identities (a user id, an email ...). */
export async function customerIdOf(sys: BraidSystem, type: string, value: string): Promise<string> {
  const r = await sys.db.client.execute({ sql: 'SELECT customer_id FROM customer_identities WHERE type = ? AND value = ?', args: [type, value] });
  const id = r.rows[0]?.customer_id;
  if (id == null) throw new Error(`no customer with ${type} ${value}`);
  return String(id);
}

/** The steps one enrolment entered, in order, from the step log the canvas and trace read. */
export async function stepsEntered(sys: BraidSystem, journeyId: string, customerId: string): Promise<string[]> {
  const r = await sys.db.client.execute({
    sql: "SELECT s.node_id FROM step_log s JOIN enrollments e ON e.id = s.enrollment_id WHERE e.journey_id = ? AND e.customer_id = ? AND s.outcome = 'entered' ORDER BY s.at, s.id",
    args: [journeyId, customerId],
  });
  return r.rows.map((row) => String(row.node_id));
}

/**
 * The canvas with its live counts: waits until `nodeId` shows at least `entered` customers, then
 * screenshots it as it opens (readable) to `shot`.png and zoomed to fit (every branch) to `shot`-overview.png.
 */
export async function canvasWithCounts(page: Page, webUrl: string, journeyId: string, nodeId: string, entered: number, shot: string): Promise<void> {
  await page.goto(`${webUrl}/#/journeys/${encodeURIComponent(journeyId)}`);
  await page.waitForSelector('[data-testid=canvas] .react-flow__node');
  await page.click('[data-testid="tab-stats"]');
  await page.waitForSelector('[data-testid=stats-panel]');
  await page.waitForFunction(
    ({ id, n }) => {
      const m = /↘\s*(\d+)/.exec(document.querySelector(`.react-flow__node[data-id="${id}"] [data-testid=node-stats]`)?.textContent ?? '');
      return !!m && Number(m[1]) >= n;
    },
    { id: nodeId, n: entered },
    { timeout: 30_000 },
  );
  await page.screenshot({ path: `${shot}.png` });
  // The whole journey in view, every branch with its count.
  await page.click('[data-testid=fit-all]');
  await page.waitForTimeout(600);
  await page.screenshot({ path: `${shot}-overview.png` });
}

/** The customer's profile page with their timeline loaded (`landmark`: an entry it must show). */
export async function customerTimeline(page: Page, webUrl: string, customerId: string, landmark = '[data-testid=timeline-event]'): Promise<void> {
  await page.goto(`${webUrl}/#/customers/${encodeURIComponent(customerId)}`);
  await page.waitForSelector('[data-testid=customer-profile]');
  await page.waitForSelector(landmark);
}
