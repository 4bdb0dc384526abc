// What the journeys API needs from the rest of the system, injected by main.ts.
import type { Db } from '@braid/db';
import type { Json, JourneyIR } from '@braid/sdk';

export type PublishIssue = { nodeId: string | null; path: string; message: string };

export type JourneyRouteDeps = {
  db: Db;
  /** Every problem with a graph, in words a marketer understands (core's validator). */
  validateGraph(graph: unknown): PublishIssue[] | Promise<PublishIssue[]>;
  /** A valid graph compiled into the IR of version `version` (core's compiler); called after validateGraph. */
  compileGraph(graph: unknown, meta: { journeyId: string; version: number }): JourneyIR;
  /** The routing key stored in journeys.trigger_event. */
  triggerKeyOf(ir: JourneyIR): string | null;
  /** Called after publish, pause, resume and archive, so routing drops its cached triggers. */
  onJourneyChanged?(workspaceId: string, journeyId: string): void;
  /** Enrols one customer into the active version now (manual triggers). */
  enroll?(journey: { workspaceId: string; journeyId: string; version: number }, customerId: string, properties: Record<string, Json>): Promise<{ enrolled: true; enrollmentId: string } | { enrolled: false; reason: string; detail: string }>;
  /** Starts the durable driver of a committed migration (moves customers of older versions). */
  startMigration?(migrationId: string): Promise<void>;
  /** Holds (paused) or releases the customers already inside the journey. */
  onJourneyPaused?(journeyId: string, paused: boolean): Promise<void>;
};
