// Completing a task and the customer's `Staff Task Completed` event commit together: a journey
// waiting for the outcome can never miss it, and a task is never done without its event.
import { and, eq, events, isNull, liveCustomerId, newId, routingIntents, staffTasks, type Db, type StaffTaskOutcome } from '@braid/db';
import type { Actor } from '../env';
import { ApiError } from '../errors';
import type { IngestedEvent, StoredEvent } from '../ingest/store';
import { ROUTING_LEASE_MS } from '../ingest/store';
import type { OnEventsIngested } from '../ingest/record';

export const STAFF_TASK_COMPLETED = 'Staff Task Completed';

export async function completeTask(
  db: Db,
  onEventsIngested: OnEventsIngested | undefined,
  input: { workspaceId: string; taskId: string; actor: Actor; outcome: StaffTaskOutcome; note: string },
): Promise<void> {
  const now = Date.now();
  const ingested = await db.transaction(async (tx) => {
    const [task] = await tx.select().from(staffTasks).where(and(eq(staffTasks.workspaceId, input.workspaceId), eq(staffTasks.id, input.taskId))).limit(1);
    if (!task) throw new ApiError(404, 'not_found', 'No such task in this workspace', [{ field: 'id', message: 'unknown' }]);
    if (task.status !== 'open') throw new ApiError(409, 'conflict', 'This task is already closed', [{ field: 'id', message: `the task is ${task.status}` }]);
    if (task.claimedBy && task.claimedBy !== input.actor.id) {
      throw new ApiError(409, 'conflict', 'Someone else has claimed this task', [{ field: 'id', message: 'claimed by another staff member' }]);
    }
    // Conditional, so of two completions at once only one finds the task still open.
    const done = await tx
      .update(staffTasks)
      .set({ status: 'done', outcome: input.outcome, outcomeNote: input.note, completedBy: input.actor.id, completedAt: now, claimedBy: input.actor.id, claimedAt: task.claimedAt ?? now })
      .where(and(eq(staffTasks.id, task.id), eq(staffTasks.status, 'open')))
      .returning({ id: staffTasks.id });
    if (done.length === 0) throw new ApiError(409, 'conflict', 'This task is already closed', [{ field: 'id', message: 'completed meanwhile' }]);
    const customerId = (await liveCustomerId(tx, task.customerId)) ?? task.customerId;
    const event: StoredEvent = {
      id: newId(now),
      workspaceId: input.workspaceId,
      // One outcome per task: the id is the dedupe key, as a Segment messageId is.
      messageId: `staff-task:${task.id}:completed`,
      customerId,
      type: 'track',
      userId: null,
      anonymousId: null,
      name: STAFF_TASK_COMPLETED,
      properties: {
        outcome: input.outcome,
        taskId: task.id,
        journeyId: task.journeyId,
        kind: task.kind,
        ...(input.note ? { note: input.note } : {}),
      },
      traits: null,
      groupId: null,
      previousId: null,
      context: { channel: 'staff' },
      timestamp: now,
      sentAt: null,
      receivedAt: now,
    };
    await tx.insert(events).values(event);
    const intentId = newId(now);
    await tx.insert(routingIntents).values({ id: intentId, workspaceId: input.workspaceId, eventIds: [event.id], availableAt: now + ROUTING_LEASE_MS, createdAt: now });
    return { workspaceId: input.workspaceId, customerId, event, intentId } satisfies IngestedEvent;
  });
  if (onEventsIngested) {
    try {
      await onEventsIngested([ingested]);
    } catch (error) {
      // Committed with its routing intent: the dispatcher replays it.
      console.error('[staff-tasks] routing failed; will replay', error);
    }
  }
}

export async function claimTask(db: Db, input: { workspaceId: string; taskId: string; actor: Actor }): Promise<void> {
  const [task] = await db.select().from(staffTasks).where(and(eq(staffTasks.workspaceId, input.workspaceId), eq(staffTasks.id, input.taskId))).limit(1);
  if (!task) throw new ApiError(404, 'not_found', 'No such task in this workspace', [{ field: 'id', message: 'unknown' }]);
  if (task.status !== 'open') throw new ApiError(409, 'conflict', 'This task is already closed', [{ field: 'id', message: `the task is ${task.status}` }]);
  if (task.claimedBy === input.actor.id) return;
  if (task.claimedBy) throw new ApiError(409, 'conflict', 'Someone else has claimed this task', [{ field: 'id', message: 'claimed by another staff member' }]);
  // Two staff claiming at once: only the update that still finds it unclaimed wins.
  const won = await db
    .update(staffTasks)
    .set({ claimedBy: input.actor.id, claimedAt: Date.now() })
    .where(and(eq(staffTasks.id, task.id), eq(staffTasks.status, 'open'), isNull(staffTasks.claimedBy)))
    .returning({ id: staffTasks.id });
  if (won.length === 0) throw new ApiError(409, 'conflict', 'Someone else has claimed this task', [{ field: 'id', message: 'claimed by another staff member' }]);
}
