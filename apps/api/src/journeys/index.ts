// Journeys and the node catalogue, mounted on the authenticated /api app through
// `registerRoutes`; plus the ingestion hook that routes events into journeys.
export type { JourneyRouteDeps, PublishIssue } from './deps';
export { registerJourneyRoutes } from './routes';
export { createJourneyRuntime, type JourneyRuntime, type JourneyRuntimeOptions } from './runtime';
