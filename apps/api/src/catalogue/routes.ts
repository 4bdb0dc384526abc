// GET /api/event-catalogue: what the workspace has seen (events, their properties, trait keys),
// for the editor's pickers; GET /api/event-catalogue/events/{name}: one event with daily volume.
import { createRoute, z } from '@hono/zod-openapi';
import type { Db } from '@braid/db';
import { adminApp } from '../admin/openapi-app';
import { errorResponses, json, notFound, security } from '../admin/common';
import { ApiError } from '../errors';
import { readCatalogue, readCatalogueEvent } from './read';

const tags = ['event-catalogue'];

const SeenKey = z.object({
  key: z.string(),
  types: z.array(z.string()).openapi({ description: 'JSON types seen: string, number, boolean, array, object, null' }),
  examples: z.array(z.string()).openapi({ description: 'A few recent distinct values (numbers and booleans as text), newest first' }),
  lastSeenAt: z.number().int(),
});
const CatalogueEvent = z
  .object({ name: z.string(), firstSeenAt: z.number().int(), lastSeenAt: z.number().int(), total: z.number().int(), properties: z.array(SeenKey) })
  .openapi('CatalogueEvent');
const CatalogueTrait = SeenKey.extend({ firstSeenAt: z.number().int() }).openapi('CatalogueTrait');
const Catalogue = z.object({ events: z.array(CatalogueEvent), traits: z.array(CatalogueTrait) }).openapi('EventCatalogue');
const EventDetail = CatalogueEvent.extend({
  volume: z.array(z.object({ day: z.string().openapi({ example: '2026-11-27' }), count: z.number().int() })).openapi({ description: 'Events per UTC day, last 30 days (days without events left out)' }),
}).openapi('CatalogueEventDetail');
const NameParam = z.object({ name: z.string().min(1).max(200).openapi({ param: { name: 'name', in: 'path' }, example: 'Product Added' }) });

const list = createRoute({
  method: 'get',
  path: '/',
  tags,
  summary: 'Events seen in the workspace with their property keys (types, recent examples), and profile trait keys',
  security,
  responses: { 200: json(Catalogue, 'The catalogue'), ...errorResponses },
});
const detail = createRoute({
  method: 'get',
  path: '/events/{name}',
  tags,
  summary: 'One event: its properties, first/last seen and volume per day',
  security,
  request: { params: NameParam },
  responses: { 200: json(EventDetail, 'The event'), ...errorResponses, ...notFound },
});

export function eventCatalogueRoutes(db: Db) {
  return adminApp()
    .openapi(list, async (c) => c.json(await readCatalogue(db, c.get('workspaceId')), 200))
    .openapi(detail, async (c) => {
      const { name } = c.req.valid('param');
      const event = await readCatalogueEvent(db, c.get('workspaceId'), name);
      if (!event) throw new ApiError(404, 'not_found', `The event "${name}" has not been seen in this workspace`, [{ field: 'name', message: 'not seen yet' }]);
      return c.json(event, 200);
    });
}
