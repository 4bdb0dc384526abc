// Lean entry for Temporal workflow code (`@braid/journey/interpreter`): the interpreter and
// what it needs, without zod, validation or the compiler, to keep the workflow bundle small.
export { interpret, startEnrollment, awaitingCommand, pickOutput, describeCondition, STEP_BUDGET } from './interpret';
export type { InterpretOptions, InterpretResult } from './interpret';
export { initialState, STATE_VERSION } from './state';
export type { Awaiting, CompletionReason, JourneyState } from './state';
export { matchesEvent, matchesFilters, compare, getPath, resolveValue } from './match';
export type { MatchableEvent } from './match';
export { nextWindowStart, isValidTimezone } from './time-window';
export { nextDateTriggerAt, parseTraitDate } from './date-trigger';
export { moveState } from './migrate';
