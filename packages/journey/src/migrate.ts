// Moving a waiting customer from one published version to another (an in-flight migration).
// Pure, so the API checks a plan with exactly the rules the Temporal workflow applies to each
// customer's own position, and the workflow stays deterministic.
import type { JourneyIR, Step, WaitStep } from '@braid/sdk';
import type { JourneyState } from './state';
import { isValidTimezone, nextWindowStart } from './time-window';

/** How a step holds a customer: on a clock (delay, time window) or until an event; null when it does not. */
export type WaitingKind = 'timer' | 'event';

const own = <T>(record: Record<string, T>, key: string): T | undefined => (Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined);

export function waitingKindOf(step: Step | undefined): WaitingKind | null {
  if (!step || step.type !== 'wait') return null;
  return step.wait.kind === 'event' ? 'event' : 'timer';
}

/**
 * Why `fromStep` of `from` cannot be mapped onto `toStep` of `to` (in English, with step ids),
 * or null when it can. A customer waits only at wait steps, and keeps waiting the same way: a
 * clock onto a clock, an event onto an event. A send, a condition or an exit is never a target,
 * since moving onto it would act for the customer at once, outside the flow that leads there.
 */
export function moveRefusal(from: JourneyIR, to: JourneyIR, fromStep: string, toStep: string): string | null {
  const source = own(from.steps, fromStep);
  if (!source) return `"${fromStep}" is not a step of version ${from.version}`;
  const kind = waitingKindOf(source);
  if (!kind) return `nobody waits at "${fromStep}" (a ${source.type} step)`;
  const target = own(to.steps, toStep);
  if (!target) return `"${toStep}" is not a step of version ${to.version}`;
  const targetKind = waitingKindOf(target);
  if (!targetKind) return `"${toStep}" is a ${target.type === 'action' ? 'send or action' : target.type === 'branch' ? 'condition' : 'exit'} step, not a wait: a customer waiting at "${fromStep}" cannot be placed there`;
  if (targetKind !== kind) {
    return kind === 'event'
      ? `"${fromStep}" waits for an event and "${toStep}" waits on a clock: the customer would stop waiting for what they wait for`
      : `"${fromStep}" waits on a clock and "${toStep}" waits for an event`;
  }
  return null;
}

/** The mapping suggested for customers waiting in `from`: each wait step whose id is also a compatible wait of `to`. */
export function suggestMoves(from: JourneyIR, to: JourneyIR): Record<string, string> {
  const moves: Record<string, string> = {};
  for (const [id, step] of Object.entries(from.steps)) {
    if (waitingKindOf(step) && own(to.steps, id) && moveRefusal(from, to, id, id) === null) moves[id] = id;
  }
  return moves;
}

/** The wait steps of a version, where customers can be found (and moved from). */
export function waitingSteps(ir: JourneyIR): string[] {
  return Object.values(ir.steps)
    .filter((s) => waitingKindOf(s) !== null)
    .map((s) => s.id);
}

/**
 * The interpreter state of a customer waiting in `from`, placed at `toStep` of `to`; null when
 * the customer is not waiting, or their position is not mapped onto a compatible step.
 *
 * Timers keep their deadline unless the new step says otherwise: a delay or an event timeout
 * counts from when the customer started waiting, so a changed length moves the deadline by the
 * difference (and an unchanged one keeps it); a time window is the new step's own window.
 */
export function moveState(state: JourneyState, from: JourneyIR, to: JourneyIR, toStep: string, now: number): JourneyState | null {
  const waiting = state.awaiting;
  if (state.status !== 'active' || !waiting || waiting.kind === 'activity') return null;
  if (state.journeyId !== from.journeyId || state.version !== from.version) return null;
  if (moveRefusal(from, to, waiting.stepId, toStep) !== null) return null;
  const source = own(from.steps, waiting.stepId) as WaitStep;
  const target = own(to.steps, toStep) as WaitStep;
  const until = deadline(source, target, waiting.until, now, state.timezone);
  return {
    ...state,
    journeyId: to.journeyId,
    version: to.version,
    stepId: toStep,
    awaiting: { kind: waiting.kind, stepId: toStep, until },
    visits: { ...state.visits, [toStep]: (own(state.visits, toStep) ?? 0) + 1 },
    variables: { ...state.variables },
  };
}

function lengthOf(step: WaitStep): number | null {
  if (step.wait.kind === 'duration') return step.wait.ms;
  if (step.wait.kind === 'event') return step.wait.timeoutMs;
  return null;
}

function deadline(source: WaitStep, target: WaitStep, until: number, now: number, customerTimezone: string | null): number {
  if (target.wait.kind === 'timeWindow') {
    const w = target.wait;
    if (source.wait.kind === 'timeWindow' && sameWindow(source.wait, w)) return until;
    const tz = w.timezone === 'customer' ? (customerTimezone ?? w.fallbackTimezone) : w.timezone;
    return Math.max(now, nextWindowStart(now, w.from, w.to, w.days, isValidTimezone(tz) ? tz : w.fallbackTimezone));
  }
  const before = lengthOf(source);
  const after = lengthOf(target);
  // A window before, a delay now: when they started waiting is unknown, so the deadline stands.
  if (before === null || after === null) return until;
  return until - before + after;
}

function sameWindow(a: Extract<WaitStep['wait'], { kind: 'timeWindow' }>, b: Extract<WaitStep['wait'], { kind: 'timeWindow' }>): boolean {
  return a.from === b.from && a.to === b.to && a.timezone === b.timezone && a.fallbackTimezone === b.fallbackTimezone && a.days.join() === b.days.join();
}
