// Manual entry: an active journey with a manual trigger takes a customer through the API.
import { and, customers, eq } from '@braid/db';
import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses, json, notFound, security } from '../admin/common';
import { adminApp } from '../admin/openapi-app';
import { ApiError } from '../errors';
import type { JourneyRouteDeps } from './deps';
import { findJourney } from './find';
import { staleDraft as conflict, tags } from './responses';
import { JourneyParam } from './schemas';

const enroll = createRoute({
  method: 'post',
  path: '/{id}/enroll',
  tags,
  summary: 'Enrol a customer now (journeys with a manual trigger)',
  security,
  request: {
    params: JourneyParam,
    body: { content: { 'application/json': { schema: z.object({ customerId: z.string().min(1).max(100), properties: z.record(z.string(), z.json().openapi('Json')).default({}) }) } } },
  },
  responses: {
    201: json(z.object({ enrollmentId: z.string() }), 'Enrolled'),
    ...errorResponses,
    ...notFound,
    ...conflict,
  },
});

export function enrolmentRoutes(deps: JourneyRouteDeps) {
  const { db } = deps;
  const find = (workspaceId: string, id: string) => findJourney(db, workspaceId, id);
  return adminApp()
    .openapi(enroll, async (c) => {
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const journey = await find(c.get('workspaceId'), id);
      if (journey.status !== 'active' || journey.activeVersion === null || journey.triggerEvent !== null) {
        throw new ApiError(409, 'not_manual', 'Only an active journey with a manual trigger takes customers through the API', [{ field: 'id', message: journey.status }]);
      }
      const now = Date.now();
      if ((journey.startsAt !== null && now < journey.startsAt) || (journey.endsAt !== null && now >= journey.endsAt)) {
        throw new ApiError(409, 'outside_dates', 'The journey takes no entries now: it is outside its start and end dates', [{ field: journey.startsAt !== null && now < journey.startsAt ? 'startsAt' : 'endsAt', message: 'outside the entry window' }]);
      }
      const [customer] = await db.select({ id: customers.id }).from(customers).where(and(eq(customers.workspaceId, journey.workspaceId), eq(customers.id, body.customerId))).limit(1);
      if (!customer) throw new ApiError(404, 'not_found', 'No such customer in this workspace', [{ field: 'customerId', message: 'not found' }]);
      if (!deps.enroll) throw new ApiError(409, 'no_runtime', 'The journey runtime is not connected', [{ field: 'id', message: 'no Temporal client' }]);
      const result = await deps.enroll({ workspaceId: journey.workspaceId, journeyId: id, version: journey.activeVersion }, body.customerId, body.properties);
      if (!result.enrolled) throw new ApiError(409, result.reason, result.detail, [{ field: 'customerId', message: result.detail }]);
      return c.json({ enrollmentId: result.enrollmentId }, 201);
    });
}
