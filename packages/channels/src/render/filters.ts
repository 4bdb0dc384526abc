import type { Liquid } from 'liquidjs';

function toNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value.trim());
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

/**
 * 1700000 → "1.700.000 ₫", the way Vietnamese shops print prices. Dong have no minor unit, so
 * amounts round to whole dong. A plain space (not Intl's no-break space) keeps SMS text simple.
 */
export function formatVnd(value: unknown): string {
  const n = toNumber(value);
  if (n === null) return value == null ? '' : String(value);
  const whole = Math.round(Math.abs(n));
  const grouped = String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${n < 0 && whole !== 0 ? '-' : ''}${grouped} ₫`;
}

/** Filters marketers expect beyond Liquid's standard set (which already has `date` and `default`). */
export function registerMarketingFilters(engine: Liquid): void {
  engine.registerFilter('vnd', formatVnd);
}
