// Starting (or re-starting) the workflow of one enrollment row. Used when a customer enters, and
// again by replays and the reconciler when a row exists but its workflow never started (the
// process died between the two). signalWithStart on a running workflow only delivers the entry
// event, which the workflow ignores by id, so calling this twice for one enrollment is harmless.
import { randomInt } from 'node:crypto';
import { WorkflowIdReusePolicy, type Client } from '@temporalio/client';
import type { CustomerEvent, Json } from '@braid/sdk';
import { CUSTOMER_ID, JOURNEY_ID, JOURNEY_VERSION } from '../client/search-attributes';
import { customerEventSignal, DEFAULT_TASK_QUEUE, enrolMarkerId, JOURNEY_RUNTIME, type JourneyWorkflowInput } from '../workflows/contract';
import type { journeyWorkflow } from '../workflows/journey';
import type { ActiveJourney } from './journey-index';

export type EnrollmentStart = {
  journey: ActiveJourney;
  enrollmentId: string;
  workflowId: string;
  customerId: string;
  entryEvent: CustomerEvent | null;
  traits: Record<string, Json>;
  enteredAt: number;
};

/** Memo key naming the enrollment a workflow run belongs to (the reconciler reads it back). */
export const ENROLLMENT_MEMO = 'enrollmentId';

export async function startEnrollmentWorkflow(client: Client, start: EnrollmentStart): Promise<void> {
  const { journey, enrollmentId, customerId, entryEvent } = start;
  const input: JourneyWorkflowInput = {
    enrollment: {
      workspaceId: journey.workspaceId,
      journeyId: journey.journeyId,
      versionId: journey.versionId,
      version: journey.version,
      customerId,
      enrollmentId,
    },
    ir: journey.ir,
    entryEvent,
    traits: start.traits,
    seed: randomInt(2 ** 31),
    runtime: JOURNEY_RUNTIME,
  };
  await client.workflow.signalWithStart<typeof journeyWorkflow, [CustomerEvent]>('journeyWorkflow', {
    workflowId: start.workflowId,
    taskQueue: DEFAULT_TASK_QUEUE,
    args: [input],
    signal: customerEventSignal,
    // The entry event itself: the workflow already has it, and ignores it by id.
    signalArgs: [
      entryEvent ?? { id: enrolMarkerId(enrollmentId), name: '$enrolled', properties: {}, timestamp: new Date(start.enteredAt).toISOString() },
    ],
    workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
    memo: { [ENROLLMENT_MEMO]: enrollmentId },
    typedSearchAttributes: [
      { key: JOURNEY_ID, value: journey.journeyId },
      { key: JOURNEY_VERSION, value: journey.version },
      { key: CUSTOMER_ID, value: customerId },
    ],
  });
}
