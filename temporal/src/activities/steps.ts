// The step log and the enrollment's final status: the source of canvas counts and traces.
import { and, enrollments, eq, stepLog } from '@braid/db';
import type { EnrollmentStatus } from '@braid/db';
import type { EnrollmentRef, JourneyOutcome, StepEntry } from '../workflows/contract';
import type { ActivityDeps } from './deps';

export async function recordSteps(deps: ActivityDeps, enrollment: EnrollmentRef, entries: StepEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const rows = entries.map((e) => ({
    id: e.key,
    workspaceId: enrollment.workspaceId,
    enrollmentId: enrollment.enrollmentId,
    journeyId: enrollment.journeyId,
    version: enrollment.version,
    customerId: enrollment.customerId,
    nodeId: e.nodeId,
    outcome: e.outcome,
    reason: e.reason,
    at: e.at,
  }));
  const last = [...entries].reverse().find((e) => e.outcome === 'entered');
  await deps.db.transaction(async (tx) => {
    // Ids are deterministic per workflow run: a re-executed local activity inserts nothing new.
    await tx.insert(stepLog).values(rows).onConflictDoNothing();
    if (last) {
      await tx
        .update(enrollments)
        .set({ currentNode: last.nodeId })
        .where(and(eq(enrollments.id, enrollment.enrollmentId), eq(enrollments.status, 'active')));
    }
  });
}

const STATUS_OF_OUTCOME: Record<JourneyOutcome['reason'], EnrollmentStatus> = {
  end: 'completed',
  goal: 'converted',
  exitCriteria: 'exited',
  failed: 'failed',
  error: 'failed',
};

export async function finishEnrollment(deps: ActivityDeps, enrollment: EnrollmentRef, outcome: JourneyOutcome): Promise<void> {
  const now = (deps.now ?? Date.now)();
  await deps.db
    .update(enrollments)
    .set({ status: STATUS_OF_OUTCOME[outcome.reason], finishedAt: now, currentNode: null })
    .where(eq(enrollments.id, enrollment.enrollmentId));
}
