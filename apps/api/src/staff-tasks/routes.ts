// /api/staff-tasks: the task inbox. Journeys' "create a staff task" steps land here; staff claim
// a task, do it, and report the outcome, which the customer's journey can wait for and branch on.
import { and, gt, lt, staffTasks, eq, type Db } from '@braid/db';
import { createRoute, z } from '@hono/zod-openapi';
import { adminApp } from '../admin/openapi-app';
import { Cursor, errorResponses, ErrorSchema, IdParam, json, Limit, notFound, security } from '../admin/common';
import { ApiError } from '../errors';
import type { OnEventsIngested } from '../ingest/record';
import { claimTask, completeTask } from './complete';
import { filterCondition, orderFor, toTaskDtos } from './read';
import { CompleteBody, StaffTask, TaskFilter } from './schemas';

const tags = ['staff tasks'];
const conflict = { 409: { description: 'Closed already, or claimed by someone else', content: { 'application/json': { schema: ErrorSchema } } } } as const;

const list = createRoute({
  method: 'get',
  path: '/',
  tags,
  summary: 'Tasks of this workspace: open ones oldest first, done ones newest first',
  security,
  request: { query: z.object({ filter: TaskFilter, limit: Limit, cursor: Cursor }) },
  responses: { 200: json(z.object({ tasks: z.array(StaffTask), nextCursor: z.string().nullable() }), 'Tasks'), ...errorResponses },
});
const get = createRoute({
  method: 'get',
  path: '/{id}',
  tags,
  summary: 'One task with its customer and the journey step that made it',
  security,
  request: { params: IdParam },
  responses: { 200: json(StaffTask, 'Task'), ...errorResponses, ...notFound },
});
const claim = createRoute({
  method: 'post',
  path: '/{id}/claim',
  tags,
  summary: 'Take a task (nobody else can complete it then)',
  security,
  request: { params: IdParam },
  responses: { 200: json(StaffTask, 'Claimed'), ...errorResponses, ...notFound, ...conflict },
});
const complete = createRoute({
  method: 'post',
  path: '/{id}/complete',
  tags,
  summary: 'Report the outcome; the customer gets a `Staff Task Completed` event {outcome, taskId, journeyId}',
  security,
  request: { params: IdParam, body: { content: { 'application/json': { schema: CompleteBody } } } },
  responses: { 200: json(StaffTask, 'Completed'), ...errorResponses, ...notFound, ...conflict },
});

export function staffTaskRoutes(db: Db, onEventsIngested?: OnEventsIngested) {
  const app = adminApp();
  const one = async (workspaceId: string, id: string) => {
    const rows = await db.select().from(staffTasks).where(and(eq(staffTasks.workspaceId, workspaceId), eq(staffTasks.id, id))).limit(1);
    if (rows.length === 0) throw new ApiError(404, 'not_found', 'No such task in this workspace', [{ field: 'id', message: 'unknown' }]);
    return (await toTaskDtos(db, workspaceId, rows))[0]!;
  };
  return app
    .openapi(list, async (c) => {
      const workspaceId = c.get('workspaceId');
      const { filter, limit, cursor } = c.req.valid('query');
      // Ids are time-ordered: open tasks oldest first, done ones newest first, paged by id.
      const conditions = [filterCondition(workspaceId, filter, c.get('actor'))];
      if (cursor) conditions.push(filter === 'done' || filter === 'all' ? lt(staffTasks.id, cursor) : gt(staffTasks.id, cursor));
      const rows = await db
        .select()
        .from(staffTasks)
        .where(and(...conditions))
        .orderBy(orderFor(filter))
        .limit(limit + 1);
      const page = rows.slice(0, limit);
      return c.json({ tasks: await toTaskDtos(db, workspaceId, page), nextCursor: rows.length > limit ? page[page.length - 1]!.id : null }, 200);
    })
    .openapi(get, async (c) => c.json(await one(c.get('workspaceId'), c.req.valid('param').id), 200))
    .openapi(claim, async (c) => {
      const workspaceId = c.get('workspaceId');
      const { id } = c.req.valid('param');
      await claimTask(db, { workspaceId, taskId: id, actor: c.get('actor') });
      return c.json(await one(workspaceId, id), 200);
    })
    .openapi(complete, async (c) => {
      const workspaceId = c.get('workspaceId');
      const { id } = c.req.valid('param');
      const { outcome, note } = c.req.valid('json');
      await completeTask(db, onEventsIngested, { workspaceId, taskId: id, actor: c.get('actor'), outcome, note });
      return c.json(await one(workspaceId, id), 200);
    });
}
