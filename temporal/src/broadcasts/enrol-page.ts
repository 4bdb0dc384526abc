// The broadcast's one activity: enrol the next page of the segment's members after the row's
// cursor, then move the cursor and counts forward. Re-running a page (a retry after a crash)
// enrols nobody twice: each member enters with an entry id unique to the broadcast, and a
// replayed entry finds the enrollment it made.
import { and, asc, broadcasts, eq, gt, segmentMembers, sql } from '@braid/db';
import type { Db } from '@braid/db';
import { enrollCustomer } from '../routing/enroll';
import { broadcastEntryId, type BroadcastPage } from '../workflows/broadcast-contract';
import type { BroadcastDeps } from './control';

/** Members per page; a page is one activity, so it stays well inside its timeout. */
export const BROADCAST_PAGE = 200;
/** Members enrolled at once within a page. */
const CONCURRENCY = 16;

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

  let enrolled = 0;
  let skipped = 0;
  let lastSkipReason: string | null = null;
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(CONCURRENCY, page.length) }, async () => {
      while (next < page.length) {
        const { customerId } = page[next++]!;
        const at = now();
        const result = await enrollCustomer(
          deps,
          journey,
          customerId,
          { id: broadcastEntryId(broadcastId, customerId), name: '$broadcast', properties: { broadcastId }, timestamp: new Date(at).toISOString() },
          { replay: true },
        );
        if (result.enrolled) {
          if (!result.replayed) enrolled++;
        } else if (result.reason === 'startFailed') {
          // Temporal is away: fail the attempt, the activity's retry redoes the page.
          throw new Error(`could not start a journey for ${customerId}: ${result.detail}`);
        } else {
          skipped++;
          lastSkipReason = `${result.reason}: ${result.detail}`;
        }
      }
    }),
  );
  const done = page.length < BROADCAST_PAGE;
  const cursor = page.length > 0 ? page[page.length - 1]!.customerId : row.cursor;
  // Counts and cursor always move (a pause during the page keeps what the page did); only a
  // broadcast still running becomes completed, so a pause or cancel recorded meanwhile stands.
  await deps.db
    .update(broadcasts)
    .set({
      cursor,
      enrolled: sql`${broadcasts.enrolled} + ${enrolled}`,
      skipped: sql`${broadcasts.skipped} + ${skipped}`,
      ...(lastSkipReason ? { lastSkipReason } : {}),
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
  return { done, paused: false, enrolled, skipped, delayMs };
}

async function finish(db: Db, broadcastId: string, status: 'failed', at: number, error: string): Promise<void> {
  await db.update(broadcasts).set({ status, error, finishedAt: at, updatedAt: at }).where(eq(broadcasts.id, broadcastId));
}
