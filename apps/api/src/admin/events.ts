// Events query: by name, type, customer and time window, newest first.
import { and, desc, eq, eventTypes, events, gte, lt, lte, type Db } from '@braid/db';
import { createRoute, z } from '@hono/zod-openapi';
import { adminApp } from './openapi-app';
import { Cursor, errorResponses, json, Limit, security } from './common';

export const Event = z
  .object({
    id: z.string(),
    messageId: z.string(),
    customerId: z.string(),
    type: z.enum(eventTypes),
    name: z.string().nullable(),
    userId: z.string().nullable(),
    anonymousId: z.string().nullable(),
    properties: z.record(z.string(), z.unknown()),
    traits: z.record(z.string(), z.unknown()).nullable(),
    groupId: z.string().nullable(),
    previousId: z.string().nullable(),
    context: z.record(z.string(), z.unknown()),
    timestamp: z.number().int(),
    sentAt: z.number().int().nullable(),
    receivedAt: z.number().int(),
  })
  .openapi('Event');

export function toEventDto(row: typeof events.$inferSelect): z.infer<typeof Event> {
  const { workspaceId: _w, ...rest } = row;
  return { ...rest, properties: rest.properties ?? {}, context: rest.context ?? {} };
}

const ms = z.coerce.number().int().nonnegative();

const query = createRoute({
  method: 'get',
  path: '/',
  tags: ['events'],
  summary: 'Query events (from/to are ms since epoch on the corrected timestamp)',
  security,
  request: {
    query: z.object({
      name: z.string().max(1000).optional(),
      type: z.enum(eventTypes).optional(),
      customerId: z.string().max(100).optional(),
      from: ms.optional(),
      to: ms.optional(),
      limit: Limit,
      cursor: Cursor,
    }),
  },
  responses: {
    200: json(z.object({ events: z.array(Event), nextCursor: z.string().nullable() }), 'Events'),
    ...errorResponses,
  },
});

export function eventRoutes(db: Db) {
  const app = adminApp();
  return app.openapi(query, async (c) => {
    const q = c.req.valid('query');
    const conditions = [eq(events.workspaceId, c.get('workspaceId'))];
    if (q.name !== undefined) conditions.push(eq(events.name, q.name));
    if (q.type) conditions.push(eq(events.type, q.type));
    if (q.customerId) conditions.push(eq(events.customerId, q.customerId));
    if (q.from !== undefined) conditions.push(gte(events.timestamp, q.from));
    if (q.to !== undefined) conditions.push(lte(events.timestamp, q.to));
    if (q.cursor) conditions.push(lt(events.id, q.cursor));
    const rows = await db
      .select()
      .from(events)
      .where(and(...conditions))
      .orderBy(desc(events.id))
      .limit(q.limit + 1);
    const page = rows.slice(0, q.limit);
    return c.json(
      { events: page.map(toEventDto), nextCursor: rows.length > q.limit ? page[page.length - 1]!.id : null },
      200,
    );
  });
}
