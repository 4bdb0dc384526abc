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
  /**
   * Packages left out, each with why (naming the package, and the node type and field when one
   * is malformed): one faulty package must not take the rest of Braid down with it.
   */
  refused: NodePackageRefusal[];
};

export type NodePackageRefusal = { name: string; reason: string };

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
  const result: LoadedNodePackages = { nodeTypes: [], implementations: [], packages: [], refused: [] };
  for (const name of names) {
    try {
      const loaded = await loadOne(name, importer);
      result.nodeTypes.push(...loaded.nodeTypes);
      result.implementations.push(...loaded.implementations);
      result.packages.push({ name, nodeTypeIds: loaded.nodeTypes.map((t) => t.id) });
    } catch (e) {
      result.refused.push({ name, reason: e instanceof Error ? e.message : String(e) });
    }
  }
  return result;
}

async function loadOne(name: string, importer: Importer): Promise<{ nodeTypes: AnyNodeType[]; implementations: AnyNodeImplementation[] }> {
  let main: unknown;
  try {
    main = await importer(name);
  } catch (e) {
    throw new Error(`Node package "${name}" (named in BRAID_NODE_PACKAGES) could not be loaded: ${messageOf(e)}`);
  }
  const types = isObject(main) ? main.nodeTypes : undefined;
  if (!Array.isArray(types)) throw new Error(`Node package "${name}" must export \`nodeTypes\` (an array of defineNodeType results) from its main entry`);
  if (types.length === 0) throw new Error(`Node package "${name}" exports no node types (\`nodeTypes\` is empty)`);
  assertNodeTypes(types as AnyNodeType[], name);
  let server: unknown = undefined;
  try {
    server = await importer(`${name}/server`);
  } catch (e) {
    // A package of conditions and waits has no server part; a server part that fails is refused.
    if (!isMissingServerEntry(e, name)) throw new Error(`Node package "${name}": its server entry "${name}/server" could not be loaded: ${messageOf(e)}`);
  }
  const impls = isObject(server) && Array.isArray(server.implementations) ? (server.implementations as AnyNodeImplementation[]) : [];
  return { nodeTypes: types as AnyNodeType[], implementations: impls };
}

/**
 * The start-up log's lines: the packages loaded with their node types, then each refused one
 * with its reason, so an operator sees at once what this installation can run.
 */
export function nodePackagesReport(loaded: { packages: readonly { name: string; nodeTypeIds: readonly string[] }[]; refused: readonly NodePackageRefusal[] }): { info: string[]; warnings: string[] } {
  const info = loaded.packages.length
    ? [`Node packages loaded: ${loaded.packages.map((p) => `${p.name} (${p.nodeTypeIds.join(', ')})`).join('; ')}`]
    : ['Node packages loaded: none besides the built-ins'];
  const warnings = loaded.refused.map((r) => `Node package "${r.name}" refused, the rest of Braid runs without it: ${r.reason}`);
  return { info, warnings };
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** The package has no `./server` entry at all (not: its server code failed while loading). */
function isMissingServerEntry(e: unknown, name: string): boolean {
  if (isObject(e) && e.code === 'ERR_PACKAGE_PATH_NOT_EXPORTED') return true;
  // "Cannot find module '…/name/server'": the entry itself; a dependency missing inside the server
  // code names another specifier ("… imported from …/name/dist/server.js" does not match).
  const entry = new RegExp(`${name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\/server(?![\\w./-])`);
  return /cannot find|not found|failed to (load|resolve)/i.test(messageOf(e)) && entry.test(messageOf(e));
}
