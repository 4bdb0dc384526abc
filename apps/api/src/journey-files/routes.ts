// Journeys as code: a journey addressed by its key, read as a file (export) and written as one
// (push: create the draft, or update it in place), and a dry run that lists every problem a
// file has, as publishing would find them, without saving anything.
import { and, eq, journeys, journeyVersions, newId, type Db } from '@braid/db';
import { canonicalJson, journeyGraphSchema, journeyKeySchema } from '@braid/journey';
import { createRoute, z } from '@hono/zod-openapi';
import { ErrorSchema, errorResponses, json, notFound, security } from '../admin/common';
import { adminApp } from '../admin/openapi-app';
import { ApiError } from '../errors';
import type { JourneyRouteDeps } from '../journeys/deps';
import { foreignSegmentIssues } from '../journeys/references';
import { Graph, Journey, JourneySummary } from '../journeys/schemas';
import { detail, summary } from '../journeys/summaries';
import { fileIssues, type FileIssue } from './issues';

const tags = ['journey files'];
type JourneyRow = typeof journeys.$inferSelect;

const KeyParam = z.object({ key: z.string().min(1).max(200).openapi({ param: { name: 'key', in: 'path' }, example: 'welcome-series' }) });
const FileIssueSchema = z
  .object({
    field: z.string().openapi({ description: 'Where in the file: `graph.nodes.2.config.subject`, `graph.edges.0.target`, `key`' }),
    nodeId: z.string().nullable(),
    path: z.string().openapi({ description: 'The validator’s path inside the step (config field, `ports.<port>`), or inside the graph' }),
    message: z.string(),
    code: z.string().optional(),
  })
  .openapi('JourneyFileIssue');
const JourneyFile = z
  .object({ key: z.string(), name: z.string(), description: z.string(), graph: Graph })
  .openapi('JourneyFile', { description: 'A journey as a file; its JSON Schema is at /api/schemas/journey-file.json' });

const validateFile = createRoute({
  method: 'post',
  path: '/validate',
  tags,
  summary: 'Dry run: every problem of a journey file (its key and name, the graph’s shape, every step’s settings, the paths, what compiling finds), nothing saved',
  security,
  request: {
    body: {
      content: {
        'application/json': {
          // Anything JSON: a damaged file is what this endpoint is for, so each problem is an issue, not a 400.
          schema: z
            .object({ key: z.unknown().optional(), name: z.unknown().optional(), description: z.unknown().optional(), graph: z.unknown().optional() })
            .passthrough()
            .openapi({ description: 'A journey file (see /api/schemas/journey-file.json)' }),
        },
      },
    },
  },
  responses: {
    200: json(
      z.object({
        valid: z.boolean(),
        issues: z.array(FileIssueSchema),
        /** The journey a push of this file would update; null: it would create one. */
        journey: z.union([JourneySummary, z.null()]),
      }),
      'Every problem at once (`valid: true` and no issues: it can be pushed and published)',
    ),
    ...errorResponses,
  },
});

const getFile = createRoute({
  method: 'get',
  path: '/{key}',
  tags,
  summary: 'Export: the journey with this key as a file (its draft, or a published version)',
  security,
  request: {
    params: KeyParam,
    query: z.object({ version: z.coerce.number().int().min(1).optional().openapi({ description: 'A published version instead of the draft' }) }),
  },
  responses: { 200: json(z.object({ file: JourneyFile, journey: JourneySummary }), 'The file'), ...errorResponses, ...notFound },
});

const pushFile = createRoute({
  method: 'put',
  path: '/{key}',
  tags,
  summary: 'Push: create a draft journey with this key, or replace the draft of the one that has it (nothing is published)',
  security,
  request: {
    params: KeyParam,
    body: {
      content: {
        'application/json': {
          schema: z.object({
            $schema: z.string().optional(),
            key: z.string().optional().openapi({ description: 'If given, must equal the key in the path' }),
            name: z.string().trim().min(1).max(200),
            description: z.string().max(2000).default(''),
            graph: journeyGraphSchema,
            revision: z.number().int().min(0).optional().openapi({ description: 'The draft revision you exported; a newer one on the server is a 409 instead of an overwrite' }),
          }),
        },
      },
    },
  },
  responses: {
    201: json(z.object({ created: z.literal(true), changed: z.literal(true), journey: Journey }), 'Created as a new draft journey'),
    200: json(z.object({ created: z.literal(false), changed: z.boolean(), journey: Journey }), 'The draft was updated (`changed: false`: it already equalled the file)'),
    ...errorResponses,
    409: json(ErrorSchema, 'The draft changed since the given revision (`stale_revision`), the journey is archived, or another push created the key first'),
  },
});

export function journeyFileRoutes(deps: JourneyRouteDeps) {
  const { db } = deps;
  return adminApp()
    .openapi(validateFile, async (c) => {
      const body = c.req.valid('json');
      const workspaceId = c.get('workspaceId');
      const key = journeyKeySchema.safeParse(body.key);
      const journey = key.success ? await byKey(db, workspaceId, key.data) : null;
      const issues = await fileIssues(body, {
        validateGraph: deps.validateGraph,
        workspaceIssues: (graph) => foreignSegmentIssues(db, workspaceId, graph),
        compileGraph: (graph) => deps.compileGraph(graph, { journeyId: journey?.id ?? 'dry-run', version: (journey?.activeVersion ?? 0) + 1 }),
      });
      return c.json({ valid: issues.length === 0, issues, journey: journey ? await summary(db, journey) : null }, 200);
    })
    .openapi(getFile, async (c) => {
      const { key } = c.req.valid('param');
      const { version } = c.req.valid('query');
      const journey = await byKey(db, c.get('workspaceId'), key);
      if (!journey) throw missing(key);
      let graph = journey.draftGraph;
      if (version !== undefined) {
        const [row] = await db.select({ graph: journeyVersions.graph }).from(journeyVersions).where(and(eq(journeyVersions.journeyId, journey.id), eq(journeyVersions.version, version))).limit(1);
        if (!row) throw new ApiError(404, 'not_found', `Version ${version} of this journey does not exist`, [{ field: 'version', message: 'not found' }]);
        graph = row.graph;
      }
      return c.json({ file: { key, name: journey.name, description: journey.description, graph: graph as z.infer<typeof Graph> }, journey: await summary(db, journey) }, 200);
    })
    .openapi(pushFile, async (c) => {
      const { key } = c.req.valid('param');
      const body = c.req.valid('json');
      const parsedKey = journeyKeySchema.safeParse(key);
      if (!parsedKey.success) throw new ApiError(400, 'invalid_request', `key: ${parsedKey.error.issues[0]?.message ?? 'invalid'}`, [{ field: 'key', message: parsedKey.error.issues[0]?.message ?? 'invalid' }]);
      if (body.key !== undefined && body.key !== key) throw new ApiError(400, 'invalid_request', `key: the file says "${body.key}" but it was pushed as "${key}"`, [{ field: 'key', message: `expected "${key}"` }]);
      const workspaceId = c.get('workspaceId');
      const actor = c.get('actor').id;
      const existing = await byKey(db, workspaceId, key);
      const now = Date.now();
      if (!existing) {
        const row: JourneyRow = {
          id: newId(now), workspaceId, name: body.name, key, description: body.description, status: 'draft', draftGraph: body.graph, draftRevision: 1,
          activeVersion: null, triggerEvent: null, startsAt: null, endsAt: null, createdBy: actor, updatedBy: actor, createdAt: now, updatedAt: now,
        };
        try {
          await db.insert(journeys).values(row);
        } catch (e) {
          if (/UNIQUE constraint failed: journeys/i.test(String((e as { cause?: unknown }).cause ?? e))) throw keyTaken(key);
          throw e;
        }
        return c.json({ created: true as const, changed: true as const, journey: await detail(db, row) }, 201);
      }
      if (existing.status === 'archived') throw new ApiError(409, 'archived', 'An archived journey cannot be edited', [{ field: 'key', message: 'archived' }]);
      if (body.revision !== undefined && body.revision !== existing.draftRevision) throw stale(existing.draftRevision, body.revision);
      const same = canonicalJson(existing.draftGraph) === canonicalJson(body.graph) && existing.name === body.name && existing.description === body.description;
      if (same) return c.json({ created: false as const, changed: false, journey: await detail(db, existing) }, 200);
      // Compare-and-set on the revision read above: a canvas save in between is never overwritten.
      const updated = await db
        .update(journeys)
        .set({ draftGraph: body.graph, name: body.name, description: body.description, draftRevision: existing.draftRevision + 1, updatedAt: now, updatedBy: actor })
        .where(and(eq(journeys.id, existing.id), eq(journeys.draftRevision, existing.draftRevision)))
        .returning({ id: journeys.id });
      if (updated.length === 0) {
        throw new ApiError(409, 'stale_revision', 'The draft was saved by someone else during the push; push again to replace it, or export it first', [{ field: 'revision', message: `changed after revision ${existing.draftRevision}` }]);
      }
      const [row] = await db.select().from(journeys).where(eq(journeys.id, existing.id));
      return c.json({ created: false as const, changed: true, journey: await detail(db, row!) }, 200);
    });
}

async function byKey(db: Db, workspaceId: string, key: string): Promise<JourneyRow | null> {
  const [row] = await db.select().from(journeys).where(and(eq(journeys.workspaceId, workspaceId), eq(journeys.key, key))).limit(1);
  return row ?? null;
}

const missing = (key: string) => new ApiError(404, 'not_found', `No journey with the key "${key}" in this workspace`, [{ field: 'key', message: 'not found' }]);
const keyTaken = (key: string) => new ApiError(409, 'key_taken', `Another push created the journey "${key}" at the same time; push again to update it`, [{ field: 'key', message: 'taken' }]);
const stale = (current: number, given: number) =>
  new ApiError(409, 'stale_revision', `The draft was saved by someone else (revision ${current}); export it again before pushing`, [{ field: 'revision', message: `expected ${current}, got ${given}` }]);

export type { FileIssue };
