// What the publish dialog needs to choose a migration plan (who waits where in each version,
// the steps of the new version they could move to, the suggested mapping), and the progress
// of the migrations already started. The plan itself travels with publish or a publish request.
import { and, count, desc, enrollments, eq, journeyMigrations, journeyVersions, like, stepLog, type Db } from '@braid/db';
import { suggestMoves, waitingKindOf, waitingSteps } from '@braid/journey';
import type { JourneyIR } from '@braid/sdk';
import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses, json, notFound, security } from '../admin/common';
import { adminApp } from '../admin/openapi-app';
import type { JourneyRouteDeps } from './deps';
import { findJourney } from './find';
import { nextVersionNumber } from './migration-plan';
import { foreignSegmentIssues } from './references';
import { tags } from './responses';
import { JourneyParam } from './schemas';

const Waits = z.enum(['timer', 'event']).nullable().openapi({ description: '`timer`: a delay or time window; `event`: waits for an event; null: not a wait (cannot be moved)' });
const StepView = z.object({ stepId: z.string(), label: z.string().nullable(), type: z.string().nullable(), waits: Waits });

const MigrationOptions = z
  .object({
    /** The number publishing the draft will create. */
    toVersion: z.number().int(),
    /** False when the draft has problems: no targets or suggestions until it is fixed. */
    ready: z.boolean(),
    /** Wait steps of the draft, where a moved customer can be placed. */
    targets: z.array(StepView),
    versions: z.array(
      z.object({
        version: z.number().int(),
        customers: z.number().int(),
        steps: z.array(StepView.extend({ customers: z.number().int(), suggested: z.string().nullable().openapi({ description: 'The step of the new version with the same id and way of waiting' }) })),
      }),
    ),
  })
  .openapi('MigrationOptions');

const Migration = z
  .object({
    id: z.string(),
    toVersion: z.number().int(),
    plan: z.record(z.string(), z.record(z.string(), z.string())),
    status: z.enum(['running', 'completed', 'failed']),
    /** Customers of the moving versions told about the plan so far. */
    signalled: z.number().int(),
    /** Customers moved so far (their own workflows recorded it). */
    moved: z.number().int(),
    error: z.string().nullable(),
    createdAt: z.number().int(),
    finishedAt: z.number().int().nullable(),
  })
  .openapi('JourneyMigration');

const options = createRoute({
  method: 'get',
  path: '/{id}/migration-plan',
  operationId: 'getJourneyMigrationOptions',
  tags,
  summary: 'For publishing the draft: customers inside each version by step, the steps of the new version they could move to, and the suggested mapping',
  security,
  request: { params: JourneyParam },
  responses: { 200: json(MigrationOptions, 'Options'), ...errorResponses, ...notFound },
});

const list = createRoute({
  method: 'get',
  path: '/{id}/migrations',
  operationId: 'listJourneyMigrations',
  tags,
  summary: 'Migrations of customers to newer versions, newest first, with their progress',
  security,
  request: { params: JourneyParam },
  responses: { 200: json(z.object({ migrations: z.array(Migration) }), 'Migrations'), ...errorResponses, ...notFound },
});

type LooseGraph = { nodes?: { id: string; type: string; label?: string }[] };

function viewOf(graph: unknown, ir: JourneyIR | null, stepId: string) {
  const node = (graph as LooseGraph | null)?.nodes?.find((n) => n.id === stepId);
  return { stepId, label: node?.label ?? null, type: node?.type ?? null, waits: ir ? waitingKindOf(ir.steps[stepId]) : null };
}

export function migrationRoutes(deps: JourneyRouteDeps) {
  const { db } = deps;
  return adminApp()
    .openapi(options, async (c) => {
      const journey = await findJourney(db, c.get('workspaceId'), c.req.valid('param').id);
      const toVersion = await nextVersionNumber(db, journey.id);
      const problems = [...(await deps.validateGraph(journey.draftGraph)), ...(await foreignSegmentIssues(db, journey.workspaceId, journey.draftGraph))];
      const next = problems.length === 0 ? deps.compileGraph(journey.draftGraph, { journeyId: journey.id, version: toVersion }) : null;
      const inside = await customersByStep(db, journey.id);
      const versions = [];
      for (const [version, steps] of inside) {
        const [row] = await db.select({ ir: journeyVersions.ir, graph: journeyVersions.graph }).from(journeyVersions).where(and(eq(journeyVersions.journeyId, journey.id), eq(journeyVersions.version, version))).limit(1);
        const ir = (row?.ir ?? null) as JourneyIR | null;
        const suggested = ir && next ? suggestMoves(ir, next) : {};
        versions.push({
          version,
          customers: steps.reduce((n, s) => n + s.customers, 0),
          steps: steps.map((s) => ({ ...viewOf(row?.graph, ir, s.nodeId), customers: s.customers, suggested: suggested[s.nodeId] ?? null })),
        });
      }
      return c.json({ toVersion, ready: next !== null, targets: next ? waitingSteps(next).map((id) => viewOf(journey.draftGraph, next, id)) : [], versions }, 200);
    })
    .openapi(list, async (c) => {
      const journey = await findJourney(db, c.get('workspaceId'), c.req.valid('param').id);
      const rows = await db.select().from(journeyMigrations).where(eq(journeyMigrations.journeyId, journey.id)).orderBy(desc(journeyMigrations.createdAt)).limit(20);
      const migrations = [];
      for (const { workspaceId: _ws, journeyId: _j, cursor: _c, createdBy: _by, ...m } of rows) {
        // Each moved customer's `moved` line names the migration (see the worker's recordMove).
        const [moved] = await db
          .select({ n: count() })
          .from(stepLog)
          .where(and(eq(stepLog.journeyId, journey.id), eq(stepLog.outcome, 'moved'), like(stepLog.reason, `%(migration ${m.id})`)));
        migrations.push({ ...m, moved: moved?.n ?? 0 });
      }
      return c.json({ migrations }, 200);
    });
}

/** Active enrollments per version (newest first) and the step each is at; entering customers (no step yet) are left out. */
async function customersByStep(db: Db, journeyId: string): Promise<Map<number, { nodeId: string; customers: number }[]>> {
  const rows = await db
    .select({ version: enrollments.version, nodeId: enrollments.currentNode, customers: count() })
    .from(enrollments)
    .where(and(eq(enrollments.journeyId, journeyId), eq(enrollments.status, 'active')))
    .groupBy(enrollments.version, enrollments.currentNode);
  const byVersion = new Map<number, { nodeId: string; customers: number }[]>();
  for (const r of rows.sort((a, b) => b.version - a.version || b.customers - a.customers)) {
    if (r.nodeId === null) continue;
    const list = byVersion.get(r.version) ?? [];
    list.push({ nodeId: r.nodeId, customers: r.customers });
    byVersion.set(r.version, list);
  }
  return byVersion;
}
