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

/**
 * A node type's summary names other steps by id (the message an engagement check looks at):
 * the card says the step's name instead.
 */
export function withStepNames(summary: string, typeId: string, config: unknown): string {
  const form = (nodeType(typeId)?.form ?? {}) as Record<string, { widget?: string } | undefined>;
  const values = typeof config === 'object' && config !== null ? (config as Record<string, unknown>) : {};
  let text = summary;
  for (const [field, hint] of Object.entries(form)) {
    const ref = values[field];
    if (hint?.widget !== 'node-ref' || typeof ref !== 'string' || !ref || !text.includes(ref)) continue;
    text = text.split(ref).join(stepName(ref));
  }
  return text;
}
