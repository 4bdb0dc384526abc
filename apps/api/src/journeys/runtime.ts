// Wires journeys into the API: the admin routes (publish with core's validator and compiler)
// and the ingestion hook that routes committed events into Temporal.
import type { Db } from '@braid/db';
import { compile, validate } from '@braid/journey';
import { BUILTIN_PACKAGE, loadInstalledNodeTypes } from '@braid/nodes/server';
import type { NodeRegistry } from '@braid/sdk';
import type { NodePackageRefusal } from '@braid/sdk/server';
import {
  createEventDispatcher,
  createRouter,
  segmentsAfterEvents,
  resumeMigrations,
  startMigration,
  startRoutingRecovery,
  startSegmentUpkeep,
  triggerKeyOf,
  type EventDispatcher,
  type IntentRef,
  type Recovery,
  type RecoveryOptions,
  type Router,
  type RoutingOutcome,
  type SegmentUpkeep,
  type SegmentUpkeepOptions,
} from '@braid/temporal';
import type { Client } from '@temporalio/client';
import type { AdminApi, AppDeps } from '../app';
import { ApiError } from '../errors';
import { nodeTypeRoutes, type NodePackage } from '../node-types/routes';
import { broadcastRoutes } from './broadcasts';
import { engagementEvents } from './engagement-events';
import { registerJourneyRoutes } from './routes';

export type JourneyRuntime = {
  /**
   * Loads the built-in and installed node types now (otherwise on first use), so the start-up
   * log lists them; a package that is missing, malformed or throws is refused with its name, its
   * type and the field at fault, and Braid runs with the others.
   */
  loadNodeTypes(): Promise<{ packages: readonly NodePackage[]; refused: readonly NodePackageRefusal[] }>;
  registerRoutes: NonNullable<AppDeps['registerRoutes']>;
  onEventsIngested: NonNullable<AppDeps['onEventsIngested']>;
  /** Opens, clicks and replies as customer events (`Email Opened`, `Message Clicked` ...). */
  onEngaged: NonNullable<AppDeps['onEngaged']>;
  router: Router | null;
  /** Durable routing: marks routed events, replays the rest (null without a Temporal client). */
  dispatcher: EventDispatcher | null;
  /**
   * Starts the background replay of routing intents and the enrollment reconciler (the API
   * process does, once); without a Temporal client there is nothing to recover.
   */
  startRecovery(options?: Partial<Pick<RecoveryOptions, 'replayEveryMs' | 'unstartedEveryMs' | 'fullSweepEveryMs' | 'graceMs'>>): Recovery | null;
  /** Starts segment upkeep (profile changes, scheduled re-evaluation, enrolment of joins); the API process does, once. */
  startSegmentUpkeep(options?: Omit<SegmentUpkeepOptions, 'db' | 'client' | 'index'>): SegmentUpkeep;
};

export type JourneyRuntimeOptions = {
  db: Db;
  /** Without a client, journeys can be edited and published but nobody enters them. */
  client: Client | null;
  /** Node types to publish against; default: built-ins plus BRAID_NODE_PACKAGES (as the worker loads them). */
  registry?: NodeRegistry;
  /** Multiplies every duration at compile time; 1 in production, small in tests. */
  timeScale?: number;
  /** Sees every routing decision (tests, logs). */
  onRouted?: (outcomes: RoutingOutcome[]) => void;
};

export function createJourneyRuntime(options: JourneyRuntimeOptions): JourneyRuntime {
  // Loaded once, like the worker's implementations: a journey using a developer's node type
  // publishes here and runs there. A missing package fails publishing with its name, not the API.
  let loaded: NodeRegistry | null = options.registry ?? null;
  let loading: Promise<NodeRegistry> | null = null;
  // Packages beyond the built-ins; a registry given in the options brings none.
  let packages: readonly NodePackage[] = [];
  let refused: readonly NodePackageRefusal[] = [];
  const nodeTypes = async (): Promise<NodeRegistry> => {
    if (loaded) return loaded;
    loading ??= loadInstalledNodeTypes().then(
      (installed) => {
        packages = installed.packages.filter((p) => p.name !== BUILTIN_PACKAGE);
        refused = installed.refused;
        return (loaded = installed.registry);
      },
      (error: unknown) => {
        loading = null;
        throw error;
      },
    );
    return loading;
  };
  const registry = (): NodeRegistry => {
    if (!loaded) throw new Error('node types are not loaded yet');
    return loaded;
  };
  const router = options.client ? createRouter({ db: options.db, client: options.client }) : null;
  const dispatcher = router ? createEventDispatcher({ db: options.db, router, onRouted: options.onRouted }) : null;
  return {
    router,
    dispatcher,
    loadNodeTypes: async () => (await nodeTypes(), { packages, refused }),
    startRecovery(recovery = {}) {
      if (!router || !dispatcher || !options.client) return null;
      // A migration committed just before a stop has no driver yet: start those still running.
      void resumeMigrations(options.db, options.client).catch((error: unknown) => console.error('[migrations] could not resume', error));
      return startRoutingRecovery({ db: options.db, client: options.client, router, dispatcher, ...recovery });
    },
    startSegmentUpkeep: (upkeep = {}) => startSegmentUpkeep({ db: options.db, client: options.client, index: router?.index ?? null, ...upkeep }),
    onEngaged: engagementEvents(options.db, router, options.onRouted, Date.now, dispatcher),
    registerRoutes(api: AdminApi) {
      api.route('/', broadcastRoutes({ db: options.db, client: options.client, router }));
      api.route('/node-types', nodeTypeRoutes({ registry: nodeTypes, packages: async () => (await nodeTypes(), packages) }));
      registerJourneyRoutes(api, {
        db: options.db,
        validateGraph: async (graph) => validate(graph, await nodeTypes()),
        compileGraph(graph, meta) {
          const result = compile(graph, registry(), { ...meta, ...(options.timeScale ? { timeScale: options.timeScale } : {}) });
          if (!result.ok) {
            // Validation passed, so this is a node type failing (a bug, often in an installed
            // package): named with its step, as a refusal the canvas can show, never a 500.
            const details = result.issues.map((i) => ({ nodeId: i.nodeId, path: i.path, field: i.nodeId ? `nodes.${i.nodeId}${i.path ? `.${i.path}` : ''}` : '', message: i.message }));
            throw new ApiError(422, 'journey_invalid', `The journey cannot be published: ${result.issues.map((i) => i.message).join('; ')}`, details);
          }
          return result.ir;
        },
        triggerKeyOf,
        onJourneyChanged: (workspaceId) => router?.index.invalidate(workspaceId),
        enroll: async (journey, customerId, properties) => {
          if (!router) return { enrolled: false, reason: 'no_runtime', detail: 'the journey runtime is not connected' };
          const published = await router.index.version(journey.journeyId, journey.version);
          if (!published) return { enrolled: false, reason: 'not_found', detail: `version ${journey.version} not found` };
          const now = Date.now();
          const result = await router.enroll({ ...journey, versionId: published.versionId, ir: published.ir }, customerId, {
            id: `manual:${journey.journeyId}:${customerId}:${now}`,
            name: '$manual',
            properties,
            timestamp: new Date(now).toISOString(),
          });
          return result.enrolled ? { enrolled: true, enrollmentId: result.enrollmentId } : result;
        },
        ...(options.client ? { startMigration: (migrationId: string) => startMigration(options.client!, migrationId) } : {}),
        onJourneyPaused: async (journeyId, paused) => {
          await router?.setPaused(journeyId, paused);
        },
      });
    },
    async onEventsIngested(events) {
      if (!router || !dispatcher) {
        // No runtime to enrol anyone: membership still follows the events (joins wait in segment_changes).
        await segmentsAfterEvents(options.db, events, { now: Date.now() }).catch((error: unknown) => console.error('[segments] membership after events failed', error));
        return;
      }
      // Until settled, the request's routing intent stays in routing_intents and is replayed.
      try {
        const outcomes = await router.routeEvents(
          events.map((e) => ({
            workspaceId: e.workspaceId,
            customerId: e.customerId,
            event: { id: e.event.id, type: e.event.type, name: e.event.name, properties: e.event.properties, timestamp: e.event.timestamp },
          })),
        );
        options.onRouted?.(outcomes);
        dispatcher.settle(intentsOf(events), outcomes);
      } catch (error) {
        // Events are stored already: a routing failure must not fail ingestion. Their intents
        // stay, and the dispatcher replays them when the lease runs out.
        console.error('[journeys] routing failed; will replay', error);
      }
    },
  };
}

/** The routing intents (one per ingestion request) these events belong to. */
function intentsOf(events: readonly { intentId?: string; event: { id: string } }[]): IntentRef[] {
  const byIntent = new Map<string, string[]>();
  for (const e of events) {
    if (!e.intentId) continue;
    const list = byIntent.get(e.intentId);
    if (list) list.push(e.event.id);
    else byIntent.set(e.intentId, [e.event.id]);
  }
  return [...byIntent].map(([intentId, eventIds]) => ({ intentId, eventIds }));
}
