// Segments: saved rules over traits and event counts in a window. Membership is kept up to
// date per customer as their events arrive (see @braid/temporal refreshSegmentsFor).
import { and, count, desc, eq, newId, segmentMembers, segments, type Db } from '@braid/db';
import { comparisons, propertyFilterSchema } from '@braid/sdk';
import type { SegmentRule } from '@braid/temporal';
import { createRoute, z } from '@hono/zod-openapi';
import { adminApp } from '../admin/openapi-app';
import { ApiError } from '../errors';
import { errorResponses, IdParam, json, notFound, security } from '../admin/common';

const Condition = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('trait'), filter: propertyFilterSchema }),
  z.object({
    kind: z.literal('eventCount'),
    event: z.string().trim().min(1, { error: 'Name the event to count' }),
    where: z.array(propertyFilterSchema).default([]),
    op: z.enum(comparisons),
    count: z.number().int().min(0),
    windowMs: z.number().int().positive({ error: 'The window must be a positive duration in ms' }),
  }),
]);
const Rule = z.object({ match: z.enum(['all', 'any']).default('all'), conditions: z.array(Condition).min(1, { error: 'Add at least one condition' }).max(20) });
const Segment = z
  .object({ id: z.string(), name: z.string(), rule: Rule, members: z.number().int(), createdAt: z.number().int() })
  .openapi('Segment');
const Body = z.object({ name: z.string().trim().min(1).max(200), rule: Rule });

const tags = ['segments'];
const list = createRoute({ method: 'get', path: '/', tags, summary: 'Segments with member counts', security, responses: { 200: json(z.object({ segments: z.array(Segment) }), 'Segments'), ...errorResponses } });
const create = createRoute({
  method: 'post',
  path: '/',
  tags,
  summary: 'Create a segment; customers join as their next events or traits match',
  security,
  request: { body: { content: { 'application/json': { schema: Body } } } },
  responses: { 201: json(Segment, 'Created'), ...errorResponses },
});
const get = createRoute({ method: 'get', path: '/{id}', tags, summary: 'One segment', security, request: { params: IdParam }, responses: { 200: json(Segment, 'Segment'), ...errorResponses, ...notFound } });
const update = createRoute({
  method: 'put',
  path: '/{id}',
  tags,
  summary: 'Change a segment rule',
  security,
  request: { params: IdParam, body: { content: { 'application/json': { schema: Body } } } },
  responses: { 200: json(Segment, 'Saved'), ...errorResponses, ...notFound },
});
const remove = createRoute({ method: 'delete', path: '/{id}', tags, summary: 'Delete a segment and its memberships', security, request: { params: IdParam }, responses: { 200: json(z.object({ deleted: z.literal(true) }), 'Deleted'), ...errorResponses, ...notFound } });
const members = createRoute({
  method: 'get',
  path: '/{id}/members',
  tags,
  summary: 'Customers in the segment, most recent first',
  security,
  request: { params: IdParam, query: z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) }) },
  responses: { 200: json(z.object({ members: z.array(z.object({ customerId: z.string(), enteredAt: z.number().int() })) }), 'Members'), ...errorResponses, ...notFound },
});

export function segmentRoutes(db: Db) {
  const app = adminApp();

  async function find(workspaceId: string, id: string) {
    const [row] = await db.select().from(segments).where(and(eq(segments.workspaceId, workspaceId), eq(segments.id, id))).limit(1);
    if (!row) throw new ApiError(404, 'not_found', 'No such segment in this workspace', [{ field: 'id', message: 'not found' }]);
    const [n] = await db.select({ n: count() }).from(segmentMembers).where(eq(segmentMembers.segmentId, id));
    return { id: row.id, name: row.name, rule: row.rule as z.infer<typeof Rule>, members: n?.n ?? 0, createdAt: row.createdAt };
  }

  return app
    .openapi(list, async (c) => {
      const rows = await db.select().from(segments).where(eq(segments.workspaceId, c.get('workspaceId'))).orderBy(desc(segments.createdAt));
      const out = [];
      for (const row of rows) out.push(await find(c.get('workspaceId'), row.id));
      return c.json({ segments: out }, 200);
    })
    .openapi(create, async (c) => {
      const body = c.req.valid('json');
      const id = newId();
      const rule: SegmentRule = body.rule;
      await db.insert(segments).values({ id, workspaceId: c.get('workspaceId'), name: body.name, rule, createdAt: Date.now() });
      return c.json(await find(c.get('workspaceId'), id), 201);
    })
    .openapi(get, async (c) => c.json(await find(c.get('workspaceId'), c.req.valid('param').id), 200))
    .openapi(update, async (c) => {
      const { id } = c.req.valid('param');
      await find(c.get('workspaceId'), id);
      const body = c.req.valid('json');
      await db.update(segments).set({ name: body.name, rule: body.rule }).where(eq(segments.id, id));
      return c.json(await find(c.get('workspaceId'), id), 200);
    })
    .openapi(remove, async (c) => {
      const { id } = c.req.valid('param');
      await find(c.get('workspaceId'), id);
      await db.transaction(async (tx) => {
        await tx.delete(segmentMembers).where(eq(segmentMembers.segmentId, id));
        await tx.delete(segments).where(eq(segments.id, id));
      });
      return c.json({ deleted: true as const }, 200);
    })
    .openapi(members, async (c) => {
      const { id } = c.req.valid('param');
      await find(c.get('workspaceId'), id);
      const rows = await db
        .select({ customerId: segmentMembers.customerId, enteredAt: segmentMembers.enteredAt })
        .from(segmentMembers)
        .where(eq(segmentMembers.segmentId, id))
        .orderBy(desc(segmentMembers.enteredAt))
        .limit(c.req.valid('query').limit);
      return c.json({ members: rows }, 200);
    });
}
