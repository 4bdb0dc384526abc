// Public: the invited person opens the link, sees which workspace invites them, chooses a name
// and password, and is signed in. The token itself is the credential (192 random bits).
import { and, eq, invitations, isNull, newId, users, workspaces, type Db } from '@braid/db';
import { createRoute, z } from '@hono/zod-openapi';
import { adminApp } from '../admin/openapi-app';
import { ErrorSchema, json } from '../admin/common';
import { recordAudit } from '../audit/record';
import { ApiError } from '../errors';
import { assertEmailFree, invitationState, type InvitationRow } from './invite';
import { hashPassword } from './secrets';
import { startSession } from './session-cookie';
import { sha256 } from './secrets';
import { Role } from './users';

const TokenParam = z.object({ token: z.string().min(1).max(200).openapi({ param: { name: 'token', in: 'path' } }) });
const gone = {
  404: json(ErrorSchema, 'No such invitation (`invitation_invalid`)'),
  410: json(ErrorSchema, 'The invitation was used, revoked or has expired (`invitation_used`, `invitation_revoked`, `invitation_expired`)'),
} as const;

const show = createRoute({
  method: 'get',
  path: '/invitations/{token}',
  operationId: 'getInvitation',
  tags: ['auth'],
  summary: 'What an invitation link is for: the email, the role and the workspace',
  request: { params: TokenParam },
  responses: {
    200: json(z.object({ email: z.string(), role: Role, workspaceName: z.string(), expiresAt: z.number().int() }), 'The invitation'),
    400: json(ErrorSchema, 'Invalid input'),
    ...gone,
  },
});
const accept = createRoute({
  method: 'post',
  path: '/invitations/{token}/accept',
  operationId: 'acceptInvitation',
  tags: ['auth'],
  summary: 'Accept: create the login with a name and password, and sign in (sets the session cookie)',
  request: {
    params: TokenParam,
    body: {
      content: {
        'application/json': {
          schema: z.object({ name: z.string().trim().max(200).default(''), password: z.string().min(8, 'must be at least 8 characters').max(1000) }),
        },
      },
    },
  },
  responses: {
    201: json(z.object({ kind: z.literal('user'), id: z.string(), email: z.string(), role: Role, workspaceId: z.string() }), 'Joined and signed in'),
    400: json(ErrorSchema, 'Invalid input'),
    ...gone,
    409: json(ErrorSchema, 'The email already has a Braid login (`email_taken`)'),
  },
});

async function usable(db: Db, token: string): Promise<InvitationRow> {
  const [row] = await db.select().from(invitations).where(eq(invitations.tokenHash, sha256(token))).limit(1);
  if (!row) throw new ApiError(404, 'invitation_invalid', 'This invitation link is not valid', [{ field: 'token', message: 'unknown' }]);
  const state = invitationState(row);
  if (state === 'pending') return row;
  const why = { accepted: 'has already been used', revoked: 'was revoked', expired: 'has expired' }[state];
  throw new ApiError(410, `invitation_${state === 'accepted' ? 'used' : state}`, `This invitation ${why}; ask for a new one`, [{ field: 'token', message: state }]);
}

export function acceptInvitationRoutes(db: Db) {
  return adminApp()
    .openapi(show, async (c) => {
      const row = await usable(db, c.req.valid('param').token);
      const [ws] = await db.select({ name: workspaces.name }).from(workspaces).where(eq(workspaces.id, row.workspaceId)).limit(1);
      return c.json({ email: row.email, role: row.role, workspaceName: ws?.name ?? '', expiresAt: row.expiresAt }, 200);
    })
    .openapi(accept, async (c) => {
      const { token } = c.req.valid('param');
      const { name, password } = c.req.valid('json');
      const row = await usable(db, token);
      const passwordHash = await hashPassword(password);
      const userId = newId();
      await db.transaction(
        async (tx) => {
          // Claim the invitation first: two clicks on the same link make one user.
          const claimed = await tx
            .update(invitations)
            .set({ acceptedAt: Date.now() })
            .where(and(eq(invitations.id, row.id), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
            .returning({ id: invitations.id });
          if (claimed.length === 0) throw new ApiError(410, 'invitation_used', 'This invitation has already been used', [{ field: 'token', message: 'used' }]);
          await assertEmailFree(tx, row.email);
          await tx.insert(users).values({ id: userId, workspaceId: row.workspaceId, email: row.email, name, passwordHash, role: row.role, createdAt: Date.now() });
          await recordAudit(tx, { workspaceId: row.workspaceId, actor: { kind: 'user', id: userId, email: row.email }, action: 'user.joined', targetId: userId, details: { email: row.email, role: row.role, invitationId: row.id } });
        },
        { behavior: 'immediate' },
      );
      await startSession(c, db, userId);
      return c.json({ kind: 'user' as const, id: userId, email: row.email, role: row.role, workspaceId: row.workspaceId }, 201);
    });
}
