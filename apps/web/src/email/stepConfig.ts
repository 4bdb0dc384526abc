// The send step's whole config, read and written from a widget that owns one of its fields: a
// template fills subject, body and design at once.
import { useCanvas } from '../canvas/store';

export type SendStepConfig = Record<string, unknown> & { channel?: string; subject?: string; body?: string };

export function useStepConfig(nodeId: string): SendStepConfig {
  return useCanvas((s) => (s.nodes.find((n) => n.id === nodeId)?.data.config ?? {}) as SendStepConfig);
}

export function replaceStepConfig(nodeId: string, patch: Record<string, unknown>): void {
  const { nodes, updateConfig } = useCanvas.getState();
  const current = (nodes.find((n) => n.id === nodeId)?.data.config ?? {}) as Record<string, unknown>;
  updateConfig(nodeId, { ...current, ...patch });
}
