// Events Braid makes itself (a shop's webhook, a POS sale, a staff task's outcome), stored and
// routed exactly like those that arrive on /v1: same dedupe, identity resolution, routing intent.
import type { Db } from '@braid/db';
import type { ParsedEvent } from './schema';
import { storeEvents, type IngestedEvent } from './store';

export type OnEventsIngested = (events: IngestedEvent[]) => Promise<void> | void;

/** The events newly stored (a messageId seen before stores nothing and returns []). */
export async function recordEvents(
  db: Db,
  onEventsIngested: OnEventsIngested | undefined,
  workspaceId: string,
  parsed: ParsedEvent[],
  receivedAt = Date.now(),
): Promise<IngestedEvent[]> {
  const stored = await storeEvents(db.$client, workspaceId, parsed, null, receivedAt);
  if (stored.length > 0 && onEventsIngested) {
    // Committed already; a failing subscriber is logged (the durable routing intent replays it).
    try {
      await onEventsIngested(stored);
    } catch (error) {
      console.error('[ingest] onEventsIngested failed', error);
    }
  }
  return stored;
}
