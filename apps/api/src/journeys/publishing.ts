// Publishing: the draft becomes a new immutable version (every issue at once, 422; nothing to
// publish, 200 unchanged; a concurrent publish, 409), or an earlier version is published again
// (rollback; the draft follows). Each new version lands in the audit log.
import { and, eq, journeyVersions } from '@braid/db';
import { createRoute, z } from '@hono/zod-openapi';
import { ErrorSchema, errorResponses, json, notFound, security } from '../admin/common';
import { adminApp } from '../admin/openapi-app';
import { assertMayPublishDirectly } from '../approvals/policy';
import { recordAudit, type AuditAction } from '../audit/record';
import type { Actor } from '../env';
import { ApiError } from '../errors';
import type { JourneyRouteDeps } from './deps';
import { findJourney } from './find';
import { MigrationPlanInput } from './migration-plan';
import { createPublisher } from './publish';
import { tags } from './responses';
import { JourneyParam, PublishIssue, PublishResult } from './schemas';

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
          schema: z.object({ note: z.string().max(2000).default(''), revision: z.number().int().optional(), activeVersion: expectedLive, migration: MigrationPlanInput.optional() }),
        },
      },
    },
  },
  responses: { 201: json(PublishResult, PUBLISHED), 200: json(PublishResult, UNCHANGED), ...errorResponses, ...notFound, ...publishConflict, ...unprocessable },
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
export function publishRoutes(deps: JourneyRouteDeps) {
  const { db } = deps;
  const find = (workspaceId: string, id: string) => findJourney(db, workspaceId, id);
  const publishGraph = createPublisher(deps);
  const archivedRefusal = (what: string) => new ApiError(409, 'archived', `An archived journey cannot be ${what}`, [{ field: 'status', message: 'archived' }]);

  /** Audits a publish or rollback that made a new version (an unchanged one changed nothing). */
  async function audited<T extends { unchanged: boolean; body: { id: string; version: number; note: string } }>(workspaceId: string, actor: Actor, action: AuditAction, journeyId: string, result: T, extra: Record<string, unknown> = {}): Promise<T> {
    if (!result.unchanged) await recordAudit(db, { workspaceId, actor, action, journeyId, targetId: result.body.id, details: { version: result.body.version, note: result.body.note, ...extra } });
    return result;
  }

  return adminApp()
    .openapi(publish, async (c) => {
      const { id } = c.req.valid('param');
      const { note, revision, activeVersion, migration } = c.req.valid('json');
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
        migration: migration && { plan: migration, actor: c.get('actor') },
      });
      await audited(journey.workspaceId, c.get('actor'), 'journey.published', id, result);
      return result.unchanged ? c.json(result.body, 200) : c.json(result.body, 201);
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
    });
}
