// A step is referred to by the marketer's own name wherever it appears (problems, test run,
// traces, pickers); a step without one is called by its type's name in the UI language.
import { nodeType, portsOf } from '../catalog/registry';
import { localText } from '../i18n/localText';
import { nodeLabel } from '../i18n/nodeLabels';
import { useCanvas } from './store';

export function stepName(nodeId: string | null | undefined): string {
  if (!nodeId) return '—';
  const n = useCanvas.getState().nodes.find((x) => x.id === nodeId);
  if (!n) return nodeId;
  return n.data.label || nodeLabel(nodeType(n.data.typeId), n.data.typeId);
}

/** A port of a step by its label in the UI language ("Có", "Hết thời gian chờ"). */
export function portName(nodeId: string | null | undefined, portId: string): string {
  const n = nodeId ? useCanvas.getState().nodes.find((x) => x.id === nodeId) : undefined;
  const port = n ? portsOf(n.data.typeId, n.data.config).find((p) => p.id === portId) : undefined;
  return port ? localText(port.label) : portId;
}
