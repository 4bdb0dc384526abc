// GET/PATCH the caller's workspace; POST creates another workspace with its first credentials.
import { eq, workspaces, type Db } from '@braid/db';
import { createRoute, z } from '@hono/zod-openapi';
import { adminApp } from './openapi-app';
import { requireRole } from '../auth/middleware';
import { errorResponses, json, security } from './common';
import { createWorkspace } from '../workspace-setup';
import type { KeyCache } from '../auth/keys';

export const Workspace = z
  .object({
    id: z.string(),
    name: z.string(),
    timezone: z.string(),
    currency: z.string(),
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
  summary: 'Rename, or change time zone or currency',
  security,
  middleware: [requireRole('owner', 'admin')],
  request: {
    body: {
      content: {
        'application/json': {
          schema: z.object({ name: z.string().min(1).max(200).optional(), timezone: timezone.optional(), currency: currency.optional() }),
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
          schema: z.object({ name: z.string().min(1).max(200), timezone: timezone.optional(), currency: currency.optional() }),
        },
      },
    },
  },
  responses: {
    201: json(z.object({ workspace: Workspace, adminToken: z.string(), writeKey: z.string() }), 'Created'),
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
      if (Object.keys(patch).length > 0) {
        await db.update(workspaces).set(patch).where(eq(workspaces.id, c.get('workspaceId')));
      }
      return c.json(await load(c.get('workspaceId')), 200);
    })
    .openapi(create, async (c) => {
      const input = c.req.valid('json');
      const made = await createWorkspace(db, input);
      return c.json({ workspace: made.workspace, adminToken: made.adminToken, writeKey: made.writeKey }, 201);
    });
}
