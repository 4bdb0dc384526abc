// The action implementations a worker runs: Braid's built-ins plus developer node packages
// named in BRAID_NODE_PACKAGES (a journey using a type no worker implements fails that step;
// a package that cannot be loaded is refused and logged, and the others run).
import { createImplementationRegistry, loadNodePackages, nodePackagesReport, type ImplementationRegistry } from '@braid/sdk/server';
import { builtinImplementations } from '@braid/nodes/server';

export async function defaultImplementations(): Promise<ImplementationRegistry> {
  const loaded = await loadNodePackages();
  // Refused packages are logged like the API logs them; their steps fail as "not installed".
  const report = nodePackagesReport(loaded);
  for (const line of report.info) console.log(`[worker] ${line}`);
  for (const line of report.warnings) console.warn(`[worker] ${line}`);
  return createImplementationRegistry([...builtinImplementations, ...loaded.implementations]);
}
