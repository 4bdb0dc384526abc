// A registry is the set of node types one Braid installation knows: the built-ins plus the
// developer packages named in its configuration.
import type { AnyNodeType, NodeCategory } from './node-type';

export type NodeRegistry = {
  get(id: string): AnyNodeType | undefined;
  has(id: string): boolean;
  list(): readonly AnyNodeType[];
  byCategory(category: NodeCategory): readonly AnyNodeType[];
};

export function createRegistry(types: readonly AnyNodeType[]): NodeRegistry {
  const byId = new Map<string, AnyNodeType>();
  for (const t of types) {
    // Two packages claiming one id is a setup mistake that must stop the server, not a runtime issue.
    if (byId.has(t.id)) throw new Error(`Node type "${t.id}" is declared twice`);
    byId.set(t.id, t);
  }
  const all = [...byId.values()];
  return {
    get: (id) => byId.get(id),
    has: (id) => byId.has(id),
    list: () => all,
    byCategory: (category) => all.filter((t) => t.category === category),
  };
}
