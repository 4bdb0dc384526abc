// "Wait until 19:00–21:00 on weekdays, customer's time": the next moment inside the window.
// Uses Intl only (available in browsers, Node and Temporal's workflow sandbox), no clock.

import { instantOfWallTime, isValidTimeZone, wallTimeAt } from '@braid/sdk/zoned-time';

/** Kept under the interpreter's historical name; the arithmetic lives in `@braid/sdk/zoned-time`. */
export const isValidTimezone = isValidTimeZone;

/** UTC ms of a local wall-clock time; a time skipped by spring-forward resolves to the jump. */
export function fromLocal(y: number, m: number, d: number, hh: number, mm: number, tz: string): number {
  return instantOfWallTime({ year: y, month: m, day: d, hour: hh, minute: mm, second: 0 }, tz);
}

function minutes(hhmm: string): number {
  const [h, m] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
}

/**
 * The first moment at or after `now` inside the window. `days` (0 = Sunday) restricts the day
 * the window *starts* on; empty means every day. A window with `to <= from` wraps midnight.
 */
export function nextWindowStart(now: number, from: string, to: string, days: readonly number[], tz: string): number {
  const f = minutes(from);
  const t = minutes(to);
  const wraps = t <= f;
  const dayOk = (wd: number) => days.length === 0 || days.includes(((wd % 7) + 7) % 7);
  const l = wallTimeAt(now, tz);
  const weekday = new Date(Date.UTC(l.year, l.month - 1, l.day)).getUTCDay();
  const cur = l.hour * 60 + l.minute;
  const inside = wraps ? (cur >= f && dayOk(weekday)) || (cur < t && dayOk(weekday - 1)) : cur >= f && cur < t && dayOk(weekday);
  if (inside) return now;
  for (let k = 0; k <= 8; k++) {
    const date = new Date(Date.UTC(l.year, l.month - 1, l.day + k));
    if (!dayOk(date.getUTCDay())) continue;
    const candidate = fromLocal(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), Math.floor(f / 60), f % 60, tz);
    if (candidate > now) return candidate;
  }
  return now; // unreachable with a valid config: some day within 8 days is allowed
}
