// The graph is what the canvas saves: nodes with type, type version, config and position,
// and edges leaving a named port. Drafts are graphs; publishing compiles a graph to IR.
import type { LocalText } from '@braid/sdk';
import { z } from 'zod';

// Step ids become keys of plain objects in the IR and the interpreter state.
const RESERVED_IDS = new Set(['__proto__', 'constructor', 'prototype']);

export const graphNodeSchema = z.object({
  id: z
    .string()
    .min(1, { error: 'Every step needs an id' })
    .refine((id) => !RESERVED_IDS.has(id), { error: 'This step id is reserved: rename the step' })
    .describe('Unique within the journey; edges and the step log refer to it'),
  type: z.string().min(1, { error: 'Every step needs a type' }).describe('Node type id, e.g. `trigger-event`, `wait-delay`, `send-message` (GET /api/node-types lists them)'),
  typeVersion: z.number().int().min(0).describe('Version of the node type the config was written for; older configs are migrated'),
  config: z.unknown().describe('The step’s settings, checked against the node type’s own schema'),
  position: z.object({ x: z.number(), y: z.number() }).describe('Where the card sits on the canvas'),
  /** Optional marketer-given name shown on the card instead of the summary. */
  label: z.string().optional(),
});

export const graphEdgeSchema = z.object({
  id: z.string().min(1).describe('Unique within the journey'),
  source: z.string().min(1).describe('Id of the step the path leaves'),
  sourcePort: z.string().min(1).describe('Which of its paths (`out`, or e.g. `yes` / `no` of a condition)'),
  target: z.string().min(1).describe('Id of the next step'),
});

export const journeyGraphSchema = z.object({
  nodes: z.array(graphNodeSchema),
  edges: z.array(graphEdgeSchema),
});

export type GraphNode = z.output<typeof graphNodeSchema>;
export type GraphEdge = z.output<typeof graphEdgeSchema>;
export type JourneyGraph = z.output<typeof journeyGraphSchema>;

/** Longest step name: it is read on a card, in lists and in traces. */
export const MAX_STEP_NAME = 80;

/** A problem in a journey, in words a marketer understands. `nodeId` is null for journey-wide issues. */
export type JourneyIssue = {
  nodeId: string | null;
  /** Config field path (`subject`, `where.0.value`); `''` for the node as a whole; `edges.3` for an edge. */
  path: string;
  /** In English: logs, API clients and tests read this. */
  message: string;
  /**
   * The message in every UI language. Node types declare theirs; the journey-wide rules word
   * theirs here. Absent only on issues made outside this package.
   */
  text?: LocalText;
  /** Stable machine code for the canvas (highlighting, docs links). */
  code: IssueCode;
};

export type IssueCode =
  | 'invalid-graph'
  | 'duplicate-id'
  | 'unknown-node-type'
  | 'invalid-config'
  | 'node-rule'
  | 'missing-trigger'
  | 'extra-trigger'
  | 'extra-goal'
  | 'bad-edge'
  | 'unconnected-port'
  | 'unreachable'
  | 'cycle-without-wait'
  | 'unknown-variable'
  | 'template-syntax'
  | 'duplicate-step-name'
  | 'step-name-too-long'
  | 'internal';
