// Drives one enrollment through the interpreter on a virtual clock: the simulator's
// stand-in for the Temporal workflow. The "world" answers activities and supplies events.
import type { ActivityResult, Command, CustomerEvent, Json, JourneyIR } from '@braid/sdk';
import type { InterpretOptions } from './interpret';
import { interpret } from './interpret';
import type { JourneyState } from './state';
import { initialState } from './state';

export type ScheduledEvent = { at: number; event: CustomerEvent };

export type World = {
  /** Removes and returns the earliest pending event at or before `until`, if any. */
  takeEventUntil(until: number): ScheduledEvent | null;
  runAction(command: Extract<Command, { kind: 'runActivity' }>, now: number, state: JourneyState): ActivityResult;
  runLookup(command: Extract<Command, { kind: 'runActivity' }>, now: number, state: JourneyState): ActivityResult;
};

export type DriveOptions = InterpretOptions & {
  startAt: number;
  entryEvent: CustomerEvent | null;
  traits: Record<string, Json>;
  seed: number;
  /** Stop (customer still in the journey) when the next wake-up is later than this. */
  horizon: number;
  onCommands?: (commands: Command[], now: number, state: JourneyState) => void;
};

export type DriveResult = {
  state: JourneyState;
  now: number;
  stoppedAtHorizon: boolean;
  errors: string[];
  /** The driver gave up after MAX_INPUTS inputs (the last of `errors` says so). */
  exhausted?: boolean;
};

export const MAX_INPUTS = 10_000;

export function drive(ir: JourneyIR, world: World, o: DriveOptions): DriveResult {
  // The driver owns its state and never revisits an old one: update in place.
  const opts: InterpretOptions = { log: o.log ?? true, mutate: true };
  let now = o.startAt;
  let { state, commands } = interpret(ir, initialState(ir), { kind: 'start', now, entryEvent: o.entryEvent, traits: o.traits, seed: o.seed }, opts);
  const errors: string[] = [];
  for (let i = 0; i < MAX_INPUTS; i++) {
    o.onCommands?.(commands, now, state);
    for (const c of commands) if (c.kind === 'error') errors.push(c.message);
    const last = commands[commands.length - 1];
    if (!last || last.kind === 'complete' || state.status === 'completed') return { state, now, stoppedAtHorizon: false, errors };
    let r;
    if (last.kind === 'runActivity') {
      const result = last.activity === 'action' ? world.runAction(last, now, state) : world.runLookup(last, now, state);
      r = interpret(ir, state, { kind: 'activityResult', now, stepId: last.stepId, result }, opts);
    } else if (last.kind === 'sleepUntil' || last.kind === 'waitForEvent') {
      const next = world.takeEventUntil(last.until);
      if (next) {
        now = Math.max(now, next.at);
        r = interpret(ir, state, { kind: 'event', now, event: next.event }, opts);
      } else {
        if (last.until > o.horizon) return { state, now, stoppedAtHorizon: true, errors };
        now = Math.max(now, last.until);
        r = interpret(ir, state, { kind: 'timer', now }, opts);
      }
    } else {
      return { state, now, stoppedAtHorizon: false, errors };
    }
    state = r.state;
    commands = r.commands;
  }
  errors.push(`Simulation stopped after ${MAX_INPUTS} inputs`);
  return { state, now, stoppedAtHorizon: true, errors, exhausted: true };
}

/** A queue of scheduled events, earliest first. */
export function eventQueue(events: ScheduledEvent[]): { take(until: number): ScheduledEvent | null; all: ScheduledEvent[] } {
  const sorted = [...events].sort((a, b) => a.at - b.at);
  let i = 0;
  return {
    all: sorted,
    take(until) {
      const e = sorted[i];
      if (e && e.at <= until) {
        i++;
        return e;
      }
      return null;
    },
  };
}
