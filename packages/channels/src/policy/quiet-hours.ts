import { addDays, instantOfWallTime, offsetAt, wallTimeAt } from '@braid/sdk/zoned-time';

/** A daily window, in the customer's local time, when nothing is sent; `from` > `to` wraps midnight. */
export type QuietHours = { from: string; to: string };

export class PolicyConfigError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'PolicyConfigError';
  }
}

/** "21:00" → seconds since local midnight. */
export function parseClock(value: string, field: string): number {
  const m = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(value);
  if (!m) throw new PolicyConfigError(field, `${field} must be a time of day like "21:00", got ${JSON.stringify(value)}`);
  return Number(m[1]) * 3600 + Number(m[2]) * 60;
}

function secondsOfDay(at: number, timeZone: string): number {
  const w = wallTimeAt(at, timeZone);
  return w.hour * 3600 + w.minute * 60 + w.second;
}

/** Whether `at` falls inside the quiet window. `from` is inside, `to` is already allowed; from == to means no quiet hours. */
export function isQuietAt(at: number, quietHours: QuietHours, timeZone: string): boolean {
  const from = parseClock(quietHours.from, 'quietHours.from');
  const to = parseClock(quietHours.to, 'quietHours.to');
  if (from === to) return false;
  const s = secondsOfDay(at, timeZone);
  return from < to ? s >= from && s < to : s >= from || s < to;
}

/** When the quiet window containing `at` ends (the next local `to`). Call only when isQuietAt is true. */
export function quietHoursEnd(at: number, quietHours: QuietHours, timeZone: string): number {
  const from = parseClock(quietHours.from, 'quietHours.from');
  const to = parseClock(quietHours.to, 'quietHours.to');
  const wall = wallTimeAt(at, timeZone);
  const s = wall.hour * 3600 + wall.minute * 60 + wall.second;
  // In a wrapping window, evening belongs to a window that ends tomorrow morning.
  const endsTomorrow = from > to && s >= from;
  const day = addDays(wall, endsTomorrow ? 1 : 0);
  const endWall = { ...day, hour: Math.floor(to / 3600), minute: Math.floor((to % 3600) / 60), second: 0 };
  const end = instantOfWallTime(endWall, timeZone);
  if (end > at) return end;
  // Inside the hour fall-back repeats, `to` has already passed once: the window ends at its
  // second occurrence, one offset change later.
  const second = end + offsetAt(end, timeZone) - offsetAt(at, timeZone);
  const w = wallTimeAt(second, timeZone);
  if (second > at && w.hour === endWall.hour && w.minute === endWall.minute) return second;
  // Other DST oddities (a window end inside a skipped hour) must still move time forward.
  return at + 60_000;
}
