import { useCallback } from 'react';
import { useReactFlow } from '@xyflow/react';
import type { ELK as ElkApi, ElkNode } from 'elkjs/lib/elk.bundled.js';
import type { JourneyFlowEdge, JourneyFlowNode } from './graph';
import { useCanvas } from './store';

// elkjs is large: loaded on the first layout, not with the app.
let elk: Promise<ElkApi> | null = null;
function loadElk(): Promise<ElkApi> {
  elk ??= import('elkjs/lib/elk.bundled.js').then((m) => new m.default());
  return elk;
}
const NODE_W = 240;
const NODE_H = 90;

/** Top-to-bottom layered layout of the journey; returns positions only. */
export async function layoutPositions(nodes: readonly JourneyFlowNode[], edges: readonly JourneyFlowEdge[]): Promise<Record<string, { x: number; y: number }>> {
  const ids = new Set(nodes.map((n) => n.id));
  const graph: ElkNode = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'DOWN',
      'elk.spacing.nodeNode': '50',
      'elk.layered.spacing.nodeNodeBetweenLayers': '70',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
    },
    children: nodes.map((n) => ({ id: n.id, width: n.measured?.width ?? NODE_W, height: n.measured?.height ?? NODE_H })),
    edges: edges.filter((e) => ids.has(e.source) && ids.has(e.target)).map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] })),
  };
  const out = await (await loadElk()).layout(graph);
  const positions: Record<string, { x: number; y: number }> = {};
  for (const c of out.children ?? []) positions[c.id] = { x: c.x ?? 0, y: c.y ?? 0 };
  return positions;
}

/** Lays out the current canvas and zooms to fit the result. */
export function useAutoLayout(): () => Promise<void> {
  const { fitView } = useReactFlow();
  return useCallback(async () => {
    const { nodes, edges, setPositions } = useCanvas.getState();
    setPositions(await layoutPositions(nodes, edges));
    requestAnimationFrame(() => void fitView({ padding: 0.15, maxZoom: 1, duration: 200 }));
  }, [fitView]);
}
