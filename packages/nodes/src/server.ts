// Server-only entry (`@braid/nodes/server`): side effects of the built-in actions. Every
// handler reaches the world only through `ctx.services`, which the runtime provides.
import { createRegistry } from '@braid/sdk';
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
  packages: LoadedNodePackages['packages'];
};

/**
 * Everything one Braid installation can run: the built-in node types and the developer
 * packages named in `BRAID_NODE_PACKAGES` (or `names`). Throws at start-up on a missing
 * package or a duplicate node type id.
 */
export async function loadInstalledNodeTypes(
  names: readonly string[] = nodePackagesFromEnv(),
  importer?: (specifier: string) => Promise<unknown>,
): Promise<InstalledNodeTypes> {
  const loaded = await loadNodePackages(names, importer);
  return {
    registry: createRegistry([...builtinNodeTypes, ...loaded.nodeTypes]),
    implementations: createImplementationRegistry([...builtinImplementations, ...loaded.implementations]),
    packages: loaded.packages,
  };
}
