// Journey housekeeping: rename / describe / set entry dates, duplicate, delete. Deleting is
// refused while customers are inside (409 with the count); finished customers' history stays.
import { and, count, enrollments, eq, journeys, journeyVersions, newId, publishRequests, type Db } from '@braid/db';
import { createRoute, z } from '@hono/zod-openapi';
import { adminApp } from '../admin/openapi-app';
import { ErrorSchema, errorResponses, json, notFound, security } from '../admin/common';
import { recordAudit } from '../audit/record';
import { ApiError } from '../errors';
import { uniqueJourneyKey } from '../journey-files/keys';
import { Journey, JourneyParam } from './schemas';
import { detail } from './summaries';

const tags = ['journeys'];
type JourneyRow = typeof journeys.$inferSelect;
const instant = z.number().int().min(0).max(8_640_000_000_000_000).nullable();

const update = createRoute({
  method: 'patch',
  path: '/{id}',
  operationId: 'updateJourney',
  tags,
  summary: 'Rename, describe, or set the entry window (start / end, ms since epoch; null is open-ended). The draft revision does not change',
  security,
  request: {
    params: JourneyParam,
    body: {
      content: {
        'application/json': {
          schema: z.object({
            name: z.string().trim().min(1).max(200).optional(),
            description: z.string().max(2000).optional(),
            startsAt: instant.optional().openapi({ description: 'No customer enters before this instant' }),
            endsAt: instant.optional().openapi({ description: 'No customer enters from this instant on; must be after startsAt' }),
          }),
        },
      },
    },
  },
  responses: { 200: json(Journey, 'Updated'), ...errorResponses, ...notFound },
});
const duplicate = createRoute({
  method: 'post',
  path: '/{id}/duplicate',
  operationId: 'duplicateJourney',
  tags,
  summary: 'Copy the journey’s draft into a new draft journey (never published)',
  security,
  request: { params: JourneyParam, body: { content: { 'application/json': { schema: z.object({ name: z.string().trim().min(1).max(200).optional() }) } } } },
  responses: { 201: json(Journey, 'The copy'), ...errorResponses, ...notFound },
});
const remove = createRoute({
  method: 'delete',
  path: '/{id}',
  operationId: 'deleteJourney',
  tags,
  summary: 'Delete a journey with its versions; refused while customers are inside',
  security,
  request: { params: JourneyParam },
  responses: {
    200: json(z.object({ deleted: z.literal(true), id: z.string() }), 'Deleted'),
    ...errorResponses,
    ...notFound,
    409: json(ErrorSchema, 'Customers are still inside (`customers_inside`, the count in the message and details)'),
  },
});

export function housekeepingRoutes(db: Db, onJourneyChanged?: (workspaceId: string, journeyId: string) => void) {
  async function find(workspaceId: string, id: string): Promise<JourneyRow> {
    const [row] = await db.select().from(journeys).where(and(eq(journeys.workspaceId, workspaceId), eq(journeys.id, id))).limit(1);
    if (!row) throw new ApiError(404, 'not_found', 'No such journey in this workspace', [{ field: 'id', message: 'not found' }]);
    return row;
  }

  return adminApp()
    .openapi(update, async (c) => {
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const actor = c.get('actor');
      const journey = await find(c.get('workspaceId'), id);
      const startsAt = body.startsAt === undefined ? journey.startsAt : body.startsAt;
      const endsAt = body.endsAt === undefined ? journey.endsAt : body.endsAt;
      if (startsAt !== null && endsAt !== null && endsAt <= startsAt) {
        throw new ApiError(400, 'invalid_request', 'endsAt: must be after startsAt', [{ field: 'endsAt', message: 'must be after startsAt' }]);
      }
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      for (const key of ['name', 'description', 'startsAt', 'endsAt'] as const) {
        if (body[key] !== undefined && body[key] !== journey[key]) changes[key] = { from: journey[key], to: body[key] };
      }
      if (Object.keys(changes).length > 0) {
        const patch = Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, v.to]));
        await db.transaction(async (tx) => {
          await tx.update(journeys).set({ ...patch, updatedAt: Date.now(), updatedBy: actor.id }).where(eq(journeys.id, id));
          await recordAudit(tx, { workspaceId: journey.workspaceId, actor, action: 'journey.updated', journeyId: id, details: changes });
        });
        // Routing caches the entry window with the journey.
        if ('startsAt' in changes || 'endsAt' in changes) onJourneyChanged?.(journey.workspaceId, id);
      }
      return c.json(await detail(db, await find(journey.workspaceId, id)), 200);
    })
    .openapi(duplicate, async (c) => {
      const { id } = c.req.valid('param');
      const { name } = c.req.valid('json');
      const actor = c.get('actor');
      const source = await find(c.get('workspaceId'), id);
      const now = Date.now();
      const copyName = name ?? `${source.name} (copy)`.slice(0, 200);
      const copy: JourneyRow = {
        id: newId(now), workspaceId: source.workspaceId, name: copyName, key: await uniqueJourneyKey(db, source.workspaceId, copyName), description: source.description,
        status: 'draft', draftGraph: source.draftGraph, draftRevision: 1, activeVersion: null, triggerEvent: null,
        startsAt: source.startsAt, endsAt: source.endsAt, createdBy: actor.id, updatedBy: actor.id, createdAt: now, updatedAt: now,
      };
      await db.transaction(async (tx) => {
        await tx.insert(journeys).values(copy);
        await recordAudit(tx, { workspaceId: source.workspaceId, actor, action: 'journey.duplicated', journeyId: copy.id, details: { from: source.id, fromName: source.name, name: copy.name } });
      });
      return c.json(await detail(db, copy), 201);
    })
    .openapi(remove, async (c) => {
      const { id } = c.req.valid('param');
      const actor = c.get('actor');
      const journey = await find(c.get('workspaceId'), id);
      // One write transaction: no customer can enter between the count and the delete.
      await db.transaction(
        async (tx) => {
          const [inside] = await tx.select({ n: count() }).from(enrollments).where(and(eq(enrollments.journeyId, id), eq(enrollments.status, 'active')));
          const n = inside?.n ?? 0;
          if (n > 0) {
            throw new ApiError(409, 'customers_inside', `${n} customer${n === 1 ? ' is' : 's are'} still inside this journey; archive it and delete it once they have finished`, [
              { field: 'id', message: `${n} active` },
            ]);
          }
          await tx.delete(journeyVersions).where(eq(journeyVersions.journeyId, id));
          await tx.delete(publishRequests).where(eq(publishRequests.journeyId, id));
          await tx.delete(journeys).where(eq(journeys.id, id));
          await recordAudit(tx, { workspaceId: journey.workspaceId, actor, action: 'journey.deleted', journeyId: id, details: { name: journey.name, status: journey.status, activeVersion: journey.activeVersion } });
        },
        { behavior: 'immediate' },
      );
      onJourneyChanged?.(journey.workspaceId, id);
      return c.json({ deleted: true as const, id }, 200);
    });
}
