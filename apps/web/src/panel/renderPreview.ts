// The Liquid engine in the browser, loaded with the preview only (liquidjs is large).
import { Liquid } from 'liquidjs';

function formatVnd(value: unknown): string {
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n)) return value == null ? '' : String(value);
  return `${String(Math.round(Math.abs(n))).replace(/\B(?=(\d{3})+(?!\d))/g, '.')} ₫`;
}

const engine = new Liquid({ strictFilters: false, strictVariables: false, ownPropertyOnly: true, timezoneOffset: 'Asia/Ho_Chi_Minh' });
engine.registerFilter('vnd', formatVnd);

export type PreviewData = { customer: Record<string, unknown>; entry: { name: string; properties: Record<string, unknown> }; voucher?: Record<string, unknown> };

export async function renderPreview(source: string, data: PreviewData): Promise<{ ok: true; text: string } | { ok: false; message: string }> {
  try {
    return { ok: true, text: await engine.parseAndRender(source, data) };
  } catch (e) {
    return { ok: false, message: (e as Error).message };
  }
}
