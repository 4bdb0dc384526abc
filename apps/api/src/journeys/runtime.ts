// Wires journeys into the API: the admin routes (publish with core's validator and compiler)
// and the ingestion hook that routes committed events into Temporal.
import type { Db } from '@braid/db';
import { compile, validate } from '@braid/journey';
import { builtinRegistry } from '@braid/nodes';
import type { NodeRegistry } from '@braid/sdk';
import { createRouter, triggerKeyOf, type Router, type RoutingOutcome } from '@braid/temporal';
import type { Client } from '@temporalio/client';
import type { AdminApi, AppDeps } from '../app';
import { registerJourneyRoutes } from './routes';

export type JourneyRuntime = {
  registerRoutes: NonNullable<AppDeps['registerRoutes']>;
  onEventsIngested: NonNullable<AppDeps['onEventsIngested']>;
  router: Router | null;
};

export type JourneyRuntimeOptions = {
  db: Db;
  /** Without a client, journeys can be edited and published but nobody enters them. */
  client: Client | null;
  registry?: NodeRegistry;
  /** Multiplies every duration at compile time; 1 in production, small in tests. */
  timeScale?: number;
  /** Sees every routing decision (tests, logs). */
  onRouted?: (outcomes: RoutingOutcome[]) => void;
};

export function createJourneyRuntime(options: JourneyRuntimeOptions): JourneyRuntime {
  const registry = options.registry ?? builtinRegistry;
  const router = options.client ? createRouter({ db: options.db, client: options.client }) : null;
  return {
    router,
    registerRoutes(api: AdminApi) {
      registerJourneyRoutes(api, {
        db: options.db,
        validateGraph: (graph) => validate(graph, registry),
        compileGraph(graph, meta) {
          const result = compile(graph, registry, { ...meta, ...(options.timeScale ? { timeScale: options.timeScale } : {}) });
          if (!result.ok) throw new Error(`compile refused a validated graph: ${result.issues.map((i) => i.message).join('; ')}`);
          return result.ir;
        },
        triggerKeyOf,
        onJourneyChanged: (workspaceId) => router?.index.invalidate(workspaceId),
        onJourneyPaused: async (journeyId, paused) => {
          await router?.setPaused(journeyId, paused);
        },
      });
    },
    async onEventsIngested(events) {
      if (!router) return;
      try {
        const outcomes = await router.routeEvents(
          events.map((e) => ({
            workspaceId: e.workspaceId,
            customerId: e.customerId,
            event: { id: e.event.id, type: e.event.type, name: e.event.name, properties: e.event.properties, timestamp: e.event.timestamp },
          })),
        );
        options.onRouted?.(outcomes);
      } catch (error) {
        // Events are stored already: a routing failure must not fail ingestion.
        console.error('[journeys] routing failed', error);
      }
    },
  };
}
