// People in the workspace: list, change a role, remove. Invitations are in invitations.ts.
import { and, asc, count, eq, inArray, ne, sessions, users, type Db, type Tx, type UserRole, userRoles } from '@braid/db';
import { createRoute, z } from '@hono/zod-openapi';
import { adminApp } from '../admin/openapi-app';
import { ErrorSchema, errorResponses, IdParam, json, notFound, security } from '../admin/common';
import { recordAudit } from '../audit/record';
import { ApiError } from '../errors';
import { requireRole } from './middleware';
import { assertMayGrant, assertMayManage, MANAGERS } from './roles';

export const Role = z.enum(userRoles).openapi({ description: 'owner and admin manage people and approve; marketer draws, tests and requests publishing; viewer reads' });
const User = z
  .object({ id: z.string(), email: z.string(), name: z.string(), role: Role, createdAt: z.number().int() })
  .openapi('User');
const columns = { id: users.id, email: users.email, name: users.name, role: users.role, createdAt: users.createdAt };
const lastAdmin = { 409: json(ErrorSchema, 'The workspace would be left without an owner or admin user (`last_admin`)') } as const;

const list = createRoute({
  method: 'get',
  path: '/',
  operationId: 'listUsers',
  tags: ['users'],
  summary: 'People who can sign in to this workspace',
  security,
  responses: { 200: json(z.object({ users: z.array(User) }), 'Users'), ...errorResponses },
});
const changeRole = createRoute({
  method: 'patch',
  path: '/{id}',
  operationId: 'changeUserRole',
  tags: ['users'],
  summary: 'Change a user’s role (owners and admins; only an owner grants or removes owner)',
  security,
  middleware: [requireRole(...MANAGERS)],
  request: { params: IdParam, body: { content: { 'application/json': { schema: z.object({ role: Role }) } } } },
  responses: { 200: json(User, 'Updated'), ...errorResponses, ...notFound, ...lastAdmin },
});
const remove = createRoute({
  method: 'delete',
  path: '/{id}',
  operationId: 'removeUser',
  tags: ['users'],
  summary: 'Remove a user from the workspace; their sessions end at once',
  security,
  middleware: [requireRole(...MANAGERS)],
  request: { params: IdParam },
  responses: { 200: json(User, 'Removed'), ...errorResponses, ...notFound, ...lastAdmin },
});

/** Refuses a change that leaves no owner or admin user to manage people and approve. */
async function assertKeepsAManager(tx: Tx, workspaceId: string, userId: string, newRole: UserRole | null): Promise<void> {
  if (newRole && MANAGERS.includes(newRole)) return;
  const [others] = await tx
    .select({ n: count() })
    .from(users)
    .where(and(eq(users.workspaceId, workspaceId), inArray(users.role, MANAGERS), ne(users.id, userId)));
  if ((others?.n ?? 0) > 0) return;
  throw new ApiError(409, 'last_admin', 'This is the workspace’s last owner or admin; make someone else admin first', [
    { field: newRole ? 'role' : 'id', message: 'no other owner or admin' },
  ]);
}

export function userRoutes(db: Db) {
  async function find(workspaceId: string, id: string) {
    const [row] = await db.select(columns).from(users).where(and(eq(users.workspaceId, workspaceId), eq(users.id, id))).limit(1);
    if (!row) throw new ApiError(404, 'not_found', 'No such user in this workspace', [{ field: 'id', message: 'not found' }]);
    return row;
  }

  return adminApp()
    .openapi(list, async (c) => {
      const rows = await db.select(columns).from(users).where(eq(users.workspaceId, c.get('workspaceId'))).orderBy(asc(users.createdAt));
      return c.json({ users: rows }, 200);
    })
    .openapi(changeRole, async (c) => {
      const { id } = c.req.valid('param');
      const { role } = c.req.valid('json');
      const actor = c.get('actor');
      const workspaceId = c.get('workspaceId');
      const user = await find(workspaceId, id);
      assertMayManage(actor, user);
      assertMayGrant(actor, role);
      if (user.role === role) return c.json(user, 200);
      // One write transaction: two demotions at once cannot each count the other as a manager.
      await db.transaction(
        async (tx) => {
          await assertKeepsAManager(tx, workspaceId, id, role);
          await tx.update(users).set({ role }).where(eq(users.id, id));
          await recordAudit(tx, { workspaceId, actor, action: 'user.role_changed', targetId: id, details: { email: user.email, from: user.role, to: role } });
        },
        { behavior: 'immediate' },
      );
      return c.json({ ...user, role }, 200);
    })
    .openapi(remove, async (c) => {
      const { id } = c.req.valid('param');
      const actor = c.get('actor');
      const workspaceId = c.get('workspaceId');
      const user = await find(workspaceId, id);
      assertMayManage(actor, user);
      await db.transaction(
        async (tx) => {
          await assertKeepsAManager(tx, workspaceId, id, null);
          // Recorded first, while the actor (who may be removing themselves) still has a name.
          await recordAudit(tx, { workspaceId, actor, action: 'user.removed', targetId: id, details: { email: user.email, role: user.role } });
          await tx.delete(sessions).where(eq(sessions.userId, id));
          await tx.delete(users).where(eq(users.id, id));
        },
        { behavior: 'immediate' },
      );
      return c.json(user, 200);
    });
}
