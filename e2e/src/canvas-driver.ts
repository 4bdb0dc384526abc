// What a marketer does on the canvas, as Playwright steps: drag from the palette, connect
// ports, open a step and fill its form. Tests read like the journey they build.
import type { Page } from 'playwright-core';

export async function nodeIds(page: Page): Promise<string[]> {
  return page.$$eval('.react-flow__node', (els) => els.map((e) => e.getAttribute('data-id') ?? ''));
}

/** Drags a node type from the palette to a point of the canvas (pane coordinates); returns the new node id. */
export async function dragFromPalette(page: Page, typeId: string, at: { x: number; y: number }): Promise<string> {
  const before = new Set(await nodeIds(page));
  await page.locator(`[data-testid="palette-${typeId}"]`).dragTo(page.locator('.react-flow__pane'), { targetPosition: at });
  await page.waitForFunction((n) => document.querySelectorAll('.react-flow__node').length > n, before.size);
  const after = await nodeIds(page);
  const id = after.find((x) => !before.has(x));
  if (!id) throw new Error(`dropping ${typeId} added no node`);
  return id;
}

/** Drags from a node's output port to another node's input handle. */
export async function connect(page: Page, source: string, port: string, target: string): Promise<void> {
  const from = page.locator(`.react-flow__node[data-id="${source}"] .react-flow__handle[data-handleid="${port}"]`);
  const to = page.locator(`.react-flow__node[data-id="${target}"] .react-flow__handle.target`);
  const a = await from.boundingBox();
  const b = await to.boundingBox();
  if (!a || !b) throw new Error(`cannot see handles ${source}.${port} → ${target}`);
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 8 });
  await page.mouse.up();
  await page.waitForSelector(`.react-flow__edge[aria-label*="${source}"]`, { state: 'attached', timeout: 5000 }).catch(() => undefined);
}

export async function select(page: Page, nodeId: string): Promise<void> {
  await page.click('[data-testid="tab-settings"]');
  await page.locator(`.react-flow__node[data-id="${nodeId}"] .jnode-summary`).click();
  await page.waitForSelector('[data-testid="node-panel"]');
}

export async function fill(page: Page, field: string, value: string): Promise<void> {
  await page.locator(`[data-testid="field-${field}"]`).fill(value);
}

export async function choose(page: Page, field: string, value: string): Promise<void> {
  await page.locator(`[data-testid="field-${field}"]`).selectOption(value);
}

export async function waitSaved(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const el = document.querySelector('[data-testid="save-state"]');
    return !!el && /Saved|Đã lưu/.test(el.textContent ?? '');
  }, undefined, { timeout: 15000 });
}
