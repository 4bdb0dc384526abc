// A customer moved by a migration plan: the `moved` line at the step they left in the old
// version, the entry into the mapped step of the new one, and the enrollment switched to the
// new version (so routing, counts and the in-flight table follow) — all in one transaction.
import { and, enrollments, eq, stepLog } from '@braid/db';
import type { MoveRecord } from '../workflows/contract';
import type { ActivityDeps } from './deps';

export async function recordMove(deps: ActivityDeps, move: MoveRecord): Promise<void> {
  const { from, to } = move;
  const row = (version: number, nodeId: string) => ({
    workspaceId: from.workspaceId,
    enrollmentId: from.enrollmentId,
    journeyId: from.journeyId,
    customerId: from.customerId,
    version,
    nodeId,
    at: move.at,
  });
  await deps.db.transaction(async (tx) => {
    // Keys are deterministic per workflow run: a re-executed local activity inserts nothing new.
    await tx
      .insert(stepLog)
      .values([
        { id: `${move.key}:from`, ...row(from.version, move.fromNodeId), outcome: 'moved', reason: `to version ${to.version}, step ${move.toNodeId} (migration ${move.migrationId})` },
        { id: `${move.key}:to`, ...row(to.version, move.toNodeId), outcome: 'entered', reason: `moved from version ${from.version}, step ${move.fromNodeId}` },
      ])
      .onConflictDoNothing();
    await tx
      .update(enrollments)
      .set({ version: to.version, currentNode: move.toNodeId })
      .where(and(eq(enrollments.id, from.enrollmentId), eq(enrollments.status, 'active')));
  });
}
