// An enrollment row marked `active` must have a workflow. A process can die between writing the
// row and starting the workflow, and Temporal can lose an execution (terminated by hand, past
// retention); this module finds such rows and either starts the workflow they never got or
// finishes them with a recorded reason (a `failed` step-log row the customer's trace shows).
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { and, customers, enrollments, eq, events, gt, isNull, lt, stepLog } from '@braid/db';
import type { Db, EnrollmentStatus } from '@braid/db';
import type { CustomerEvent, Json } from '@braid/sdk';
import { JOURNEY_ID } from '../client/search-attributes';
import type { JourneyIndex } from './journey-index';
import { ENROLLMENT_MEMO, startEnrollmentWorkflow } from './start-workflow';

export type EnrollmentRow = {
  id: string;
  workspaceId: string;
  journeyId: string;
  version: number;
  customerId: string;
  workflowId: string;
  currentNode: string | null;
  enteredAt: number;
  entryEventId: string | null;
};

export const enrollmentRowColumns = {
  id: enrollments.id,
  workspaceId: enrollments.workspaceId,
  journeyId: enrollments.journeyId,
  version: enrollments.version,
  customerId: enrollments.customerId,
  workflowId: enrollments.workflowId,
  currentNode: enrollments.currentNode,
  enteredAt: enrollments.enteredAt,
  entryEventId: enrollments.entryEventId,
};

/** What became of one row: its workflow runs, was (re)started now, or the row was finished. */
export type EnsureOutcome = 'running' | 'restarted' | 'finished';

export type ReconcileDeps = { db: Db; client: Client; index: JourneyIndex; now?: () => number };

/** The stored event a row entered with, as the workflow takes it; null for markers (manual, date). */
async function entryEventOf(db: Db, row: EnrollmentRow): Promise<CustomerEvent | null> {
  if (!row.entryEventId) return null;
  const [e] = await db
    .select({ id: events.id, type: events.type, name: events.name, properties: events.properties, timestamp: events.timestamp })
    .from(events)
    .where(eq(events.id, row.entryEventId))
    .limit(1);
  if (!e) return null;
  return { id: e.id, name: e.name ?? e.type, properties: e.properties as Record<string, Json>, timestamp: new Date(e.timestamp).toISOString() };
}

async function finish(deps: ReconcileDeps, row: EnrollmentRow, status: EnrollmentStatus, reason: string): Promise<EnsureOutcome> {
  const now = (deps.now ?? Date.now)();
  await deps.db.transaction(async (tx) => {
    const done = await tx
      .update(enrollments)
      .set({ status, finishedAt: now, currentNode: null })
      .where(and(eq(enrollments.id, row.id), eq(enrollments.status, 'active')))
      .returning({ id: enrollments.id });
    if (done.length === 0) return;
    await tx
      .insert(stepLog)
      .values({
        id: `${row.id}:reconciled`,
        workspaceId: row.workspaceId,
        enrollmentId: row.id,
        journeyId: row.journeyId,
        version: row.version,
        customerId: row.customerId,
        nodeId: row.currentNode ?? '$trigger',
        outcome: status === 'failed' ? 'failed' : 'left',
        reason,
        at: now,
      })
      .onConflictDoNothing();
  });
  console.warn(`[journeys] enrollment ${row.id} (${row.workflowId}) finished as ${status}: ${reason}`);
  return 'finished';
}

/**
 * Makes an active row true: leaves it if its workflow runs, starts the workflow if it never
 * started, finishes the row if its workflow is gone. `entryEvent` saves a lookup when known.
 */
export async function ensureEnrollmentRunning(
  deps: ReconcileDeps,
  row: EnrollmentRow,
  known: { entryEvent?: CustomerEvent | null } = {},
): Promise<EnsureOutcome> {
  let run: { running: boolean; ours: boolean; status: string } | null = null;
  try {
    const d = await deps.client.workflow.getHandle(row.workflowId).describe();
    const memoId = d.memo?.[ENROLLMENT_MEMO];
    const running = d.status.name === 'RUNNING';
    // Runs started before the memo existed carry none: a running one can only be this row's,
    // because routing never lets a customer into a journey twice at once.
    run = { running, ours: memoId === row.id || (memoId === undefined && running), status: d.status.name };
  } catch (error) {
    if (!(error instanceof WorkflowNotFoundError)) throw error;
  }
  if (run?.running) {
    if (run.ours) return 'running';
    return finish(deps, row, 'failed', 'another entry of this customer is running this journey');
  }
  if (run?.ours) {
    // This row's run has closed but its last bookkeeping never landed.
    return finish(deps, row, run.status === 'COMPLETED' ? 'completed' : 'failed', `its workflow ended as ${run.status.toLowerCase()}`);
  }
  if (row.currentNode !== null) {
    return finish(deps, row, 'failed', 'its workflow is gone (terminated, or past the retention period)');
  }
  // Never started: the process that wrote the row died before starting the workflow.
  const published = await deps.index.version(row.journeyId, row.version);
  if (!published) return finish(deps, row, 'failed', `journey version ${row.version} no longer exists`);
  const [customer] = await deps.db.select({ traits: customers.traits }).from(customers).where(eq(customers.id, row.customerId)).limit(1);
  if (!customer) return finish(deps, row, 'failed', 'the customer no longer exists');
  const entryEvent = known.entryEvent !== undefined ? known.entryEvent : await entryEventOf(deps.db, row);
  await startEnrollmentWorkflow(deps.client, {
    journey: { workspaceId: row.workspaceId, journeyId: row.journeyId, version: row.version, versionId: published.versionId, ir: published.ir },
    enrollmentId: row.id,
    workflowId: row.workflowId,
    customerId: row.customerId,
    entryEvent,
    traits: customer.traits as Record<string, Json>,
    enteredAt: row.enteredAt,
  });
  console.warn(`[journeys] enrollment ${row.id} (${row.workflowId}) had no workflow; started it`);
  return 'restarted';
}

export type ReconcileReport = { checked: number; running: number; restarted: number; finished: number; errors: number };

const emptyReport = (): ReconcileReport => ({ checked: 0, running: 0, restarted: 0, finished: 0, errors: 0 });

async function ensureAll(deps: ReconcileDeps, rows: EnrollmentRow[], report: ReconcileReport): Promise<void> {
  for (const row of rows) {
    report.checked++;
    try {
      report[await ensureEnrollmentRunning(deps, row)]++;
    } catch (error) {
      // Temporal or the database is away: the next pass tries again.
      report.errors++;
      console.error(`[journeys] could not reconcile enrollment ${row.id}: ${(error as Error).message}`);
    }
  }
}

/**
 * Quick pass, cheap enough to run every minute: active rows that never recorded a first step
 * (`current_node` null, a partial index keeps them apart) and entered more than `graceMs` ago.
 * A running workflow records its first step at once, so these are the rows a crash left behind.
 */
export async function reconcileUnstarted(deps: ReconcileDeps, options: { graceMs?: number; limit?: number } = {}): Promise<ReconcileReport> {
  const now = (deps.now ?? Date.now)();
  const rows = await deps.db
    .select(enrollmentRowColumns)
    .from(enrollments)
    .where(and(eq(enrollments.status, 'active'), isNull(enrollments.currentNode), lt(enrollments.enteredAt, now - (options.graceMs ?? 30_000))))
    .limit(options.limit ?? 500);
  const report = emptyReport();
  await ensureAll(deps, rows, report);
  return report;
}

/**
 * Full pass (on start, then rarely): per journey, the running executions from Temporal's
 * visibility (by the JourneyId search attribute) against the active rows; only rows without a
 * running execution are described one by one. Rows younger than `graceMs` are left alone,
 * because visibility lags behind a start.
 */
export async function reconcileAllActive(deps: ReconcileDeps, options: { graceMs?: number; pageSize?: number } = {}): Promise<ReconcileReport> {
  const now = (deps.now ?? Date.now)();
  const before = now - (options.graceMs ?? 120_000);
  const pageSize = options.pageSize ?? 1_000;
  const report = emptyReport();
  const journeys = await deps.db.selectDistinct({ journeyId: enrollments.journeyId }).from(enrollments).where(eq(enrollments.status, 'active'));
  for (const { journeyId } of journeys) {
    const running = new Set<string>();
    const query = `${JOURNEY_ID.name} = '${journeyId.replace(/'/g, "''")}' AND ExecutionStatus = 'Running'`;
    for await (const w of deps.client.workflow.list({ query })) running.add(w.workflowId);
    let after = '';
    for (;;) {
      const page = await deps.db
        .select(enrollmentRowColumns)
        .from(enrollments)
        .where(and(eq(enrollments.journeyId, journeyId), eq(enrollments.status, 'active'), lt(enrollments.enteredAt, before), gtId(after)))
        .orderBy(enrollments.id)
        .limit(pageSize);
      if (page.length === 0) break;
      after = page[page.length - 1]!.id;
      const suspects = page.filter((row) => !running.has(row.workflowId));
      // Listed as running: counted without asking Temporal again.
      report.running += page.length - suspects.length;
      report.checked += page.length - suspects.length;
      await ensureAll(deps, suspects, report);
    }
  }
  return report;
}

const gtId = (after: string) => (after ? gt(enrollments.id, after) : undefined);
