export * from './graph';
export { validate } from './validate';
export { compile } from './compile';
export type { CompileOptions, CompileResult } from './compile';
export { initialState, STATE_VERSION } from './state';
export type { Awaiting, CompletionReason, JourneyState } from './state';
export { interpret, startEnrollment, awaitingCommand, pickOutput, describeCondition, STEP_BUDGET } from './interpret';
export type { InterpretOptions, InterpretResult, InterpreterErrorCode } from './interpret';
export { matchesEvent, matchesFilters, compare, getPath, resolveValue } from './match';
export type { MatchableEvent } from './match';
export { nextWindowStart, isValidTimezone } from './time-window';
export { simulate, hasEngagement } from './simulate';
export type { SingleScenario, SingleResult, SimulationProblem, ScriptedEvent, PathEntry, Engagement, ChannelHistory } from './simulate';
export { simulateCohort } from './cohort';
export type { CohortScenario, CohortBehaviour, CohortResult, NodeCount } from './cohort';
export { scanTemplate, BASE_TEMPLATE_VARIABLES } from './liquid-variables';
export { liquidProblemOf, liquidProblemText } from './liquid-errors';
export type { LiquidProblem, LiquidProblemCode } from './liquid-errors';
export { nextDateTriggerAt, parseTraitDate } from './date-trigger';
export { diffJourneyGraphs, sameJourneyContent, canonicalJson } from './diff';
export type { GraphDiff, StepChange, FieldChange, PathChange, StepRef } from './diff';
export { moveRefusal, moveState, suggestMoves, waitingKindOf, waitingSteps } from './migrate';
export type { WaitingKind } from './migrate';
export { journeyFileSchema, journeyKeySchema, journeyKeyFromName, journeyJsonSchemas, JOURNEY_KEY_MAX } from './journey-file';
export type { JourneyFile } from './journey-file';
export {
  segmentRuleSchema,
  segmentReferences,
  ruleCountsEvents,
  eventsOfRule,
  ruleReadsTraits,
  countComparisons,
  DAY_MS,
  MAX_WINDOW_DAYS,
  MAX_EVENT_COUNT,
  MAX_RULE_DEPTH,
  MAX_RULE_CONDITIONS,
  MAX_SEGMENT_NESTING,
} from './segment-rule';
export type { SegmentRule, SegmentCondition, TraitFilter, TraitCondition, BehaviourCondition, SegmentMembershipCondition, ConditionGroup, CountComparison } from './segment-rule';
export { answeredCount, chooseBestChannel, usualAnswerHour, type BestChannelDecision, type BestChannelInput, type ChannelStats, type ChannelVerdict } from './best-channel-score';
