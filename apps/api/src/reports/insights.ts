// What happened in a journey, from the step log: per-node counts per version (the canvas
// overlay), the customers at a node, and one customer's trace ("why did Toản get this SMS?").
import { and, asc, count, desc, enrollments, eq, journeys, journeyVersions, lt, messages, sql, stepLog, type Db } from '@braid/db';
import { createRoute, z } from '@hono/zod-openapi';
import { adminApp } from '../admin/openapi-app';
import { ApiError } from '../errors';
import { Cursor, errorResponses, json, Limit, notFound, security } from '../admin/common';
import { JourneyParam } from '../journeys/schemas';
import { temporalWorkflowLinks } from '../temporal-ui/link';

const tags = ['journeys'];

const NodeStats = z
  .object({ nodeId: z.string(), entered: z.number().int(), waitingNow: z.number().int(), exited: z.number().int(), converted: z.number().int(), failed: z.number().int(), postponed: z.number().int() })
  .openapi('JourneyNodeStats');

const stats = createRoute({
  method: 'get',
  path: '/{id}/stats',
  tags,
  summary: 'Per-node counts of one version (default: the active one): entered, waiting now, exited, converted',
  security,
  request: { params: JourneyParam, query: z.object({ version: z.coerce.number().int().min(1).optional() }) },
  responses: {
    200: json(
      z.object({
        version: z.number().int().nullable(),
        enrollments: z.object({ active: z.number().int(), completed: z.number().int(), exited: z.number().int(), converted: z.number().int(), failed: z.number().int() }),
        nodes: z.array(NodeStats),
      }),
      'Stats',
    ),
    ...errorResponses,
    ...notFound,
  },
});

const atNode = createRoute({
  method: 'get',
  path: '/{id}/nodes/{nodeId}/customers',
  tags,
  summary: 'Customers waiting at a node now',
  security,
  request: {
    params: JourneyParam.extend({ nodeId: z.string().min(1).max(200).openapi({ param: { name: 'nodeId', in: 'path' } }) }),
    query: z.object({ version: z.coerce.number().int().min(1).optional(), limit: Limit, cursor: Cursor }),
  },
  responses: {
    200: json(
      z.object({
        customers: z.array(z.object({ customerId: z.string(), enrollmentId: z.string(), version: z.number().int(), enteredAt: z.number().int() })),
        nextCursor: z.string().nullable(),
      }),
      'Customers at the node',
    ),
    ...errorResponses,
    ...notFound,
  },
});

const Step = z.object({ nodeId: z.string(), outcome: z.string(), reason: z.string().nullable(), at: z.number().int() });
const Message = z.object({
  id: z.string(),
  nodeId: z.string().nullable(),
  channel: z.string(),
  status: z.string(),
  subject: z.string().nullable(),
  body: z.string().nullable(),
  error: z.string().nullable(),
  createdAt: z.number().int(),
});
const trace = createRoute({
  method: 'get',
  path: '/{id}/customers/{customerId}/trace',
  tags,
  summary: "A customer's path through the journey: every enrollment, node entered/left with reasons, and messages",
  security,
  request: { params: JourneyParam.extend({ customerId: z.string().min(1).max(100).openapi({ param: { name: 'customerId', in: 'path' } }) }) },
  responses: {
    200: json(
      z.object({
        enrollments: z.array(
          z.object({
            id: z.string(),
            version: z.number().int(),
            status: z.string(),
            currentNode: z.string().nullable(),
            enteredAt: z.number().int(),
            finishedAt: z.number().int().nullable(),
            /** The customer's workflow in the Temporal Web UI (BRAID_TEMPORAL_UI_URL); null when no UI is known. */
            temporalUrl: z.string().nullable(),
            steps: z.array(Step),
            messages: z.array(Message),
          }),
        ),
      }),
      'Trace',
    ),
    ...errorResponses,
    ...notFound,
  },
});

export function insightRoutes(db: Db) {
  const workflowLink = temporalWorkflowLinks();
  const app = adminApp();

  async function find(workspaceId: string, id: string) {
    const [row] = await db
      .select({ id: journeys.id, activeVersion: journeys.activeVersion })
      .from(journeys)
      .where(and(eq(journeys.workspaceId, workspaceId), eq(journeys.id, id)))
      .limit(1);
    if (!row) throw new ApiError(404, 'not_found', 'No such journey in this workspace', [{ field: 'id', message: 'not found' }]);
    return row;
  }

  return app
    .openapi(stats, async (c) => {
      const journey = await find(c.get('workspaceId'), c.req.valid('param').id);
      const version = c.req.valid('query').version ?? journey.activeVersion;
      if (version === null) {
        return c.json({ version: null, enrollments: { active: 0, completed: 0, exited: 0, converted: 0, failed: 0 }, nodes: [] }, 200);
      }
      const [steps, waiting, statuses, published] = await Promise.all([
        db
          // Customers, not log lines: a step may log twice on one visit (the usual-hour step
          // looks the hour up, then waits), and the canvas counts people.
          .select({ nodeId: stepLog.nodeId, outcome: stepLog.outcome, n: sql<number>`count(DISTINCT ${stepLog.enrollmentId})`.mapWith(Number) })
          .from(stepLog)
          .where(and(eq(stepLog.journeyId, journey.id), eq(stepLog.version, version)))
          .groupBy(stepLog.nodeId, stepLog.outcome),
        db
          .select({ nodeId: enrollments.currentNode, n: count() })
          .from(enrollments)
          .where(and(eq(enrollments.journeyId, journey.id), eq(enrollments.version, version), eq(enrollments.status, 'active')))
          .groupBy(enrollments.currentNode),
        db
          .select({ status: enrollments.status, n: count() })
          .from(enrollments)
          .where(and(eq(enrollments.journeyId, journey.id), eq(enrollments.version, version)))
          .groupBy(enrollments.status),
        db
          .select({ ir: journeyVersions.ir, graph: journeyVersions.graph })
          .from(journeyVersions)
          .where(and(eq(journeyVersions.journeyId, journey.id), eq(journeyVersions.version, version)))
          .limit(1),
      ]);
      const nodes = new Map<string, z.infer<typeof NodeStats>>();
      const node = (nodeId: string) => {
        let s = nodes.get(nodeId);
        if (!s) nodes.set(nodeId, (s = { nodeId, entered: 0, waitingNow: 0, exited: 0, converted: 0, failed: 0, postponed: 0 }));
        return s;
      };
      for (const row of steps) {
        const s = node(row.nodeId);
        if (row.outcome === 'entered') s.entered += row.n;
        else if (row.outcome === 'exited') s.exited += row.n;
        else if (row.outcome === 'converted') s.converted += row.n;
        else if (row.outcome === 'failed') s.failed += row.n;
        else if (row.outcome === 'postponed') s.postponed += row.n;
      }
      for (const row of waiting) if (row.nodeId) node(row.nodeId).waitingNow += row.n;
      const totals = { active: 0, completed: 0, exited: 0, converted: 0, failed: 0 };
      for (const row of statuses) totals[row.status] += row.n;
      // Nobody waits at a trigger and the step log starts after it: everyone who entered the
      // version passed through it, so its card counts every enrollment.
      const everyone = statuses.reduce((sum, row) => sum + row.n, 0);
      for (const triggerId of triggerNodesOf(published[0])) node(triggerId).entered = everyone;
      // The goal has no path into it: a conversion is logged at the step the customer was at,
      // and the goal's card shows them all.
      for (const goalId of goalNodesOf(published[0])) node(goalId).converted = totals.converted;
      return c.json({ version, enrollments: totals, nodes: [...nodes.values()] }, 200);
    })
    .openapi(atNode, async (c) => {
      const { id, nodeId } = c.req.valid('param');
      const { version, limit, cursor } = c.req.valid('query');
      const journey = await find(c.get('workspaceId'), id);
      const where = [eq(enrollments.journeyId, journey.id), eq(enrollments.status, 'active'), eq(enrollments.currentNode, nodeId)];
      if (version) where.push(eq(enrollments.version, version));
      if (cursor) where.push(lt(enrollments.id, cursor));
      const rows = await db
        .select({ customerId: enrollments.customerId, enrollmentId: enrollments.id, version: enrollments.version, enteredAt: enrollments.enteredAt })
        .from(enrollments)
        .where(and(...where))
        .orderBy(desc(enrollments.id))
        .limit(limit + 1);
      const page = rows.slice(0, limit);
      return c.json({ customers: page, nextCursor: rows.length > limit ? page[page.length - 1]!.enrollmentId : null }, 200);
    })
    .openapi(trace, async (c) => {
      const { id, customerId } = c.req.valid('param');
      const journey = await find(c.get('workspaceId'), id);
      const rows = await db
        .select()
        .from(enrollments)
        .where(and(eq(enrollments.journeyId, journey.id), eq(enrollments.customerId, customerId)))
        .orderBy(asc(enrollments.enteredAt))
        .limit(100);
      const out = [];
      for (const e of rows) {
        const [steps, sent] = await Promise.all([
          db
            .select({ nodeId: stepLog.nodeId, outcome: stepLog.outcome, reason: stepLog.reason, at: stepLog.at })
            .from(stepLog)
            .where(eq(stepLog.enrollmentId, e.id))
            .orderBy(asc(stepLog.at), asc(sql`rowid`)),
          db
            .select({
              id: messages.id,
              nodeId: messages.nodeId,
              channel: messages.channel,
              status: messages.status,
              subject: messages.subject,
              body: messages.body,
              error: messages.error,
              createdAt: messages.createdAt,
            })
            .from(messages)
            .where(eq(messages.enrollmentId, e.id))
            .orderBy(asc(messages.createdAt)),
        ]);
        out.push({
          id: e.id,
          version: e.version,
          status: e.status,
          currentNode: e.currentNode,
          enteredAt: e.enteredAt,
          finishedAt: e.finishedAt,
          temporalUrl: workflowLink(e.workflowId),
          steps,
          messages: sent,
        });
      }
      return c.json({ enrollments: out }, 200);
    });
}

type VersionShape = { ir: unknown; graph: unknown } | undefined;

/**
 * The canvas nodes a customer enters the version through: those leading into the program's
 * first step with nothing leading into them (the triggers; settings such as the goal have no
 * paths at all).
 */
export function triggerNodesOf(version: VersionShape): string[] {
  if (!version) return [];
  const ir = version.ir as { start?: string; nodeOf?: Record<string, string> } | null;
  const edges = ((version.graph as { edges?: Array<{ source: string; target: string }> } | null)?.edges ?? []);
  if (!ir?.start) return [];
  const first = ir.nodeOf?.[ir.start] ?? ir.start;
  const led = new Set(edges.map((e) => e.target));
  return [...new Set(edges.filter((e) => e.target === first && !led.has(e.source)).map((e) => e.source))];
}

/** The journey's goal settings on the canvas (the built-in `goal` node type). */
export function goalNodesOf(version: VersionShape): string[] {
  const nodes = ((version?.graph as { nodes?: Array<{ id: string; type: string }> } | null)?.nodes ?? []);
  return nodes.filter((n) => n.type === 'goal').map((n) => n.id);
}
