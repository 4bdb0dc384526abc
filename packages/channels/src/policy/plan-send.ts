// When one send may go out, from everything that can hold it back: the channel's quiet hours in
// the customer's zone, the channel's caps, the workspace's caps across channels, Decree 91 for
// advertising SMS and a provider's daily quota. Pure: the activity loads the history, this decides.
import { DEFAULT_TIMEZONE, isValidTimeZone } from '@braid/sdk/zoned-time';
import { decree91Rules } from './decree-91';
import type { FrequencyCap } from './frequency-cap';
import type { QuietHours } from './quiet-hours';
import { capRule, dailyQuotaRule, quietHoursRule } from './rules';
import { settleSendTime, type SendRule, type SettledSend } from './send-rule';

export type SendPlanInput = {
  now: number;
  channel: string;
  /** Order updates, payment failed: exempt from quiet hours, marketing caps and Decree 91. */
  transactional: boolean;
  /** IANA zone of the customer; missing or unknown falls back to the workspace's, then Asia/Ho_Chi_Minh. */
  timeZone?: string | null;
  quietHours: QuietHours | null;
  channelCaps: readonly FrequencyCap[];
  /** This customer's counted sends on this channel. */
  channelSendTimes: readonly number[];
  /** Caps across every channel of the workspace. */
  workspaceCaps: readonly FrequencyCap[];
  /** This customer's counted marketing sends on every channel. */
  workspaceSendTimes: readonly number[];
  /** Set for an advertising SMS: the advertising SMS already sent to the same number. */
  advertisingSms?: { sendTimesToNumber: readonly number[] } | null;
  /** A provider's daily quota (Zalo ZNS), in its own zone. */
  dailyQuota?: { quota: number; usedToday: number; timeZone: string; label: string } | null;
};

export type SendPlan = SettledSend & { detail: string; timeZone: string };

export function planSend(input: SendPlanInput): SendPlan {
  const requested = input.timeZone ?? DEFAULT_TIMEZONE;
  const timeZone = isValidTimeZone(requested) ? requested : DEFAULT_TIMEZONE;
  const rules: SendRule[] = [];
  if (!input.transactional) {
    if (input.quietHours) rules.push(quietHoursRule(input.quietHours, timeZone, `${input.channel} quiet hours`));
    for (const cap of input.channelCaps) rules.push(capRule(cap, input.channelSendTimes, timeZone, `${input.channel} frequency cap`));
    for (const cap of input.workspaceCaps) rules.push(capRule(cap, input.workspaceSendTimes, timeZone, 'frequency cap across channels'));
    if (input.advertisingSms) rules.push(...decree91Rules(input.advertisingSms.sendTimesToNumber));
  }
  if (input.dailyQuota) rules.push(dailyQuotaRule(input.dailyQuota.quota, input.dailyQuota.usedToday, input.now, input.dailyQuota.timeZone, input.dailyQuota.label));
  const settled = settleSendTime(input.now, rules);
  const notes = timeZone !== requested ? [`unknown timezone ${JSON.stringify(requested)}, used ${DEFAULT_TIMEZONE}`] : [];
  const detail = settled.reason === 'allowed' ? [`${input.channel} send allowed now`, ...notes].join('; ') : [...notes, ...settled.steps].join('; ');
  return { ...settled, detail, timeZone };
}
