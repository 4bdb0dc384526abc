// <input type="datetime-local"> speaks wall-clock time without a zone; journeys' dates are
// instants. The wall clock is the workspace's (Asia/Ho_Chi_Minh by default), not the browser's,
// so a marketer abroad still sets "8:00 in the shop".
function offsetMs(epoch: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(epoch));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return wall - Math.floor(epoch / 1000) * 1000;
}

/** "2026-03-01T08:00" in `timeZone` → ms since epoch; null for an empty or unreadable value. */
export function wallClockToEpoch(value: string, timeZone: string): number | null {
  if (!value) return null;
  const asUtc = Date.parse(`${value.length === 16 ? `${value}:00` : value}Z`);
  if (Number.isNaN(asUtc)) return null;
  const guess = asUtc - offsetMs(asUtc, timeZone);
  return asUtc - offsetMs(guess, timeZone);
}

/** ms since epoch → "2026-03-01T08:00" on the wall clock of `timeZone`; '' for null. */
export function epochToWallClock(epoch: number | null, timeZone: string): string {
  if (epoch === null) return '';
  return new Date(epoch + offsetMs(epoch, timeZone)).toISOString().slice(0, 16);
}
