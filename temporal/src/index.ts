// @braid/temporal: what the API process needs (client, routing, segments, contract).
// The worker is a separate entry (`@braid/temporal/worker`) so the API never loads it.
export { connectTemporalClient } from './client/connect';
export { ensureSearchAttributes, JOURNEY_ID, JOURNEY_VERSION, CUSTOMER_ID } from './client/search-attributes';
export { temporalConfigFromEnv, type TemporalConfig } from './connection/config';
export { createRouter, toCustomerEvent, type Router, type RouterDeps, type RoutableEvent, type RoutingOutcome } from './routing/route-events';
export { createJourneyIndex, triggerKeyOf, listenedEvents, segmentTriggerKey, type ActiveJourney, type JourneyIndex } from './routing/journey-index';
export { enrollCustomer, type EnrollResult } from './routing/enroll';
export { needsRetry } from './routing/route-events';
export { createEventDispatcher, type EventDispatcher, type DispatchReport, type IntentRef } from './routing/dispatcher';
export { startRoutingRecovery, type Recovery, type RecoveryOptions } from './routing/recovery';
export { ensureEnrollmentRunning, reconcileAllActive, reconcileUnstarted, type ReconcileReport } from './routing/reconcile';
export { loadWorkspaceSegments, evaluateMembership, refreshCustomers, normaliseRule, type WorkspaceSegments, type Join, type MembershipResult } from './segments/membership';
export { ruleSql, filterSql, jsonPath, SegmentRuleRefused, type RuleContext } from './segments/rule-sql';
export { checkRule, previewRule, type PreviewSample } from './segments/preview';
export { startSegmentUpkeep, scheduleSegmentEvaluation, type SegmentUpkeep, type SegmentUpkeepOptions, type UpkeepReport } from './segments/upkeep';
export { enrolJoins, segmentEntryEvent, type JoinOutcome } from './segments/enrol-joins';
export { segmentsAfterEvents, type IngestedEventRef, type JoinsAfterEvents } from './segments/after-events';
export {
  journeyWorkflowId,
  currentNodeQuery,
  customerEventSignal,
  DEFAULT_TASK_QUEUE,
  BROADCAST_TASK_QUEUE,
  channelTaskQueue,
  type JourneyWorkflowInput,
  type JourneyOutcome,
  type CurrentNode,
} from './workflows/contract';
export { ensureDateTriggerSchedule, DATE_TRIGGER_SCHEDULE_ID } from './date-triggers/schedule';
export { enrollDueDateTriggers } from './date-triggers/enroll-due';
export {
  startBroadcast,
  controlBroadcast,
  getBroadcast,
  listBroadcasts,
  broadcastProgress,
  BroadcastRefused,
  DEFAULT_BROADCAST_RATE,
  MAX_BROADCAST_RATE,
  type Broadcast,
} from './broadcasts/control';
export { resumeMigrations, startMigration } from './migrations/control';
export { migrationWorkflowId } from './workflows/migration-contract';
export type { MigrationOrder } from './workflows/contract';
