// GET /api/audit: the workspace's audit log, newest first, filterable by journey, action and
// actor. Read-only by design: there is no route that edits or deletes an entry.
import { and, auditLog, desc, eq, journeys, lt, type Db, type SQL } from '@braid/db';
import { createRoute, z } from '@hono/zod-openapi';
import { adminApp } from '../admin/openapi-app';
import { Cursor, errorResponses, json, Limit, security } from '../admin/common';
import { auditActions } from './record';

const AuditEntry = z
  .object({
    id: z.string(),
    at: z.number().int(),
    actorId: z.string(),
    actorLabel: z.string(),
    action: z.enum(auditActions),
    journeyId: z.string().nullable(),
    journeyName: z.string().nullable().openapi({ description: 'The journey’s current name (null once deleted)' }),
    targetId: z.string().nullable(),
    details: z.record(z.string(), z.unknown()),
  })
  .openapi('AuditEntry');

const list = createRoute({
  method: 'get',
  path: '/',
  operationId: 'listAuditLog',
  tags: ['audit'],
  summary: 'The audit log, newest first (page with `before` = the last id you got)',
  security,
  request: {
    query: z.object({
      journeyId: z.string().min(1).max(100).optional(),
      action: z.enum(auditActions).optional(),
      actorId: z.string().min(1).max(100).optional(),
      before: Cursor,
      limit: Limit,
    }),
  },
  responses: { 200: json(z.object({ entries: z.array(AuditEntry), next: z.string().nullable() }), 'Entries'), ...errorResponses },
});

export function auditRoutes(db: Db) {
  return adminApp().openapi(list, async (c) => {
    const q = c.req.valid('query');
    const where: SQL[] = [eq(auditLog.workspaceId, c.get('workspaceId'))];
    if (q.journeyId) where.push(eq(auditLog.journeyId, q.journeyId));
    if (q.action) where.push(eq(auditLog.action, q.action));
    if (q.actorId) where.push(eq(auditLog.actorId, q.actorId));
    if (q.before) where.push(lt(auditLog.id, q.before));
    const rows = await db
      .select({ entry: auditLog, journeyName: journeys.name })
      .from(auditLog)
      .leftJoin(journeys, eq(journeys.id, auditLog.journeyId))
      .where(and(...where))
      .orderBy(desc(auditLog.id))
      .limit(q.limit + 1);
    const page = rows.slice(0, q.limit);
    const entries = page.map(({ entry, journeyName }) => ({ ...entry, action: entry.action as (typeof auditActions)[number], journeyName }));
    return c.json({ entries, next: rows.length > q.limit ? (page.at(-1)?.entry.id ?? null) : null }, 200);
  });
}
