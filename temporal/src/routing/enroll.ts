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
import { entryRefusal } from './entry-rule';
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
  // for `once`, `everyTime` with a gap, and entry limits. The workspace lets SQLite find the
  // customer's rows by the customer index; by journey alone it reads the journey's every row.
  const needsHistory = !options.notActive || trigger.reentry.mode !== 'afterExit' || trigger.entryLimit !== null;
  const [last] = !needsHistory ? [] : await db
    .select({ status: enrollments.status, enteredAt: enrollments.enteredAt })
    .from(enrollments)
    .where(and(eq(enrollments.workspaceId, journey.workspaceId), eq(enrollments.customerId, customerId), eq(enrollments.journeyId, journey.journeyId)))
    .orderBy(desc(enrollments.enteredAt))
    .limit(1);
  // Counted only when nothing else refuses the customer: the count is the costlier read.
  const refusal =
    entryRefusal(trigger, last, 0, now) ??
    (trigger.entryLimit && last ? entryRefusal(trigger, last, await entriesSince(db, journey, customerId, now - trigger.entryLimit.periodMs), now) : null);
  if (refusal) return { enrolled: false, ...refusal };
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

async function entriesSince(db: Db, journey: ActiveJourney, customerId: string, since: number): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(enrollments)
    .where(
      and(eq(enrollments.workspaceId, journey.workspaceId), eq(enrollments.customerId, customerId), eq(enrollments.journeyId, journey.journeyId), gte(enrollments.enteredAt, since)),
    );
  return row?.n ?? 0;
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
