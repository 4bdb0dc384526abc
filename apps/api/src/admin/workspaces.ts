// GET/PATCH the caller's workspace; POST creates another workspace with its first credentials.
import { eq, workspaces, type Db } from '@braid/db';
import { createRoute, z } from '@hono/zod-openapi';
import { adminApp } from './openapi-app';
import { requireRole } from '../auth/middleware';
import { ErrorSchema, errorResponses, json, security } from './common';
import { recordAudit } from '../audit/record';
import { invitationLink } from '../auth/invite';
import { createWorkspace } from '../workspace-setup';
import type { KeyCache } from '../auth/keys';

export const Workspace = z
  .object({
    id: z.string(),
    name: z.string(),
    timezone: z.string(),
    currency: z.string(),
    publishNeedsApproval: z.boolean().openapi({ description: 'When on, marketers request publishing and an owner or admin approves' }),
    createdAt: z.number().int(),
  })
  .openapi('Workspace');

const timezone = z
  .string()
  .max(64)
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'must be an IANA time zone such as Asia/Ho_Chi_Minh');
const currency = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as VND');

const list = createRoute({
  method: 'get',
  path: '/',
  tags: ['workspaces'],
  summary: 'Workspaces the caller can see (its own)',
  security,
  responses: { 200: json(z.object({ workspaces: z.array(Workspace) }), 'Workspaces'), ...errorResponses },
});
const current = createRoute({
  method: 'get',
  path: '/current',
  tags: ['workspaces'],
  summary: "The caller's workspace",
  security,
  responses: { 200: json(Workspace, 'Workspace'), ...errorResponses },
});
const update = createRoute({
  method: 'patch',
  path: '/current',
  tags: ['workspaces'],
  summary: 'Rename, change time zone or currency, or switch the rule "publishing needs approval"',
  security,
  middleware: [requireRole('owner', 'admin')],
  request: {
    body: {
      content: {
        'application/json': {
          schema: z.object({ name: z.string().min(1).max(200).optional(), timezone: timezone.optional(), currency: currency.optional(), publishNeedsApproval: z.boolean().optional() }),
        },
      },
    },
  },
  responses: { 200: json(Workspace, 'Updated'), ...errorResponses },
});
const create = createRoute({
  method: 'post',
  path: '/',
  tags: ['workspaces'],
  summary: 'Create a workspace; its first admin token and write key are shown once',
  security,
  middleware: [requireRole('owner', 'admin')],
  request: {
    body: {
      content: {
        'application/json': {
          schema: z.object({
            name: z.string().min(1).max(200),
            timezone: timezone.optional(),
            currency: currency.optional(),
            owner: z
              .object({
                email: z.string().trim().email().max(320),
                name: z.string().max(200).optional(),
                password: z.string().min(8, 'must be at least 8 characters').max(1000).optional(),
              })
              .optional()
              .openapi({ description: 'The first user, an owner: created now with a password, or invited (the link is in the answer) without one' }),
          }),
        },
      },
    },
  },
  responses: {
    201: json(
      z.object({
        workspace: Workspace,
        adminToken: z.string(),
        writeKey: z.string(),
        owner: z.object({ userId: z.string().nullable(), invitationLink: z.string().nullable() }).nullable(),
      }),
      'Created',
    ),
    409: json(ErrorSchema, 'The owner’s email already has a Braid login (`email_taken`)'),
    ...errorResponses,
  },
});

export function workspaceRoutes(db: Db, _keys: KeyCache) {
  const app = adminApp();
  const load = async (id: string) => (await db.select().from(workspaces).where(eq(workspaces.id, id)).limit(1))[0]!;
  return app
    .openapi(list, async (c) => c.json({ workspaces: [await load(c.get('workspaceId'))] }, 200))
    .openapi(current, async (c) => c.json(await load(c.get('workspaceId')), 200))
    .openapi(update, async (c) => {
      const patch = c.req.valid('json');
      const before = await load(c.get('workspaceId'));
      const changes = Object.fromEntries(
        Object.entries(patch).filter(([k, v]) => v !== undefined && v !== before[k as keyof typeof before]).map(([k, v]) => [k, { from: before[k as keyof typeof before], to: v }]),
      );
      if (Object.keys(changes).length > 0) {
        await db.transaction(async (tx) => {
          await tx.update(workspaces).set(patch).where(eq(workspaces.id, c.get('workspaceId')));
          await recordAudit(tx, { workspaceId: before.id, actor: c.get('actor'), action: 'workspace.updated', details: changes });
        });
      }
      return c.json(await load(c.get('workspaceId')), 200);
    })
    .openapi(create, async (c) => {
      const { owner, ...input } = c.req.valid('json');
      const actor = c.get('actor');
      const made = await createWorkspace(db, {
        ...input,
        admin: owner?.password ? { email: owner.email, password: owner.password, ...(owner.name ? { name: owner.name } : {}) } : undefined,
        ownerInvite: owner && !owner.password ? { email: owner.email, invitedBy: actor.id } : undefined,
      });
      await recordAudit(db, { workspaceId: c.get('workspaceId'), actor, action: 'workspace.created', targetId: made.workspace.id, details: { name: made.workspace.name, owner: owner?.email ?? null } });
      const ownerOut = owner ? { userId: made.userId, invitationLink: made.ownerInvitation ? invitationLink(c, made.ownerInvitation.token) : null } : null;
      return c.json({ workspace: made.workspace, adminToken: made.adminToken, writeKey: made.writeKey, owner: ownerOut }, 201);
    });
}
