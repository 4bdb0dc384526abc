// Segments: saved rules over traits, behaviour (events counted in a window) and membership of
// other segments. Saving schedules an evaluation over every customer in the database (segment
// upkeep, @braid/temporal); membership then follows events, profile changes and time.
import { and, eq, newId, segmentMembers, segments, sql, type Db } from '@braid/db';
import type { SegmentRule } from '@braid/journey';
import { checkRule, loadWorkspaceSegments, previewRule, scheduleSegmentEvaluation, SegmentRuleRefused } from '@braid/temporal';
import { createRoute, z } from '@hono/zod-openapi';
import { adminApp } from '../admin/openapi-app';
import { errorResponses, ErrorSchema, IdParam, json, notFound, security } from '../admin/common';
import { ApiError } from '../errors';
import { dependentSegments, findSegment, journeysUsing, withDependents, workspaceCatalogue } from './data';
import { Body, Catalogue, Change, JourneyUse, Preview, PreviewBody, Segment } from './schemas';

const tags = ['segments'];
const refused = { 422: json(ErrorSchema, 'The rule cannot be evaluated (unknown segment, a cycle between segments); `details` names the condition') };
const conflict = { 409: json(ErrorSchema, 'Other segments use this one; `details` names them') };

const list = createRoute({ method: 'get', path: '/', tags, summary: 'Segments with member counts', security, responses: { 200: json(z.object({ segments: z.array(Segment) }), 'Segments'), ...errorResponses } });
const create = createRoute({
  method: 'post',
  path: '/',
  tags,
  summary: 'Create a segment; everyone is evaluated in the background, then membership follows events, profiles and time',
  security,
  request: { body: { content: { 'application/json': { schema: Body } } } },
  responses: { 201: json(Segment, 'Created'), ...errorResponses, ...refused },
});
const get = createRoute({ method: 'get', path: '/{id}', tags, summary: 'One segment', security, request: { params: IdParam }, responses: { 200: json(Segment, 'Segment'), ...errorResponses, ...notFound } });
const update = createRoute({
  method: 'put',
  path: '/{id}',
  tags,
  summary: 'Change a segment rule (everyone is evaluated again, and the segments that use it)',
  security,
  request: { params: IdParam, body: { content: { 'application/json': { schema: Body } } } },
  responses: { 200: json(Segment, 'Saved'), ...errorResponses, ...notFound, ...refused },
});
const remove = createRoute({
  method: 'delete',
  path: '/{id}',
  tags,
  summary: 'Delete a segment and its memberships',
  security,
  request: { params: IdParam },
  responses: { 200: json(z.object({ deleted: z.literal(true) }), 'Deleted'), ...errorResponses, ...notFound, ...conflict },
});
const members = createRoute({
  method: 'get',
  path: '/{id}/members',
  tags,
  summary: 'Customers in the segment, most recent first',
  security,
  request: { params: IdParam, query: z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) }) },
  responses: { 200: json(z.object({ members: z.array(z.object({ customerId: z.string(), enteredAt: z.number().int() })) }), 'Members'), ...errorResponses, ...notFound },
});
const changes = createRoute({
  method: 'get',
  path: '/{id}/changes',
  tags,
  summary: 'Who joined and left the segment, most recent first',
  security,
  request: { params: IdParam, query: z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) }) },
  responses: { 200: json(z.object({ changes: z.array(Change) }), 'Joins and leaves'), ...errorResponses, ...notFound },
});
const journeys = createRoute({
  method: 'get',
  path: '/{id}/journeys',
  tags,
  summary: 'Journeys that start on the segment or use it in a step',
  security,
  request: { params: IdParam },
  responses: { 200: json(z.object({ journeys: z.array(JourneyUse) }), 'Journeys'), ...errorResponses, ...notFound },
});
const preview = createRoute({
  method: 'post',
  path: '/preview',
  tags,
  summary: 'Size of an unsaved rule now, with 10 of its customers',
  security,
  request: { body: { content: { 'application/json': { schema: PreviewBody } } } },
  responses: { 200: json(Preview, 'Preview'), ...errorResponses, ...refused },
});
const catalogue = createRoute({
  method: 'get',
  path: '/catalogue',
  tags,
  summary: 'Event names, property keys and trait keys seen lately in the workspace (for the rule pickers)',
  security,
  responses: { 200: json(Catalogue, 'What the workspace has seen'), ...errorResponses },
});

function refusal(error: unknown): never {
  if (error instanceof SegmentRuleRefused) {
    throw new ApiError(422, 'segment_rule_refused', error.message, [{ field: `rule.${error.path}`, message: error.message.replace(/^[^:]*: /, '') }]);
  }
  throw error;
}

export function segmentRoutes(db: Db) {
  /** Refuses a rule naming the condition at fault; returns the workspace's segments as they are. */
  async function accept(workspaceId: string, rule: SegmentRule, selfId?: string) {
    const all = await loadWorkspaceSegments(db, workspaceId);
    try {
      checkRule(all, rule, selfId);
    } catch (error) {
      refusal(error);
    }
    return all;
  }

  return adminApp()
    .openapi(list, async (c) => {
      const rows = await db.select({ id: segments.id }).from(segments).where(eq(segments.workspaceId, c.get('workspaceId'))).orderBy(sql`${segments.createdAt} DESC`);
      const out = [];
      for (const row of rows) out.push(await findSegment(db, c.get('workspaceId'), row.id));
      return c.json({ segments: out }, 200);
    })
    .openapi(catalogue, async (c) => c.json(await workspaceCatalogue(db, c.get('workspaceId')), 200))
    .openapi(preview, async (c) => {
      const body = c.req.valid('json');
      const all = await accept(c.get('workspaceId'), body.rule, body.segmentId);
      const result = await previewRule(db, all, body.rule, { now: Date.now(), ...(body.segmentId ? { selfId: body.segmentId } : {}) });
      return c.json(result, 200);
    })
    .openapi(create, async (c) => {
      const workspaceId = c.get('workspaceId');
      const body = c.req.valid('json');
      await accept(workspaceId, body.rule);
      const id = newId();
      const now = Date.now();
      await db.insert(segments).values({ id, workspaceId, name: body.name, rule: body.rule, createdAt: now });
      await scheduleSegmentEvaluation(db, workspaceId, [id], now);
      return c.json(await findSegment(db, workspaceId, id), 201);
    })
    .openapi(get, async (c) => c.json(await findSegment(db, c.get('workspaceId'), c.req.valid('param').id), 200))
    .openapi(update, async (c) => {
      const workspaceId = c.get('workspaceId');
      const { id } = c.req.valid('param');
      await findSegment(db, workspaceId, id);
      const body = c.req.valid('json');
      const all = await accept(workspaceId, body.rule, id);
      await db.update(segments).set({ name: body.name, rule: body.rule }).where(eq(segments.id, id));
      all.rules.set(id, body.rule);
      await scheduleSegmentEvaluation(db, workspaceId, withDependents(all, id), Date.now());
      return c.json(await findSegment(db, workspaceId, id), 200);
    })
    .openapi(remove, async (c) => {
      const workspaceId = c.get('workspaceId');
      const { id } = c.req.valid('param');
      await findSegment(db, workspaceId, id);
      const users = await dependentSegments(db, workspaceId, id);
      if (users.length > 0) {
        throw new ApiError(409, 'segment_in_use', `Segments ${users.join(', ')} use this segment; change them first`, users.map((u) => ({ field: 'id', message: `used by segment ${u}` })));
      }
      await db.transaction(async (tx) => {
        await tx.delete(segmentMembers).where(eq(segmentMembers.segmentId, id));
        await tx.run(sql`DELETE FROM segment_upkeep WHERE segment_id = ${id}`);
        await tx.delete(segments).where(and(eq(segments.id, id), eq(segments.workspaceId, workspaceId)));
      });
      return c.json({ deleted: true as const }, 200);
    })
    .openapi(members, async (c) => {
      const { id } = c.req.valid('param');
      await findSegment(db, c.get('workspaceId'), id);
      const rows = await db.all<{ customer_id: string; entered_at: number }>(
        sql`SELECT customer_id, entered_at FROM segment_members WHERE segment_id = ${id} ORDER BY entered_at DESC LIMIT ${c.req.valid('query').limit}`,
      );
      return c.json({ members: rows.map((r) => ({ customerId: r.customer_id, enteredAt: Number(r.entered_at) })) }, 200);
    })
    .openapi(changes, async (c) => {
      const { id } = c.req.valid('param');
      await findSegment(db, c.get('workspaceId'), id);
      const rows = await db.all<{ customer_id: string; change: 'joined' | 'left'; at: number }>(
        sql`SELECT customer_id, change, at FROM segment_changes WHERE segment_id = ${id} ORDER BY at DESC, id DESC LIMIT ${c.req.valid('query').limit}`,
      );
      return c.json({ changes: rows.map((r) => ({ customerId: r.customer_id, change: r.change, at: Number(r.at) })) }, 200);
    })
    .openapi(journeys, async (c) => {
      const { id } = c.req.valid('param');
      await findSegment(db, c.get('workspaceId'), id);
      return c.json({ journeys: await journeysUsing(db, c.get('workspaceId'), id) }, 200);
    });
}
