import { diffJourneyGraphs } from '@braid/journey';
import type { JourneyGraph } from '../api/types';
import type { DiffStatus } from '../canvas/store';

/**
 * Node-level diff of two versions: the result graph is the newer one plus the removed nodes
 * (shown as ghosts), so the whole change can be read on one canvas.
 */
export function diffGraphs(from: JourneyGraph, to: JourneyGraph): { graph: JourneyGraph; status: Record<string, DiffStatus> } {
  // The same diff the change list and the publish review read, so the colours and the words agree.
  const d = diffJourneyGraphs(from, to);
  const status: Record<string, DiffStatus> = {};
  for (const s of d.added) status[s.nodeId] = 'added';
  for (const s of d.changed) status[s.nodeId] = 'changed';
  for (const r of d.rewired) status[r.nodeId] = 'changed';
  for (const s of d.removed) status[s.nodeId] = 'removed';
  const removedIds = new Set(d.removed.map((s) => s.nodeId));
  const removed = from.nodes.filter((n) => removedIds.has(n.id));
  return {
    graph: {
      nodes: [...to.nodes, ...removed],
      edges: [...to.edges, ...from.edges.filter((e) => removedIds.has(e.source) || removedIds.has(e.target)).map((e) => ({ ...e, id: `removed-${e.id}` }))],
    },
    status,
  };
}
