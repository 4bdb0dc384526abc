// Money and dates as the workspace sees them: VND without decimals, times in the workspace zone.
let workspaceTimeZone = 'Asia/Ho_Chi_Minh';

export function setWorkspaceTimeZone(tz: string | undefined): void {
  if (tz) workspaceTimeZone = tz;
}
export function getWorkspaceTimeZone(): string {
  return workspaceTimeZone;
}

function locale(lang: string): string {
  return lang === 'vi' ? 'vi-VN' : 'en-GB';
}

/**
 * Money, one way in every language and everywhere it shows (cards, forms, previews, profiles):
 * `99.000 ₫`, as the send renders the Liquid `vnd` filter. Non-numbers are shown as they are.
 */
export function formatVnd(amount: unknown, _lang?: string): string {
  const n = typeof amount === 'number' ? amount : typeof amount === 'string' && amount.trim() !== '' ? Number(amount.trim()) : Number.NaN;
  if (!Number.isFinite(n)) return amount == null ? '' : String(amount);
  const whole = Math.round(Math.abs(n));
  return `${n < 0 && whole !== 0 ? '-' : ''}${String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, '.')} ₫`;
}

export function formatNumber(n: number, lang: string): string {
  return new Intl.NumberFormat(locale(lang)).format(n);
}

export function formatDateTime(value: string | number | Date | null | undefined, lang: string): string {
  if (value === null || value === undefined || value === '') return '—';
  const d = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(d.getTime())) return String(value);
  return new Intl.DateTimeFormat(locale(lang), {
    dateStyle: 'medium',
    timeStyle: 'short',
    hourCycle: 'h23',
    timeZone: workspaceTimeZone,
  }).format(d);
}
