// Enrolling one customer into one journey version: the re-entry rule and entry limit are
// checked against the enrollments table, the enrollment is recorded, then signalWithStart
// starts the customer's workflow (or, if one is somehow running, just delivers the event).
import { randomInt } from 'node:crypto';
import { WorkflowIdReusePolicy, type Client } from '@temporalio/client';
import { and, count, customers, desc, enrollments, eq, gte, newId } from '@braid/db';
import type { Db } from '@braid/db';
import type { CustomerEvent, Json } from '@braid/sdk';
import { CUSTOMER_ID, JOURNEY_ID, JOURNEY_VERSION } from '../client/search-attributes';
import {
  customerEventSignal,
  DEFAULT_TASK_QUEUE,
  enrolMarkerId,
  journeyWorkflowId,
  type JourneyWorkflowInput,
} from '../workflows/contract';
import type { journeyWorkflow } from '../workflows/journey';
import type { ActiveJourney } from './journey-index';

export type EnrollResult =
  | { enrolled: true; enrollmentId: string; workflowId: string }
  | { enrolled: false; reason: 'alreadyIn' | 'reentry' | 'entryLimit' | 'unknownCustomer' | 'startFailed'; detail: string };

export async function enrollCustomer(
  deps: { db: Db; client: Client; now?: () => number },
  journey: ActiveJourney,
  customerId: string,
  entryEvent: CustomerEvent | null,
  options: { notActive?: boolean } = {},
): Promise<EnrollResult> {
  const { db, client } = deps;
  const now = (deps.now ?? Date.now)();
  const { trigger } = journey.ir;
  // The caller already knows the customer is not in this journey now; the history only matters
  // for `once`, `everyTime` with a gap, and entry limits.
  const needsHistory = !options.notActive || trigger.reentry.mode !== 'afterExit' || trigger.entryLimit !== null;
  const [last] = !needsHistory ? [] : await db
    .select({ status: enrollments.status, enteredAt: enrollments.enteredAt })
    .from(enrollments)
    .where(and(eq(enrollments.journeyId, journey.journeyId), eq(enrollments.customerId, customerId)))
    .orderBy(desc(enrollments.enteredAt))
    .limit(1);
  if (last?.status === 'active') return { enrolled: false, reason: 'alreadyIn', detail: 'the customer is in this journey now' };
  if (last && trigger.reentry.mode === 'once') {
    return { enrolled: false, reason: 'reentry', detail: 'this journey lets a customer in only once' };
  }
  if (last && trigger.reentry.mode === 'everyTime' && now - last.enteredAt < trigger.reentry.minGapMs) {
    return { enrolled: false, reason: 'reentry', detail: `re-entry allowed ${trigger.reentry.minGapMs} ms after the last entry` };
  }
  if (trigger.entryLimit && last) {
    const [row] = await db
      .select({ n: count() })
      .from(enrollments)
      .where(
        and(
          eq(enrollments.journeyId, journey.journeyId),
          eq(enrollments.customerId, customerId),
          gte(enrollments.enteredAt, now - trigger.entryLimit.periodMs),
        ),
      );
    if ((row?.n ?? 0) >= trigger.entryLimit.max) {
      return { enrolled: false, reason: 'entryLimit', detail: `at most ${trigger.entryLimit.max} entries per ${trigger.entryLimit.periodMs} ms` };
    }
  }
  const [customer] = await db.select({ traits: customers.traits }).from(customers).where(eq(customers.id, customerId)).limit(1);
  if (!customer) return { enrolled: false, reason: 'unknownCustomer', detail: `no customer ${customerId}` };

  const workflowId = journeyWorkflowId(journey.journeyId, customerId);
  const enrollmentId = newId(now);
  await db.insert(enrollments).values({
    id: enrollmentId,
    workspaceId: journey.workspaceId,
    journeyId: journey.journeyId,
    version: journey.version,
    customerId,
    workflowId,
    status: 'active',
    enteredAt: now,
    entryEventId: entryEvent?.id ?? null,
  });
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
    traits: customer.traits as Record<string, Json>,
    seed: randomInt(2 ** 31),
  };
  try {
    await client.workflow.signalWithStart<typeof journeyWorkflow, [CustomerEvent]>('journeyWorkflow', {
      workflowId,
      taskQueue: DEFAULT_TASK_QUEUE,
      args: [input],
      signal: customerEventSignal,
      // The entry event itself: the workflow already has it, and ignores it by id.
      signalArgs: [entryEvent ?? { id: enrolMarkerId(enrollmentId), name: '$enrolled', properties: {}, timestamp: new Date(now).toISOString() }],
      workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
      typedSearchAttributes: [
        { key: JOURNEY_ID, value: journey.journeyId },
        { key: JOURNEY_VERSION, value: journey.version },
        { key: CUSTOMER_ID, value: customerId },
      ],
    });
    return { enrolled: true, enrollmentId, workflowId };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    // Nothing runs for this enrollment: record why instead of leaving it "active".
    await db.update(enrollments).set({ status: 'failed', finishedAt: now, currentNode: null }).where(eq(enrollments.id, enrollmentId));
    return { enrolled: false, reason: 'startFailed', detail };
  }
}
