// Broadcasts over the API: send a running journey to everyone in a segment now (a Tết
// campaign), watch its progress and ETA, pause, resume or cancel it. The runtime does the work
// (@braid/temporal startBroadcast / controlBroadcast); this file maps it to HTTP.
import type { Db } from '@braid/db';
import {
  broadcastProgress,
  BroadcastRefused,
  controlBroadcast,
  getBroadcast,
  listBroadcasts,
  MAX_BROADCAST_RATE,
  createJourneyIndex,
  startBroadcast,
  type Broadcast,
  type Router,
} from '@braid/temporal';
import type { Client } from '@temporalio/client';
import { createRoute, z } from '@hono/zod-openapi';
import { adminApp } from '../admin/openapi-app';
import { ErrorSchema, errorResponses, IdParam, json, notFound, security } from '../admin/common';
import { ApiError } from '../errors';

const BroadcastSchema = z
  .object({
    id: z.string(),
    journeyId: z.string(),
    version: z.number().int(),
    segmentId: z.string(),
    status: z.enum(['running', 'paused', 'cancelled', 'completed', 'failed']),
    total: z.number().int().openapi({ description: 'Members of the segment when the broadcast started' }),
    enrolled: z.number().int(),
    skipped: z.number().int().openapi({ description: 'Members not enrolled (already inside, re-entry rule, entry limit)' }),
    lastSkipReason: z.string().nullable(),
    ratePerSecond: z.number().int(),
    processed: z.number().int(),
    perSecond: z.number(),
    etaSeconds: z.number().int().nullable().openapi({ description: 'Seconds left at the pace so far; null unless running' }),
    error: z.string().nullable(),
    createdBy: z.string().nullable(),
    createdAt: z.number().int(),
    updatedAt: z.number().int(),
    finishedAt: z.number().int().nullable(),
  })
  .openapi('Broadcast');

const conflict = { 409: { description: 'A broadcast of this journey is already running, or the state does not allow it', content: { 'application/json': { schema: ErrorSchema } } } } as const;
const unprocessable = { 422: { description: 'The segment is unknown or empty, or the journey cannot be broadcast', content: { 'application/json': { schema: ErrorSchema } } } } as const;
const unavailable = { 503: { description: 'The journey runtime is not reachable', content: { 'application/json': { schema: ErrorSchema } } } } as const;

const start = createRoute({
  method: 'post',
  path: '/journeys/{id}/broadcasts',
  tags: ['broadcasts'],
  summary: "Send the journey's live version to every member of a segment now (or its trigger's segment's current members)",
  security,
  request: {
    params: IdParam,
    body: {
      content: {
        'application/json': {
          schema: z.object({
            segmentId: z.string().min(1).max(100).optional().openapi({ description: "Defaults to the trigger's segment for a segment-triggered journey" }),
            ratePerSecond: z.number().int().min(1).max(MAX_BROADCAST_RATE).optional().openapi({ description: 'Enrolments per second at most (default 100)' }),
          }),
        },
      },
    },
  },
  responses: { 201: json(BroadcastSchema, 'Started'), ...errorResponses, ...notFound, ...conflict, ...unprocessable, ...unavailable },
});

const list = createRoute({
  method: 'get',
  path: '/journeys/{id}/broadcasts',
  tags: ['broadcasts'],
  summary: 'Broadcasts of a journey, newest first',
  security,
  request: { params: IdParam },
  responses: { 200: json(z.object({ broadcasts: z.array(BroadcastSchema) }), 'Broadcasts'), ...errorResponses },
});

const get = createRoute({
  method: 'get',
  path: '/broadcasts/{id}',
  tags: ['broadcasts'],
  summary: 'One broadcast with its progress and ETA',
  security,
  request: { params: IdParam },
  responses: { 200: json(BroadcastSchema, 'Broadcast'), ...errorResponses, ...notFound },
});

const control = (action: 'pause' | 'resume' | 'cancel', summary: string) =>
  createRoute({
    method: 'post',
    path: `/broadcasts/{id}/${action}`,
    tags: ['broadcasts'],
    summary,
    security,
    request: { params: IdParam },
    responses: { 200: json(BroadcastSchema, 'Updated'), ...errorResponses, ...notFound, ...conflict },
  });

function view(b: Broadcast, now = Date.now()) {
  return {
    id: b.id,
    journeyId: b.journeyId,
    version: b.version,
    segmentId: b.segmentId,
    status: b.status,
    total: b.total,
    enrolled: b.enrolled,
    skipped: b.skipped,
    lastSkipReason: b.lastSkipReason,
    ratePerSecond: b.ratePerSecond,
    ...broadcastProgress(b, now),
    error: b.error,
    createdBy: b.createdBy,
    createdAt: b.createdAt,
    updatedAt: b.updatedAt,
    finishedAt: b.finishedAt,
  };
}

function refusal(error: unknown): never {
  if (error instanceof BroadcastRefused) throw new ApiError(error.status, error.code, error.message, [{ field: error.field, message: error.message }]);
  throw error;
}

export function broadcastRoutes(deps: { db: Db; client: Client | null; router: Router | null }) {
  // Without a runtime the published versions are still readable, so a request is checked (and
  // bad input named) before the missing runtime is reported.
  const index = deps.router?.index ?? createJourneyIndex(deps.db);
  const runtime = () => {
    if (!deps.client) throw new ApiError(503, 'runtime_unavailable', 'The journey runtime is not connected');
    return { db: deps.db, client: deps.client, index };
  };
  const app = adminApp();
  app.openapi(start, async (c) => {
    const body = c.req.valid('json');
    const created = await startBroadcast({ db: deps.db, client: deps.client, index }, {
      workspaceId: c.get('workspaceId'),
      journeyId: c.req.valid('param').id,
      ...(body.segmentId ? { segmentId: body.segmentId } : {}),
      ...(body.ratePerSecond ? { ratePerSecond: body.ratePerSecond } : {}),
      createdBy: c.get('actor').id,
    }).catch(refusal);
    return c.json(view(created), 201);
  });
  app.openapi(list, async (c) => c.json({ broadcasts: (await listBroadcasts(deps.db, c.get('workspaceId'), c.req.valid('param').id)).map((b) => view(b)) }, 200));
  app.openapi(get, async (c) => {
    const found = await getBroadcast(deps.db, c.get('workspaceId'), c.req.valid('param').id);
    if (!found) throw new ApiError(404, 'not_found', 'No such broadcast in this workspace', [{ field: 'id', message: 'not found' }]);
    return c.json(view(found), 200);
  });
  for (const [action, summary] of [
    ['pause', 'Pause: nobody more is enrolled until resumed; those already in carry on'],
    ['resume', 'Resume a paused broadcast where it stopped'],
    ['cancel', 'Cancel: nobody more is enrolled; those already in carry on'],
  ] as const) {
    app.openapi(control(action, summary), async (c) =>
      c.json(view(await controlBroadcast(runtime(), c.get('workspaceId'), c.req.valid('param').id, action).catch(refusal)), 200),
    );
  }
  return app;
}
