// The send rules Braid knows, each a small constructor over the pure helpers beside it.
import { addDays, instantOfWallTime, wallTimeAt } from '@braid/sdk/zoned-time';
import { capReleaseTime, type FrequencyCap } from './frequency-cap';
import { isQuietAt, quietHoursEnd, type QuietHours } from './quiet-hours';
import { describePeriod, formatLocal, type SendRule, type SendRuleName } from './send-rule';

export function quietHoursRule(quiet: QuietHours, timeZone: string, label: string, name: SendRuleName = 'quietHours'): SendRule {
  return {
    name,
    releaseAt: (at) => (isQuietAt(at, quiet, timeZone) ? quietHoursEnd(at, quiet, timeZone) : at),
    describe: (_at, until) => `${label} ${quiet.from}–${quiet.to}, waits until ${formatLocal(until, timeZone)}`,
  };
}

/** At most cap.max sends among `sendTimes` in any rolling cap.periodMs. */
export function capRule(cap: FrequencyCap, sendTimes: readonly number[], timeZone: string, label: string, name: SendRuleName = 'frequencyCap'): SendRule {
  return {
    name,
    releaseAt: (at) => capReleaseTime(at, cap, sendTimes),
    describe: (_at, until) => `${label} ${cap.max} per ${describePeriod(cap.periodMs)} reached, waits until ${formatLocal(until, timeZone)}`,
  };
}

/** The start of the calendar day after the one `at` falls on, in `timeZone`. */
export function nextLocalMidnight(at: number, timeZone: string): number {
  const day = addDays(wallTimeAt(at, timeZone), 1);
  return instantOfWallTime({ ...day, hour: 0, minute: 0, second: 0 }, timeZone);
}

/**
 * At most `quota` sends per calendar day in `timeZone` (Zalo's OA quota resets at midnight Vietnam
 * time): `used` were sent on the day of `now`; a later day starts again from zero.
 */
export function dailyQuotaRule(quota: number, used: number, now: number, timeZone: string, label: string): SendRule {
  const today = nextLocalMidnight(now, timeZone);
  return {
    name: 'dailyQuota',
    releaseAt: (at) => (at < today && used >= quota ? today : at),
    describe: (_at, until) => `${label} daily quota of ${quota} used, waits until ${formatLocal(until, timeZone)}`,
  };
}
