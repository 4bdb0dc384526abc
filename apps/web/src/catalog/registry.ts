// The node types the canvas draws from, as the server's catalogue brought them (./catalogue.ts):
// built-ins and installed packages alike. Nothing in the canvas knows a node type by name.
import { createRegistry } from '@braid/sdk';
import type { AnyNodeType, LocalText, NodeCategory, NodeRegistry, Port } from '@braid/sdk';
import { localText } from '../i18n/localText';

let registry: NodeRegistry = createRegistry([]);

export function getRegistry(): NodeRegistry {
  return registry;
}

/** Set by the catalogue loader; tests set the built-ins directly. */
export function setRegistry(next: NodeRegistry): void {
  registry = next;
}

export const categoryOrder: NodeCategory[] = ['trigger', 'wait', 'condition', 'action', 'setting'];

export function nodeType(id: string): AnyNodeType | undefined {
  return registry.get(id);
}

const portCache = new WeakMap<object, readonly Port[]>();

/** Ports for a node's current config; an unparseable config falls back to the default config's ports. */
export function portsOf(typeId: string, config: unknown): readonly Port[] {
  const t = registry.get(typeId);
  if (!t) return [];
  const cacheable = typeof config === 'object' && config !== null;
  if (cacheable && portCache.has(config)) return portCache.get(config) ?? [];
  let ports: readonly Port[] = [];
  if (!t.dynamicPorts) {
    // Static ports ignore config: a half-filled step still shows where it leads.
    ports = t.portsFor(undefined as never);
  } else {
    const parsed = t.parseConfig(config);
    const fallback = parsed.ok ? parsed : t.parseConfig(t.defaultConfig);
    try {
      ports = fallback.ok ? t.portsFor(fallback.config) : t.portsFor(config as never);
    } catch {
      ports = [];
    }
  }
  if (cacheable) portCache.set(config, ports);
  return ports;
}

/** Settings nodes (goal, exit criteria) and triggers take no incoming edge. */
export function hasInput(typeId: string): boolean {
  const t = registry.get(typeId);
  return !!t && t.category !== 'trigger' && t.category !== 'setting';
}

const summaryCache = new WeakMap<object, LocalText>();

/** The one-line card text in the UI language; configs are immutable in the store, so it is computed once per config. */
export function summaryOf(typeId: string, config: unknown): string {
  const t = registry.get(typeId);
  if (!t) return typeId;
  const cacheable = typeof config === 'object' && config !== null;
  const hit = cacheable ? summaryCache.get(config) : undefined;
  if (hit !== undefined) return localText(hit);
  const parsed = t.parseConfig(config);
  let text = t.label;
  if (parsed.ok) {
    try {
      text = t.summary(parsed.config);
    } catch {
      text = t.label;
    }
  }
  if (cacheable) summaryCache.set(config, text);
  return localText(text);
}
