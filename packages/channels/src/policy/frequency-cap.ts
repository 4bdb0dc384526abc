/** At most `max` sends to one customer on one channel within any rolling `periodMs`. */
export type FrequencyCap = { max: number; periodMs: number };

/**
 * The earliest instant ≥ `at` at which one more send stays within the cap, counting the sends
 * already made (or scheduled) at `sendTimes`.
 */
export function capReleaseTime(at: number, cap: FrequencyCap, sendTimes: readonly number[]): number {
  if (cap.max <= 0 || !Number.isFinite(cap.periodMs) || cap.periodMs <= 0) return at;
  const inWindow = sendTimes.filter((s) => s > at - cap.periodMs).sort((a, b) => a - b);
  if (inWindow.length < cap.max) return at;
  // The oldest sends must age out until only max - 1 remain in the window.
  const mustAgeOut = inWindow[inWindow.length - cap.max] as number;
  return Math.max(at, mustAgeOut + cap.periodMs);
}
