// The step log and the enrollment's final status: the source of canvas counts and traces.
import { and, enrollments, eq, stepLog } from '@braid/db';
import type { EnrollmentStatus } from '@braid/db';
import type { EnrollmentRef, JourneyOutcome, StepEntry } from '../workflows/contract';
import type { ActivityDeps, EffectContext } from './deps';

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

/**
 * An action that failed for good (last retry, or a refusal): one `failed` row per step key with
 * the reason, so per-node stats and the customer's trace show it. A later success of the same key
 * cannot happen: the workflow has moved on to the node's failure path.
 */
export async function recordFailedStep(deps: ActivityDeps, ctx: EffectContext, key: string, reason: string): Promise<void> {
  await deps.db
    .insert(stepLog)
    .values({
      id: `${key}:failed`,
      workspaceId: ctx.workspaceId,
      enrollmentId: ctx.enrollmentId,
      journeyId: ctx.journeyId,
      version: ctx.version,
      customerId: ctx.customerId,
      nodeId: ctx.nodeId,
      outcome: 'failed',
      reason: reason.slice(0, 1_000),
      at: (deps.now ?? Date.now)(),
    })
    .onConflictDoNothing();
}
