// Journeys: drafts with a revision number (a stale save gets 409), publish into immutable
// versions (every issue at once, 422; nothing to publish, 200 unchanged; a concurrent publish,
// 409), versions, rollback (the draft follows), pause/resume/archive. Rename, duplicate and delete
// are in housekeeping.ts, publish requests in ../approvals; each change here lands in the audit log.
import { and, customers, desc, eq, journeys, journeyVersions, newId } from '@braid/db';
import { assertMayPublishDirectly } from '../approvals/policy';
import { approvalRoutes } from '../approvals/routes';
import { recordAudit, type AuditAction } from '../audit/record';
import type { Actor } from '../env';
import { housekeepingRoutes } from './housekeeping';
import { nameMatches } from './search';
import { createRoute, z } from '@hono/zod-openapi';
import { adminApp } from '../admin/openapi-app';
import type { JourneyIR } from '@braid/sdk';
import { ApiError } from '../errors';
import { errorResponses, json, notFound, security } from '../admin/common';
import { ErrorSchema } from '../admin/common';
import { Graph, Journey, JourneyParam, JourneyStatus, JourneySummary, PublishIssue, PublishResult, Version, VersionSummary } from './schemas';
import type { JourneyRouteDeps } from './deps';
import { peopleLabels } from './people';
import { createPublisher } from './publish';
import { detail, summaries, summary } from './summaries';

const tags = ['journeys'];
const conflict = { 409: json(ErrorSchema, 'The draft changed since you loaded it') } as const;
const publishConflict = {
  409: json(ErrorSchema, 'The draft changed since you loaded it (`stale_revision`), or another version went live while you reviewed (`publish_conflict`)'),
} as const;
/** The live version the publisher reviewed: another one live by now is a 409, not a silent overwrite. */
const expectedLive = z
  .number()
  .int()
  .min(1)
  .nullable()
  .optional()
  .openapi({ description: 'The live version you reviewed (null: none yet); if another is live by now the answer is 409 publish_conflict' });
const PUBLISHED = 'Published as a new version';
const UNCHANGED = 'Nothing to publish: the graph equals the live version (`unchanged: true`, the live version is returned)';
const unprocessable = {
  422: json(
    z.object({
      error: z.object({ code: z.string(), message: z.string(), details: z.array(PublishIssue.extend({ field: z.string() })) }),
    }),
    'The journey has problems; every one is listed with its node id',
  ),
} as const;

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
const publish = createRoute({
  method: 'post',
  path: '/{id}/publish',
  tags,
  summary: 'Validate and compile the draft into a new immutable version, and make it the active one',
  security,
  request: {
    params: JourneyParam,
    body: {
      content: {
        'application/json': {
          schema: z.object({ note: z.string().max(2000).default(''), revision: z.number().int().optional(), activeVersion: expectedLive }),
        },
      },
    },
  },
  responses: { 201: json(PublishResult, PUBLISHED), 200: json(PublishResult, UNCHANGED), ...errorResponses, ...notFound, ...publishConflict, ...unprocessable },
});
const versions = createRoute({
  method: 'get',
  path: '/{id}/versions',
  tags,
  summary: 'Published versions, newest first',
  security,
  request: { params: JourneyParam },
  responses: { 200: json(z.object({ versions: z.array(VersionSummary) }), 'Versions'), ...errorResponses, ...notFound },
});
const version = createRoute({
  method: 'get',
  path: '/{id}/versions/{version}',
  tags,
  summary: 'One published version with its graph and compiled program',
  security,
  request: { params: JourneyParam.extend({ version: z.coerce.number().int().min(1).openapi({ param: { name: 'version', in: 'path' } }) }) },
  responses: { 200: json(Version, 'Version'), ...errorResponses, ...notFound },
});
const rollback = createRoute({
  method: 'post',
  path: '/{id}/rollback',
  tags,
  summary:
    'Publish an earlier version again, as a new version (history is never rewritten); the draft becomes that version too, so the next publish does not re-release what was rolled back',
  security,
  request: {
    params: JourneyParam,
    body: {
      content: {
        'application/json': {
          schema: z.object({ version: z.number().int().min(1), note: z.string().max(2000).optional(), revision: z.number().int().optional(), activeVersion: expectedLive }),
        },
      },
    },
  },
  responses: { 201: json(PublishResult, PUBLISHED), 200: json(PublishResult, UNCHANGED), ...errorResponses, ...notFound, ...publishConflict, ...unprocessable },
});
const lifecycle = (action: 'pause' | 'resume' | 'archive', summary: string) =>
  createRoute({
    method: 'post',
    path: `/{id}/${action}`,
    tags,
    summary,
    security,
    request: { params: JourneyParam },
    responses: { 200: json(JourneySummary, 'Journey'), ...errorResponses, ...notFound, ...conflict },
  });

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

type JourneyRow = typeof journeys.$inferSelect;

export const EMPTY_GRAPH = { nodes: [], edges: [] };

export function journeyRoutes(deps: JourneyRouteDeps) {
  const { db } = deps;
  const app = adminApp();

  async function find(workspaceId: string, id: string): Promise<JourneyRow> {
    const [row] = await db
      .select()
      .from(journeys)
      .where(and(eq(journeys.workspaceId, workspaceId), eq(journeys.id, id)))
      .limit(1);
    if (!row) throw new ApiError(404, 'not_found', 'No such journey in this workspace', [{ field: 'id', message: 'not found' }]);
    return row;
  }

  const publishGraph = createPublisher(deps);
  const archivedRefusal = (what: string) => new ApiError(409, 'archived', `An archived journey cannot be ${what}`, [{ field: 'status', message: 'archived' }]);

  const statusActions = { paused: 'journey.paused', active: 'journey.resumed', archived: 'journey.archived', draft: null } as const;

  async function setStatus(workspaceId: string, id: string, from: JourneyRow['status'][], to: JourneyRow['status'], actor: Actor) {
    const journey = await find(workspaceId, id);
    if (!from.includes(journey.status)) {
      throw new ApiError(409, 'invalid_state', `A ${journey.status} journey cannot be moved to ${to}`, [{ field: 'status', message: journey.status }]);
    }
    const action = statusActions[to];
    await db.transaction(async (tx) => {
      await tx.update(journeys).set({ status: to, updatedAt: Date.now(), updatedBy: actor.id }).where(eq(journeys.id, id));
      if (action) await recordAudit(tx, { workspaceId, actor, action, journeyId: id, details: { from: journey.status, to } });
    });
    deps.onJourneyChanged?.(workspaceId, id);
    if (to === 'paused' || journey.status === 'paused') await deps.onJourneyPaused?.(id, to === 'paused');
    return summary(db, await find(workspaceId, id));
  }

  /** Audits a publish or rollback that made a new version (an unchanged one changed nothing). */
  async function audited<T extends { unchanged: boolean; body: { id: string; version: number; note: string } }>(workspaceId: string, actor: Actor, action: AuditAction, journeyId: string, result: T, extra: Record<string, unknown> = {}): Promise<T> {
    if (!result.unchanged) await recordAudit(db, { workspaceId, actor, action, journeyId, targetId: result.body.id, details: { version: result.body.version, note: result.body.note, ...extra } });
    return result;
  }

  app.route('/', housekeepingRoutes(db, deps.onJourneyChanged));
  app.route('/', approvalRoutes(deps));

  return app
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
    })
    .openapi(publish, async (c) => {
      const { id } = c.req.valid('param');
      const { note, revision, activeVersion } = c.req.valid('json');
      const journey = await find(c.get('workspaceId'), id);
      if (journey.status === 'archived') throw archivedRefusal('published');
      await assertMayPublishDirectly(db, journey.workspaceId, c.get('actor'));
      if (revision !== undefined && revision !== journey.draftRevision) {
        throw new ApiError(409, 'stale_revision', `The draft changed (revision ${journey.draftRevision}); reload before publishing`, [
          { field: 'revision', message: `expected ${journey.draftRevision}, got ${revision}` },
        ]);
      }
      const result = await publishGraph({
        journey,
        graph: journey.draftGraph,
        author: c.get('actor').id,
        note,
        expectedActiveVersion: activeVersion === undefined ? journey.activeVersion : activeVersion,
        replaceDraft: false,
        conflictField: activeVersion === undefined ? 'id' : 'activeVersion',
      });
      await audited(journey.workspaceId, c.get('actor'), 'journey.published', id, result);
      return result.unchanged ? c.json(result.body, 200) : c.json(result.body, 201);
    })
    .openapi(versions, async (c) => {
      const journey = await find(c.get('workspaceId'), c.req.valid('param').id);
      const rows = await db
        .select({ id: journeyVersions.id, version: journeyVersions.version, author: journeyVersions.author, note: journeyVersions.note, createdAt: journeyVersions.createdAt })
        .from(journeyVersions)
        .where(eq(journeyVersions.journeyId, journey.id))
        .orderBy(desc(journeyVersions.version));
      const people = await peopleLabels(db, journey.workspaceId, rows.map((r) => r.author));
      return c.json({ versions: rows.map((r) => ({ ...r, authorName: r.author ? (people.get(r.author) ?? null) : null })) }, 200);
    })
    .openapi(version, async (c) => {
      const { id, version: number } = c.req.valid('param');
      const journey = await find(c.get('workspaceId'), id);
      const [row] = await db
        .select()
        .from(journeyVersions)
        .where(and(eq(journeyVersions.journeyId, journey.id), eq(journeyVersions.version, number)))
        .limit(1);
      if (!row) throw new ApiError(404, 'not_found', `Version ${number} of this journey does not exist`, [{ field: 'version', message: 'not found' }]);
      const people = await peopleLabels(db, journey.workspaceId, [row.author]);
      return c.json(
        {
          id: row.id,
          version: row.version,
          author: row.author,
          authorName: row.author ? (people.get(row.author) ?? null) : null,
          note: row.note,
          createdAt: row.createdAt,
          ir: row.ir as JourneyIR,
          graph: row.graph as z.infer<typeof Graph>,
        },
        200,
      );
    })
    .openapi(rollback, async (c) => {
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const journey = await find(c.get('workspaceId'), id);
      if (journey.status === 'archived') throw archivedRefusal('rolled back');
      await assertMayPublishDirectly(db, journey.workspaceId, c.get('actor'));
      if (body.revision !== undefined && body.revision !== journey.draftRevision) {
        throw new ApiError(409, 'stale_revision', `The draft changed (revision ${journey.draftRevision}); reload before rolling back`, [
          { field: 'revision', message: `expected ${journey.draftRevision}, got ${body.revision}` },
        ]);
      }
      const [old] = await db
        .select({ graph: journeyVersions.graph })
        .from(journeyVersions)
        .where(and(eq(journeyVersions.journeyId, journey.id), eq(journeyVersions.version, body.version)))
        .limit(1);
      if (!old) throw new ApiError(404, 'not_found', `Version ${body.version} of this journey does not exist`, [{ field: 'version', message: 'not found' }]);
      const result = await publishGraph({
        journey,
        graph: old.graph,
        author: c.get('actor').id,
        note: body.note ?? `Rollback to version ${body.version}`,
        expectedActiveVersion: body.activeVersion === undefined ? journey.activeVersion : body.activeVersion,
        replaceDraft: true,
        conflictField: body.activeVersion === undefined ? 'version' : 'activeVersion',
      });
      await audited(journey.workspaceId, c.get('actor'), 'journey.rolled_back', id, result, { restored: body.version });
      return result.unchanged ? c.json(result.body, 200) : c.json(result.body, 201);
    })
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
    })
    .openapi(lifecycle('pause', 'Pause: no new entries; customers inside stay where they are'), async (c) =>
      c.json(await setStatus(c.get('workspaceId'), c.req.valid('param').id, ['active'], 'paused', c.get('actor')), 200),
    )
    .openapi(lifecycle('resume', 'Resume a paused journey: new entries again'), async (c) =>
      c.json(await setStatus(c.get('workspaceId'), c.req.valid('param').id, ['paused'], 'active', c.get('actor')), 200),
    )
    .openapi(lifecycle('archive', 'Archive: no new entries, no more edits'), async (c) =>
      c.json(await setStatus(c.get('workspaceId'), c.req.valid('param').id, ['draft', 'active', 'paused'], 'archived', c.get('actor')), 200),
    );
}
