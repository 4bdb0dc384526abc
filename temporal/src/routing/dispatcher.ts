// Durable routing. Ingestion commits the events of a request together with one routing intent
// (a row of `routing_intents` naming them). The process that ingested them routes them at once
// and then deletes the intent; if it dies first, or Temporal is away, the intent outlives its
// lease and this dispatcher replays it (on start, then every few seconds, from any API process).
// Routing is idempotent: the workflow ignores an event id it has seen, and an entry event enrols
// a customer into a journey at most once.
import { eq, events, inArray, routingIntents, sql } from '@braid/db';
import type { Db } from '@braid/db';
import { needsRetry, type RoutableEvent, type Router, type RoutingOutcome } from './route-events';

export type DispatchReport = { replayed: number; retrying: number; missing: number };

/** An intent as the ingesting process holds it: its row id and the events it names. */
export type IntentRef = { intentId: string; eventIds: readonly string[] };

export type EventDispatcher = {
  /** After the inline routing of freshly ingested events: done intents go (batched), the rest wait for a replay. */
  settle(intents: readonly IntentRef[], outcomes: readonly RoutingOutcome[]): void;
  /** Routes every intent whose lease ran out (`all`: every intent, as on start). */
  replayDue(options?: { all?: boolean }): Promise<DispatchReport>;
  /** Writes the pending "done" marks now (tests, shutdown). */
  flush(): Promise<void>;
  /** How many events are waiting to be routed (ops, tests). */
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
  const batchSize = options.batchSize ?? 50;
  const leaseMs = options.leaseMs ?? 60_000;
  const settleDelayMs = options.settleDelayMs ?? 100;
  let done: string[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  let flushing: Promise<void> = Promise.resolve();

  async function deleteDone(ids: string[]): Promise<void> {
    for (let i = 0; i < ids.length; i += 500) {
      await db.delete(routingIntents).where(inArray(routingIntents.id, ids.slice(i, i + 500)));
    }
  }

  function flush(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = null;
    const ids = done;
    done = [];
    if (ids.length > 0) {
      // A failed delete only means the events are routed once more later: harmless, so logged.
      flushing = flushing.then(() => deleteDone(ids)).catch((error: unknown) => console.error('[routing] could not mark events routed', error));
    }
    return flushing;
  }

  function failedEvents(outcomes: readonly RoutingOutcome[]): Set<string> {
    const failed = new Set<string>();
    for (const o of outcomes) if (needsRetry(o)) failed.add(o.eventId);
    return failed;
  }

  /** An intent with some events still to route keeps only those, and waits `delayMs`. */
  async function keepFailed(intentId: string, eventIds: string[], delayMs: number, error: string): Promise<void> {
    await db
      .update(routingIntents)
      .set({ eventIds, availableAt: now() + delayMs, lastError: error.slice(0, 500) })
      .where(eq(routingIntents.id, intentId));
  }

  return {
    settle(intents, outcomes) {
      const failed = failedEvents(outcomes);
      for (const intent of intents) {
        const left = intent.eventIds.filter((id) => failed.has(id));
        if (left.length === 0) done.push(intent.intentId);
        else {
          // Rare (Temporal away): narrowed now, replayed when the lease runs out.
          void keepFailed(intent.intentId, left, leaseMs, 'inline routing failed').catch((e: unknown) => console.error('[routing] could not narrow an intent', e));
        }
      }
      if (done.length >= 500) void flush();
      else if (!timer && done.length > 0) timer = setTimeout(() => void flush(), settleDelayMs);
    },

    async replayDue({ all = false } = {}) {
      const report: DispatchReport = { replayed: 0, retrying: 0, missing: 0 };
      // On start (`all`) the leases of a process that died are not waited for. The horizon is
      // fixed for the whole call, so an intent claimed in this call is not claimed again by it.
      const horizon = now() + (all ? leaseMs : 1);
      // Bounded: a long outage's backlog drains over several rounds instead of one huge one.
      for (let round = 0; round < 50; round++) {
        const at = now();
        // Claim atomically (one statement), so two API processes never replay the same intents at once.
        const claimed = await db.all<{ id: string; event_ids: string; attempts: number }>(sql`
          UPDATE routing_intents SET available_at = ${at + leaseMs}, attempts = attempts + 1
          WHERE id IN (SELECT id FROM routing_intents WHERE available_at < ${horizon} ORDER BY available_at LIMIT ${batchSize})
          RETURNING id, event_ids, attempts`);
        if (claimed.length === 0) break;
        const intents = claimed.map((c) => ({ id: c.id, attempts: c.attempts, eventIds: JSON.parse(c.event_ids) as string[] }));
        const ids = intents.flatMap((i) => i.eventIds);
        const rows = [];
        for (let i = 0; i < ids.length; i += 500) {
          rows.push(
            ...(await db
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
              .where(inArray(events.id, ids.slice(i, i + 500)))),
          );
        }
        report.missing += ids.length - rows.length;
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
        const cleared: string[] = [];
        for (const intent of intents) {
          // Events that no longer exist (deleted with their customer) have nothing to route.
          const left = intent.eventIds.filter((id) => failed.has(id));
          if (left.length === 0) cleared.push(intent.id);
          else await keepFailed(intent.id, left, retryDelayMs(intent.attempts), error);
        }
        await deleteDone(cleared);
        report.replayed += rows.length - failed.size;
        report.retrying += failed.size;
        if (failed.size > 0 && failed.size === rows.length) break; // Temporal is away: wait for the next tick.
        if (claimed.length < batchSize) break;
      }
      return report;
    },

    flush,

    async pending() {
      const [row] = await db.all<{ n: number | null }>(sql`SELECT sum(json_array_length(event_ids)) AS n FROM routing_intents`);
      return Number(row?.n ?? 0);
    },
  };
}

