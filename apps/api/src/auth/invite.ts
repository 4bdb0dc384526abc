// Creating an invitation and the link that carries it. The token is shown once (in the link);
// only its hash is stored, like API keys. No email is sent: the inviter passes the link on.
import { and, eq, invitations, isNull, newId, users, type DbOrTx, type UserRole } from '@braid/db';
import type { Context } from 'hono';
import { ApiError } from '../errors';
import { randomToken, sha256 } from './secrets';

export const INVITATION_MS = 7 * 24 * 3600 * 1000;

export type InvitationRow = typeof invitations.$inferSelect;

export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

/** Refuses an email that already signs in somewhere: one login per email across Braid. */
export async function assertEmailFree(db: DbOrTx, email: string): Promise<void> {
  const [taken] = await db.select({ id: users.id }).from(users).where(eq(users.email, email)).limit(1);
  if (taken) throw new ApiError(409, 'email_taken', `${email} already has a Braid login`, [{ field: 'email', message: 'already a user' }]);
}

export async function createInvitation(
  db: DbOrTx,
  input: { workspaceId: string; email: string; role: UserRole; invitedBy: string },
): Promise<{ invitation: InvitationRow; token: string }> {
  const email = normalizeEmail(input.email);
  await assertEmailFree(db, email);
  const now = Date.now();
  // Inviting again replaces the earlier link (it was lost, or the role changed).
  await db
    .update(invitations)
    .set({ revokedAt: now })
    .where(and(eq(invitations.workspaceId, input.workspaceId), eq(invitations.email, email), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)));
  const token = randomToken('biv');
  const invitation: InvitationRow = {
    id: newId(now),
    workspaceId: input.workspaceId,
    email,
    role: input.role,
    tokenHash: sha256(token),
    invitedBy: input.invitedBy,
    createdAt: now,
    expiresAt: now + INVITATION_MS,
    acceptedAt: null,
    revokedAt: null,
  };
  await db.insert(invitations).values(invitation);
  return { invitation, token };
}

/** Where the invited person opens the web app: the public URL when set, else this request's origin. */
export function invitationLink(c: Context, token: string): string {
  const configured = process.env.BRAID_PUBLIC_URL?.trim().replace(/\/+$/, '');
  const base = configured || new URL(c.req.url).origin;
  return `${base}/#/invite/${encodeURIComponent(token)}`;
}

export function invitationState(row: InvitationRow, now = Date.now()): 'pending' | 'accepted' | 'revoked' | 'expired' {
  if (row.acceptedAt !== null) return 'accepted';
  if (row.revokedAt !== null) return 'revoked';
  return row.expiresAt <= now ? 'expired' : 'pending';
}
