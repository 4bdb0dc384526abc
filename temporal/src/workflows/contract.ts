// What the interpreter workflow takes, answers and is signalled with. Shared by the workflow,
// the client (routing) and the activities, so it imports only types and @temporalio/workflow.
import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { Command, CustomerEvent, Json, JourneyIR } from '@braid/sdk';

export const JOURNEY_WORKFLOW = 'journeyWorkflow';
export const DATE_TRIGGERS_WORKFLOW = 'dateTriggersWorkflow';

export type DateTriggerActivities = {
  enrollDueDateTriggers(): Promise<{ journeys: number; checked: number; enrolled: number; skipped: number }>;
};

/** Deterministic per (journey, customer): one running enrollment of a customer per journey. */
export function journeyWorkflowId(journeyId: string, customerId: string): string {
  return `journey:${journeyId}:customer:${customerId}`;
}

/** Who this execution is for and which immutable version it runs. */
/**
 * The idempotency key of one visit of one node: workflow id + node id + visit number. The
 * enrollment id sits beside the workflow id because a customer who re-enters a journey gets
 * the same workflow id again, and their second walk must not be mistaken for a replay.
 */
export function idempotencyKey(workflowId: string, enrollmentId: string, nodeId: string, visit: number): string {
  return `${workflowId}/${enrollmentId}:${nodeId}:${visit}`;
}

/** Id of the signal sent with signalWithStart when a customer enters without an event. */
export const enrolMarkerId = (enrollmentId: string): string => `enrol:${enrollmentId}`;

export type EnrollmentRef = {
  workspaceId: string;
  journeyId: string;
  versionId: string;
  version: number;
  customerId: string;
  enrollmentId: string;
};

/** The interpreter state as far as the workflow is concerned: opaque JSON the interpreter owns. */
export type CarriedState = {
  state: unknown;
  /** The command the journey was blocked on when it continued as new. */
  blocking: Command | null;
  /** Events received but not yet given to the interpreter. */
  pendingEvents: CustomerEvent[];
  /** Recent event ids already handled, so a re-delivered signal is ignored. */
  seenEventIds: string[];
  /** How many times this enrollment continued as new. */
  generation: number;
  /** The journey was paused when this run continued as new. */
  paused?: boolean;
  /** A migration order received but not yet applied (the customer was not waiting yet). */
  migration?: MigrationOrder;
};

/**
 * A migration plan as one customer's workflow receives it: move from `fromVersion` to the new
 * version's program, at the step mapped from the one they wait at. The workflow checks it
 * against its own position; a customer whose step is not mapped stays where they are.
 */
export type MigrationOrder = {
  migrationId: string;
  fromVersion: number;
  toVersion: number;
  toVersionId: string;
  ir: JourneyIR;
  /** Waiting step id of `fromVersion` → step id of the new version. */
  steps: Record<string, string>;
};

/** What the move records: the `moved` line on the old version and the entry into the new step. */
export type MoveRecord = {
  from: EnrollmentRef;
  to: EnrollmentRef;
  migrationId: string;
  /** Deterministic per run, so a re-executed local activity records nothing twice. */
  key: string;
  fromNodeId: string;
  toNodeId: string;
  at: number;
};

export type JourneyWorkflowInput = {
  enrollment: EnrollmentRef;
  ir: JourneyIR;
  entryEvent: CustomerEvent | null;
  traits: Record<string, Json>;
  seed: number;
  /** Set only when the workflow continued as new. */
  carried?: CarriedState;
  /** History events before continuing as new (default 2,000); tests set it low. */
  historyLimit?: number;
  /**
   * The workflow code this start was made for (JOURNEY_RUNTIME when it was started). From 1 on,
   * every change the workflow took behind `patched()` before it is simply taken: no patch
   * marker, and no TemporalChangeVersion search attribute upsert (an event and a visibility
   * write each) per customer. Starts without it are older histories, which keep calling
   * `patched()` exactly as they were recorded.
   */
  runtime?: number;
};

/**
 * What new starts carry as `runtime`. Raise it only with a workflow change that is itself
 * behind `patched()` for older runtimes, and take that patch as given from the new number on.
 */
export const JOURNEY_RUNTIME = 1;

export type JourneyOutcome = {
  reason: 'end' | 'goal' | 'exitCriteria' | 'failed' | 'error';
  detail: string;
  stepId: string | null;
};

export type CurrentNode = {
  stepId: string | null;
  nodeId: string | null;
  /** What the customer is doing there: waiting, running an action, held by a pause, or done. */
  status: 'waiting' | 'running' | 'held' | 'done';
  until: number | null;
};

export const customerEventSignal = defineSignal<[CustomerEvent]>('customerEvent');
/** Pause holds customers before their next action (waits and events go on); resume lets them go. */
export const journeyControlSignal = defineSignal<[{ paused: boolean }]>('journeyControl');
export const currentNodeQuery = defineQuery<CurrentNode>('currentNode');
/** Sent by a migration to every running customer of a moving version; repeats are ignored. */
export const migrateSignal = defineSignal<[MigrationOrder]>('migrate');

/** Task queues: the default one for the workflow and non-send activities, one per channel. */
export const DEFAULT_TASK_QUEUE = 'braid-journeys';
/**
 * Broadcasts (the workflow and its page activity) have their own, so their next page, their end
 * and their answer to pause or cancel never wait behind the customers they just started.
 * Broadcasts started before it existed finish on DEFAULT_TASK_QUEUE, whose worker still runs them.
 */
export const BROADCAST_TASK_QUEUE = 'braid-broadcasts';
export function channelTaskQueue(channel: string): string {
  return `braid-send-${channel}`;
}

/** What a send action answers when a cap or quiet hours hold it back. */
export type PostponedOutput = { postponedUntil: number; reason: string };
export function isPostponed(output: Json | undefined): output is { postponedUntil: number; reason: string } {
  return (
    typeof output === 'object' &&
    output !== null &&
    !Array.isArray(output) &&
    typeof (output as Record<string, Json>).postponedUntil === 'number'
  );
}

/** One entered/left/converted/exited record, written to the step log. */
export type StepEntry = {
  /** Deterministic per run, so a re-executed local activity does not log twice. */
  key: string;
  stepId: string;
  nodeId: string;
  outcome: 'entered' | 'left' | 'converted' | 'exited';
  reason: string;
  at: number;
};

/** What an action or lookup activity is asked to do. */
export type StepRequest = {
  enrollment: EnrollmentRef;
  workflowId: string;
  stepId: string;
  nodeId: string;
  kindName: string;
  channel: string | null;
  config: Json;
  visit: number;
  entryEvent: CustomerEvent | null;
  /** Outputs of earlier actions by template variable (`voucher` ...), for personalisation. */
  variables: Record<string, Json>;
  /** Step-log entries not yet recorded: the activity records them before it acts. */
  steps?: StepEntry[];
};

/** An action's answer, as the interpreter takes it. */
export type ActionResult = { ok: true; output?: Json } | { ok: false; error: string };

/** The activities the workflow calls; implemented in ../activities, imported here as a type only. */
export type JourneyActivities = {
  runAction(request: StepRequest): Promise<ActionResult>;
  lookup(request: StepRequest): Promise<{ ok: true; output?: Json } | { ok: false; error: string }>;
  recordSteps(request: { enrollment: EnrollmentRef; entries: StepEntry[] }): Promise<void>;
  finishEnrollment(request: { enrollment: EnrollmentRef; outcome: JourneyOutcome }): Promise<void>;
  /** The step log lines of a move, and the enrollment switched to the new version, at once. */
  recordMove(request: MoveRecord): Promise<void>;
};
