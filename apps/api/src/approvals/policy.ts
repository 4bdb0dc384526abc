// The workspace rule "publishing needs approval": when on, only owners and admins (and admin
// tokens) publish or roll back directly; a marketer's publish goes through a request.
import { eq, workspaces, type DbOrTx } from '@braid/db';
import type { Actor } from '../env';
import { ApiError } from '../errors';
import { MANAGERS } from '../auth/roles';

export const mayApprove = (actor: Actor): boolean => MANAGERS.includes(actor.role);

export async function publishNeedsApproval(db: DbOrTx, workspaceId: string): Promise<boolean> {
  const [ws] = await db.select({ on: workspaces.publishNeedsApproval }).from(workspaces).where(eq(workspaces.id, workspaceId)).limit(1);
  return ws?.on === true;
}

/** Refuses (403 `approval_required`) a direct publish or rollback the rule routes through a request. */
export async function assertMayPublishDirectly(db: DbOrTx, workspaceId: string, actor: Actor): Promise<void> {
  if (mayApprove(actor)) return;
  if (!(await publishNeedsApproval(db, workspaceId))) return;
  throw new ApiError(403, 'approval_required', 'Publishing in this workspace needs approval: request it, and an owner or admin publishes it', [
    { field: 'id', message: 'send POST /api/journeys/{id}/publish-requests instead' },
  ]);
}
