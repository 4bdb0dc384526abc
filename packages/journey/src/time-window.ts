// "Wait until 19:00–21:00 on weekdays, customer's time": the next moment inside the window.
// Uses Intl only (available in browsers, Node and Temporal's workflow sandbox), no clock.

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
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

export function isValidTimezone(tz: string): boolean {
  try {
    formatter(tz);
    return true;
  } catch {
    return false;
  }
}

type LocalTime = { y: number; m: number; d: number; hh: number; mm: number; ss: number };

function localTime(ms: number, tz: string): LocalTime {
  const out: Record<string, number> = {};
  for (const p of formatter(tz).formatToParts(ms)) if (p.type !== 'literal') out[p.type] = Number(p.value);
  return { y: out.year ?? 1970, m: out.month ?? 1, d: out.day ?? 1, hh: out.hour ?? 0, mm: out.minute ?? 0, ss: out.second ?? 0 };
}

const QUARTER_HOUR = 900_000;
const offsets = new Map<string, Map<number, number>>();

/**
 * UTC offset of `tz` at `ms`. Every zone's offset changes only on a quarter-hour boundary,
 * so one Intl call per zone and quarter hour is enough (Intl is slow; simulations call this a lot).
 */
function offsetMs(ms: number, tz: string): number {
  let zone = offsets.get(tz);
  if (!zone) offsets.set(tz, (zone = new Map()));
  const key = Math.floor(ms / QUARTER_HOUR);
  let off = zone.get(key);
  if (off === undefined) {
    const l = localTime(ms, tz);
    off = Date.UTC(l.y, l.m - 1, l.d, l.hh, l.mm, l.ss) - Math.floor(ms / 1000) * 1000;
    if (zone.size > 50_000) zone.clear();
    zone.set(key, off);
  }
  return off;
}

/** Wall-clock fields of `ms` in `tz`, via the cached offset. */
function fastLocalTime(ms: number, tz: string): LocalTime {
  const d = new Date(ms + offsetMs(ms, tz));
  return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate(), hh: d.getUTCHours(), mm: d.getUTCMinutes(), ss: d.getUTCSeconds() };
}

/** UTC ms of a local wall-clock time (DST gaps resolve forward). */
export function fromLocal(y: number, m: number, d: number, hh: number, mm: number, tz: string): number {
  const guess = Date.UTC(y, m - 1, d, hh, mm);
  const first = guess - offsetMs(guess, tz);
  const second = guess - offsetMs(first, tz);
  return second;
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
  const l = fastLocalTime(now, tz);
  const weekday = new Date(Date.UTC(l.y, l.m - 1, l.d)).getUTCDay();
  const cur = l.hh * 60 + l.mm;
  const inside = wraps ? (cur >= f && dayOk(weekday)) || (cur < t && dayOk(weekday - 1)) : cur >= f && cur < t && dayOk(weekday);
  if (inside) return now;
  for (let k = 0; k <= 8; k++) {
    const date = new Date(Date.UTC(l.y, l.m - 1, l.d + k));
    if (!dayOk(date.getUTCDay())) continue;
    const candidate = fromLocal(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), Math.floor(f / 60), f % 60, tz);
    if (candidate > now) return candidate;
  }
  return now; // unreachable with a valid config: some day within 8 days is allowed
}
