// Enrolling one page of a broadcast's members at once. The facts the trigger's rules need (who
// this broadcast already enrolled, each member's last entry, entries within the entry limit's
// period, traits) are read in one query each for the whole page and the enrollment rows are
// written in one statement: local SQLite runs every statement on the worker's event loop, so
// five statements per member were what held a page back. Only the workflow starts go one by
// one, a bounded number at a time.
import { and, count, customers, enrollments, eq, gte, inArray, newId, sql } from '@braid/db';
import type { CustomerEvent, Json } from '@braid/sdk';
import { entryRefusal } from '../routing/entry-rule';
import type { ActiveJourney } from '../routing/journey-index';
import { enrollmentRowColumns, ensureEnrollmentRunning, type EnrollmentRow } from '../routing/reconcile';
import { startEnrollmentWorkflow } from '../routing/start-workflow';
import { broadcastEntryId } from '../workflows/broadcast-contract';
import { journeyWorkflowId } from '../workflows/contract';
import type { BroadcastDeps } from './control';

/** Workflow starts in flight at once: enough to keep Temporal busy, few enough not to flood it. */
export const START_CONCURRENCY = 32;

export type MembersOutcome = {
  /** Entered the journey now. */
  enrolled: number;
  /** Entered by an earlier run of this page (a retry): their workflow was made sure of. */
  replayed: number;
  skipped: number;
  lastSkipReason: string | null;
};

export async function enrolMembers(deps: BroadcastDeps, journey: ActiveJourney, broadcastId: string, customerIds: readonly string[], at: number): Promise<MembersOutcome> {
  const outcome: MembersOutcome = { enrolled: 0, replayed: 0, skipped: 0, lastSkipReason: null };
  if (customerIds.length === 0) return outcome;
  const entryOf = (customerId: string): CustomerEvent => ({
    id: broadcastEntryId(broadcastId, customerId),
    name: '$broadcast',
    properties: { broadcastId },
    timestamp: new Date(at).toISOString(),
  });

  // A member this broadcast already enrolled (the page runs again after a crash) is not asked
  // the trigger's rules again: their own enrollment would now say "already in".
  const earlier = await enrolledByThisBroadcast(deps, journey.journeyId, customerIds.map((id) => broadcastEntryId(broadcastId, id)));
  outcome.replayed += await ensureRunning(deps, earlier, entryOf);
  const done = new Set(earlier.map((row) => row.customerId));
  const candidates = customerIds.filter((id) => !done.has(id));
  if (candidates.length === 0) return outcome;

  const { trigger } = journey.ir;
  // The workspace names the index by customer; by journey alone SQLite would read every
  // enrollment of the journey, which a broadcast is filling. SQLite takes the other columns of
  // an aggregate query from the row holding the max().
  const ofMembers = (ids: string[]) => and(eq(enrollments.workspaceId, journey.workspaceId), inArray(enrollments.customerId, ids), eq(enrollments.journeyId, journey.journeyId));
  const lastRows = await deps.db
    .select({ customerId: enrollments.customerId, status: enrollments.status, enteredAt: sql<number>`max(${enrollments.enteredAt})` })
    .from(enrollments)
    .where(ofMembers(candidates))
    .groupBy(enrollments.customerId);
  const last = new Map(lastRows.map((row) => [row.customerId, row]));
  const inPeriod = new Map<string, number>();
  if (trigger.entryLimit && last.size > 0) {
    const rows = await deps.db
      .select({ customerId: enrollments.customerId, n: count() })
      .from(enrollments)
      .where(and(ofMembers([...last.keys()]), gte(enrollments.enteredAt, at - trigger.entryLimit.periodMs)))
      .groupBy(enrollments.customerId);
    for (const row of rows) inPeriod.set(row.customerId, row.n);
  }
  const skip = (reason: string, detail: string) => {
    outcome.skipped++;
    outcome.lastSkipReason = `${reason}: ${detail}`;
  };
  const admitted: string[] = [];
  for (const customerId of candidates) {
    const refusal = entryRefusal(trigger, last.get(customerId), inPeriod.get(customerId) ?? 0, at);
    if (refusal) skip(refusal.reason, refusal.detail);
    else admitted.push(customerId);
  }
  if (admitted.length === 0) return outcome;

  const traitRows = await deps.db.select({ id: customers.id, traits: customers.traits }).from(customers).where(inArray(customers.id, admitted));
  const traits = new Map(traitRows.map((row) => [row.id, row.traits as Record<string, Json>]));
  const rows = admitted.flatMap((customerId) => {
    if (traits.has(customerId)) return [{ customerId, enrollmentId: newId(at), workflowId: journeyWorkflowId(journey.journeyId, customerId) }];
    skip('unknownCustomer', `no customer ${customerId}`);
    return [];
  });
  if (rows.length === 0) return outcome;
  const inserted = await deps.db
    .insert(enrollments)
    .values(
      rows.map((row) => ({
        id: row.enrollmentId,
        workspaceId: journey.workspaceId,
        journeyId: journey.journeyId,
        version: journey.version,
        customerId: row.customerId,
        workflowId: row.workflowId,
        status: 'active' as const,
        enteredAt: at,
        entryEventId: broadcastEntryId(broadcastId, row.customerId),
      })),
    )
    .onConflictDoNothing()
    .returning({ id: enrollments.id });
  const ours = new Set(inserted.map((row) => row.id));
  const toStart = rows.filter((row) => ours.has(row.enrollmentId));
  if (toStart.length < rows.length) {
    // Another run of this page wrote these a moment ago: theirs are the enrollments.
    const raced = rows.filter((row) => !ours.has(row.enrollmentId)).map((row) => broadcastEntryId(broadcastId, row.customerId));
    outcome.replayed += await ensureRunning(deps, await enrolledByThisBroadcast(deps, journey.journeyId, raced), entryOf);
  }

  const failed: { customerId: string; enrollmentId: string; detail: string }[] = [];
  await inParallel(toStart, START_CONCURRENCY, async (row) => {
    try {
      await startEnrollmentWorkflow(deps.client, {
        journey,
        enrollmentId: row.enrollmentId,
        workflowId: row.workflowId,
        customerId: row.customerId,
        entryEvent: entryOf(row.customerId),
        traits: traits.get(row.customerId)!,
        enteredAt: at,
      });
      outcome.enrolled++;
    } catch (error) {
      failed.push({ ...row, detail: error instanceof Error ? error.message : String(error) });
    }
  });
  if (failed.length > 0) {
    // Nothing runs for these: their rows go, and the failed attempt makes the activity's retry
    // redo the page, which finds the members started meanwhile by their entry ids.
    await deps.db.delete(enrollments).where(and(inArray(enrollments.id, failed.map((f) => f.enrollmentId)), eq(enrollments.status, 'active')));
    throw new Error(`could not start a journey for ${failed.length} of ${toStart.length} members (${failed[0]!.customerId}: ${failed[0]!.detail})`);
  }
  return outcome;
}

async function enrolledByThisBroadcast(deps: BroadcastDeps, journeyId: string, entryIds: readonly string[]): Promise<(EnrollmentRow & { status: string })[]> {
  if (entryIds.length === 0) return [];
  return deps.db
    .select({ ...enrollmentRowColumns, status: enrollments.status })
    .from(enrollments)
    .where(and(eq(enrollments.journeyId, journeyId), inArray(enrollments.entryEventId, [...entryIds])));
}

/** Makes sure the workflows of enrollments made earlier run; answers how many there were. */
async function ensureRunning(deps: BroadcastDeps, rows: (EnrollmentRow & { status: string })[], entryOf: (customerId: string) => CustomerEvent): Promise<number> {
  await inParallel(
    rows.filter((row) => row.status === 'active'),
    START_CONCURRENCY,
    async (row) => void (await ensureEnrollmentRunning(deps, row, { entryEvent: entryOf(row.customerId) })),
  );
  return rows.length;
}

async function inParallel<T>(items: readonly T[], concurrency: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) await run(items[next++]!);
    }),
  );
}
