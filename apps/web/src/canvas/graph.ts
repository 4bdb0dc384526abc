// Conversion between the saved journey graph and React Flow's nodes/edges. React Flow types stay
// inside the canvas; everything saved or sent to the API is the plain graph.
import type { Edge, Node } from '@xyflow/react';
import type { JourneyGraph } from '../api/types';

export type JourneyNodeData = { typeId: string; typeVersion: number; config: unknown };
export type JourneyFlowNode = Node<JourneyNodeData, 'journey'>;
export type JourneyFlowEdge = Edge;

/** Card size before measuring: nodes show at once instead of waiting for the browser to measure 500 of them. */
export const CARD_SIZE = { initialWidth: 220, initialHeight: 64 } as const;

export function toFlowNodes(graph: JourneyGraph): JourneyFlowNode[] {
  return graph.nodes.map((n) => ({
    id: n.id,
    type: 'journey',
    ...CARD_SIZE,
    position: { ...n.position },
    data: { typeId: n.type, typeVersion: n.typeVersion, config: n.config },
  }));
}

export function toFlowEdges(graph: JourneyGraph): JourneyFlowEdge[] {
  return graph.edges.map((e) => ({ id: e.id, source: e.source, sourceHandle: e.sourcePort, target: e.target }));
}

export function fromFlow(nodes: readonly JourneyFlowNode[], edges: readonly JourneyFlowEdge[]): JourneyGraph {
  return {
    nodes: nodes.map((n) => ({
      id: n.id,
      type: n.data.typeId,
      typeVersion: n.data.typeVersion,
      config: n.data.config,
      position: { x: Math.round(n.position.x), y: Math.round(n.position.y) },
    })),
    edges: edges.map((e) => ({ id: e.id, source: e.source, sourcePort: e.sourceHandle ?? 'out', target: e.target })),
  };
}

function randomSuffix(): string {
  return Math.random().toString(36).slice(2, 8);
}

export function newNodeId(typeId: string): string {
  return `${typeId}-${randomSuffix()}`;
}

export function newEdgeId(): string {
  return `e-${randomSuffix()}${randomSuffix()}`;
}
