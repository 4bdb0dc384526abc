// Enrolling one customer into one journey version: the re-entry rule and entry limit are
// checked against the enrollments table, the enrollment is recorded, then signalWithStart
// starts the customer's workflow (or, if one is somehow running, just delivers the event).
// One entry event enrols a customer into a journey at most once (a unique index): a replayed
// event finds its enrollment and only makes sure its workflow runs.
import type { Client } from '@temporalio/client';
import { and, count, customers, desc, enrollments, eq, gte, newId } from '@braid/db';
import type { Db } from '@braid/db';
import type { CustomerEvent, Json } from '@braid/sdk';
import { journeyWorkflowId } from '../workflows/contract';
import type { ActiveJourney, JourneyIndex } from './journey-index';
import { enrollmentRowColumns, ensureEnrollmentRunning } from './reconcile';
import { startEnrollmentWorkflow } from './start-workflow';

export type EnrollResult =
  | { enrolled: true; enrollmentId: string; workflowId: string; replayed?: boolean }
  | { enrolled: false; reason: 'alreadyIn' | 'reentry' | 'entryLimit' | 'unknownCustomer' | 'startFailed'; detail: string };

export async function enrollCustomer(
  deps: { db: Db; client: Client; index: JourneyIndex; now?: () => number },
  journey: ActiveJourney,
  customerId: string,
  entryEvent: CustomerEvent | null,
  options: { notActive?: boolean; replay?: boolean } = {},
): Promise<EnrollResult> {
  const { db, client } = deps;
  const now = (deps.now ?? Date.now)();
  const { trigger } = journey.ir;
  if (options.replay && entryEvent) {
    const replayed = await enrolledBy(deps, journey.journeyId, entryEvent);
    if (replayed) return replayed;
  }
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
  const inserted = await db
    .insert(enrollments)
    .values({
      id: enrollmentId,
      workspaceId: journey.workspaceId,
      journeyId: journey.journeyId,
      version: journey.version,
      customerId,
      workflowId,
      status: 'active',
      enteredAt: now,
      entryEventId: entryEvent?.id ?? null,
    })
    .onConflictDoNothing()
    .returning({ id: enrollments.id });
  if (inserted.length === 0 && entryEvent) {
    // Another delivery of this event enrolled them a moment ago.
    const replayed = await enrolledBy(deps, journey.journeyId, entryEvent);
    if (replayed) return replayed;
  }
  try {
    await startEnrollmentWorkflow(client, {
      journey,
      enrollmentId,
      workflowId,
      customerId,
      entryEvent,
      traits: customer.traits as Record<string, Json>,
      enteredAt: now,
    });
    return { enrolled: true, enrollmentId, workflowId };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    // Nothing runs for this enrollment. The row goes, so that the event's routing, which is kept
    // and retried, can enrol the customer once Temporal answers again.
    await db.delete(enrollments).where(and(eq(enrollments.id, enrollmentId), eq(enrollments.status, 'active')));
    return { enrolled: false, reason: 'startFailed', detail };
  }
}

/** The enrollment this entry event already made, its workflow made sure of; null if none. */
async function enrolledBy(
  deps: { db: Db; client: Client; index: JourneyIndex; now?: () => number },
  journeyId: string,
  entryEvent: CustomerEvent,
): Promise<EnrollResult | null> {
  const [existing] = await deps.db
    .select({ ...enrollmentRowColumns, status: enrollments.status })
    .from(enrollments)
    .where(and(eq(enrollments.journeyId, journeyId), eq(enrollments.entryEventId, entryEvent.id)))
    .limit(1);
  if (!existing) return null;
  if (existing.status === 'active') await ensureEnrollmentRunning(deps, existing, { entryEvent });
  return { enrolled: true, enrollmentId: existing.id, workflowId: existing.workflowId, replayed: true };
}
