// Creating a workspace with working credentials: used by bootstrap and POST /api/workspaces.
import { channelSettings, newId, users, workspaces, type Db } from '@braid/db';
import { defaultWorkspaceSendRules } from '@braid/channels';
import { createApiKey } from './auth/keys';
import { hashPassword } from './auth/secrets';
import { assertEmailFree, createInvitation, normalizeEmail } from './auth/invite';

export async function createWorkspace(
  db: Db,
  input: {
    id?: string;
    name: string;
    timezone?: string | undefined;
    currency?: string | undefined;
    adminToken?: string | undefined;
    writeKey?: string | undefined;
    admin?: { email: string; password: string; name?: string } | undefined;
    /** Invite the first owner instead (no password known yet); `invitedBy` is who asked. */
    ownerInvite?: { email: string; invitedBy: string } | undefined;
    /** Quiet hours 21:00–08:00 for every marketing channel; on unless asked otherwise (editable in settings). */
    quietHours?: boolean | undefined;
  },
) {
  const workspace = {
    id: input.id ?? newId(),
    name: input.name,
    timezone: input.timezone ?? 'Asia/Ho_Chi_Minh',
    currency: input.currency ?? 'VND',
    publishNeedsApproval: false,
    createdAt: Date.now(),
  };
  const passwordHash = input.admin ? await hashPassword(input.admin.password) : null;
  return db.transaction(async (tx) => {
    await tx.insert(workspaces).values(workspace);
    if (input.quietHours !== false) await tx.insert(channelSettings).values(defaultWorkspaceSendRules(workspace.id));
    const admin = await createApiKey(tx, { workspaceId: workspace.id, kind: 'admin', name: 'Admin token', secret: input.adminToken });
    const write = await createApiKey(tx, { workspaceId: workspace.id, kind: 'write', name: 'Write key', secret: input.writeKey });
    let userId: string | null = null;
    let ownerInvitation: Awaited<ReturnType<typeof createInvitation>> | null = null;
    if (input.ownerInvite) {
      ownerInvitation = await createInvitation(tx, { workspaceId: workspace.id, email: input.ownerInvite.email, role: 'owner', invitedBy: input.ownerInvite.invitedBy });
    }
    if (input.admin && passwordHash) {
      // One login per email across Braid: a taken email is a 409, not a constraint failure.
      await assertEmailFree(tx, normalizeEmail(input.admin.email));
      userId = newId();
      await tx.insert(users).values({
        id: userId,
        workspaceId: workspace.id,
        email: input.admin.email.trim().toLowerCase(),
        name: input.admin.name ?? '',
        passwordHash,
        role: 'owner',
        createdAt: Date.now(),
      });
    }
    return { workspace, adminToken: admin.secret, writeKey: write.secret, userId, ownerInvitation };
  });
}
