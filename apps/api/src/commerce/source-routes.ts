// /api/commerce-sources: the shops that send Braid their orders. Creating one gives the webhook
// URL to paste into the shop's admin; the signing secret is shown once at creation and then only
// to an owner or admin who asks for it, never in a list.
import { and, commerceDeliveries, commercePlatforms, commerceSources, desc, eq, newId, type Db } from '@braid/db';
import { createRoute, z } from '@hono/zod-openapi';
import { requireRole } from '../auth/middleware';
import { adminApp } from '../admin/openapi-app';
import { errorResponses, IdParam, json, Limit, notFound, security } from '../admin/common';
import { ApiError } from '../errors';
import { newSigningSecret } from './signature';
import { sealSourceSecret, sourceSecret } from './source-secret';

const Platform = z.enum(commercePlatforms).openapi({ description: 'Haravan and Sapo sign like Shopify, with their own header names' });
const Secret = z
  .string()
  .trim()
  .min(16, 'at least 16 characters: paste the signing key the shop shows')
  .max(200)
  .refine((s) => !/\s/.test(s), 'must not contain spaces');

const Source = z
  .object({
    id: z.string(),
    platform: Platform,
    name: z.string(),
    webhookUrl: z.string().openapi({ description: 'Paste into the shop’s webhook settings (topics orders/create, orders/paid, orders/cancelled, checkouts/create, checkouts/update)' }),
    secretHint: z.string().openapi({ description: 'The last 4 characters of the signing secret' }),
    createdAt: z.number().int(),
    lastDelivery: z.object({ status: z.string(), topic: z.string(), at: z.number().int() }).nullable(),
  })
  .openapi('CommerceSource');

const Delivery = z
  .object({
    id: z.string(),
    deliveryId: z.string(),
    topic: z.string(),
    status: z.enum(['accepted', 'duplicate', 'ignored']),
    orderId: z.string().nullable(),
    eventName: z.string().nullable(),
    customerId: z.string().nullable(),
    receivedAt: z.number().int(),
  })
  .openapi('CommerceDelivery');

const tags = ['commerce'];
/** A sealed secret that does not open: BRAID_SECRETS_KEY missing or changed without the old key kept. */
const unreadable = { 409: json(z.object({ error: z.object({ code: z.string(), message: z.string(), details: z.array(z.object({ field: z.string(), message: z.string() })) }) }), 'The signing secret cannot be read with the configured BRAID_SECRETS_KEY') };
const managers = [requireRole('owner', 'admin')];

const list = createRoute({ method: 'get', path: '/', tags, summary: 'Commerce sources with their webhook URL and last delivery (no secrets)', security, responses: { 200: json(z.object({ sources: z.array(Source) }), 'Sources'), ...errorResponses, ...unreadable } });
const create = createRoute({
  method: 'post',
  path: '/',
  tags,
  summary: 'Add a shop; the answer carries the signing secret, shown this once (paste the shop’s own key as `secret`, or let Braid make one)',
  security,
  middleware: managers,
  request: { body: { content: { 'application/json': { schema: z.object({ platform: Platform, name: z.string().trim().min(1).max(200), secret: Secret.optional() }) } } } },
  responses: { 201: json(Source.extend({ secret: z.string() }), 'Created, with its secret'), ...errorResponses },
});
const update = createRoute({
  method: 'patch',
  path: '/{id}',
  tags,
  summary: 'Rename a source or replace its signing secret (after rotating it in the shop)',
  security,
  middleware: managers,
  request: { params: IdParam, body: { content: { 'application/json': { schema: z.object({ name: z.string().trim().min(1).max(200).optional(), secret: Secret.optional() }) } } } },
  responses: { 200: json(Source, 'Updated'), ...errorResponses, ...notFound, ...unreadable },
});
const reveal = createRoute({
  method: 'get',
  path: '/{id}/secret',
  tags,
  summary: 'The signing secret, for an owner or admin who asks',
  security,
  middleware: managers,
  request: { params: IdParam },
  responses: { 200: json(z.object({ secret: z.string() }), 'Secret'), ...errorResponses, ...notFound, ...unreadable },
});
const remove = createRoute({
  method: 'delete',
  path: '/{id}',
  tags,
  summary: 'Remove a source; its webhook URL stops accepting deliveries',
  security,
  middleware: managers,
  request: { params: IdParam },
  responses: { 200: json(z.object({ deleted: z.literal(true) }), 'Deleted'), ...errorResponses, ...notFound },
});
const deliveries = createRoute({
  method: 'get',
  path: '/{id}/deliveries',
  tags,
  summary: 'The latest verified deliveries of a source, newest first (refused ones leave no row)',
  security,
  request: { params: IdParam, query: z.object({ limit: Limit }) },
  responses: { 200: json(z.object({ deliveries: z.array(Delivery) }), 'Deliveries'), ...errorResponses, ...notFound },
});

type Row = typeof commerceSources.$inferSelect;

export function commerceSourceRoutes(db: Db) {
  const app = adminApp();
  const find = async (workspaceId: string, id: string): Promise<Row> => {
    const [row] = await db.select().from(commerceSources).where(and(eq(commerceSources.workspaceId, workspaceId), eq(commerceSources.id, id))).limit(1);
    if (!row) throw new ApiError(404, 'not_found', 'No such commerce source in this workspace', [{ field: 'id', message: 'unknown' }]);
    return row;
  };
  const lastDelivery = async (sourceId: string) => {
    const [d] = await db
      .select({ status: commerceDeliveries.status, topic: commerceDeliveries.topic, at: commerceDeliveries.receivedAt })
      .from(commerceDeliveries)
      .where(eq(commerceDeliveries.sourceId, sourceId))
      .orderBy(desc(commerceDeliveries.receivedAt))
      .limit(1);
    return d ?? null;
  };
  const dto = async (row: Row, origin: string) => ({
    id: row.id,
    platform: row.platform,
    name: row.name,
    webhookUrl: `${origin}/v1/commerce/${row.id}`,
    secretHint: (await sourceSecret(db, row)).slice(-4),
    createdAt: row.createdAt,
    lastDelivery: await lastDelivery(row.id),
  });
  const originOf = (url: string) => new URL(url).origin;

  return app
    .openapi(list, async (c) => {
      const rows = await db.select().from(commerceSources).where(eq(commerceSources.workspaceId, c.get('workspaceId'))).orderBy(commerceSources.createdAt);
      const origin = originOf(c.req.url);
      return c.json({ sources: await Promise.all(rows.map((r) => dto(r, origin))) }, 200);
    })
    .openapi(create, async (c) => {
      const body = c.req.valid('json');
      const now = Date.now();
      const id = `src_${newId(now).toLowerCase()}`;
      const workspaceId = c.get('workspaceId');
      const secret = body.secret ?? newSigningSecret();
      const row: Row = { id, workspaceId, platform: body.platform, name: body.name, secret: sealSourceSecret(secret, workspaceId, id), createdAt: now, updatedAt: now };
      await db.insert(commerceSources).values(row);
      return c.json({ ...(await dto(row, originOf(c.req.url))), secret }, 201);
    })
    .openapi(update, async (c) => {
      const row = await find(c.get('workspaceId'), c.req.valid('param').id);
      const body = c.req.valid('json');
      const next = { ...row, ...(body.name ? { name: body.name } : {}), ...(body.secret ? { secret: sealSourceSecret(body.secret, row.workspaceId, row.id) } : {}), updatedAt: Date.now() };
      await db.update(commerceSources).set({ name: next.name, secret: next.secret, updatedAt: next.updatedAt }).where(eq(commerceSources.id, row.id));
      return c.json(await dto(next, originOf(c.req.url)), 200);
    })
    .openapi(reveal, async (c) => {
      const row = await find(c.get('workspaceId'), c.req.valid('param').id);
      return c.json({ secret: await sourceSecret(db, row) }, 200);
    })
    .openapi(remove, async (c) => {
      const row = await find(c.get('workspaceId'), c.req.valid('param').id);
      await db.delete(commerceSources).where(eq(commerceSources.id, row.id));
      return c.json({ deleted: true as const }, 200);
    })
    .openapi(deliveries, async (c) => {
      const row = await find(c.get('workspaceId'), c.req.valid('param').id);
      const rows = await db
        .select({
          id: commerceDeliveries.id,
          deliveryId: commerceDeliveries.deliveryId,
          topic: commerceDeliveries.topic,
          status: commerceDeliveries.status,
          orderId: commerceDeliveries.orderId,
          eventName: commerceDeliveries.eventName,
          customerId: commerceDeliveries.customerId,
          receivedAt: commerceDeliveries.receivedAt,
        })
        .from(commerceDeliveries)
        .where(eq(commerceDeliveries.sourceId, row.id))
        .orderBy(desc(commerceDeliveries.receivedAt), desc(commerceDeliveries.id))
        .limit(c.req.valid('query').limit);
      return c.json({ deliveries: rows }, 200);
    });
}
