// The variables a message template can use, as the renderer on the server names them:
// `customer.<trait>`, `entry.properties.<property>` (the event that started the journey),
// and outputs of earlier steps (e.g. `voucher.code`).
import { Liquid } from 'liquidjs';

export type VariableGroup = { title: string; variables: string[] };

export const commonTraits = ['firstName', 'lastName', 'name', 'email', 'phone', 'city', 'district'];

export function traitVariables(traits: Record<string, unknown> | null): string[] {
  const keys = new Set([...commonTraits, ...Object.keys(traits ?? {})]);
  return [...keys].map((k) => `customer.${k}`);
}

export function eventVariables(properties: Record<string, unknown> | null): string[] {
  return Object.keys(properties ?? {}).map((k) => `entry.properties.${k}`);
}

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
