// Customer 360: one request for the profile page (identities and where each came from, traits,
// merged profiles, journeys and why, vouchers, purchases, hand-made changes) and a paged
// cross-channel activity timeline. Consent is its own resource: /customers/{id}/subscriptions.
import type { Db } from '@braid/db';
import { createRoute, z } from '@hono/zod-openapi';
import { adminApp } from './openapi-app';
import { Cursor, errorResponses, IdParam, json, Limit, notFound, security } from './common';
import { findLiveCustomer } from './customer-lookup';
import { changesOf, identitiesWithSources, journeysOf, mergedProfiles, purchasesOf, vouchersOf } from './customer-profile-data';
import { customerActivity, parseActivityCursor } from './customer-activity';
import { validationError } from '../errors';

const tags = ['customers'];
const nullableString = z.string().nullable();

const Profile = z
  .object({
    customer: z.object({ id: z.string(), traits: z.record(z.string(), z.unknown()), createdAt: z.number().int(), updatedAt: z.number().int(), lastSeenAt: z.number().int().nullable() }),
    identities: z.array(
      z.object({
        type: z.string(),
        value: z.string(),
        source: z.object({ eventId: z.string(), eventType: z.string(), eventName: nullableString, at: z.number().int(), via: z.string() }).nullable().openapi({ description: 'The first event that carried it; null when a channel or a merge added it' }),
      }),
    ),
    merged: z.array(z.object({ id: z.string(), traits: z.record(z.string(), z.unknown()), at: z.number().int(), manual: z.boolean(), by: nullableString, canUnmerge: z.boolean() })),
    journeys: z.array(
      z.object({
        enrollmentId: z.string(),
        journeyId: z.string(),
        journeyName: z.string(),
        version: z.number().int(),
        status: z.string(),
        currentNode: nullableString,
        enteredAt: z.number().int(),
        finishedAt: z.number().int().nullable(),
        entryEvent: z.object({ id: z.string(), name: nullableString, at: z.number().int() }).nullable(),
        lastStep: z.object({ nodeId: z.string(), outcome: z.string(), reason: nullableString, at: z.number().int() }).nullable(),
      }),
    ),
    vouchers: z.array(z.object({ code: z.string(), value: z.string(), expiresAt: z.number().int().nullable(), journeyId: nullableString, createdAt: z.number().int() })),
    purchases: z.object({
      source: z.literal('events').openapi({ description: 'No orders table: purchases are the customer’s `Order Completed` events' }),
      eventName: z.string(),
      orders: z.array(z.object({ eventId: z.string(), orderId: nullableString, revenue: z.number().nullable(), currency: z.string(), via: z.string(), at: z.number().int() })),
      totals: z.array(z.object({ currency: z.string(), revenue: z.number() })),
    }),
    changes: z.array(
      z.object({ id: z.string(), kind: z.enum(['traits', 'merge', 'unmerge']), otherId: nullableString, by: z.string(), at: z.number().int(), details: z.record(z.string(), z.unknown()), undoneAt: z.number().int().nullable() }),
    ),
  })
  .openapi('CustomerProfile');

const ActivityItem = z
  .object({
    kind: z.enum(['event', 'message', 'step']),
    id: z.string(),
    at: z.number().int(),
    title: z.string(),
    status: z.string(),
    channel: nullableString,
    journeyId: nullableString,
    journeyName: nullableString,
    nodeId: nullableString,
    stepLabel: nullableString.describe('For a step: its name in the version the customer walked'),
    stepType: nullableString.describe('For a step: its node type id'),
    detail: nullableString,
    properties: z.record(z.string(), z.unknown()).nullable(),
  })
  .openapi('CustomerActivityItem');

const profile = createRoute({
  method: 'get',
  path: '/{id}/profile',
  tags,
  summary: 'Customer 360: identities with their source, traits, merged profiles, journeys, vouchers, purchases, changes by hand',
  security,
  request: { params: IdParam },
  responses: { 200: json(Profile, 'Profile'), ...errorResponses, ...notFound },
});

const activity = createRoute({
  method: 'get',
  path: '/{id}/activity',
  tags,
  summary: 'Events, messages and journey steps of a customer across channels, newest first',
  security,
  request: { params: IdParam, query: z.object({ limit: Limit, cursor: Cursor.openapi({ description: '`nextCursor` of the previous page' }) }) },
  responses: { 200: json(z.object({ items: z.array(ActivityItem), nextCursor: z.string().nullable() }), 'Activity'), ...errorResponses, ...notFound },
});

export function customerProfileRoutes(db: Db) {
  return adminApp()
    .openapi(profile, async (c) => {
      const workspaceId = c.get('workspaceId');
      const row = await findLiveCustomer(db, workspaceId, c.req.valid('param').id);
      const [identities, merged, inJourneys, issued, purchases, changes] = await Promise.all([
        identitiesWithSources(db, workspaceId, row.id),
        mergedProfiles(db, workspaceId, row.id),
        journeysOf(db, workspaceId, row.id),
        vouchersOf(db, workspaceId, row.id),
        purchasesOf(db, workspaceId, row.id),
        changesOf(db, workspaceId, row.id),
      ]);
      return c.json(
        {
          customer: { id: row.id, traits: row.traits ?? {}, createdAt: row.createdAt, updatedAt: row.updatedAt, lastSeenAt: row.lastSeenAt },
          identities,
          merged,
          journeys: inJourneys,
          vouchers: issued,
          purchases,
          changes,
        },
        200,
      );
    })
    .openapi(activity, async (c) => {
      const workspaceId = c.get('workspaceId');
      const row = await findLiveCustomer(db, workspaceId, c.req.valid('param').id);
      const { limit, cursor } = c.req.valid('query');
      const before = parseActivityCursor(cursor);
      if (cursor && !before) throw validationError([{ field: 'cursor', message: 'is not a cursor this list gave out' }]);
      return c.json(await customerActivity(db, workspaceId, row.id, limit, before), 200);
    });
}
