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

export function formatVnd(amount: number, lang: string): string {
  return new Intl.NumberFormat(locale(lang), { style: 'currency', currency: 'VND', maximumFractionDigits: 0 }).format(amount);
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
    timeZone: workspaceTimeZone,
  }).format(d);
}
