// A workspace must keep a way in: an admin token, or a user who may create one (owner or
// admin). Revoking the last of them would lock everyone out for good, with no API to undo it.
import { and, apiKeys, count, eq, inArray, isNull, ne, users, type DbOrTx } from '@braid/db';
import { ApiError } from '../errors';

/** Refuses with 409 when the admin token `keyId` is the workspace's last admin credential. */
export async function assertNotLastAdminCredential(db: DbOrTx, workspaceId: string, keyId: string): Promise<void> {
  const [tokens] = await db
    .select({ n: count() })
    .from(apiKeys)
    .where(and(eq(apiKeys.workspaceId, workspaceId), eq(apiKeys.kind, 'admin'), isNull(apiKeys.revokedAt), ne(apiKeys.id, keyId)));
  if ((tokens?.n ?? 0) > 0) return;
  const [admins] = await db
    .select({ n: count() })
    .from(users)
    .where(and(eq(users.workspaceId, workspaceId), inArray(users.role, ['owner', 'admin'])));
  if ((admins?.n ?? 0) > 0) return;
  throw new ApiError(409, 'last_admin_credential', 'This is the workspace’s last admin credential; create another admin token first', [
    { field: 'id', message: 'no other admin token and no owner or admin user' },
  ]);
}
