// Request and response shapes of the journeys API.
import { z } from '@hono/zod-openapi';

/** A canvas graph as saved: core's validator checks it in depth on publish. */
export const Graph = z
  .object({
    nodes: z.array(
      z.object({
        id: z.string().min(1),
        type: z.string().min(1),
        typeVersion: z.number().int().optional(),
        config: z.unknown(),
        position: z.object({ x: z.number(), y: z.number() }).optional(),
      }).passthrough(),
    ),
    edges: z.array(z.object({ id: z.string().min(1), source: z.string(), sourcePort: z.string().optional(), target: z.string() }).passthrough()),
  })
  .passthrough()
  .openapi('JourneyGraph');

export const JourneyStatus = z.enum(['draft', 'active', 'paused', 'archived']);

export const JourneySummary = z
  .object({
    id: z.string(),
    name: z.string(),
    /** Stable, workspace-unique slug journey files and the `braid` CLI address the journey by; null only for rows written outside the API. */
    key: z.string().nullable(),
    description: z.string(),
    status: JourneyStatus,
    activeVersion: z.number().int().nullable(),
    draftRevision: z.number().int(),
    /** The draft differs from the live version in steps, settings or paths (layout aside); true for a never-published draft with steps. */
    hasUnpublishedChanges: z.boolean(),
    triggerEvent: z.string().nullable(),
    /** Entry window (ms since epoch): no customer enters before startsAt or from endsAt on; null is open-ended. */
    startsAt: z.number().int().nullable(),
    endsAt: z.number().int().nullable(),
    /** Who edited last, as a teammate recognises them (name <email>, or the API key's name). */
    updatedByName: z.string().nullable(),
    createdAt: z.number().int(),
    updatedAt: z.number().int(),
  })
  .openapi('JourneySummary');

export const Journey = JourneySummary.extend({ draftGraph: Graph, createdBy: z.string().nullable(), updatedBy: z.string().nullable() }).openapi(
  'Journey',
);

export const VersionSummary = z
  .object({
    id: z.string(),
    version: z.number().int(),
    /** The actor id that published it. */
    author: z.string().nullable(),
    /** The author as a teammate recognises them: name <email>, or the API key's name. */
    authorName: z.string().nullable(),
    note: z.string(),
    createdAt: z.number().int(),
  })
  .openapi('JourneyVersionSummary');

/** 201 with a new version, or 200 with `unchanged: true` and the live version when there was nothing to publish. */
export const PublishResult = VersionSummary.extend({
  unchanged: z.boolean(),
  /** The migration moving customers of older versions to this one (null: everyone stays). */
  migrationId: z.string().nullable().optional(),
  journey: JourneySummary,
}).openapi('JourneyPublishResult');

export const Version = VersionSummary.extend({ ir: z.unknown(), graph: Graph }).openapi('JourneyVersion');

export const PublishIssue = z.object({ nodeId: z.string().nullable(), path: z.string(), message: z.string() }).openapi('PublishIssue');

export const JourneyParam = z.object({ id: z.string().min(1).max(100).openapi({ param: { name: 'id', in: 'path' } }) });

const StepRef = z.object({ nodeId: z.string(), type: z.string() });
/** Values are the stored config values; the canvas words them with the node type's form hints. */
export const GraphDiffSchema = z
  .object({
    added: z.array(StepRef),
    removed: z.array(StepRef),
    changed: z.array(
      StepRef.extend({
        typeBefore: z.string().optional(),
        fields: z.array(z.object({ field: z.string().openapi({ description: 'Top-level config field; `$label` is the step name' }), before: z.unknown(), after: z.unknown() })),
      }),
    ),
    rewired: z.array(z.object({ nodeId: z.string(), port: z.string(), before: z.array(z.string()), after: z.array(z.string()) })),
    same: z.boolean(),
  })
  .openapi('JourneyGraphDiff');

export const InFlight = z
  .object({
    customers: z.number().int(),
    versions: z.array(
      z.object({
        version: z.number().int(),
        customers: z.number().int(),
        /** By step; `nodeId` null: entered, first step not recorded yet. */
        waiting: z.array(z.object({ nodeId: z.string().nullable(), customers: z.number().int() })),
      }),
    ),
  })
  .openapi('JourneyInFlight');

const ForecastFigures = z.object({
  customers: z.number().int(),
  conversions: z.number().int(),
  conversionRate: z.number(),
  medianTimeToConvertMs: z.number().nullable(),
  stillInJourney: z.number().int(),
  perNode: z.array(z.object({ nodeId: z.string(), customers: z.number().int() })),
});

export const PublishForecast = z
  .object({
    assumptions: z.object({ customers: z.number().int(), eventRatePerDay: z.number(), horizonDays: z.number().int() }),
    next: ForecastFigures,
    live: ForecastFigures.nullable(),
  })
  .openapi('JourneyPublishForecast');
