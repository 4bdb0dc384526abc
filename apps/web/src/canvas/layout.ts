// Top-down layered layout of a journey by elkjs: each path leaves its step from the port it
// belongs to, where its handle is on the card, so "Có" / "Không" branches sit side by side, left to right.
import type { ELK as ElkApi, ElkNode } from 'elkjs/lib/elk.bundled.js';
import type { JourneyGraph } from '../api/types';
import { hasInput, portsOf } from '../catalog/registry';
import { cardSize } from './graph';

// elkjs is large: loaded on the first layout, not with the app.
let elk: Promise<ElkApi> | null = null;
function loadElk(): Promise<ElkApi> {
  elk ??= import('elkjs/lib/elk.bundled.js').then((m) => new m.default());
  return elk;
}

export type Positions = Record<string, { x: number; y: number }>;
export type LayoutNode = { id: string; typeId: string; config: unknown; width?: number; height?: number };
export type LayoutEdge = { source: string; sourcePort: string; target: string };

const portId = (node: string, port: string) => `${node}\u0000${port}`;

export async function layoutPositions(nodes: readonly LayoutNode[], edges: readonly LayoutEdge[]): Promise<Positions> {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const graph: ElkNode = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'DOWN',
      'elk.spacing.nodeNode': '48',
      'elk.layered.spacing.nodeNodeBetweenLayers': '64',
      'elk.spacing.componentComponent': '96',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
    },
    children: nodes.map((n) => {
      const size = cardSize(n.typeId, n.config);
      const width = n.width ?? size.initialWidth;
      const height = n.height ?? size.initialHeight;
      const out = portsOf(n.typeId, n.config);
      return {
        id: n.id,
        width,
        height,
        layoutOptions: { 'elk.portConstraints': 'FIXED_POS' },
        ports: [
          ...(hasInput(n.typeId) ? [{ id: portId(n.id, 'in'), width: 1, height: 1, x: width / 2, y: 0, layoutOptions: { 'elk.port.side': 'NORTH' } }] : []),
          ...out.map((p, i) => ({
            id: portId(n.id, p.id),
            width: 1,
            height: 1,
            x: ((i + 0.5) / out.length) * width,
            y: height,
            layoutOptions: { 'elk.port.side': 'SOUTH' },
          })),
        ],
      };
    }),
    edges: edges
      .filter((e) => byId.has(e.source) && byId.has(e.target))
      .map((e, i) => {
        const source = byId.get(e.source);
        const knownPort = source && portsOf(source.typeId, source.config).some((p) => p.id === e.sourcePort);
        const target = byId.get(e.target);
        return {
          id: `edge${i}`,
          sources: [knownPort ? portId(e.source, e.sourcePort) : e.source],
          targets: [target && hasInput(target.typeId) ? portId(e.target, 'in') : e.target],
        };
      }),
  };
  const out = await (await loadElk()).layout(graph);
  const positions: Positions = {};
  for (const c of out.children ?? []) positions[c.id] = { x: Math.round(c.x ?? 0), y: Math.round(c.y ?? 0) };
  return inWrittenOrder(nodes, edges, positions);
}

const COMPONENT_GAP = 96;

/**
 * elk packs unconnected parts (the trigger's path, the goal's after-converting path, exit
 * settings) in its own order; a journey reads left to right in the order it was written, so the
 * trigger's path comes first. Each part keeps its shape and is moved as a whole.
 */
function inWrittenOrder(nodes: readonly LayoutNode[], edges: readonly LayoutEdge[], positions: Positions): Positions {
  const neighbours = new Map<string, string[]>(nodes.map((n) => [n.id, []]));
  for (const e of edges) {
    neighbours.get(e.source)?.push(e.target);
    neighbours.get(e.target)?.push(e.source);
  }
  const part = new Map<string, number>();
  const parts: string[][] = [];
  for (const n of nodes) {
    if (part.has(n.id)) continue;
    const members: string[] = [];
    const stack = [n.id];
    part.set(n.id, parts.length);
    while (stack.length) {
      const id = stack.pop()!;
      members.push(id);
      for (const next of neighbours.get(id) ?? []) {
        if (part.has(next)) continue;
        part.set(next, parts.length);
        stack.push(next);
      }
    }
    parts.push(members);
  }
  const size = new Map(nodes.map((n) => [n.id, n.width ?? cardSize(n.typeId, n.config).initialWidth]));
  // Triggers start the reading order wherever they were written.
  const firstTrigger = nodes.findIndex((n) => n.typeId.startsWith('trigger-'));
  if (firstTrigger > 0) {
    const p = part.get(nodes[firstTrigger]!.id)!;
    parts.unshift(...parts.splice(p, 1));
  }
  const moved: Positions = {};
  let cursor = 0;
  for (const members of parts) {
    const minX = Math.min(...members.map((id) => positions[id]?.x ?? 0));
    const maxX = Math.max(...members.map((id) => (positions[id]?.x ?? 0) + (size.get(id) ?? 0)));
    const minY = Math.min(...members.map((id) => positions[id]?.y ?? 0));
    for (const id of members) {
      const p = positions[id];
      if (p) moved[id] = { x: p.x - minX + cursor, y: p.y - minY };
    }
    cursor += maxX - minX + COMPONENT_GAP;
  }
  return moved;
}

/** The same journey with elk's positions: templates open tidily, top-down. */
export async function layOutGraph(graph: JourneyGraph): Promise<JourneyGraph> {
  const positions = await layoutPositions(
    graph.nodes.map((n) => ({ id: n.id, typeId: n.type, config: n.config })),
    graph.edges,
  );
  return { ...graph, nodes: graph.nodes.map((n) => ({ ...n, position: positions[n.id] ?? n.position })) };
}
