// Publish requests on a journey: a marketer asks to publish one exact draft revision with a
// note; an owner or admin approves (which publishes that revision, nothing newer) or rejects
// with a reason. A request whose draft changed since is refused (409 `stale_request`).
import { and, desc, eq, journeys, newId, publishRequests, type DbOrTx } from '@braid/db';
import { createRoute, z } from '@hono/zod-openapi';
import { adminApp } from '../admin/openapi-app';
import { ErrorSchema, errorResponses, json, notFound, security } from '../admin/common';
import { recordAudit } from '../audit/record';
import { requireRole } from '../auth/middleware';
import { MANAGERS } from '../auth/roles';
import { ApiError } from '../errors';
import type { JourneyRouteDeps } from '../journeys/deps';
import { checkMigrationPlan, MigrationPlanInput, nextVersionNumber } from '../journeys/migration-plan';
import { createPublisher } from '../journeys/publish';
import { JourneyParam, PublishIssue, PublishResult } from '../journeys/schemas';
import { PublishRequest, showRequests } from './schemas';

const tags = ['approvals'];
const RequestParam = JourneyParam.extend({ requestId: z.string().min(1).max(100).openapi({ param: { name: 'requestId', in: 'path' } }) });
const conflict = {
  409: json(ErrorSchema, 'The draft changed after the request (`stale_request`), the request was already decided (`not_pending`), or another version went live (`publish_conflict`)'),
} as const;
const unprocessable = {
  422: json(z.object({ error: z.object({ code: z.string(), message: z.string(), details: z.array(PublishIssue.extend({ field: z.string() })) }) }), 'The journey has problems'),
} as const;

const list = createRoute({
  method: 'get',
  path: '/{id}/publish-requests',
  operationId: 'listJourneyPublishRequests',
  tags,
  summary: 'Publish requests of a journey, newest first',
  security,
  request: { params: JourneyParam },
  responses: { 200: json(z.object({ requests: z.array(PublishRequest) }), 'Requests'), ...errorResponses, ...notFound },
});
const create = createRoute({
  method: 'post',
  path: '/{id}/publish-requests',
  operationId: 'requestPublish',
  tags,
  summary: 'Ask an owner or admin to publish this draft revision (replaces an earlier pending request)',
  security,
  request: {
    params: JourneyParam,
    body: {
      content: {
        'application/json': {
          schema: z.object({
            revision: z.number().int().min(0),
            note: z.string().max(2000).default(''),
            migration: MigrationPlanInput.optional().openapi({ description: 'What happens to customers in older versions; approving publishes with this plan' }),
          }),
        },
      },
    },
  },
  responses: { 201: json(PublishRequest, 'Requested'), ...errorResponses, ...notFound, ...conflict, ...unprocessable },
});
const approve = createRoute({
  method: 'post',
  path: '/{id}/publish-requests/{requestId}/approve',
  operationId: 'approvePublishRequest',
  tags,
  summary: 'Approve: publishes exactly the requested revision (owners and admins)',
  security,
  middleware: [requireRole(...MANAGERS)],
  request: {
    params: RequestParam,
    body: {
      content: {
        'application/json': {
          schema: z.object({
            comment: z.string().max(2000).default(''),
            activeVersion: z.number().int().min(1).nullable().optional().openapi({ description: 'The live version you reviewed; another one live by now is 409 publish_conflict' }),
          }),
        },
      },
    },
  },
  responses: { 200: json(z.object({ request: PublishRequest, published: PublishResult }), 'Approved and published'), ...errorResponses, ...notFound, ...conflict, ...unprocessable },
});
const reject = createRoute({
  method: 'post',
  path: '/{id}/publish-requests/{requestId}/reject',
  operationId: 'rejectPublishRequest',
  tags,
  summary: 'Reject with a reason (owners and admins)',
  security,
  middleware: [requireRole(...MANAGERS)],
  request: {
    params: RequestParam,
    body: { content: { 'application/json': { schema: z.object({ comment: z.string().trim().min(1, 'say why it is rejected').max(2000) }) } } },
  },
  responses: { 200: json(PublishRequest, 'Rejected'), ...errorResponses, ...notFound, ...conflict },
});

type JourneyRow = typeof journeys.$inferSelect;
type RequestRow = typeof publishRequests.$inferSelect;

export function approvalRoutes(deps: JourneyRouteDeps) {
  const { db } = deps;
  const publishGraph = createPublisher(deps);

  async function journeyOf(workspaceId: string, id: string): Promise<JourneyRow> {
    const [row] = await db.select().from(journeys).where(and(eq(journeys.workspaceId, workspaceId), eq(journeys.id, id))).limit(1);
    if (!row) throw new ApiError(404, 'not_found', 'No such journey in this workspace', [{ field: 'id', message: 'not found' }]);
    return row;
  }

  async function pending(journey: JourneyRow, requestId: string): Promise<RequestRow> {
    const [row] = await db.select().from(publishRequests).where(and(eq(publishRequests.id, requestId), eq(publishRequests.journeyId, journey.id))).limit(1);
    if (!row) throw new ApiError(404, 'not_found', 'No such publish request on this journey', [{ field: 'requestId', message: 'not found' }]);
    if (row.status !== 'pending') throw new ApiError(409, 'not_pending', `This request was already ${row.status}`, [{ field: 'requestId', message: row.status }]);
    return row;
  }

  /** Moves a pending request to its decision; false when someone else decided first. */
  async function decide(db2: DbOrTx, id: string, set: Partial<RequestRow>): Promise<boolean> {
    const done = await db2.update(publishRequests).set(set).where(and(eq(publishRequests.id, id), eq(publishRequests.status, 'pending'))).returning({ id: publishRequests.id });
    return done.length > 0;
  }

  const alreadyDecided = () => new ApiError(409, 'not_pending', 'Someone decided this request a moment ago', [{ field: 'requestId', message: 'decided' }]);

  return adminApp()
    .openapi(list, async (c) => {
      const journey = await journeyOf(c.get('workspaceId'), c.req.valid('param').id);
      const rows = await db.select().from(publishRequests).where(eq(publishRequests.journeyId, journey.id)).orderBy(desc(publishRequests.id)).limit(50);
      return c.json({ requests: await showRequests(db, journey.workspaceId, rows) }, 200);
    })
    .openapi(create, async (c) => {
      const { id } = c.req.valid('param');
      const { revision, note, migration } = c.req.valid('json');
      const actor = c.get('actor');
      const journey = await journeyOf(c.get('workspaceId'), id);
      if (journey.status === 'archived') throw new ApiError(409, 'archived', 'An archived journey cannot be published', [{ field: 'status', message: 'archived' }]);
      if (revision !== journey.draftRevision) {
        throw new ApiError(409, 'stale_revision', `The draft changed (revision ${journey.draftRevision}); reload before requesting`, [
          { field: 'revision', message: `expected ${journey.draftRevision}, got ${revision}` },
        ]);
      }
      // Problems are found now, not by the approver later.
      const issues = await deps.validateGraph(journey.draftGraph);
      if (issues.length > 0) {
        throw new ApiError(422, 'journey_invalid', `The journey cannot be published: ${issues.length} problem${issues.length === 1 ? '' : 's'} to fix`, issues.map((i) => ({ ...i, field: i.nodeId ? `nodes.${i.nodeId}${i.path ? `.${i.path}` : ''}` : i.path || 'graph' })));
      }
      // A plan that could not work is refused now too, naming the steps.
      if (migration) {
        const ir = deps.compileGraph(journey.draftGraph, { journeyId: id, version: await nextVersionNumber(db, id) });
        await checkMigrationPlan(db, id, migration, { ir, graph: journey.draftGraph });
      }
      const now = Date.now();
      const row: RequestRow = {
        id: newId(now), workspaceId: journey.workspaceId, journeyId: id, revision, note, status: 'pending',
        requestedBy: actor.id, requestedAt: now, decidedBy: null, decidedAt: null, comment: '', version: null,
        migrationPlan: migration ?? null,
      };
      await db.transaction(async (tx) => {
        // One pending request per journey: a newer one replaces the older.
        await tx.update(publishRequests).set({ status: 'withdrawn', decidedAt: now, decidedBy: actor.id, comment: 'Replaced by a newer request' }).where(and(eq(publishRequests.journeyId, id), eq(publishRequests.status, 'pending')));
        await tx.insert(publishRequests).values(row);
        await recordAudit(tx, { workspaceId: journey.workspaceId, actor, action: 'publish.requested', journeyId: id, targetId: row.id, details: { revision, note, ...(migration ? { migration } : {}) } });
      });
      return c.json((await showRequests(db, journey.workspaceId, [row]))[0]!, 201);
    })
    .openapi(approve, async (c) => {
      const { id, requestId } = c.req.valid('param');
      const body = c.req.valid('json');
      const actor = c.get('actor');
      const journey = await journeyOf(c.get('workspaceId'), id);
      const request = await pending(journey, requestId);
      if (journey.status === 'archived') throw new ApiError(409, 'archived', 'An archived journey cannot be published', [{ field: 'status', message: 'archived' }]);
      if (journey.draftRevision !== request.revision) {
        throw new ApiError(409, 'stale_request', `The draft changed after this request (revision ${request.revision} was requested, the draft is now at ${journey.draftRevision}); ask for a new request`, [
          { field: 'revision', message: `requested ${request.revision}, draft is ${journey.draftRevision}` },
        ]);
      }
      const now = Date.now();
      // Claimed first, so two approvers cannot both publish; given back if publishing fails.
      if (!(await decide(db, request.id, { status: 'approved', decidedBy: actor.id, decidedAt: now, comment: body.comment }))) throw alreadyDecided();
      let published: Awaited<ReturnType<typeof publishGraph>>;
      try {
        // The graph read together with the revision checked above: exactly what was requested.
        published = await publishGraph({
          journey,
          graph: journey.draftGraph,
          author: request.requestedBy,
          note: request.note,
          expectedActiveVersion: body.activeVersion === undefined ? journey.activeVersion : body.activeVersion,
          replaceDraft: false,
          conflictField: body.activeVersion === undefined ? 'id' : 'activeVersion',
          // The plan the requester chose travels with the request; the approver is who decided it.
          migration: request.migrationPlan ? { plan: MigrationPlanInput.parse(request.migrationPlan), actor } : undefined,
        });
      } catch (e) {
        await db.update(publishRequests).set({ status: 'pending', decidedBy: null, decidedAt: null, comment: '' }).where(eq(publishRequests.id, request.id));
        throw e;
      }
      const version = published.unchanged ? null : published.body.version;
      await db.transaction(async (tx) => {
        await tx.update(publishRequests).set({ version }).where(eq(publishRequests.id, request.id));
        await recordAudit(tx, { workspaceId: journey.workspaceId, actor, action: 'publish.approved', journeyId: id, targetId: request.id, details: { revision: request.revision, version, comment: body.comment, requestedBy: request.requestedBy } });
        if (version !== null) await recordAudit(tx, { workspaceId: journey.workspaceId, actor, action: 'journey.published', journeyId: id, targetId: published.body.id, details: { version, note: request.note, approvedRequest: request.id } });
      });
      const [row] = await db.select().from(publishRequests).where(eq(publishRequests.id, request.id));
      return c.json({ request: (await showRequests(db, journey.workspaceId, [row!]))[0]!, published: published.body }, 200);
    })
    .openapi(reject, async (c) => {
      const { id, requestId } = c.req.valid('param');
      const { comment } = c.req.valid('json');
      const actor = c.get('actor');
      const journey = await journeyOf(c.get('workspaceId'), id);
      const request = await pending(journey, requestId);
      const now = Date.now();
      await db.transaction(async (tx) => {
        if (!(await decide(tx, request.id, { status: 'rejected', decidedBy: actor.id, decidedAt: now, comment }))) throw alreadyDecided();
        await recordAudit(tx, { workspaceId: journey.workspaceId, actor, action: 'publish.rejected', journeyId: id, targetId: request.id, details: { revision: request.revision, comment } });
      });
      return c.json((await showRequests(db, journey.workspaceId, [{ ...request, status: 'rejected', decidedBy: actor.id, decidedAt: now, comment }]))[0]!, 200);
    });
}
