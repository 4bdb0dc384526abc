// <input type="datetime-local"> speaks wall-clock time without a zone; journeys' dates are
// instants. The wall clock is the workspace's (Asia/Ho_Chi_Minh by default), not the browser's,
// so a marketer abroad still sets "8:00 in the shop". The zone arithmetic is the SDK's one module
// (the same as quiet hours and time windows use), so the canvas and the runtime agree.
import { instantOfWallTime, wallTimeAt } from '@braid/sdk/zoned-time';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** "2026-03-01T08:00" in `timeZone` → ms since epoch; null for an empty or unreadable value. */
export function wallClockToEpoch(value: string, timeZone: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1).map((x) => Number(x ?? 0)) as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return null;
  return instantOfWallTime({ year, month, day, hour, minute, second }, timeZone);
}

/** ms since epoch → "2026-03-01T08:00" on the wall clock of `timeZone`; '' for null. */
export function epochToWallClock(epoch: number | null, timeZone: string): string {
  if (epoch === null) return '';
  const w = wallTimeAt(epoch, timeZone);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`;
}
