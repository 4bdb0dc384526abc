// Shapes the web app reads from the admin API. Kept tolerant (optional fields) because the
// journeys API is built in parallel; the normalisers in journeys.ts map the wire format here.
export type GraphNode = {
  id: string;
  type: string;
  typeVersion: number;
  config: unknown;
  position: { x: number; y: number };
  /** A name given to the step (templates, journeys as code); kept through every save. */
  label?: string;
};
export type GraphEdge = { id: string; source: string; sourcePort: string; target: string };
export type JourneyGraph = { nodes: GraphNode[]; edges: GraphEdge[] };

export type JourneyStatus = 'draft' | 'active' | 'paused' | 'archived';

export type JourneySummary = {
  id: string;
  name: string;
  description: string;
  status: JourneyStatus;
  activeVersion: number | null;
  entered: number | null;
  converted: number | null;
  updatedAt: string | number | null;
  updatedBy: string | null;
  /** Live, and the draft differs from what customers get (computed by the server). */
  hasUnpublishedChanges: boolean;
  /** Entry window, ms since epoch; null is open-ended. */
  startsAt?: number | null;
  endsAt?: number | null;
};

export type Journey = JourneySummary & { draftGraph: JourneyGraph; draftRevision: number };

export type JourneyVersion = {
  version: number;
  note: string;
  author: string | null;
  createdAt: string | number | null;
  graph?: JourneyGraph;
};

/** `text` carries both languages when a node type worded the problem (its schema or validate). */
export type ValidationIssue = { nodeId: string | null; path: (string | number)[] | string; message: string; text?: { vi: string; en: string } };

export type NodeStats = { nodeId: string; entered: number; waiting: number; exited: number; converted: number };

export type CustomerRef = { id: string; name: string | null; email: string | null; phone: string | null };

export type Customer = CustomerRef & { traits: Record<string, unknown> };

export type TraceStep = { nodeId: string; outcome: string; reason: string | null; at: string | number };
export type TraceMessage = { nodeId: string | null; channel: string; status: string; subject: string | null; body: string | null; error: string | null };
/** The latest enrollment of a customer in a journey: path taken and messages sent. */
/** `temporalUrl`: the customer's workflow in the Temporal Web UI; null when the server knows no UI. */
export type Trace = { version: number | null; status: string; temporalUrl: string | null; steps: TraceStep[]; messages: TraceMessage[] };

export type OutboxMessage = {
  id: string;
  customerId: string | null;
  channel: string;
  to: string | null;
  subject: string | null;
  body: string;
  status: string;
  createdAt: string | number | null;
  journeyId: string | null;
  nodeId: string | null;
};

export type TemplateInfo = { id: string; name: string; description: string };

export type Me = { id: string; email: string; name: string | null; workspaceName: string | null; timezone: string | null; role?: string | null; publishNeedsApproval?: boolean; language?: 'vi' | 'en' | null };
