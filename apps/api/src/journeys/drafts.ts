// Journey drafts: the list (by status, by part of the name), create, read, and save with a
// revision number, so two editors never silently overwrite each other (a stale save gets 409).
import { and, desc, eq, journeys, newId, type Db } from '@braid/db';
import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses, json, notFound, security } from '../admin/common';
import { adminApp } from '../admin/openapi-app';
import { ApiError } from '../errors';
import { uniqueJourneyKey } from '../journey-files/keys';
import { findJourney, type JourneyRow } from './find';
import { staleDraft as conflict, tags } from './responses';
import { Graph, Journey, JourneyParam, JourneyStatus, JourneySummary } from './schemas';
import { nameMatches } from './search';
import { detail, summaries } from './summaries';

const list = createRoute({
  method: 'get',
  path: '/',
  tags,
  summary: 'Journeys of the workspace',
  security,
  request: { query: z.object({ status: JourneyStatus.optional(), q: z.string().trim().max(200).optional().openapi({ description: 'Part of the name, any case' }) }) },
  responses: { 200: json(z.object({ journeys: z.array(JourneySummary) }), 'Journeys'), ...errorResponses },
});
const create = createRoute({
  method: 'post',
  path: '/',
  tags,
  summary: 'Create a journey (a draft)',
  security,
  request: {
    body: {
      content: {
        'application/json': {
          schema: z.object({ name: z.string().trim().min(1).max(200), description: z.string().max(2000).default(''), graph: Graph.optional() }),
        },
      },
    },
  },
  responses: { 201: json(Journey, 'Created'), ...errorResponses },
});
const get = createRoute({
  method: 'get',
  path: '/{id}',
  tags,
  summary: 'One journey with its draft graph',
  security,
  request: { params: JourneyParam },
  responses: { 200: json(Journey, 'Journey'), ...errorResponses, ...notFound },
});
const saveDraft = createRoute({
  method: 'put',
  path: '/{id}/draft',
  tags,
  summary: 'Save the draft; `revision` is the one you loaded, a newer one on the server gets 409',
  security,
  request: {
    params: JourneyParam,
    body: {
      content: {
        'application/json': {
          schema: z.object({
            revision: z.number().int().min(0),
            graph: Graph,
            name: z.string().trim().min(1).max(200).optional(),
            description: z.string().max(2000).optional(),
          }),
        },
      },
    },
  },
  responses: { 200: json(Journey, 'Saved'), ...errorResponses, ...notFound, ...conflict },
});

export const EMPTY_GRAPH = { nodes: [], edges: [] };

export function draftRoutes(db: Db) {
  const find = (workspaceId: string, id: string) => findJourney(db, workspaceId, id);
  return adminApp()
    .openapi(list, async (c) => {
      const { status, q } = c.req.valid('query');
      const where = [eq(journeys.workspaceId, c.get('workspaceId'))];
      if (status) where.push(eq(journeys.status, status));
      const all = await db.select().from(journeys).where(and(...where)).orderBy(desc(journeys.updatedAt));
      const rows = q ? all.filter((j) => nameMatches(j.name, q)) : all;
      return c.json({ journeys: await summaries(db, rows) }, 200);
    })
    .openapi(create, async (c) => {
      const body = c.req.valid('json');
      const now = Date.now();
      const actor = c.get('actor').id;
      const row: JourneyRow = {
        id: newId(now),
        workspaceId: c.get('workspaceId'),
        name: body.name,
        key: await uniqueJourneyKey(db, c.get('workspaceId'), body.name),
        description: body.description,
        status: 'draft',
        draftGraph: body.graph ?? EMPTY_GRAPH,
        draftRevision: 1,
        activeVersion: null,
        triggerEvent: null,
        startsAt: null,
        endsAt: null,
        createdBy: actor,
        updatedBy: actor,
        createdAt: now,
        updatedAt: now,
      };
      await db.insert(journeys).values(row);
      return c.json(await detail(db, row), 201);
    })
    .openapi(get, async (c) => c.json(await detail(db, await find(c.get('workspaceId'), c.req.valid('param').id)), 200))
    .openapi(saveDraft, async (c) => {
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const journey = await find(c.get('workspaceId'), id);
      if (journey.status === 'archived') throw new ApiError(409, 'archived', 'An archived journey cannot be edited', [{ field: 'status', message: 'archived' }]);
      const now = Date.now();
      // Compare-and-set on the revision: two editors never silently overwrite each other.
      const updated = await db
        .update(journeys)
        .set({
          draftGraph: body.graph,
          draftRevision: body.revision + 1,
          ...(body.name !== undefined ? { name: body.name } : {}),
          ...(body.description !== undefined ? { description: body.description } : {}),
          updatedAt: now,
          updatedBy: c.get('actor').id,
        })
        .where(and(eq(journeys.id, id), eq(journeys.draftRevision, body.revision)))
        .returning({ id: journeys.id });
      if (updated.length === 0) {
        throw new ApiError(409, 'stale_revision', `The draft was saved by someone else (revision ${journey.draftRevision}); reload it first`, [
          { field: 'revision', message: `expected ${journey.draftRevision}, got ${body.revision}` },
        ]);
      }
      return c.json(await detail(db, await find(c.get('workspaceId'), id)), 200);
    });
}
