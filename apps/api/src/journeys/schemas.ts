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
    edges: z.array(z.object({ source: z.string(), sourcePort: z.string().optional(), target: z.string() }).passthrough()),
  })
  .passthrough()
  .openapi('JourneyGraph');

export const JourneyStatus = z.enum(['draft', 'active', 'paused', 'archived']);

export const JourneySummary = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    status: JourneyStatus,
    activeVersion: z.number().int().nullable(),
    draftRevision: z.number().int(),
    /** The draft differs from the live version in steps, settings or paths (layout aside); true for a never-published draft with steps. */
    hasUnpublishedChanges: z.boolean(),
    triggerEvent: z.string().nullable(),
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
  journey: JourneySummary,
}).openapi('JourneyPublishResult');

export const Version = VersionSummary.extend({ ir: z.unknown(), graph: Graph }).openapi('JourneyVersion');

export const PublishIssue = z.object({ nodeId: z.string().nullable(), path: z.string(), message: z.string() }).openapi('PublishIssue');

export const JourneyParam = z.object({ id: z.string().min(1).max(100).openapi({ param: { name: 'id', in: 'path' } }) });
