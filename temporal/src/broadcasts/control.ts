// Starting, pausing, resuming and cancelling broadcasts (called by the API). The `broadcasts`
// row is the truth; the workflow reads it page by page and a nudge wakes it early.
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { and, broadcasts, count, desc, eq, inArray, journeys, newId, segmentMembers, segments } from '@braid/db';
import type { BroadcastStatus, Db } from '@braid/db';
import type { JourneyIR } from '@braid/sdk';
import type { JourneyIndex } from '../routing/journey-index';
import { BROADCAST_WORKFLOW, broadcastNudgeSignal, broadcastWorkflowId } from '../workflows/broadcast-contract';
import { BROADCAST_TASK_QUEUE } from '../workflows/contract';

export type Broadcast = typeof broadcasts.$inferSelect;

/** A refusal the API answers with its status, code and the field at fault. */
export class BroadcastRefused extends Error {
  constructor(
    readonly status: 404 | 409 | 422 | 503,
    readonly code: string,
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

export type BroadcastDeps = { db: Db; client: Client; index: JourneyIndex; now?: () => number };
/** Starting checks the request before it needs the runtime, so bad input is named even without it. */
export type StartDeps = { db: Db; client: Client | null; index: JourneyIndex; now?: () => number };

/** Default pace: leaves room for event-triggered journeys on a small installation. */
export const DEFAULT_BROADCAST_RATE = 100;
export const MAX_BROADCAST_RATE = 2_000;

export async function startBroadcast(
  deps: StartDeps,
  input: { workspaceId: string; journeyId: string; segmentId?: string; ratePerSecond?: number; createdBy: string | null },
): Promise<Broadcast> {
  const now = (deps.now ?? Date.now)();
  const [journey] = await deps.db
    .select({ id: journeys.id, status: journeys.status, activeVersion: journeys.activeVersion })
    .from(journeys)
    .where(and(eq(journeys.id, input.journeyId), eq(journeys.workspaceId, input.workspaceId)))
    .limit(1);
  if (!journey) throw new BroadcastRefused(404, 'not_found', 'id', 'No such journey in this workspace');
  if (journey.status !== 'active' || journey.activeVersion === null) {
    throw new BroadcastRefused(409, 'journey_not_active', 'id', 'Only a published, running journey can be sent to a segment: publish or resume it first');
  }
  const published = await deps.index.version(journey.id, journey.activeVersion);
  if (!published) throw new BroadcastRefused(409, 'journey_not_active', 'id', `Version ${journey.activeVersion} is missing`);
  const segmentId = input.segmentId ?? segmentOfTrigger(published.ir);
  if (!segmentId) {
    throw new BroadcastRefused(422, 'segment_required', 'segmentId', 'Name the segment to send this journey to (its trigger is not a segment)');
  }
  if (published.ir.trigger.kind !== 'manual' && published.ir.trigger.kind !== 'segmentEntered') {
    throw new BroadcastRefused(422, 'trigger_not_broadcastable', 'id', 'Only journeys started by hand or by a segment can be sent to a segment; this one starts on an event');
  }
  const [segment] = await deps.db
    .select({ id: segments.id })
    .from(segments)
    .where(and(eq(segments.id, segmentId), eq(segments.workspaceId, input.workspaceId)))
    .limit(1);
  if (!segment) throw new BroadcastRefused(422, 'unknown_segment', 'segmentId', 'No such segment in this workspace');
  const [members] = await deps.db.select({ n: count() }).from(segmentMembers).where(eq(segmentMembers.segmentId, segmentId));
  const total = members?.n ?? 0;
  if (total === 0) throw new BroadcastRefused(422, 'segment_empty', 'segmentId', 'The segment has nobody in it: nothing to send');
  const rate = input.ratePerSecond ?? DEFAULT_BROADCAST_RATE;
  const client = deps.client;
  if (!client) throw new BroadcastRefused(503, 'runtime_unavailable', '', 'The journey runtime is not connected');

  const id = newId(now);
  // Check and insert in one write transaction: two starts at once get one broadcast and one 409.
  const created = await deps.db.transaction(
    async (tx) => {
      const [running] = await tx
        .select({ id: broadcasts.id })
        .from(broadcasts)
        .where(and(eq(broadcasts.journeyId, journey.id), inArray(broadcasts.status, ['running', 'paused'])))
        .limit(1);
      if (running) return null;
      const [row] = await tx
        .insert(broadcasts)
        .values({
          id,
          workspaceId: input.workspaceId,
          journeyId: journey.id,
          version: journey.activeVersion!,
          segmentId,
          status: 'running',
          total,
          ratePerSecond: rate,
          createdBy: input.createdBy,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      return row!;
    },
    { behavior: 'immediate' },
  );
  if (!created) throw new BroadcastRefused(409, 'broadcast_running', 'id', 'This journey is already being sent to a segment: pause, cancel or wait for it');
  try {
    await client.workflow.start(BROADCAST_WORKFLOW, { workflowId: broadcastWorkflowId(id), taskQueue: BROADCAST_TASK_QUEUE, args: [{ broadcastId: id }] });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await setStatus(deps.db, id, 'failed', now, message);
    throw new BroadcastRefused(503, 'runtime_unavailable', '', `The journey runtime could not start the broadcast: ${message}`);
  }
  return created;
}

function segmentOfTrigger(ir: JourneyIR): string | null {
  return ir.trigger.kind === 'segmentEntered' ? ir.trigger.segmentId : null;
}

async function setStatus(db: Db, id: string, status: BroadcastStatus, at: number, error?: string): Promise<void> {
  const finished = status === 'cancelled' || status === 'failed' || status === 'completed';
  await db
    .update(broadcasts)
    .set({ status, updatedAt: at, ...(finished ? { finishedAt: at } : {}), ...(error ? { error } : {}) })
    .where(eq(broadcasts.id, id));
}

const ALLOWED: Record<'pause' | 'resume' | 'cancel', { from: BroadcastStatus[]; to: BroadcastStatus }> = {
  pause: { from: ['running'], to: 'paused' },
  resume: { from: ['paused'], to: 'running' },
  cancel: { from: ['running', 'paused'], to: 'cancelled' },
};

/** Pause, resume or cancel; customers already enrolled carry on in the journey either way. */
export async function controlBroadcast(deps: BroadcastDeps, workspaceId: string, broadcastId: string, action: 'pause' | 'resume' | 'cancel'): Promise<Broadcast> {
  const now = (deps.now ?? Date.now)();
  const rule = ALLOWED[action];
  const [updated] = await deps.db
    .update(broadcasts)
    .set({ status: rule.to, updatedAt: now, ...(rule.to === 'cancelled' ? { finishedAt: now } : {}) })
    .where(and(eq(broadcasts.id, broadcastId), eq(broadcasts.workspaceId, workspaceId), inArray(broadcasts.status, rule.from)))
    .returning();
  if (!updated) {
    const found = await getBroadcast(deps.db, workspaceId, broadcastId);
    if (!found) throw new BroadcastRefused(404, 'not_found', 'id', 'No such broadcast in this workspace');
    throw new BroadcastRefused(409, 'invalid_state', 'status', `A ${found.status} broadcast cannot be ${action === 'cancel' ? 'cancelled' : `${action}d`}`);
  }
  try {
    await deps.client.workflow.getHandle(broadcastWorkflowId(broadcastId)).signal(broadcastNudgeSignal);
  } catch (error) {
    // Finished meanwhile: nothing to wake. Anything else: it reads the row within a minute.
    if (!(error instanceof WorkflowNotFoundError)) console.warn(`[broadcasts] could not nudge ${broadcastId}: ${(error as Error).message}`);
  }
  return updated;
}

export async function getBroadcast(db: Db, workspaceId: string, broadcastId: string): Promise<Broadcast | null> {
  const [row] = await db.select().from(broadcasts).where(and(eq(broadcasts.id, broadcastId), eq(broadcasts.workspaceId, workspaceId))).limit(1);
  return row ?? null;
}

export async function listBroadcasts(db: Db, workspaceId: string, journeyId: string): Promise<Broadcast[]> {
  return db
    .select()
    .from(broadcasts)
    .where(and(eq(broadcasts.workspaceId, workspaceId), eq(broadcasts.journeyId, journeyId)))
    .orderBy(desc(broadcasts.createdAt))
    .limit(50);
}

/** Progress as the UI shows it: done so far, and an estimate of the rest at the pace so far. */
export function broadcastProgress(b: Broadcast, now: number): { processed: number; perSecond: number; etaSeconds: number | null } {
  const processed = b.enrolled + b.skipped;
  const seconds = Math.max(1, ((b.finishedAt ?? now) - b.createdAt) / 1000);
  const perSecond = processed / seconds;
  const left = Math.max(0, b.total - processed);
  const etaSeconds = b.status !== 'running' ? null : perSecond > 0 ? Math.round(left / perSecond) : null;
  return { processed, perSecond: Math.round(perSecond * 10) / 10, etaSeconds };
}
