// Segment's clock-skew rule: a device clock may be wrong, but the gap between when the event
// happened (timestamp) and when the batch was sent (sentAt), both on that clock, is right. So
// timestamp = receivedAt - (sentAt - originalTimestamp). Without sentAt the client's timestamp
// is trusted; without a timestamp the event happened when it arrived.
export function toMillis(value: string | number | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  const ms = typeof value === 'number' ? value : Date.parse(value);
  return Number.isFinite(ms) ? ms : null;
}

export function correctedTimestamp(input: {
  timestamp: number | null;
  sentAt: number | null;
  receivedAt: number;
}): number {
  const { timestamp, sentAt, receivedAt } = input;
  if (timestamp === null) return receivedAt;
  if (sentAt === null) return timestamp;
  return receivedAt - (sentAt - timestamp);
}
