// Server-only entry (`@braid/nodes/server`): side effects of the built-in actions. Every
// handler reaches the world only through `ctx.services`, which the runtime provides.
import { assertNodeTypes, createRegistry } from '@braid/sdk';
import type { NodeRegistry } from '@braid/sdk';
import { createImplementationRegistry, loadNodePackages, nodePackagesFromEnv } from '@braid/sdk/server';
import type { AnyNodeImplementation, ImplementationRegistry, LoadedNodePackages } from '@braid/sdk/server';
import { builtinNodeTypes } from './index';
import { adAudienceRuntime } from './ad-audience/runtime';
import { createStaffTaskRuntime } from './create-staff-task/runtime';
import { issueVoucherRuntime } from './issue-voucher/runtime';
import { sendMessageRuntime } from './send-message/runtime';
import { updateProfileRuntime } from './update-profile/runtime';

export { templateVariables } from './send-message/runtime';

export const builtinImplementations: readonly AnyNodeImplementation[] = [
  sendMessageRuntime,
  updateProfileRuntime,
  adAudienceRuntime,
  issueVoucherRuntime,
  createStaffTaskRuntime,
];

export type InstalledNodeTypes = {
  /** Built-ins plus developer packages: for validation, publishing and the palette. */
  registry: NodeRegistry;
  /** Their server-side implementations: for the worker's activities. */
  implementations: ImplementationRegistry;
  /** Every package that brought node types, built-ins (`@braid/nodes`) first. */
  packages: LoadedNodePackages['packages'];
  /** Packages named but left out, each with the reason (logged at start-up; the rest load). */
  refused: LoadedNodePackages['refused'];
  /** The package a node type came from, for the catalogue the canvas reads. */
  packageOf(nodeTypeId: string): string | undefined;
};

/** The package name built-in node types are listed under. */
export const BUILTIN_PACKAGE = '@braid/nodes';

/**
 * Everything one Braid installation can run: the built-in node types and the developer
 * packages named in `BRAID_NODE_PACKAGES` (or `names`). A package that is missing, exports
 * nothing, throws at import or has a malformed node type is left out and listed in `refused`;
 * a node type id declared twice throws.
 */
export async function loadInstalledNodeTypes(
  names: readonly string[] = nodePackagesFromEnv(),
  importer?: (specifier: string) => Promise<unknown>,
): Promise<InstalledNodeTypes> {
  // Built-ins pass the same check as any package: a slip in one is caught at start-up too.
  assertNodeTypes(builtinNodeTypes, BUILTIN_PACKAGE);
  const loaded = await loadNodePackages(names, importer);
  const packages = [{ name: BUILTIN_PACKAGE, nodeTypeIds: builtinNodeTypes.map((t) => t.id) }, ...loaded.packages];
  const packageOf = new Map(packages.flatMap((p) => p.nodeTypeIds.map((id) => [id, p.name] as const)));
  return {
    registry: createRegistry([...builtinNodeTypes, ...loaded.nodeTypes]),
    implementations: createImplementationRegistry([...builtinImplementations, ...loaded.implementations]),
    packages,
    refused: loaded.refused,
    packageOf: (id) => packageOf.get(id),
  };
}
