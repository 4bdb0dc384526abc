// The Liquid engine in the browser, loaded with the preview only (liquidjs is large).
import { Liquid } from 'liquidjs';
import { liquidProblemOf } from '@braid/journey';
import type { LiquidProblem } from '@braid/journey';

import { formatVnd } from '../format';

// Mirrors packages/channels render (strict filters, limits; money through the one formatter):
// a preview that renders what the send would refuse, or prints a price differently, misleads.
const engine = new Liquid({
  strictFilters: true,
  strictVariables: false,
  ownPropertyOnly: true,
  timezoneOffset: 'Asia/Ho_Chi_Minh',
  // The preview re-renders on every keystroke: a runaway loop must fail, not freeze the tab.
  parseLimit: 100_000,
  renderLimit: 1_000,
  memoryLimit: 5_000_000,
});
engine.registerFilter('vnd', formatVnd);

export type PreviewData = { customer: Record<string, unknown>; entry: { name: string; properties: Record<string, unknown> }; voucher?: Record<string, unknown> };

/** The rendered text, or why it did not render as a code the panel words in the UI language. */
export async function renderPreview(source: string, data: PreviewData): Promise<{ ok: true; text: string } | { ok: false; message: string; problem: LiquidProblem }> {
  try {
    return { ok: true, text: await engine.parseAndRender(source, data) };
  } catch (e) {
    return { ok: false, message: (e as Error).message, problem: liquidProblemOf(e) };
  }
}
