// The journey IR: what publishing produces and what the interpreter runs.
// Closed and JSON-serialisable on purpose: it is stored immutable in journey_versions and
// passed as Temporal workflow input, so it must never hold functions, Dates or class instances.
// This file is the contract between packages/journey (compiler, interpreter, simulator),
// temporal/ (the workflow and activities) and apps/api (publishing, routing).

export const IR_VERSION = 1 as const;

/** A JSON value: the only kind of data allowed in the IR and in interpreter state. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Property/trait filter used by triggers, wait-for-event, conditions, goals, exit criteria. */
export type Comparison =
  | 'equals'
  | 'notEquals'
  | 'greaterThan'
  | 'greaterOrEqual'
  | 'lessThan'
  | 'lessOrEqual'
  | 'contains'
  | 'notContains'
  | 'exists'
  | 'notExists'
  | 'in';

export type PropertyFilter = {
  /** Dotted path into the event properties (or traits), e.g. `cart.total`. */
  path: string;
  op: Comparison;
  /** A literal, or a reference to the entry event / traits: `{ ref: 'entry.properties.cart_id' }`. */
  value?: Json | { ref: string };
};

export type EventMatcher = { event: string; where: PropertyFilter[] };

export type ReentryRule =
  | { mode: 'once' }
  | { mode: 'afterExit' }
  | { mode: 'everyTime'; minGapMs: number };

export type EntryLimit = { max: number; periodMs: number } | null;

export type Trigger =
  | { kind: 'event'; match: EventMatcher; reentry: ReentryRule; entryLimit: EntryLimit }
  | { kind: 'segmentEntered'; segmentId: string; reentry: ReentryRule; entryLimit: EntryLimit }
  | {
      kind: 'dateAttribute';
      /** Trait holding a date, e.g. `birthday`. */
      trait: string;
      /** Yearly recurrence (birthday, anniversary) or a one-off date. */
      recurrence: 'yearly' | 'once';
      offsetDays: number;
      /** Local time of day to enrol, `HH:MM`. */
      atTime: string;
      reentry: ReentryRule;
      entryLimit: EntryLimit;
    }
  | { kind: 'manual'; reentry: ReentryRule; entryLimit: EntryLimit };

export type Goal = {
  match: EventMatcher;
  windowMs: number;
  /** What happens on conversion: leave the journey, or jump to a post-goal step. */
  onConvert: { kind: 'exit' } | { kind: 'goto'; stepId: string };
} | null;

export type ExitCriterion = { match: EventMatcher };

// ---- Steps -------------------------------------------------------------------------------

/** A side effect run by an activity. `kind` names the node type's implementation. */
export type ActionStep = {
  type: 'action';
  id: string;
  /** Node type id, e.g. `send-message`, `update-profile`; resolves to an implementation. */
  kind: string;
  /** Channel for task-queue routing and caps (`email`, `sms`, ...), when the action sends. */
  channel?: string;
  config: Json;
  /** Where to go next on success, and on a failure after the last retry. */
  next: string;
  onFailure: { kind: 'continue' } | { kind: 'exit' } | { kind: 'goto'; stepId: string };
  /**
   * Name under which this action's output (e.g. the issued voucher) is offered to later
   * templates (`{{ voucher.code }}`). Added after v1 of the draft; optional.
   */
  outputVariable?: string;
};

export type WaitStep =
  | { type: 'wait'; id: string; wait: { kind: 'duration'; ms: number }; next: string }
  | {
      type: 'wait';
      id: string;
      wait: {
        kind: 'timeWindow';
        /** Local times `HH:MM`; a window may wrap midnight. */
        from: string;
        to: string;
        /** 0 = Sunday ... 6 = Saturday. Empty means every day. */
        days: number[];
        /** IANA zone; `customer` means the customer's `timezone` trait, falling back to `fallbackTimezone`. */
        timezone: string;
        fallbackTimezone: string;
      };
      next: string;
    }
  | {
      type: 'wait';
      id: string;
      wait: { kind: 'event'; match: EventMatcher; timeoutMs: number };
      next: string; // happened
      timeoutNext: string; // timed out
    };

/** A decision evaluated by the interpreter (pure) from state, events and activity results. */
export type BranchCondition =
  | { kind: 'trait'; filters: PropertyFilter[]; all: boolean }
  | { kind: 'eventCount'; event: string; where: PropertyFilter[]; op: Comparison; count: number; windowMs: number }
  | { kind: 'segment'; segmentId: string }
  | { kind: 'engagement'; stepId: string; status: 'delivered' | 'opened' | 'clicked' | 'replied' }
  /** History settings default to 3 sends, 90-day window, 30-day half-life when absent (older graphs). */
  | { kind: 'bestChannel'; channels: string[]; minSends?: number; windowDays?: number; halfLifeDays?: number }
  | { kind: 'randomSplit'; weights: number[] }
  // The hour of day (customer's time) they answer messages most often: ports h0…h23, else `fallback`.
  | { kind: 'usualHour'; windowDays: number }
  // Would a marketing message on `channel` (of subscription group `groupId`, '' for any) reach the customer now?
  | { kind: 'consent'; channel: string; groupId: string };

export type BranchStep = {
  type: 'branch';
  id: string;
  condition: BranchCondition;
  /**
   * Conditions that need data the interpreter does not hold (trait, eventCount, segment,
   * engagement, bestChannel) are answered by a `lookup` activity first; the interpreter then
   * picks `outputs[index]`. `randomSplit` uses the seed in state. Ports are in order:
   * yes/no for boolean conditions, one per channel (+ `fallback`) for bestChannel, one per
   * weight for splits.
   */
  outputs: { port: string; next: string }[];
};

export type EndStep = { type: 'end'; id: string; reason: string };

export type Step = ActionStep | WaitStep | BranchStep | EndStep;

export type JourneyIR = {
  irVersion: typeof IR_VERSION;
  journeyId: string;
  version: number;
  trigger: Trigger;
  goal: Goal;
  exitCriteria: ExitCriterion[];
  /** Entry step id. */
  start: string;
  steps: Record<string, Step>;
  /** Node ids of the source graph, per step id, so logs and stats map back onto the canvas. */
  nodeOf: Record<string, string>;
};

// ---- Interpreter I/O -----------------------------------------------------------------------

export type CustomerEvent = {
  id: string;
  name: string;
  properties: Record<string, Json>;
  /** ISO time the event happened. */
  timestamp: string;
};

export type InterpreterInput =
  | { kind: 'start'; now: number; entryEvent: CustomerEvent | null; traits: Record<string, Json>; seed: number }
  | { kind: 'timer'; now: number }
  | { kind: 'event'; now: number; event: CustomerEvent }
  | { kind: 'activityResult'; now: number; stepId: string; result: ActivityResult };

/**
 * What a `lookup` activity returns in `ActivityResult.output`:
 * - boolean conditions (trait, eventCount, segment, engagement): `{ matched: boolean }` (or a bare boolean);
 * - bestChannel: `{ channel: string }` — a channel not among the step's ports takes `fallback`;
 * - any condition: `{ port: string }` picks that port directly.
 * A failed lookup (`ok: false`) takes `no` / `fallback`.
 */
/** `why` is the trace's explanation (bestChannel: the per-channel counts that decided). */
export type LookupAnswer = { matched: boolean } | boolean | { channel: string; why?: string } | { port: string; why?: string };

export type ActivityResult =
  | { ok: true; output?: Json }
  | { ok: false; error: string };

/**
 * What `interpret` asks its driver to do. The LAST command of each result is the one to act on
 * (sleepUntil | waitForEvent | runActivity | complete); earlier ones are `log` lines and `error`s
 * for inputs that were ignored (after which the current wait is restated). See packages/journey/README.md.
 */
export type Command =
  | { kind: 'sleepUntil'; until: number; stepId: string }
  | { kind: 'waitForEvent'; until: number; stepId: string }
  | {
      kind: 'runActivity';
      stepId: string;
      /** `action` runs a node implementation; `lookup` answers a branch condition. */
      activity: 'action' | 'lookup';
      kindName: string;
      channel?: string;
      config: Json;
      /** Visit number of this step for this enrollment: part of the idempotency key. */
      visit: number;
      /**
       * Outputs of earlier actions keyed by their `outputVariable` (e.g. `{ voucher: {code} }`),
       * for `ActionContext.variables`. Only on `action` activities. Added after the draft; optional.
       */
      variables?: Record<string, Json>;
    }
  | { kind: 'log'; stepId: string; outcome: 'entered' | 'left' | 'converted' | 'exited'; reason: string }
  | { kind: 'complete'; reason: 'end' | 'goal' | 'exitCriteria' | 'failed' | 'error'; detail: string }
  /**
   * `message` is for operators' logs; `code` and `params` (the step id, a detail) let a UI say it
   * in its own language. Added after the draft; optional.
   */
  | { kind: 'error'; message: string; code?: string; params?: Record<string, string> };
