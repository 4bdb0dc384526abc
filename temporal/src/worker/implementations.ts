// The action implementations a worker runs: Braid's built-ins plus developer node packages
// named in BRAID_NODE_PACKAGES (a journey using a type no worker implements fails that step).
import { createImplementationRegistry, loadNodePackages, type ImplementationRegistry } from '@braid/sdk/server';
import { builtinImplementations } from '@braid/nodes/server';

export async function defaultImplementations(): Promise<ImplementationRegistry> {
  const loaded = await loadNodePackages();
  return createImplementationRegistry([...builtinImplementations, ...loaded.implementations]);
}
