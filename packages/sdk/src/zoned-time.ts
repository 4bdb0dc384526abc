// Wall-clock arithmetic in an IANA timezone with nothing but Intl (browsers, Node and Temporal's
// workflow sandbox all have it): quiet hours in channels, time-window waits and date triggers in
// the interpreter. Zod-free on purpose — the workflow bundle imports it via `@braid/sdk/zoned-time`.

export const DEFAULT_TIMEZONE = 'Asia/Ho_Chi_Minh';

export type WallTime = { year: number; month: number; day: number; hour: number; minute: number; second: number };

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall clock a customer in `timeZone` reads at instant `at` (ms since epoch), straight from Intl. */
function intlWallTimeAt(at: number, timeZone: string): WallTime {
  const parts = formatterFor(timeZone).formatToParts(new Date(at));
  const get = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    // Some ICU versions print midnight as 24 even with h23.
    hour: get('hour') % 24,
    minute: get('minute'),
    second: get('second'),
  };
}

const wallAsUtc = (w: WallTime): number => Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);

const QUARTER_HOUR = 900_000;
const offsets = new Map<string, Map<number, number>>();

/**
 * Offset (ms) of `timeZone` from UTC at instant `at`. Every zone's offset changes only on a
 * quarter-hour boundary, so one Intl call per zone and quarter hour is enough (Intl is slow;
 * simulations and quiet-hour searches call this a lot).
 */
export function offsetAt(at: number, timeZone: string): number {
  let zone = offsets.get(timeZone);
  if (!zone) offsets.set(timeZone, (zone = new Map()));
  const key = Math.floor(at / QUARTER_HOUR);
  let off = zone.get(key);
  if (off === undefined) {
    const start = key * QUARTER_HOUR;
    off = wallAsUtc(intlWallTimeAt(start, timeZone)) - start;
    if (zone.size > 50_000) zone.clear();
    zone.set(key, off);
  }
  return off;
}

/** The wall clock a customer in `timeZone` reads at instant `at` (ms since epoch). */
export function wallTimeAt(at: number, timeZone: string): WallTime {
  const d = new Date(Math.floor(at / 1000) * 1000 + offsetAt(at, timeZone));
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
  };
}

const DAY_MS = 86_400_000;

/**
 * The first instant at which the wall clock in `timeZone` reads `wall` or later. A time repeated
 * by fall-back gives its first occurrence; a time skipped by spring-forward gives the moment the
 * clock jumps past it (03:00 for a skipped 02:30), which is when a quiet window really ends.
 */
export function instantOfWallTime(wall: WallTime, timeZone: string): number {
  const target = wallAsUtc(wall);
  const wallAt = (t: number) => wallAsUtc(wallTimeAt(t, timeZone));
  // Real zones change offset at most once within a day either side.
  const before = offsetAt(target - DAY_MS, timeZone);
  const after = offsetAt(target + DAY_MS, timeZone);
  const matches = [target - before, target - after].filter((t) => wallAt(t) === target);
  if (matches.length > 0) return Math.min(...matches);
  // Skipped: search the gap, second by second in halves, for the jump.
  let lo = Math.min(target - before, target - after);
  let hi = Math.max(target - before, target - after);
  while (hi - lo > 1000) {
    const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
    if (wallAt(mid) >= target) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** The calendar date `days` after the given one (month and year roll over). */
export function addDays(wall: WallTime, days: number): WallTime {
  const d = new Date(Date.UTC(wall.year, wall.month - 1, wall.day + days));
  return { ...wall, year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}
