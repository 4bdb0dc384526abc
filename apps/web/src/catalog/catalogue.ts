// The one node catalogue: what the server loaded (built-ins and BRAID_NODE_PACKAGES), read from
// GET /api/node-types. Each package's own definitions come as a browser module the server
// bundles, so summaries, ports, validation and the test run behave as they will at publish.
import * as sdk from '@braid/sdk';
import { createRegistry, SHARED_MODULES_GLOBAL } from '@braid/sdk';
import type { AnyNodeType, NodeTypeDescriptor } from '@braid/sdk';
import * as zod from 'zod';
import { http } from '../api/http';
import { setRegistry } from './registry';

type NodePackage = { name: string; nodeTypeIds: string[]; browserModule: string };
type CatalogueResponse = { nodeTypes: NodeTypeDescriptor[]; packages: NodePackage[] };

let descriptors = new Map<string, NodeTypeDescriptor>();
let loading: Promise<void> | null = null;

/** The server's description of a node type (icon, package), once the catalogue is loaded. */
export function descriptorOf(typeId: string): NodeTypeDescriptor | undefined {
  return descriptors.get(typeId);
}

// Package modules take zod and the SDK from the page instead of bundling their own copies.
function shareModules(): void {
  (globalThis as Record<string, unknown>)[SHARED_MODULES_GLOBAL] = { zod, '@braid/sdk': sdk };
}

async function importPackage(p: NodePackage): Promise<AnyNodeType[]> {
  const mod = (await import(/* @vite-ignore */ p.browserModule)) as { nodeTypes?: unknown };
  if (!Array.isArray(mod.nodeTypes)) throw new Error(`Node package "${p.name}" has no nodeTypes for the canvas`);
  // Only what the server lists: the catalogue, not the module, decides what exists.
  const listed = new Set(p.nodeTypeIds);
  return (mod.nodeTypes as AnyNodeType[]).filter((t) => listed.has(t.id));
}

async function load(): Promise<void> {
  const catalogue = await http.get<CatalogueResponse>('/api/node-types');
  shareModules();
  const perPackage = await Promise.all(catalogue.packages.map(importPackage));
  const byId = new Map(perPackage.flat().map((t) => [t.id, t]));
  // Palette order is the server's order.
  setRegistry(createRegistry(catalogue.nodeTypes.flatMap((d) => byId.get(d.id) ?? [])));
  descriptors = new Map(catalogue.nodeTypes.map((d) => [d.id, d]));
}

/** Loads the catalogue once per page (again after a failure). */
export function loadCatalogue(): Promise<void> {
  loading ??= load().catch((e: unknown) => {
    loading = null;
    throw e;
  });
  return loading;
}
