import { useEffect } from 'react';
import { useCanvas } from '../canvas/store';
import { validateGraph } from '../catalog/validate';

/** Re-validates shortly after each change; the result drives badges, the problems list and publish. */
export function useValidation(): void {
  const graphVersion = useCanvas((s) => s.graphVersion);
  const nodeCount = useCanvas((s) => s.nodes.length);
  const mode = useCanvas((s) => s.mode);
  useEffect(() => {
    if (mode !== 'edit') {
      useCanvas.getState().setIssues([]);
      return;
    }
    const timer = setTimeout(() => {
      const s = useCanvas.getState();
      s.setIssues(validateGraph(s.graph()));
    }, 250);
    return () => clearTimeout(timer);
  }, [graphVersion, nodeCount, mode]);
}
