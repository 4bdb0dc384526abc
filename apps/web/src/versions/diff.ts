import type { JourneyGraph } from '../api/types';
import type { DiffStatus } from '../canvas/store';

/**
 * Node-level diff of two versions: the result graph is the newer one plus the removed nodes
 * (shown as ghosts), so the whole change can be read on one canvas.
 */
export function diffGraphs(from: JourneyGraph, to: JourneyGraph): { graph: JourneyGraph; status: Record<string, DiffStatus> } {
  const before = new Map(from.nodes.map((n) => [n.id, n]));
  const after = new Map(to.nodes.map((n) => [n.id, n]));
  const status: Record<string, DiffStatus> = {};
  const outgoing = (g: JourneyGraph, id: string) =>
    JSON.stringify(g.edges.filter((e) => e.source === id).map((e) => [e.sourcePort, e.target]).sort());
  for (const n of to.nodes) {
    const old = before.get(n.id);
    if (!old) status[n.id] = 'added';
    else if (old.type !== n.type || JSON.stringify(old.config) !== JSON.stringify(n.config) || outgoing(from, n.id) !== outgoing(to, n.id)) status[n.id] = 'changed';
  }
  const removed = from.nodes.filter((n) => !after.has(n.id));
  for (const n of removed) status[n.id] = 'removed';
  const removedIds = new Set(removed.map((n) => n.id));
  return {
    graph: {
      nodes: [...to.nodes, ...removed],
      edges: [...to.edges, ...from.edges.filter((e) => removedIds.has(e.source) || removedIds.has(e.target)).map((e) => ({ ...e, id: `removed-${e.id}` }))],
    },
    status,
  };
}
