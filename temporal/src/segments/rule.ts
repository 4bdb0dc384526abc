// A saved segment rule: conditions over traits and event counts in a time window.
import type { Comparison, PropertyFilter } from '@braid/sdk';

export type SegmentCondition =
  | { kind: 'trait'; filter: PropertyFilter }
  | { kind: 'eventCount'; event: string; where: PropertyFilter[]; op: Comparison; count: number; windowMs: number };

export type SegmentRule = { match: 'all' | 'any'; conditions: SegmentCondition[] };

/** Event names a rule counts: only those events (and trait changes) can move a customer in or out. */
export function eventsOfRule(rule: SegmentRule): string[] {
  return rule.conditions.flatMap((c) => (c.kind === 'eventCount' ? [c.event] : []));
}
