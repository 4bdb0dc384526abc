// Segment's clock-skew rule: a device clock may be wrong, but the gap between when the event
// happened (timestamp) and when the batch was sent (sentAt), both on that clock, is right. So
// timestamp = receivedAt - (sentAt - originalTimestamp). Without sentAt the client's timestamp
// is trusted; without a timestamp the event happened when it arrived.

/**
 * The dates an event may carry: the Unix epoch up to the last four-digit year. Outside it a
 * value is either not a Date at all (`1e20` makes `new Date(...).toISOString()` throw in
 * routing) or not a date any client meant; such input is refused with 400, never stored.
 */
export const MIN_TIMESTAMP_MS = 0;
export const MAX_TIMESTAMP_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
export const TIMESTAMP_RULE = 'must be an ISO-8601 date or epoch milliseconds between 1970-01-01 and 9999-12-31';

/** Epoch ms of a timestamp field (ISO string up to 64 characters, or epoch ms) in range, else null. */
export function saneTimestampMs(value: unknown): number | null {
  let ms: number;
  if (typeof value === 'number') ms = value;
  else if (typeof value === 'string' && value.length <= 64) ms = Date.parse(value);
  else return null;
  return Number.isFinite(ms) && ms >= MIN_TIMESTAMP_MS && ms <= MAX_TIMESTAMP_MS ? ms : null;
}

export function toMillis(value: string | number | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  const ms = typeof value === 'number' ? value : Date.parse(value);
  return Number.isFinite(ms) ? ms : null;
}

/**
 * Both inputs are validated, but their difference can still push the result out of range
 * (sentAt in year 9999, timestamp in 1970): it is clamped, so what is stored is always a Date.
 */
export function correctedTimestamp(input: {
  timestamp: number | null;
  sentAt: number | null;
  receivedAt: number;
}): number {
  const { timestamp, sentAt, receivedAt } = input;
  if (timestamp === null) return receivedAt;
  const corrected = sentAt === null ? timestamp : receivedAt - (sentAt - timestamp);
  return Math.min(MAX_TIMESTAMP_MS, Math.max(MIN_TIMESTAMP_MS, corrected));
}
