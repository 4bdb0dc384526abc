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
    triggerEvent: z.string().nullable(),
    createdAt: z.number().int(),
    updatedAt: z.number().int(),
  })
  .openapi('JourneySummary');

export const Journey = JourneySummary.extend({ draftGraph: Graph, createdBy: z.string().nullable(), updatedBy: z.string().nullable() }).openapi(
  'Journey',
);

export const VersionSummary = z
  .object({ id: z.string(), version: z.number().int(), author: z.string().nullable(), note: z.string(), createdAt: z.number().int() })
  .openapi('JourneyVersionSummary');

export const Version = VersionSummary.extend({ ir: z.unknown(), graph: Graph }).openapi('JourneyVersion');

export const PublishIssue = z.object({ nodeId: z.string().nullable(), path: z.string(), message: z.string() }).openapi('PublishIssue');

export const JourneyParam = z.object({ id: z.string().min(1).max(100).openapi({ param: { name: 'id', in: 'path' } }) });
