// The broadcast's one activity: enrol the next page of the segment's members after the row's
// cursor (enrol-members.ts), then move the cursor and counts forward. Re-running a page (a retry
// after a crash) enrols nobody twice: each member enters with an entry id unique to the
// broadcast, and a replayed entry finds the enrollment it made.
import { and, asc, broadcasts, eq, gt, segmentMembers, sql } from '@braid/db';
import type { Db } from '@braid/db';
import type { BroadcastPage } from '../workflows/broadcast-contract';
import type { BroadcastDeps } from './control';
import { enrolMembers } from './enrol-members';

/** Members per page; a page is one activity, so it stays well inside its timeout. */
export const BROADCAST_PAGE = 200;
/**
 * At most this many of the journey's customers may wait for their first step before the next
 * page: the broadcast no longer queues behind them on its own, and without this it would pile
 * its whole segment onto the journeys' queue ahead of live, event-triggered customers (and
 * beyond the workers' cache, so that each would be replayed) whenever workers are slower than
 * the broadcast's rate.
 */
export const MAX_AHEAD = 2 * BROADCAST_PAGE;
/** How long to wait before asking again when the journeys' workers are behind. */
const BEHIND_WAIT_MS = 1_000;

export async function enrolBroadcastPage(deps: BroadcastDeps, broadcastId: string): Promise<BroadcastPage> {
  const now = deps.now ?? Date.now;
  const startedAt = now();
  const [row] = await deps.db.select().from(broadcasts).where(eq(broadcasts.id, broadcastId)).limit(1);
  const idle = { enrolled: 0, skipped: 0, delayMs: 0 };
  if (!row || row.status === 'completed' || row.status === 'cancelled' || row.status === 'failed') return { done: true, paused: false, ...idle };
  if (row.status === 'paused') return { done: false, paused: true, ...idle };

  const published = await deps.index.version(row.journeyId, row.version);
  if (!published) {
    await finish(deps.db, broadcastId, 'failed', now(), `journey version ${row.version} no longer exists`);
    return { done: true, paused: false, ...idle };
  }
  const journey = { workspaceId: row.workspaceId, journeyId: row.journeyId, version: row.version, versionId: published.versionId, ir: published.ir };
  const page = await deps.db
    .select({ customerId: segmentMembers.customerId })
    .from(segmentMembers)
    .where(and(eq(segmentMembers.segmentId, row.segmentId), gt(segmentMembers.customerId, row.cursor)))
    .orderBy(asc(segmentMembers.customerId))
    .limit(BROADCAST_PAGE);
  // The last, empty page completes the broadcast at once: only enrolling waits for the workers.
  if (page.length > 0 && (await notYetStepped(deps.db, row.journeyId)) >= MAX_AHEAD) return { done: false, paused: false, behind: true, ...idle, delayMs: BEHIND_WAIT_MS };

  const members = await enrolMembers(deps, journey, broadcastId, page.map((m) => m.customerId), startedAt);
  const done = page.length < BROADCAST_PAGE;
  const cursor = page.length > 0 ? page[page.length - 1]!.customerId : row.cursor;
  // Counts and cursor always move (a pause during the page keeps what the page did); only a
  // broadcast still running becomes completed, so a pause or cancel recorded meanwhile stands.
  await deps.db
    .update(broadcasts)
    .set({
      cursor,
      // A member an earlier run of this page enrolled was never counted: that run failed
      // before this update, which is the page's last step.
      enrolled: sql`${broadcasts.enrolled} + ${members.enrolled + members.replayed}`,
      skipped: sql`${broadcasts.skipped} + ${members.skipped}`,
      ...(members.lastSkipReason ? { lastSkipReason: members.lastSkipReason } : {}),
      updatedAt: now(),
    })
    .where(eq(broadcasts.id, broadcastId));
  if (done) {
    await deps.db
      .update(broadcasts)
      .set({ status: 'completed', finishedAt: now(), updatedAt: now() })
      .where(and(eq(broadcasts.id, broadcastId), eq(broadcasts.status, 'running')));
  }
  const delayMs = Math.max(0, Math.round((page.length / row.ratePerSecond) * 1000 - (now() - startedAt)));
  return { done, paused: false, enrolled: members.enrolled, replayed: members.replayed, skipped: members.skipped, delayMs };
}

async function finish(db: Db, broadcastId: string, status: 'failed', at: number, error: string): Promise<void> {
  await db.update(broadcasts).set({ status, error, finishedAt: at, updatedAt: at }).where(eq(broadcasts.id, broadcastId));
}

/** Customers of the journey enrolled but not at their first step yet: the journeys' queue's backlog. */
async function notYetStepped(db: Db, journeyId: string): Promise<number> {
  // The partial index holds only such rows (few); by journey alone SQLite would count every
  // active customer of the journey, all those waiting included.
  const row = await db.get<{ n: number }>(
    sql`SELECT count(*) AS n FROM enrollments INDEXED BY enrollments_unstarted_idx WHERE status = 'active' AND current_node IS NULL AND journey_id = ${journeyId}`,
  );
  return Number(row?.n ?? 0);
}
