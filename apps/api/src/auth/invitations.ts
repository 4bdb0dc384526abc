// Inviting people (owners and admins): create an invitation link, list pending ones, revoke.
import { and, desc, eq, invitations, isNull, type Db } from '@braid/db';
import { createRoute, z } from '@hono/zod-openapi';
import { adminApp } from '../admin/openapi-app';
import { ErrorSchema, errorResponses, IdParam, json, notFound, security } from '../admin/common';
import { recordAudit } from '../audit/record';
import { ApiError } from '../errors';
import { createInvitation, invitationLink, invitationState, type InvitationRow } from './invite';
import { requireRole } from './middleware';
import { assertMayGrant, MANAGERS } from './roles';
import { Role } from './users';

const Invitation = z
  .object({
    id: z.string(),
    email: z.string(),
    role: Role,
    state: z.enum(['pending', 'accepted', 'revoked', 'expired']),
    invitedBy: z.string(),
    createdAt: z.number().int(),
    expiresAt: z.number().int(),
  })
  .openapi('Invitation');

const show = (row: InvitationRow) => ({
  id: row.id,
  email: row.email,
  role: row.role,
  state: invitationState(row),
  invitedBy: row.invitedBy,
  createdAt: row.createdAt,
  expiresAt: row.expiresAt,
});

const managers = [requireRole(...MANAGERS)];

const list = createRoute({
  method: 'get',
  path: '/invitations',
  operationId: 'listInvitations',
  tags: ['users'],
  summary: 'Invitations not yet accepted (pending and expired)',
  security,
  middleware: managers,
  responses: { 200: json(z.object({ invitations: z.array(Invitation) }), 'Invitations'), ...errorResponses },
});
const create = createRoute({
  method: 'post',
  path: '/invitations',
  operationId: 'inviteUser',
  tags: ['users'],
  summary: 'Invite someone by email; the answer carries the link (shown once) to pass on to them',
  security,
  middleware: managers,
  request: {
    body: { content: { 'application/json': { schema: z.object({ email: z.string().trim().email().max(320), role: Role.default('marketer') }) } } },
  },
  responses: {
    201: json(z.object({ invitation: Invitation, link: z.string() }), 'Invited'),
    ...errorResponses,
    409: json(ErrorSchema, 'The email already has a Braid login (`email_taken`)'),
  },
});
const revoke = createRoute({
  method: 'delete',
  path: '/invitations/{id}',
  operationId: 'revokeInvitation',
  tags: ['users'],
  summary: 'Revoke an invitation; its link stops working',
  security,
  middleware: managers,
  request: { params: IdParam },
  responses: { 200: json(Invitation, 'Revoked'), ...errorResponses, ...notFound },
});

export function invitationRoutes(db: Db) {
  return adminApp()
    .openapi(list, async (c) => {
      const rows = await db
        .select()
        .from(invitations)
        .where(and(eq(invitations.workspaceId, c.get('workspaceId')), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
        .orderBy(desc(invitations.createdAt))
        .limit(500);
      return c.json({ invitations: rows.map(show) }, 200);
    })
    .openapi(create, async (c) => {
      const { email, role } = c.req.valid('json');
      const actor = c.get('actor');
      assertMayGrant(actor, role);
      const workspaceId = c.get('workspaceId');
      const made = await db.transaction(async (tx) => {
        const result = await createInvitation(tx, { workspaceId, email, role, invitedBy: actor.id });
        await recordAudit(tx, { workspaceId, actor, action: 'user.invited', targetId: result.invitation.id, details: { email: result.invitation.email, role } });
        return result;
      });
      return c.json({ invitation: show(made.invitation), link: invitationLink(c, made.token) }, 201);
    })
    .openapi(revoke, async (c) => {
      const { id } = c.req.valid('param');
      const workspaceId = c.get('workspaceId');
      const where = and(eq(invitations.id, id), eq(invitations.workspaceId, workspaceId));
      const [row] = await db.select().from(invitations).where(where).limit(1);
      if (!row) throw new ApiError(404, 'not_found', 'No such invitation in this workspace', [{ field: 'id', message: 'not found' }]);
      if (row.acceptedAt !== null) throw new ApiError(409, 'already_accepted', `${row.email} already joined; remove the user instead`, [{ field: 'id', message: 'accepted' }]);
      if (row.revokedAt !== null) return c.json(show(row), 200);
      const revokedAt = Date.now();
      await db.transaction(async (tx) => {
        await tx.update(invitations).set({ revokedAt }).where(where);
        await recordAudit(tx, { workspaceId, actor: c.get('actor'), action: 'invitation.revoked', targetId: id, details: { email: row.email } });
      });
      return c.json(show({ ...row, revokedAt }), 200);
    });
}
