// Customers: list and search (email, phone, name, any id), one profile with identities, traits
// and its event timeline; the customer 360 and hand edits live beside it (customer-*.ts).
import { and, customerIdentities, customers, desc, eq, events, isNull, lt, type Db } from '@braid/db';
import { createRoute, z } from '@hono/zod-openapi';
import { adminApp } from './openapi-app';
import { findLiveCustomer } from './customer-lookup';
import { searchCustomers } from './customer-search';
import { customerProfileRoutes } from './customer-profile';
import { customerEditRoutes } from './customer-edits';
import { Cursor, errorResponses, IdParam, json, Limit, notFound, security } from './common';
import { Event, toEventDto } from './events';

const Customer = z
  .object({
    id: z.string(),
    traits: z.record(z.string(), z.unknown()),
    createdAt: z.number().int(),
    updatedAt: z.number().int(),
    lastSeenAt: z.number().int().nullable(),
  })
  .openapi('Customer');

const Identity = z.object({ type: z.string(), value: z.string() }).openapi('Identity');

const list = createRoute({
  method: 'get',
  path: '/',
  tags: ['customers'],
  summary: 'List customers, newest first; `q` finds by phone (any spelling), email, any id (exact or its start) or words of the name',
  security,
  request: {
    query: z.object({ q: z.string().max(320).optional(), limit: Limit, cursor: Cursor }),
  },
  responses: {
    200: json(z.object({ customers: z.array(Customer), nextCursor: z.string().nullable() }), 'Customers'),
    ...errorResponses,
  },
});

const get = createRoute({
  method: 'get',
  path: '/{id}',
  tags: ['customers'],
  summary: 'One customer with identities, traits and latest events; merged ids lead to the survivor',
  security,
  request: { params: IdParam, query: z.object({ events: z.coerce.number().int().min(0).max(500).default(50) }) },
  responses: {
    200: json(
      Customer.extend({ identities: z.array(Identity), mergedFrom: z.array(z.string()), events: z.array(Event) }),
      'Customer',
    ),
    ...errorResponses,
    ...notFound,
  },
});

const timeline = createRoute({
  method: 'get',
  path: '/{id}/events',
  tags: ['customers'],
  summary: "A customer's event timeline, newest first",
  security,
  request: { params: IdParam, query: z.object({ limit: Limit, cursor: Cursor }) },
  responses: {
    200: json(z.object({ events: z.array(Event), nextCursor: z.string().nullable() }), 'Events'),
    ...errorResponses,
    ...notFound,
  },
});

function toCustomerDto(row: typeof customers.$inferSelect) {
  return {
    id: row.id,
    traits: row.traits ?? {},
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    lastSeenAt: row.lastSeenAt,
  };
}

export function customerRoutes(db: Db) {
  const app = adminApp();

  const findLive = (workspaceId: string, id: string) => findLiveCustomer(db, workspaceId, id);

  return app
    .openapi(list, async (c) => {
      const workspaceId = c.get('workspaceId');
      const { q, limit, cursor } = c.req.valid('query');
      const term = q?.trim();
      if (term) {
        const found = await searchCustomers(db, workspaceId, term, limit, cursor);
        return c.json({ customers: found.customers.map(toCustomerDto), nextCursor: found.nextCursor }, 200);
      }
      const conditions = [eq(customers.workspaceId, workspaceId), isNull(customers.mergedInto)];
      if (cursor) conditions.push(lt(customers.id, cursor));
      const rows = await db
        .select()
        .from(customers)
        .where(and(...conditions))
        .orderBy(desc(customers.id))
        .limit(limit + 1);
      const page = rows.slice(0, limit);
      return c.json(
        { customers: page.map(toCustomerDto), nextCursor: rows.length > limit ? page[page.length - 1]!.id : null },
        200,
      );
    })
    .openapi(get, async (c) => {
      const workspaceId = c.get('workspaceId');
      const row = await findLive(workspaceId, c.req.valid('param').id);
      const [identities, merged, recent] = await Promise.all([
        db
          .select({ type: customerIdentities.type, value: customerIdentities.value })
          .from(customerIdentities)
          .where(and(eq(customerIdentities.workspaceId, workspaceId), eq(customerIdentities.customerId, row.id))),
        db
          .select({ id: customers.id })
          .from(customers)
          .where(and(eq(customers.workspaceId, workspaceId), eq(customers.mergedInto, row.id))),
        db
          .select()
          .from(events)
          .where(and(eq(events.workspaceId, workspaceId), eq(events.customerId, row.id)))
          .orderBy(desc(events.timestamp), desc(events.id))
          .limit(c.req.valid('query').events),
      ]);
      return c.json(
        { ...toCustomerDto(row), identities, mergedFrom: merged.map((m) => m.id), events: recent.map(toEventDto) },
        200,
      );
    })
    .openapi(timeline, async (c) => {
      const workspaceId = c.get('workspaceId');
      const row = await findLive(workspaceId, c.req.valid('param').id);
      const { limit, cursor } = c.req.valid('query');
      const conditions = [eq(events.workspaceId, workspaceId), eq(events.customerId, row.id)];
      if (cursor) conditions.push(lt(events.id, cursor));
      const rows = await db
        .select()
        .from(events)
        .where(and(...conditions))
        .orderBy(desc(events.id))
        .limit(limit + 1);
      const page = rows.slice(0, limit);
      return c.json(
        { events: page.map(toEventDto), nextCursor: rows.length > limit ? page[page.length - 1]!.id : null },
        200,
      );
    })
    .route('/', customerProfileRoutes(db))
    .route('/', customerEditRoutes(db));
}
