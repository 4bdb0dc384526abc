// Subscription groups of a workspace ("Khuyến mãi" by email, "Đơn hàng" by Zalo ...): what a
// customer can subscribe to, with a channel and a default (opt-in: nobody until they say yes;
// opt-out: everybody until they leave).
import { and, eq, subscriptionGroups, subscriptions, type Db } from '@braid/db';
import { newId } from '@braid/db';
import { createRoute, z } from '@hono/zod-openapi';
import { adminApp } from '../admin/openapi-app';
import { errorResponses, ErrorSchema, IdParam, json, notFound, security } from '../admin/common';
import { ApiError } from '../errors';

/** Channels a customer can be written to on; webhooks reach systems, not people. */
export const CONSENT_CHANNELS = ['email', 'sms', 'messenger', 'zalo', 'web', 'push'] as const;

export const Group = z
  .object({
    id: z.string(),
    name: z.string(),
    channel: z.enum(CONSENT_CHANNELS),
    mode: z.enum(['opt_in', 'opt_out']),
    description: z.string().nullable(),
    createdAt: z.number().int(),
  })
  .openapi('SubscriptionGroup');

const Name = z.string().trim().min(1, { error: 'Give the group a name, e.g. "Khuyến mãi"' }).max(80);
const Description = z.string().trim().max(500).nullable();
const Mode = z.enum(['opt_in', 'opt_out']).openapi({ description: 'opt_in: nobody is subscribed until they say so; opt_out: everybody until they leave' });

const Create = z.object({
  name: Name.openapi({ example: 'Khuyến mãi' }),
  channel: z.enum(CONSENT_CHANNELS, { error: `One of ${CONSENT_CHANNELS.join(', ')}` }),
  mode: Mode.default('opt_out'),
  description: Description.default(null),
});
const Update = z.object({ name: Name.optional(), mode: Mode.optional(), description: Description.optional() });

const conflict = { 409: json(ErrorSchema, 'Another group of this workspace has that name') };

const list = createRoute({ method: 'get', path: '/', tags: ['subscriptions'], summary: 'Subscription groups of the workspace', security, responses: { 200: json(z.object({ groups: z.array(Group) }), 'Groups'), ...errorResponses } });
const create = createRoute({
  method: 'post',
  path: '/',
  tags: ['subscriptions'],
  summary: 'Create a subscription group',
  security,
  request: { body: { content: { 'application/json': { schema: Create } } } },
  responses: { 201: json(Group, 'Created'), ...errorResponses, ...conflict },
});
const get = createRoute({ method: 'get', path: '/{id}', tags: ['subscriptions'], summary: 'One subscription group', security, request: { params: IdParam }, responses: { 200: json(Group, 'Group'), ...errorResponses, ...notFound } });
const update = createRoute({
  method: 'patch',
  path: '/{id}',
  tags: ['subscriptions'],
  summary: 'Rename a group, change its default or description (its channel stays)',
  security,
  request: { params: IdParam, body: { content: { 'application/json': { schema: Update } } } },
  responses: { 200: json(Group, 'Saved'), ...errorResponses, ...notFound, ...conflict },
});
const remove = createRoute({
  method: 'delete',
  path: '/{id}',
  tags: ['subscriptions'],
  summary: "Delete a group and every customer's answer for it; sends naming it are skipped from then on",
  security,
  request: { params: IdParam },
  responses: { 204: { description: 'Deleted' }, ...errorResponses, ...notFound },
});

type Row = typeof subscriptionGroups.$inferSelect;
export const toGroupDto = (row: Row): z.infer<typeof Group> => ({
  id: row.id,
  name: row.name,
  channel: row.channel as (typeof CONSENT_CHANNELS)[number],
  mode: row.mode,
  description: row.description,
  createdAt: row.createdAt,
});

const nameTaken = (name: string) => new ApiError(409, 'name_taken', `A subscription group named "${name}" already exists in this workspace`, [{ field: 'name', message: 'is already used by another group' }]);
const isUniqueViolation = (error: unknown) => [(error as { message?: unknown })?.message, (error as { cause?: unknown })?.cause].some((m) => /UNIQUE constraint failed: subscription_groups/i.test(String(m ?? '')));

export function subscriptionGroupRoutes(db: Db) {
  const app = adminApp();
  const find = async (workspaceId: string, id: string): Promise<Row> => {
    const [row] = await db.select().from(subscriptionGroups).where(and(eq(subscriptionGroups.workspaceId, workspaceId), eq(subscriptionGroups.id, id))).limit(1);
    if (!row) throw new ApiError(404, 'not_found', `No subscription group ${id} in this workspace`, [{ field: 'id', message: 'not found' }]);
    return row;
  };
  return app
    .openapi(list, async (c) => {
      const rows = await db.select().from(subscriptionGroups).where(eq(subscriptionGroups.workspaceId, c.get('workspaceId'))).orderBy(subscriptionGroups.createdAt, subscriptionGroups.id);
      return c.json({ groups: rows.map(toGroupDto) }, 200);
    })
    .openapi(create, async (c) => {
      const body = c.req.valid('json');
      const now = Date.now();
      const row: Row = { id: newId(now), workspaceId: c.get('workspaceId'), name: body.name, channel: body.channel, mode: body.mode, description: body.description || null, createdAt: now };
      try {
        await db.insert(subscriptionGroups).values(row);
      } catch (error) {
        if (isUniqueViolation(error)) throw nameTaken(body.name);
        throw error;
      }
      return c.json(toGroupDto(row), 201);
    })
    .openapi(get, async (c) => c.json(toGroupDto(await find(c.get('workspaceId'), c.req.valid('param').id)), 200))
    .openapi(update, async (c) => {
      const row = await find(c.get('workspaceId'), c.req.valid('param').id);
      const body = c.req.valid('json');
      const next: Row = { ...row, ...(body.name !== undefined ? { name: body.name } : {}), ...(body.mode ? { mode: body.mode } : {}), ...(body.description !== undefined ? { description: body.description || null } : {}) };
      try {
        await db.update(subscriptionGroups).set({ name: next.name, mode: next.mode, description: next.description }).where(eq(subscriptionGroups.id, row.id));
      } catch (error) {
        if (isUniqueViolation(error)) throw nameTaken(next.name);
        throw error;
      }
      return c.json(toGroupDto(next), 200);
    })
    .openapi(remove, async (c) => {
      const row = await find(c.get('workspaceId'), c.req.valid('param').id);
      // Group and answers go together: no answer is left pointing at nothing.
      await db.transaction(async (tx) => {
        await tx.delete(subscriptions).where(and(eq(subscriptions.workspaceId, row.workspaceId), eq(subscriptions.groupId, row.id)));
        await tx.delete(subscriptionGroups).where(eq(subscriptionGroups.id, row.id));
      });
      return c.body(null, 204);
    });
}
