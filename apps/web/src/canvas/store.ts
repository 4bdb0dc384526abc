// The canvas state: one zustand store, React Flow changes applied with applyNodeChanges, and
// undo/redo (zundo) over nodes and edges only; overlays (issues, stats, highlights) are not history.
import { create } from 'zustand';
import { temporal } from 'zundo';
import { addEdge, applyEdgeChanges, applyNodeChanges } from '@xyflow/react';
import type { Connection, EdgeChange, NodeChange, XYPosition } from '@xyflow/react';
import type { JourneyGraph, NodeStats, ValidationIssue } from '../api/types';
import { nodeType, portsOf } from '../catalog/registry';
import { cardSize, fromFlow, newEdgeId, newNodeId, toFlowEdges, toFlowNodes } from './graph';
import type { JourneyFlowEdge, JourneyFlowNode } from './graph';

export type CanvasMode = 'edit' | 'readonly' | 'diff';
export type DiffStatus = 'added' | 'removed' | 'changed';
export type Highlight = 'visited' | 'current';

type History = { nodes: JourneyFlowNode[]; edges: JourneyFlowEdge[] };

export type CanvasState = History & {
  mode: CanvasMode;
  /** Bumped on every change to the graph (not selection), so autosave knows when to run. */
  graphVersion: number;
  issues: ValidationIssue[];
  issuesByNode: Record<string, ValidationIssue[]>;
  stats: Record<string, NodeStats> | null;
  highlight: Record<string, Highlight>;
  diff: Record<string, DiffStatus>;

  load: (graph: JourneyGraph, mode: CanvasMode) => void;
  onNodesChange: (changes: NodeChange<JourneyFlowNode>[]) => void;
  onEdgesChange: (changes: EdgeChange<JourneyFlowEdge>[]) => void;
  onConnect: (connection: Connection) => void;
  addNode: (typeId: string, position: XYPosition) => string | null;
  insertOnEdge: (edgeId: string, typeId: string, position: XYPosition) => string | null;
  updateConfig: (nodeId: string, config: unknown) => void;
  /** The marketer's own name for a step; empty clears it (the card shows the step type's name). */
  renameNode: (nodeId: string, label: string) => void;
  deleteSelected: () => void;
  selectAll: () => void;
  selectOnly: (nodeId: string) => void;
  pasteGraph: (graph: JourneyGraph, offset: XYPosition) => void;
  setPositions: (positions: Record<string, XYPosition>) => void;
  setIssues: (issues: ValidationIssue[]) => void;
  setStats: (stats: NodeStats[] | null) => void;
  setHighlight: (highlight: Record<string, Highlight>) => void;
  setDiff: (diff: Record<string, DiffStatus>) => void;
  graph: () => JourneyGraph;
};

function stripForHistory(s: CanvasState): History {
  return { nodes: s.nodes, edges: s.edges };
}

// Selection, dragging and measuring change node objects without changing the journey.
function meaningful(h: History): string {
  return JSON.stringify([
    h.nodes.map((n) => [n.id, n.position.x, n.position.y, n.data]),
    h.edges.map((e) => [e.id, e.source, e.sourceHandle, e.target]),
  ]);
}

export const useCanvas = create<CanvasState>()(
  temporal(
    (set, get) => ({
      nodes: [],
      edges: [],
      mode: 'edit',
      graphVersion: 0,
      issues: [],
      issuesByNode: {},
      stats: null,
      highlight: {},
      diff: {},

      load: (graph, mode) => {
        set({ nodes: toFlowNodes(graph), edges: toFlowEdges(graph), mode, graphVersion: 0, stats: null, highlight: {}, diff: {} });
        useCanvas.temporal.getState().clear();
      },

      onNodesChange: (changes) => {
        const editable = get().mode === 'edit';
        const allowed = editable ? changes : changes.filter((c) => c.type === 'select' || c.type === 'dimensions');
        if (allowed.length === 0) return;
        const touchesGraph = allowed.some((c) => c.type === 'remove' || c.type === 'add' || (c.type === 'position' && c.position));
        set((s) => ({ nodes: applyNodeChanges(allowed, s.nodes), graphVersion: touchesGraph ? s.graphVersion + 1 : s.graphVersion }));
      },

      onEdgesChange: (changes) => {
        const editable = get().mode === 'edit';
        const allowed = editable ? changes : changes.filter((c) => c.type === 'select');
        if (allowed.length === 0) return;
        const touchesGraph = allowed.some((c) => c.type === 'remove' || c.type === 'add');
        set((s) => ({ edges: applyEdgeChanges(allowed, s.edges), graphVersion: touchesGraph ? s.graphVersion + 1 : s.graphVersion }));
      },

      onConnect: (connection) => {
        if (get().mode !== 'edit' || connection.source === connection.target) return;
        // A port leads to exactly one next step: a new connection replaces the old one.
        set((s) => ({
          edges: addEdge(
            { ...connection, id: newEdgeId() },
            s.edges.filter((e) => !(e.source === connection.source && (e.sourceHandle ?? null) === (connection.sourceHandle ?? null))),
          ),
          graphVersion: s.graphVersion + 1,
        }));
      },

      addNode: (typeId, position) => {
        const t = nodeType(typeId);
        if (!t || get().mode !== 'edit') return null;
        const id = newNodeId(typeId);
        const node: JourneyFlowNode = {
          id,
          type: 'journey',
          ...cardSize(typeId, t.defaultConfig),
          position,
          selected: true,
          data: { typeId, typeVersion: t.version, config: structuredClone(t.defaultConfig) },
        };
        set((s) => ({
          nodes: [...s.nodes.map((n) => (n.selected ? { ...n, selected: false } : n)), node],
          graphVersion: s.graphVersion + 1,
        }));
        return id;
      },

      insertOnEdge: (edgeId, typeId, position) => {
        const edge = get().edges.find((e) => e.id === edgeId);
        const t = nodeType(typeId);
        if (!edge || !t || t.category === 'trigger' || t.category === 'setting') return get().addNode(typeId, position);
        const id = get().addNode(typeId, position);
        if (!id) return null;
        const firstPort = portsOf(typeId, t.defaultConfig)[0];
        set((s) => ({
          edges: [
            ...s.edges.filter((e) => e.id !== edgeId),
            { id: newEdgeId(), source: edge.source, sourceHandle: edge.sourceHandle, target: id },
            ...(firstPort ? [{ id: newEdgeId(), source: id, sourceHandle: firstPort.id, target: edge.target }] : []),
          ],
        }));
        return id;
      },

      updateConfig: (nodeId, config) => {
        if (get().mode !== 'edit') return;
        set((s) => {
          const nodes = s.nodes.map((n) => (n.id === nodeId ? { ...n, data: { ...n.data, config } } : n));
          // Ports may depend on config (split branches): drop edges from ports that vanished.
          const node = nodes.find((n) => n.id === nodeId);
          const t = node ? nodeType(node.data.typeId) : undefined;
          let edges = s.edges;
          if (node && t?.dynamicPorts) {
            const parsed = t.parseConfig(config);
            if (parsed.ok) {
              const ports = new Set(t.portsFor(parsed.config).map((p) => p.id));
              edges = s.edges.filter((e) => e.source !== nodeId || ports.has(e.sourceHandle ?? ''));
            }
          }
          return { nodes, edges, graphVersion: s.graphVersion + 1 };
        });
      },

      renameNode: (nodeId, label) => {
        if (get().mode !== 'edit') return;
        set((s) => ({
          nodes: s.nodes.map((n) => {
            if (n.id !== nodeId) return n;
            const { label: _old, ...rest } = n.data;
            return { ...n, data: label ? { ...rest, label } : rest };
          }),
          graphVersion: s.graphVersion + 1,
        }));
      },

      deleteSelected: () => {
        if (get().mode !== 'edit') return;
        set((s) => {
          const removed = new Set(s.nodes.filter((n) => n.selected).map((n) => n.id));
          return {
            nodes: s.nodes.filter((n) => !removed.has(n.id)),
            edges: s.edges.filter((e) => !e.selected && !removed.has(e.source) && !removed.has(e.target)),
            graphVersion: s.graphVersion + 1,
          };
        });
      },

      selectAll: () => set((s) => ({ nodes: s.nodes.map((n) => ({ ...n, selected: true })) })),

      selectOnly: (nodeId) =>
        set((s) => ({
          nodes: s.nodes.map((n) => (n.selected === (n.id === nodeId) ? n : { ...n, selected: n.id === nodeId })),
          edges: s.edges.map((e) => (e.selected ? { ...e, selected: false } : e)),
        })),

      pasteGraph: (graph, offset) => {
        if (get().mode !== 'edit') return;
        // Fresh ids so a pasted copy never collides with the original.
        const ids = new Map(graph.nodes.map((n) => [n.id, newNodeId(n.type)]));
        const nodes: JourneyFlowNode[] = graph.nodes.map((n) => ({
          id: ids.get(n.id) ?? newNodeId(n.type),
          type: 'journey',
          ...cardSize(n.type, n.config),
          selected: true,
          position: { x: n.position.x + offset.x, y: n.position.y + offset.y },
          data: { typeId: n.type, typeVersion: n.typeVersion, config: structuredClone(n.config), ...(n.label !== undefined ? { label: n.label } : {}) },
        }));
        const edges: JourneyFlowEdge[] = graph.edges
          .filter((e) => ids.has(e.source) && ids.has(e.target))
          .map((e) => ({ id: newEdgeId(), source: ids.get(e.source) ?? '', sourceHandle: e.sourcePort, target: ids.get(e.target) ?? '' }));
        set((s) => ({
          nodes: [...s.nodes.map((n) => (n.selected ? { ...n, selected: false } : n)), ...nodes],
          edges: [...s.edges, ...edges],
          graphVersion: s.graphVersion + 1,
        }));
      },

      setPositions: (positions) =>
        set((s) => ({
          nodes: s.nodes.map((n) => (positions[n.id] ? { ...n, position: positions[n.id] as XYPosition } : n)),
          graphVersion: s.graphVersion + 1,
        })),

      setIssues: (issues) => {
        const byNode: Record<string, ValidationIssue[]> = {};
        for (const i of issues) if (i.nodeId) (byNode[i.nodeId] ??= []).push(i);
        set({ issues, issuesByNode: byNode });
      },
      setStats: (stats) => set({ stats: stats ? Object.fromEntries(stats.map((x) => [x.nodeId, x])) : null }),
      setHighlight: (highlight) => set({ highlight }),
      setDiff: (diff) => set({ diff }),
      graph: () => fromFlow(get().nodes, get().edges),
    }),
    {
      partialize: stripForHistory,
      equality: (a, b) => meaningful(a) === meaningful(b),
      limit: 100,
      // React Flow deletes a step as two calls (its edges, then the node): changes made in one
      // tick are one undo step, recorded with the state before the first of them.
      handleSet: (record) => {
        let recordedThisTick = false;
        return (pastState, replace, currentState, delta) => {
          if (recordedThisTick) return;
          recordedThisTick = true;
          queueMicrotask(() => {
            recordedThisTick = false;
          });
          // zundo passes its internal recorder here, typed as a plain setState.
          (record as unknown as (...args: unknown[]) => void)(pastState, replace, currentState, delta);
        };
      },
    },
  ),
);

/** Undo/redo restore nodes and edges; the graph changed, so autosave must run. */
export function undo(): void {
  useCanvas.temporal.getState().undo();
  useCanvas.setState((s) => ({ graphVersion: s.graphVersion + 1 }));
}
export function redo(): void {
  useCanvas.temporal.getState().redo();
  useCanvas.setState((s) => ({ graphVersion: s.graphVersion + 1 }));
}

// A drag is one undo step: history is paused while the pointer moves and the pre-drag state
// is pushed once when it ends.
let beforeDrag: History | null = null;
export function beginDrag(): void {
  beforeDrag = stripForHistory(useCanvas.getState());
  useCanvas.temporal.getState().pause();
}
export function endDrag(): void {
  const t = useCanvas.temporal;
  t.getState().resume();
  if (beforeDrag && meaningful(beforeDrag) !== meaningful(stripForHistory(useCanvas.getState()))) {
    t.setState((h) => ({ pastStates: [...h.pastStates, beforeDrag as History].slice(-100), futureStates: [] }));
  }
  beforeDrag = null;
}
