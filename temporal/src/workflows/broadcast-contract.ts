// The broadcast workflow's contract, shared by the workflow, its activity and the API.
import { defineSignal } from '@temporalio/workflow';

export const BROADCAST_WORKFLOW = 'broadcastWorkflow';

/** One running broadcast per journey: a second start while one runs finds this id taken. */
export const broadcastWorkflowId = (broadcastId: string): string => `broadcast:${broadcastId}`;

/** Wakes the workflow after a pause, resume or cancel recorded on the broadcast row. */
export const broadcastNudgeSignal = defineSignal('broadcastNudge');

/** The entry "event" a broadcast enrols each member with: one per broadcast and customer, so never twice. */
export const broadcastEntryId = (broadcastId: string, customerId: string): string => `broadcast:${broadcastId}:${customerId}`;

export type BroadcastPage = {
  /** Nothing left: completed, cancelled or failed (the row says which). */
  done: boolean;
  /** The row says paused: wait for a nudge. */
  paused: boolean;
  /** Nobody enrolled: too many of the journey's customers still wait for their first step. */
  behind?: boolean;
  enrolled: number;
  /** Enrolled by an earlier run of the page (a retry); absent from pages of older workers. */
  replayed?: number;
  skipped: number;
  /** How long to wait before the next page to keep to the broadcast's rate. */
  delayMs: number;
};

export type BroadcastActivities = {
  enrolBroadcastPage(input: { broadcastId: string }): Promise<BroadcastPage>;
};
