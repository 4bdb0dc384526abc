// Decree 91/2020/NĐ-CP on advertising messages (Vietnam): an advertising SMS starts with "QC",
// comes from a registered brandname, at most 3 go to one number in 24 hours, and none between
// 22:00 and 07:00. Braid postpones, never drops, a send the decree does not allow yet.
import type { FrequencyCap } from './frequency-cap';
import type { QuietHours } from './quiet-hours';
import { capRule, quietHoursRule } from './rules';
import type { SendRule } from './send-rule';

export const DECREE_91 = {
  /** The law reads Vietnamese time, whatever zone the customer's profile says. */
  timeZone: 'Asia/Ho_Chi_Minh',
  /** Sending is allowed 07:00–22:00; the rest of the day is closed. */
  closed: { from: '22:00', to: '07:00' } satisfies QuietHours,
  cap: { max: 3, periodMs: 24 * 3_600_000 } satisfies FrequencyCap,
  prefix: '[QC]',
} as const;

/** The decree's window and per-number cap, given the advertising SMS already sent to that number. */
export function decree91Rules(sendTimesToNumber: readonly number[]): SendRule[] {
  return [
    quietHoursRule(DECREE_91.closed, DECREE_91.timeZone, 'Decree 91/2020: advertising SMS only 07:00–22:00, closed', 'decree91'),
    capRule(DECREE_91.cap, sendTimesToNumber, DECREE_91.timeZone, 'Decree 91/2020: advertising SMS to this number', 'decree91'),
  ];
}

/** "[QC] …" unless the text already starts with a QC mark (a marketer who typed it keeps one). */
export function withAdvertisingPrefix(body: string): string {
  const text = body.trimStart();
  return /^\[?QC\]?[\s:\-–]/i.test(text) ? text : `${DECREE_91.prefix} ${text}`;
}
