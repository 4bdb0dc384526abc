// What a reviewer reads before publishing, pausing or archiving: the change from the live
// version (or between any two versions), who is inside each version and where they wait, and a
// forecast of the new version beside the live one.
import { and, count, enrollments, eq, journeys, journeyVersions, type Db } from '@braid/db';
import { diffJourneyGraphs } from '@braid/journey';
import { createRoute, z } from '@hono/zod-openapi';
import type { JourneyIR } from '@braid/sdk';
import { adminApp } from '../admin/openapi-app';
import { errorResponses, json, notFound, security } from '../admin/common';
import { ApiError } from '../errors';
import type { JourneyRouteDeps } from './deps';
import { FORECAST_CUSTOMERS, FORECAST_EVENT_RATE, FORECAST_HORIZON_DAYS, forecast } from './forecast';
import { peopleLabels } from './people';
import { foreignSegmentIssues } from './references';
import { messageIssues } from './message-checks';
import { GraphDiffSchema, InFlight, JourneyParam, PublishForecast } from './schemas';

const tags = ['journeys'];
type JourneyRow = typeof journeys.$inferSelect;
type Graphish = Parameters<typeof diffJourneyGraphs>[0];

const VersionRef = z.union([z.coerce.number().int().min(1), z.literal('draft')]);

const diff = createRoute({
  method: 'get',
  path: '/{id}/diff',
  tags,
  summary: 'What changed between two versions, or between a version and the draft: steps added / removed, each changed field old → new, rewired paths',
  security,
  request: {
    params: JourneyParam,
    query: z.object({
      from: VersionRef.openapi({ description: 'A version number, or `draft`' }),
      to: VersionRef.default('draft').openapi({ description: 'A version number, or `draft` (default)' }),
    }),
  },
  responses: { 200: json(z.object({ from: z.union([z.number().int(), z.literal('draft')]), to: z.union([z.number().int(), z.literal('draft')]), diff: GraphDiffSchema }), 'Changes'), ...errorResponses, ...notFound },
});

const inFlight = createRoute({
  method: 'get',
  path: '/{id}/in-flight',
  tags,
  summary: 'Customers inside the journey now, per version, and the step each waits at (what pause, archive or a new version affects)',
  security,
  request: { params: JourneyParam },
  responses: { 200: json(InFlight, 'Customers inside'), ...errorResponses, ...notFound },
});

const publishReview = createRoute({
  method: 'get',
  path: '/{id}/publish-review',
  tags,
  summary: 'Everything to review before publishing the draft: changes from the live version, customers inside each version, forecast of the new version beside the live one',
  security,
  request: { params: JourneyParam },
  responses: {
    200: json(
      z.object({
        live: z.object({ version: z.number().int(), authorName: z.string().nullable(), createdAt: z.number().int() }).nullable(),
        draftRevision: z.number().int(),
        /** False when publishing would change nothing: the dialog says so instead of offering to publish. */
        hasChanges: z.boolean(),
        changes: GraphDiffSchema,
        /** Problems that block publishing; the forecast needs a valid draft. */
        problems: z.number().int(),
        inFlight: InFlight,
        forecast: PublishForecast.nullable(),
      }),
      'Review',
    ),
    ...errorResponses,
    ...notFound,
  },
});

export function reviewRoutes(deps: JourneyRouteDeps) {
  const { db } = deps;

  async function find(workspaceId: string, id: string): Promise<JourneyRow> {
    const [row] = await db.select().from(journeys).where(and(eq(journeys.workspaceId, workspaceId), eq(journeys.id, id))).limit(1);
    if (!row) throw new ApiError(404, 'not_found', 'No such journey in this workspace', [{ field: 'id', message: 'not found' }]);
    return row;
  }

  async function versionRow(journeyId: string, version: number, field: string) {
    const [row] = await db.select().from(journeyVersions).where(and(eq(journeyVersions.journeyId, journeyId), eq(journeyVersions.version, version))).limit(1);
    if (!row) throw new ApiError(404, 'not_found', `Version ${version} of this journey does not exist`, [{ field, message: 'not found' }]);
    return row;
  }

  async function graphOf(journey: JourneyRow, ref: number | 'draft', field: string): Promise<unknown> {
    return ref === 'draft' ? journey.draftGraph : (await versionRow(journey.id, ref, field)).graph;
  }

  return adminApp()
    .openapi(diff, async (c) => {
      const { id } = c.req.valid('param');
      const { from, to } = c.req.valid('query');
      const journey = await find(c.get('workspaceId'), id);
      const [a, b] = await Promise.all([graphOf(journey, from, 'from'), graphOf(journey, to, 'to')]);
      return c.json({ from, to, diff: diffJourneyGraphs(a as Graphish, b as Graphish) }, 200);
    })
    .openapi(inFlight, async (c) => {
      const journey = await find(c.get('workspaceId'), c.req.valid('param').id);
      return c.json(await customersInside(db, journey.id), 200);
    })
    .openapi(publishReview, async (c) => {
      const journey = await find(c.get('workspaceId'), c.req.valid('param').id);
      const live = journey.activeVersion === null ? null : await versionRow(journey.id, journey.activeVersion, 'activeVersion');
      const changes = diffJourneyGraphs(live?.graph as Graphish, journey.draftGraph as Graphish);
      const problems = [...(await deps.validateGraph(journey.draftGraph)), ...(await foreignSegmentIssues(db, journey.workspaceId, journey.draftGraph)), ...(await messageIssues(db, journey.workspaceId, journey.draftGraph))];
      const people = await peopleLabels(db, journey.workspaceId, [live?.author ?? null]);
      // A draft with problems cannot be compiled, so it has no forecast; the dialog lists the problems instead.
      const next = problems.length === 0 ? forecast(deps.compileGraph(journey.draftGraph, { journeyId: journey.id, version: (journey.activeVersion ?? 0) + 1 })) : null;
      return c.json(
        {
          live: live ? { version: live.version, authorName: live.author ? (people.get(live.author) ?? null) : null, createdAt: live.createdAt } : null,
          draftRevision: journey.draftRevision,
          hasChanges: live === null || !changes.same,
          changes,
          problems: problems.length,
          inFlight: await customersInside(db, journey.id),
          forecast: next && {
            assumptions: { customers: FORECAST_CUSTOMERS, eventRatePerDay: FORECAST_EVENT_RATE, horizonDays: FORECAST_HORIZON_DAYS },
            next,
            live: live ? forecast(live.ir as JourneyIR) : null,
          },
        },
        200,
      );
    });
}

/** Active enrollments grouped by version and the step they are at (null: entering, no step yet). */
async function customersInside(db: Db, journeyId: string): Promise<z.infer<typeof InFlight>> {
  const rows = await db
    .select({ version: enrollments.version, nodeId: enrollments.currentNode, customers: count() })
    .from(enrollments)
    .where(and(eq(enrollments.journeyId, journeyId), eq(enrollments.status, 'active')))
    .groupBy(enrollments.version, enrollments.currentNode);
  const byVersion = new Map<number, { version: number; customers: number; waiting: { nodeId: string | null; customers: number }[] }>();
  for (const r of rows) {
    const v = byVersion.get(r.version) ?? { version: r.version, customers: 0, waiting: [] };
    v.customers += r.customers;
    v.waiting.push({ nodeId: r.nodeId, customers: r.customers });
    byVersion.set(r.version, v);
  }
  const versions = [...byVersion.values()].sort((a, b) => b.version - a.version);
  for (const v of versions) v.waiting.sort((a, b) => b.customers - a.customers);
  return { customers: versions.reduce((n, v) => n + v.customers, 0), versions };
}
