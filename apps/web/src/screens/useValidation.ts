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
    // When the browser is idle: opening a big journey must not wait for its checks.
    const run = () => {
      const s = useCanvas.getState();
      s.setIssues(validateGraph(s.graph()));
    };
    let idle = 0;
    const timer = setTimeout(() => {
      idle = requestIdleCallback(run, { timeout: 1000 });
    }, 250);
    return () => {
      clearTimeout(timer);
      cancelIdleCallback(idle);
    };
  }, [graphVersion, nodeCount, mode]);
}
