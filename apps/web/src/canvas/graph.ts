// Conversion between the saved journey graph and React Flow's nodes/edges. React Flow types stay
// inside the canvas; everything saved or sent to the API is the plain graph.
import { Position } from '@xyflow/react';
import type { Edge, Node, NodeHandle } from '@xyflow/react';
import type { JourneyGraph } from '../api/types';
import { hasInput, portsOf } from '../catalog/registry';

export type JourneyNodeData = { typeId: string; typeVersion: number; config: unknown; label?: string };
export type JourneyFlowNode = Node<JourneyNodeData, 'journey'>;
export type JourneyFlowEdge = Edge;

/** Card size before measuring: nodes show at once instead of waiting for the browser to measure 500 of them. */
export const CARD_SIZE = { initialWidth: 220, initialHeight: 64 } as const;
const HANDLE = 10;

/**
 * Where a card's handles will be, before the browser measures them, so edges are drawn with
 * the cards instead of a measuring pass later; React Flow replaces them with measured bounds.
 */
export function estimatedHandles(typeId: string, config: unknown): NodeHandle[] {
  const { initialWidth: w, initialHeight: h } = CARD_SIZE;
  const ports = portsOf(typeId, config);
  const handles: NodeHandle[] = ports.map((p, i) => ({
    id: p.id,
    type: 'source',
    position: Position.Bottom,
    x: ((i + 1) / (ports.length + 1)) * w - HANDLE / 2,
    y: h - HANDLE / 2,
    width: HANDLE,
    height: HANDLE,
  }));
  if (hasInput(typeId)) handles.push({ id: 'in', type: 'target', position: Position.Top, x: w / 2 - HANDLE / 2, y: -HANDLE / 2, width: HANDLE, height: HANDLE });
  return handles;
}

export function toFlowNodes(graph: JourneyGraph): JourneyFlowNode[] {
  return graph.nodes.map((n) => ({
    id: n.id,
    type: 'journey',
    ...CARD_SIZE,
    handles: estimatedHandles(n.type, n.config),
    position: { ...n.position },
    data: { typeId: n.type, typeVersion: n.typeVersion, config: n.config, ...(n.label !== undefined ? { label: n.label } : {}) },
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
      ...(n.data.label !== undefined ? { label: n.data.label } : {}),
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
