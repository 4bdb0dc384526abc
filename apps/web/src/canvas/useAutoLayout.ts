import { useCallback } from 'react';
import { layoutPositions } from './layout';
import { useCanvas } from './store';
import { useFitAll } from './useFitAll';
import { READABLE_ZOOM } from './viewport';

/** Lays out the current canvas (measured card sizes) and fits the result, never below a readable zoom. */
export function useAutoLayout(): () => Promise<void> {
  const fitAll = useFitAll();
  return useCallback(async () => {
    const { nodes, edges, setPositions } = useCanvas.getState();
    const positions = await layoutPositions(
      nodes.map((n) => ({ id: n.id, typeId: n.data.typeId, config: n.data.config, width: n.measured?.width, height: n.measured?.height })),
      edges.map((e) => ({ source: e.source, sourcePort: e.sourceHandle ?? 'out', target: e.target })),
    );
    setPositions(positions);
    requestAnimationFrame(() => fitAll({ minZoom: READABLE_ZOOM }));
  }, [fitAll]);
}
