// Conversion between the saved journey graph and React Flow's nodes/edges. React Flow types stay
// inside the canvas; everything saved or sent to the API is the plain graph.
import { Position } from '@xyflow/react';
import type { Edge, Node, NodeHandle } from '@xyflow/react';
import type { JourneyGraph } from '../api/types';
import { hasInput, portsOf } from '../catalog/registry';

export type JourneyNodeData = { typeId: string; typeVersion: number; config: unknown; label?: string };
export type JourneyFlowNode = Node<JourneyNodeData, 'journey'>;
export type JourneyFlowEdge = Edge;

/** Card width: ports sit in equal cells along the bottom, each wide enough for its label. */
export const CARD_WIDTH = 240;
const PORT_CELL = 96;
const HANDLE = 10;

export function cardWidth(portCount: number): number {
  return Math.max(CARD_WIDTH, portCount * PORT_CELL);
}

/** Card size before measuring: nodes show at once instead of waiting for the browser to measure 500 of them. */
export function cardSize(typeId: string, config: unknown): { initialWidth: number; initialHeight: number } {
  const ports = portsOf(typeId, config).length;
  // Name, type, two summary lines; a row of port labels when there is a choice of paths.
  return { initialWidth: cardWidth(ports), initialHeight: ports > 1 ? 118 : 96 };
}

/** Where port `i` of `n` sits along the bottom edge, as a fraction of the width: the middle of its cell. */
export function portFraction(i: number, n: number): number {
  return (i + 0.5) / n;
}

/**
 * Where a card's handles will be, before the browser measures them, so edges are drawn with
 * the cards instead of a measuring pass later; React Flow replaces them with measured bounds.
 */
export function estimatedHandles(typeId: string, config: unknown): NodeHandle[] {
  const { initialWidth: w, initialHeight: h } = cardSize(typeId, config);
  const ports = portsOf(typeId, config);
  const handles: NodeHandle[] = ports.map((p, i) => ({
    id: p.id,
    type: 'source',
    position: Position.Bottom,
    x: portFraction(i, ports.length) * w - HANDLE / 2,
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
    ...cardSize(n.type, n.config),
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
