// When does a date trigger ("3 days before the birthday, at 09:00 local time") enrol a
// customer? Pure, so the runtime's daily schedule and the simulator agree.
import type { Json, Trigger } from '@braid/sdk';
import { fromLocal, isValidTimezone } from './time-window';

type DateTrigger = Extract<Trigger, { kind: 'dateAttribute' }>;

/** Reads `YYYY-MM-DD`, a full ISO time or epoch ms; only the calendar date matters. */
export function parseTraitDate(value: Json | undefined): { y: number; m: number; d: number } | null {
  if (typeof value === 'number' && Number.isFinite(value)) {
    const t = new Date(value);
    return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
  }
  if (typeof value !== 'string') return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  return { y, m: mo, d };
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function occurrence(t: DateTrigger, y: number, m: number, d: number, tz: string): number {
  // 29 February falls on the 28th in other years.
  const day = Math.min(d, daysInMonth(y, m));
  const date = new Date(Date.UTC(y, m - 1, day + t.offsetDays));
  const [hh, mm] = t.atTime.split(':').map(Number);
  return fromLocal(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), hh ?? 9, mm ?? 0, tz);
}

/**
 * The first enrol moment strictly after `after` for a customer whose trait holds `traitValue`,
 * in `timezone` (the customer's; default Asia/Ho_Chi_Minh). Null when the trait is not a date
 * or a one-off date has passed.
 */
export function nextDateTriggerAt(trigger: DateTrigger, traitValue: Json | undefined, after: number, timezone = 'Asia/Ho_Chi_Minh'): number | null {
  const date = parseTraitDate(traitValue);
  if (!date) return null;
  const tz = isValidTimezone(timezone) ? timezone : 'Asia/Ho_Chi_Minh';
  if (trigger.recurrence === 'once') {
    const at = occurrence(trigger, date.y, date.m, date.d, tz);
    return at > after ? at : null;
  }
  const year = new Date(after).getUTCFullYear();
  // An offset of up to a year can move the occurrence into the neighbouring year.
  for (let y = year - 1; y <= year + 2; y++) {
    const at = occurrence(trigger, y, date.m, date.d, tz);
    if (at > after) return at;
  }
  return null;
}
