import { useCallback } from 'react';
import { useReactFlow } from '@xyflow/react';
import { useCanvas } from './store';

const PAD = 0.1;

/**
 * Fits every step on screen. React Flow's own fit only counts cards it has measured, and a big
 * journey draws (and measures) only the cards on screen: this one counts every step, measured or not.
 */
export function useFitAll(): (options?: { minZoom?: number }) => void {
  const { setViewport } = useReactFlow();
  return useCallback(
    (options) => {
      const nodes = useCanvas.getState().nodes;
      const pane = document.querySelector('.canvas-flow');
      if (nodes.length === 0 || !pane) return;
      const w = (n: (typeof nodes)[number]) => n.measured?.width ?? n.initialWidth ?? 240;
      const h = (n: (typeof nodes)[number]) => n.measured?.height ?? n.initialHeight ?? 96;
      const minX = Math.min(...nodes.map((n) => n.position.x));
      const minY = Math.min(...nodes.map((n) => n.position.y));
      const maxX = Math.max(...nodes.map((n) => n.position.x + w(n)));
      const maxY = Math.max(...nodes.map((n) => n.position.y + h(n)));
      const { width, height } = pane.getBoundingClientRect();
      const fit = Math.min((width * (1 - 2 * PAD)) / (maxX - minX), (height * (1 - 2 * PAD)) / (maxY - minY));
      const zoom = Math.max(options?.minZoom ?? 0.05, Math.min(1, fit));
      void setViewport({ zoom, x: width / 2 - ((minX + maxX) / 2) * zoom, y: Math.max(height * PAD, height / 2 - ((minY + maxY) / 2) * zoom) }, { duration: 200 });
    },
    [setViewport],
  );
}
