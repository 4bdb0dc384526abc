// Whether a journey's trigger lets a customer in now, given their last enrollment in it and how
// many times they entered within the entry limit's period. One rule for a customer entering on
// an event and for a whole page of a broadcast, which reads the same facts in bulk.
import type { JourneyIR } from '@braid/sdk';

export type LastEnrollment = { status: string; enteredAt: number };

export type EntryRefusal = { reason: 'alreadyIn' | 'reentry' | 'entryLimit'; detail: string };

export function entryRefusal(
  trigger: JourneyIR['trigger'],
  last: LastEnrollment | undefined,
  entriesInPeriod: number,
  now: number,
): EntryRefusal | null {
  if (last?.status === 'active') return { reason: 'alreadyIn', detail: 'the customer is in this journey now' };
  if (last && trigger.reentry.mode === 'once') return { reason: 'reentry', detail: 'this journey lets a customer in only once' };
  if (last && trigger.reentry.mode === 'everyTime' && now - last.enteredAt < trigger.reentry.minGapMs) {
    return { reason: 'reentry', detail: `re-entry allowed ${trigger.reentry.minGapMs} ms after the last entry` };
  }
  if (trigger.entryLimit && last && entriesInPeriod >= trigger.entryLimit.max) {
    return { reason: 'entryLimit', detail: `at most ${trigger.entryLimit.max} entries per ${trigger.entryLimit.periodMs} ms` };
  }
  return null;
}
