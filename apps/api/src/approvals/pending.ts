// GET /api/publish-requests: the workspace's requests (pending by default) across journeys, so
// an approver sees what waits for them.
import { and, desc, eq, journeys, publishRequests, type Db } from '@braid/db';
import { createRoute, z } from '@hono/zod-openapi';
import { adminApp } from '../admin/openapi-app';
import { errorResponses, json, security } from '../admin/common';
import { PublishRequest, showRequests } from './schemas';

const list = createRoute({
  method: 'get',
  path: '/',
  operationId: 'listPublishRequests',
  tags: ['approvals'],
  summary: 'Publish requests across journeys, newest first',
  security,
  request: { query: z.object({ status: z.enum(['pending', 'approved', 'rejected', 'withdrawn']).default('pending') }) },
  responses: { 200: json(z.object({ requests: z.array(PublishRequest) }), 'Requests'), ...errorResponses },
});

export function publishRequestRoutes(db: Db) {
  return adminApp().openapi(list, async (c) => {
    const workspaceId = c.get('workspaceId');
    const rows = await db
      .select({ request: publishRequests, journeyName: journeys.name })
      .from(publishRequests)
      .innerJoin(journeys, eq(journeys.id, publishRequests.journeyId))
      .where(and(eq(publishRequests.workspaceId, workspaceId), eq(publishRequests.status, c.req.valid('query').status)))
      .orderBy(desc(publishRequests.id))
      .limit(200);
    return c.json({ requests: await showRequests(db, workspaceId, rows.map((r) => ({ ...r.request, journeyName: r.journeyName }))) }, 200);
  });
}
