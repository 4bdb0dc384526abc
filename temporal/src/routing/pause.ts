// Pausing a journey holds the customers already inside before their next action; resuming
// releases them. New entries are stopped by the journey's status (routing only sees active ones).
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { and, enrollments, eq } from '@braid/db';
import type { Db } from '@braid/db';
import { journeyControlSignal } from '../workflows/contract';

export async function signalJourneyPaused(deps: { db: Db; client: Client }, journeyId: string, paused: boolean): Promise<{ signalled: number; gone: number }> {
  const active = await deps.db
    .select({ workflowId: enrollments.workflowId })
    .from(enrollments)
    .where(and(eq(enrollments.journeyId, journeyId), eq(enrollments.status, 'active')));
  let signalled = 0;
  let gone = 0;
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(32, active.length) }, async () => {
      while (next < active.length) {
        const { workflowId } = active[next++]!;
        try {
          await deps.client.workflow.getHandle(workflowId).signal(journeyControlSignal, { paused });
          signalled++;
        } catch (error) {
          // Finished between the query and the signal: nothing to hold.
          if (error instanceof WorkflowNotFoundError) gone++;
          else throw error;
        }
      }
    }),
  );
  return { signalled, gone };
}
