// Pause (no new entries; customers inside stay where they are), resume and archive, each in the
// audit log; routing and the customers already inside follow the new status.
import { eq, journeys } from '@braid/db';
import { createRoute } from '@hono/zod-openapi';
import { errorResponses, json, notFound, security } from '../admin/common';
import { adminApp } from '../admin/openapi-app';
import { recordAudit } from '../audit/record';
import type { Actor } from '../env';
import { ApiError } from '../errors';
import type { JourneyRouteDeps } from './deps';
import { findJourney, type JourneyRow } from './find';
import { staleDraft as conflict, tags } from './responses';
import { JourneyParam, JourneySummary } from './schemas';
import { summary } from './summaries';

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

export function lifecycleRoutes(deps: JourneyRouteDeps) {
  const { db } = deps;
  const find = (workspaceId: string, id: string) => findJourney(db, workspaceId, id);
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

  return adminApp()
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
