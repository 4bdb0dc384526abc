import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { DragEvent } from 'react';
import { Background, ControlButton, Controls, MiniMap, ReactFlow, useReactFlow } from '@xyflow/react';
import type { Node, NodeMouseHandler, Viewport } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import { nodeType } from '../catalog/registry';
import { toast } from '../ui/toasts';
import { CLIPBOARD_MIME, looksLikeGraph, parseFragment, serializeFragment } from './clipboard';
import { fromFlow } from './graph';
import type { JourneyFlowNode } from './graph';
import { nodeTypes } from './nodeTypes';
import { PALETTE_MIME } from './Palette';
import { beginDrag, endDrag, redo, undo, useCanvas } from './store';
import { useAutoLayout } from './useAutoLayout';
import { useFitAll } from './useFitAll';
import { Maximize } from 'lucide-react';
import { openingViewport, READABLE_ZOOM } from './viewport';
import { StatsLegend } from './StatsLegend';
import './canvas.css';

const deleteKeys = ['Delete', 'Backspace'];
/** From this many steps only the cards on screen are drawn: a big journey opens at its first screenful. */
const DRAW_VISIBLE_FROM = 150;
const multiKeys = ['Meta', 'Control', 'Shift'];

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
}

/** The steps joined to `start` by any connection: the trigger's path. */
function connectedTo(start: string, edges: readonly { source: string; target: string }[]): Set<string> {
  const seen = new Set([start]);
  const stack = [start];
  while (stack.length) {
    const id = stack.pop()!;
    for (const e of edges) {
      const other = e.source === id ? e.target : e.target === id ? e.source : null;
      if (other && !seen.has(other)) {
        seen.add(other);
        stack.push(other);
      }
    }
  }
  return seen;
}

function minimapColor(node: Node): string {
  const t = nodeType((node as JourneyFlowNode).data?.typeId ?? '');
  switch (t?.category) {
    case 'trigger':
      return '#16a34a';
    case 'wait':
      return '#d97706';
    case 'condition':
      return '#7c3aed';
    case 'action':
      return '#2563eb';
    default:
      return '#64748b';
  }
}

export function Canvas({ onNodeClick }: { onNodeClick?: (nodeId: string) => void }) {
  const { t, i18n } = useTranslation();
  const nodes = useCanvas((s) => s.nodes);
  const edges = useCanvas((s) => s.edges);
  const mode = useCanvas((s) => s.mode);
  const onNodesChange = useCanvas((s) => s.onNodesChange);
  const onEdgesChange = useCanvas((s) => s.onEdgesChange);
  const onConnect = useCanvas((s) => s.onConnect);
  const { screenToFlowPosition } = useReactFlow();
  const fitAll = useFitAll();
  const layout = useAutoLayout();
  const editable = mode === 'edit';
  // The opening view is computed from the canvas size: the first render only measures it.
  const box = useRef<HTMLDivElement>(null);
  const [opening, setOpening] = useState<{ viewport: Viewport; overview: boolean } | null>(null);
  useLayoutEffect(() => {
    const el = box.current;
    if (!el || opening) return;
    const { nodes: all, edges: links } = useCanvas.getState();
    const boxOf = (n: (typeof all)[number]) => ({ x: n.position.x, y: n.position.y, width: n.initialWidth ?? 240, height: n.initialHeight ?? 96 });
    const first = all.find((n) => nodeType(n.data.typeId)?.category === 'trigger') ?? all[0];
    const path = first ? connectedTo(first.id, links) : new Set<string>();
    const viewport = openingViewport(
      all.map(boxOf),
      all.filter((n) => path.has(n.id)).map(boxOf),
      first ? boxOf(first) : undefined,
      { width: el.clientWidth, height: el.clientHeight },
    );
    // The overview map earns its space only when the journey is larger than the screen.
    setOpening({ viewport, overview: all.length > 0 && viewport.zoom <= READABLE_ZOOM });
  }, [opening]);
  useLayoutEffect(() => {
    if (opening) performance.mark('braid:canvas-committed');
  }, [opening]);

  const onDragOver = useCallback((e: DragEvent) => {
    if (!e.dataTransfer.types.includes(PALETTE_MIME)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'move';
  }, []);

  const onDrop = useCallback(
    (e: DragEvent) => {
      const typeId = e.dataTransfer.getData(PALETTE_MIME);
      if (!typeId || !editable) return;
      e.preventDefault();
      const position = screenToFlowPosition({ x: e.clientX, y: e.clientY });
      const centred = { x: position.x - 110, y: position.y - 30 };
      // Dropping onto an edge inserts the step between its two ends.
      const edgeEl = document
        .elementsFromPoint(e.clientX, e.clientY)
        .map((el) => el.closest('.react-flow__edge'))
        .find((el): el is Element => !!el);
      const edgeId = edgeEl?.getAttribute('data-id');
      const { insertOnEdge, addNode } = useCanvas.getState();
      if (edgeId) insertOnEdge(edgeId, typeId, centred);
      else addNode(typeId, centred);
    },
    [editable, screenToFlowPosition],
  );

  // Shortcuts outside text fields; Delete/Backspace are React Flow's own.
  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (isTyping(e.target)) return;
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      if (mod && key === 'z' && !e.shiftKey) {
        e.preventDefault();
        if (editable) undo();
      } else if (mod && (key === 'y' || (key === 'z' && e.shiftKey))) {
        e.preventDefault();
        if (editable) redo();
      } else if (mod && key === 'a') {
        e.preventDefault();
        useCanvas.getState().selectAll();
      } else if (!mod && key === 'l' && editable) {
        void layout();
      } else if (!mod && key === 'f') {
        fitAll();
      }
    }
    function onCopy(e: ClipboardEvent) {
      if (isTyping(e.target)) return;
      const { nodes: all, edges: allEdges } = useCanvas.getState();
      const picked = all.filter((n) => n.selected);
      if (picked.length === 0) return;
      const ids = new Set(picked.map((n) => n.id));
      const text = serializeFragment(fromFlow(picked, allEdges.filter((x) => ids.has(x.source) && ids.has(x.target))));
      e.clipboardData?.setData('text/plain', text);
      e.clipboardData?.setData(CLIPBOARD_MIME, text);
      e.preventDefault();
    }
    function onPaste(e: ClipboardEvent) {
      if (isTyping(e.target) || !editable) return;
      const text = e.clipboardData?.getData(CLIPBOARD_MIME) || e.clipboardData?.getData('text/plain') || '';
      if (!looksLikeGraph(text)) return;
      e.preventDefault();
      const parsed = parseFragment(text);
      if (!parsed.ok) {
        toast.error(t('errors.invalidGraph', { message: parsed.message }));
        return;
      }
      useCanvas.getState().pasteGraph(parsed.graph, { x: 40, y: 40 });
    }
    document.addEventListener('keydown', onKey);
    document.addEventListener('copy', onCopy);
    document.addEventListener('paste', onPaste);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('copy', onCopy);
      document.removeEventListener('paste', onPaste);
    };
  }, [editable, fitAll, layout, t]);

  const handleNodeClick: NodeMouseHandler = useCallback((_e, node) => onNodeClick?.(node.id), [onNodeClick]);

  return (
    <div className="canvas" onDragOver={onDragOver} onDrop={onDrop} data-testid="canvas">
      <div className="canvas-main">
      <StatsLegend />
      <div className="canvas-flow" ref={box}>
        {opening && (
          <ReactFlow
            // Cards read the language once per render; a switch redraws them.
            key={i18n.language}
            nodes={nodes}
            edges={edges}
            nodeTypes={nodeTypes}
            onNodesChange={onNodesChange}
            onEdgesChange={onEdgesChange}
            onConnect={onConnect}
            onNodeDragStart={beginDrag}
            onNodeDragStop={endDrag}
            onSelectionDragStart={beginDrag}
            onSelectionDragStop={endDrag}
            onNodeClick={handleNodeClick}
            nodesDraggable={editable}
            nodesConnectable={editable}
            edgesReconnectable={false}
            deleteKeyCode={editable ? deleteKeys : null}
            multiSelectionKeyCode={multiKeys}
            selectionKeyCode="Shift"
            defaultEdgeOptions={{ type: 'smoothstep' }}
            minZoom={0.05}
            defaultViewport={opening.viewport}
            onlyRenderVisibleElements={nodes.length >= DRAW_VISIBLE_FROM}
          >
            <Background gap={20} />
            <Controls showInteractive={false} showFitView={false}>
              <ControlButton onClick={() => fitAll()} title={t('editor.fit')} aria-label={t('editor.fit')} data-testid="fit-all">
                <Maximize size={12} />
              </ControlButton>
            </Controls>
          </ReactFlow>
        )}
        {nodes.length === 0 && <div className="canvas-empty">{t('editor.emptyCanvas')}</div>}
      </div>
      </div>
      {opening?.overview && (
        // Beside the canvas, not over it: the map never hides a step.
        <aside className="canvas-overview" data-testid="canvas-overview">
          <MiniMap pannable zoomable nodeColor={minimapColor} bgColor="#fff" maskColor="rgba(100, 116, 139, 0.15)" ariaLabel={t('editorText.overview')} />
        </aside>
      )}
    </div>
  );
}
