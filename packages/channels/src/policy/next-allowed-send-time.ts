import { capReleaseTime, type FrequencyCap } from './frequency-cap';
import { isQuietAt, parseClock, PolicyConfigError, quietHoursEnd, type QuietHours } from './quiet-hours';
import { DEFAULT_TIMEZONE, isValidTimeZone } from '@braid/sdk/zoned-time';

export type SendPolicyInput = {
  now: number;
  channel: string;
  /** IANA zone from the customer's profile; missing or unknown falls back to Asia/Ho_Chi_Minh. */
  customerTimezone?: string | null;
  quietHours: QuietHours | null;
  /** One cap, or several that must all hold (e.g. 1 per day and 3 per week). */
  frequencyCap: FrequencyCap | readonly FrequencyCap[] | null;
  /** When this customer was last sent to on this channel (ms since epoch). */
  recentSendTimes: readonly number[];
};

export type SendDecision = {
  allowedAt: number;
  /** What stopped the send at `now`; 'allowed' means send now (allowedAt === now). */
  reason: 'allowed' | 'quietHours' | 'frequencyCap';
  /** One line for the step log: why, and until when in the customer's local time. */
  detail: string;
};

const capsOf = (cap: SendPolicyInput['frequencyCap']): readonly FrequencyCap[] => (cap === null ? [] : Array.isArray(cap) ? cap : [cap as FrequencyCap]);

function validate(input: SendPolicyInput): void {
  if (!Number.isFinite(input.now)) throw new PolicyConfigError('now', 'now must be a finite timestamp in ms');
  for (const cap of capsOf(input.frequencyCap)) validateCap(cap);
  if (input.quietHours) {
    parseClock(input.quietHours.from, 'quietHours.from');
    parseClock(input.quietHours.to, 'quietHours.to');
  }
}

function validateCap(cap: FrequencyCap): void {
  if (!Number.isInteger(cap.max) || cap.max < 1) {
    throw new PolicyConfigError('frequencyCap.max', `frequencyCap.max must be a whole number of at least 1, got ${cap.max}`);
  }
  if (!(Number.isFinite(cap.periodMs) && cap.periodMs > 0)) {
    throw new PolicyConfigError('frequencyCap.periodMs', `frequencyCap.periodMs must be a positive duration, got ${cap.periodMs}`);
  }
}

function formatLocal(at: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  })
    .format(new Date(at))
    .replace(',', '') + ` ${timeZone}`;
}

function describePeriod(ms: number): string {
  if (ms % 86_400_000 === 0) return `${ms / 86_400_000}d`;
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  return `${ms}ms`;
}

/**
 * When a send on `channel` may go out: now, or — if the customer's frequency cap is reached or it
 * is quiet hours where the customer lives — the next moment both allow. Postpones, never drops.
 * Pure: same input, same decision, so the workflow can log it and sleep until `allowedAt`.
 */
export function nextAllowedSendTime(input: SendPolicyInput): SendDecision {
  validate(input);
  const requested = input.customerTimezone ?? DEFAULT_TIMEZONE;
  const timeZone = isValidTimeZone(requested) ? requested : DEFAULT_TIMEZONE;
  const steps: string[] = [];
  if (timeZone !== requested) steps.push(`unknown timezone ${JSON.stringify(requested)}, used ${DEFAULT_TIMEZONE}`);

  let at = input.now;
  let reason: SendDecision['reason'] = 'allowed';
  // Moving later only ever lowers the cap count, so this settles in at most three rounds
  // (cap → out of quiet hours → done); the bound is a guard, not a tuning knob.
  for (let round = 0; round < 10; round++) {
    let released = at;
    let cap: FrequencyCap | undefined;
    for (const c of capsOf(input.frequencyCap)) {
      const r = capReleaseTime(at, c, input.recentSendTimes);
      if (r > released) [released, cap] = [r, c];
    }
    if (cap) {
      if (reason === 'allowed') reason = 'frequencyCap';
      steps.push(`${input.channel} frequency cap ${cap.max} per ${describePeriod(cap.periodMs)} reached, waits until ${formatLocal(released, timeZone)}`);
      at = released;
      continue;
    }
    const quiet = input.quietHours;
    if (quiet && isQuietAt(at, quiet, timeZone)) {
      const end = quietHoursEnd(at, quiet, timeZone);
      if (reason === 'allowed') reason = 'quietHours';
      steps.push(`${input.channel} quiet hours ${quiet.from}–${quiet.to}, waits until ${formatLocal(end, timeZone)}`);
      at = end;
      continue;
    }
    break;
  }
  const detail = reason === 'allowed' ? [`${input.channel} send allowed now`, ...steps].join('; ') : steps.join('; ');
  return { allowedAt: at, reason, detail };
}
