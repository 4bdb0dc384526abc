// Durable routing. Ingestion commits each event together with its routing intent (a row of
// `event_routing`). The process that ingested the event routes it at once and then deletes the
// row; if it dies first, or Temporal is away, the row outlives its lease and this dispatcher
// replays it (on start, then every few seconds, from any API process). Routing is idempotent:
// the workflow ignores an event id it has seen, and an entry event enrols into a journey once.
import { eventRouting, events, inArray, lte, sql } from '@braid/db';
import type { Db } from '@braid/db';
import { needsRetry, type RoutableEvent, type Router, type RoutingOutcome } from './route-events';

export type DispatchReport = { replayed: number; retrying: number; missing: number };

export type EventDispatcher = {
  /** After the inline routing of freshly ingested events: done rows go (batched), the rest wait for a replay. */
  settle(eventIds: readonly string[], outcomes: readonly RoutingOutcome[]): void;
  /** Routes every intent whose lease ran out (`all`: every intent, as on start). */
  replayDue(options?: { all?: boolean }): Promise<DispatchReport>;
  /** Writes the pending "done" marks now (tests, shutdown). */
  flush(): Promise<void>;
  /** How many intents are waiting (ops, tests). */
  pending(): Promise<number>;
};

export type DispatcherOptions = {
  db: Db;
  router: Router;
  now?: () => number;
  /** Intents claimed per replay round. */
  batchSize?: number;
  /** Lease a replaying dispatcher takes on a claimed intent. */
  leaseMs?: number;
  /** Routed intents are deleted in batches, this long after the first one (fewer write transactions). */
  settleDelayMs?: number;
  onRouted?: (outcomes: RoutingOutcome[]) => void;
};

/** Retry backoff of an intent that failed `attempts` times: 5 s, 10 s ... at most 5 min. */
export const retryDelayMs = (attempts: number): number => Math.min(300_000, 5_000 * 2 ** Math.max(0, attempts - 1));

export function createEventDispatcher(options: DispatcherOptions): EventDispatcher {
  const { db, router } = options;
  const now = options.now ?? Date.now;
  const batchSize = options.batchSize ?? 200;
  const leaseMs = options.leaseMs ?? 60_000;
  const settleDelayMs = options.settleDelayMs ?? 100;
  let done: string[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  let flushing: Promise<void> = Promise.resolve();

  async function deleteDone(ids: string[]): Promise<void> {
    for (let i = 0; i < ids.length; i += 500) {
      await db.delete(eventRouting).where(inArray(eventRouting.eventId, ids.slice(i, i + 500)));
    }
  }

  function flush(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = null;
    const ids = done;
    done = [];
    if (ids.length > 0) {
      // A failed delete only means the event is routed once more later: harmless, so logged.
      flushing = flushing.then(() => deleteDone(ids)).catch((error: unknown) => console.error('[routing] could not mark events routed', error));
    }
    return flushing;
  }

  function failedEvents(outcomes: readonly RoutingOutcome[]): Set<string> {
    const failed = new Set<string>();
    for (const o of outcomes) if (needsRetry(o)) failed.add(o.eventId);
    return failed;
  }

  return {
    settle(eventIds, outcomes) {
      const failed = failedEvents(outcomes);
      for (const id of eventIds) if (!failed.has(id)) done.push(id);
      if (done.length >= 500) void flush();
      else if (!timer && done.length > 0) timer = setTimeout(() => void flush(), settleDelayMs);
    },

    async replayDue({ all = false } = {}) {
      const report: DispatchReport = { replayed: 0, retrying: 0, missing: 0 };
      // On start (`all`) the leases of a process that died are not waited for. The horizon is
      // fixed for the whole call, so a row claimed in this call is not claimed again by it.
      const horizon = now() + (all ? leaseMs : 1);
      // Bounded: a long outage's backlog drains over several rounds instead of one huge one.
      for (let round = 0; round < 50; round++) {
        const at = now();
        // Claim atomically (one statement), so two API processes never replay the same rows at once.
        const claimed = await db.all<{ event_id: string; attempts: number }>(sql`
          UPDATE event_routing SET available_at = ${at + leaseMs}, attempts = attempts + 1
          WHERE event_id IN (
            SELECT event_id FROM event_routing WHERE available_at < ${horizon} ORDER BY available_at LIMIT ${batchSize})
          RETURNING event_id, attempts`);
        if (claimed.length === 0) break;
        const ids = claimed.map((r) => r.event_id);
        const rows = await db
          .select({
            id: events.id,
            workspaceId: events.workspaceId,
            customerId: events.customerId,
            type: events.type,
            name: events.name,
            properties: events.properties,
            timestamp: events.timestamp,
          })
          .from(events)
          .where(inArray(events.id, ids));
        const found = new Set(rows.map((r) => r.id));
        const gone = ids.filter((id) => !found.has(id));
        report.missing += gone.length;
        // Oldest first, so one customer's events keep their order.
        rows.sort((a, b) => a.timestamp - b.timestamp || (a.id < b.id ? -1 : 1));
        const routable: RoutableEvent[] = rows.map((r) => ({
          workspaceId: r.workspaceId,
          customerId: r.customerId,
          event: { id: r.id, type: r.type, name: r.name, properties: r.properties, timestamp: r.timestamp },
          replay: true,
        }));
        let failed: Set<string>;
        let error = '';
        try {
          const outcomes = await router.routeEvents(routable);
          options.onRouted?.(outcomes);
          failed = failedEvents(outcomes);
          const first = outcomes.find(needsRetry);
          error = first && 'detail' in first ? first.detail : '';
        } catch (e) {
          failed = new Set(rows.map((r) => r.id));
          error = e instanceof Error ? e.message : String(e);
        }
        await deleteDone([...gone, ...rows.filter((r) => !failed.has(r.id)).map((r) => r.id)]);
        report.replayed += rows.length - failed.size;
        report.retrying += failed.size;
        for (const row of claimed.filter((r) => failed.has(r.event_id))) {
          await db.run(sql`
            UPDATE event_routing SET available_at = ${now() + retryDelayMs(row.attempts)}, last_error = ${error.slice(0, 500)}
            WHERE event_id = ${row.event_id}`);
        }
        if (failed.size > 0 && failed.size === rows.length) break; // Temporal is away: wait for the next tick.
        if (claimed.length < batchSize) break;
      }
      return report;
    },

    flush,

    async pending() {
      const [row] = await db.all<{ n: number }>(sql`SELECT count(*) AS n FROM event_routing`);
      return Number(row?.n ?? 0);
    },
  };
}

/** Rows due now, used by health and bench output. */
export async function routingBacklog(db: Db, at: number = Date.now()): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)` }).from(eventRouting).where(lte(eventRouting.availableAt, at));
  return Number(row?.n ?? 0);
}
