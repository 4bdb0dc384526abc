// Loads developer node packages named in Braid's configuration, e.g.
//   BRAID_NODE_PACKAGES=@braid/node-notify-chat,@acme/braid-nodes
// A node package exports `nodeTypes` (definitions, isomorphic) from its main entry and
// `implementations` from `<name>/server`. Server-only: it uses dynamic import by name.
import { assertNodeTypes } from './check-node-type';
import type { AnyNodeType } from './node-type';
import type { AnyNodeImplementation } from './server';

export type LoadedNodePackages = {
  nodeTypes: AnyNodeType[];
  implementations: AnyNodeImplementation[];
  /** Package name → node type ids it brought, for the admin screen and logs. */
  packages: { name: string; nodeTypeIds: string[] }[];
};

export function nodePackagesFromEnv(value: string | undefined = process.env.BRAID_NODE_PACKAGES): string[] {
  return (value ?? '')
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

type Importer = (specifier: string) => Promise<unknown>;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

export async function loadNodePackages(
  names: readonly string[] = nodePackagesFromEnv(),
  // Injectable so tests and bundlers can resolve names their own way.
  importer: Importer = (s) => import(s),
): Promise<LoadedNodePackages> {
  const result: LoadedNodePackages = { nodeTypes: [], implementations: [], packages: [] };
  for (const name of names) {
    let main: unknown;
    try {
      main = await importer(name);
    } catch (e) {
      throw new Error(`Node package "${name}" (named in BRAID_NODE_PACKAGES) could not be loaded: ${String(e)}`);
    }
    const types = isObject(main) ? main.nodeTypes : undefined;
    if (!Array.isArray(types)) throw new Error(`Node package "${name}" must export \`nodeTypes\` (an array of defineNodeType results)`);
    assertNodeTypes(types as AnyNodeType[], name);
    let server: unknown = undefined;
    try {
      server = await importer(`${name}/server`);
    } catch {
      // A package of conditions/waits only has no server part.
    }
    const impls = isObject(server) && Array.isArray(server.implementations) ? (server.implementations as AnyNodeImplementation[]) : [];
    result.nodeTypes.push(...(types as AnyNodeType[]));
    result.implementations.push(...impls);
    result.packages.push({ name, nodeTypeIds: (types as AnyNodeType[]).map((t) => t.id) });
  }
  return result;
}
