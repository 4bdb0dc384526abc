// A send rule says, for a candidate instant, the earliest instant it allows (the same one when it
// allows it). Quiet hours, caps, Decree 91's window and a daily quota are all send rules, so one
// loop settles them together: the answer is a time every rule allows, or none is sent at all.
export type SendRuleName = 'quietHours' | 'frequencyCap' | 'decree91' | 'dailyQuota';

export type SendRule = {
  name: SendRuleName;
  /** The earliest instant ≥ at this rule allows. */
  releaseAt(at: number): number;
  /** Why `at` was moved to `until`, for the step log. */
  describe(at: number, until: number): string;
};

export type SettledSend = {
  allowedAt: number;
  /** The first rule that held the send back; 'allowed' when it may go at once. */
  reason: 'allowed' | SendRuleName;
  /** Each postponement in order, in words for the step log. */
  steps: string[];
};

/** Rules only ever move time forward and each settles within its own period, so a few dozen rounds is a guard, not a tuning knob. */
const MAX_ROUNDS = 64;

export function settleSendTime(now: number, rules: readonly SendRule[]): SettledSend {
  let at = now;
  let reason: SettledSend['reason'] = 'allowed';
  const steps: string[] = [];
  for (let round = 0; round < MAX_ROUNDS; round++) {
    let moved = false;
    for (const rule of rules) {
      const until = rule.releaseAt(at);
      if (until > at) {
        if (reason === 'allowed') reason = rule.name;
        steps.push(rule.describe(at, until));
        at = until;
        moved = true;
      }
    }
    if (!moved) return { allowedAt: at, reason, steps };
  }
  throw new Error(`send rules did not settle after ${MAX_ROUNDS} rounds (${rules.map((r) => r.name).join(', ')})`);
}

export function formatLocal(at: number, timeZone: string): string {
  return (
    new Intl.DateTimeFormat('en-CA', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })
      .format(new Date(at))
      .replace(',', '') + ` ${timeZone}`
  );
}

export function describePeriod(ms: number): string {
  if (ms % 86_400_000 === 0) return `${ms / 86_400_000}d`;
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  return `${ms}ms`;
}
