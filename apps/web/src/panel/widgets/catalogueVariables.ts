// The Liquid variables the event catalogue knows: every trait key seen on a profile
// (`customer.<key>`) and every property the trigger's event has carried (`entry.properties.<key>`),
// added to the variable picker beside those of the preview customer.
import { useCanvas } from '../../canvas/store';
import type { VariableGroup } from '../liquidContext';
import { useEventCatalogue } from './eventCatalogue';

const ADDED: Record<string, (c: { traits: string[]; entry: string[] }) => string[]> = {
  'panel.traits': (c) => c.traits.map((k) => `customer.${k}`),
  'panel.entryEvent': (c) => c.entry.map((k) => `entry.properties.${k}`),
};

export function useCatalogueVariables(groups: VariableGroup[]): VariableGroup[] {
  const catalogue = useEventCatalogue();
  const triggerEvent = useCanvas((s) => {
    const config = s.nodes.find((n) => n.data.typeId === 'trigger-event')?.data.config as { event?: unknown } | undefined;
    return typeof config?.event === 'string' ? config.event.trim() : '';
  });
  if (!catalogue) return groups;
  const known = {
    traits: catalogue.traits.map((t) => t.key),
    entry: catalogue.events.find((e) => e.name === triggerEvent)?.properties.map((p) => p.key) ?? [],
  };
  return groups.map((g) => {
    const add = ADDED[g.title];
    return add ? { ...g, variables: [...new Set([...g.variables, ...add(known)])] } : g;
  });
}
