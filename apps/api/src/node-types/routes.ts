// The one node catalogue: the node types this installation loaded (built-ins plus the packages
// named in BRAID_NODE_PACKAGES), described for the canvas (texts in Vietnamese and English, icon,
// form hints, ports, JSON Schema of the config) with the browser module of each package.
import { describeNodeType, type NodeRegistry } from '@braid/sdk';
import { createRoute, z } from '@hono/zod-openapi';
import { adminApp } from '../admin/openapi-app';
import { errorResponses, json, security } from '../admin/common';
import { ApiError } from '../errors';
import { browserModuleOf } from './browser-modules';

export type NodePackage = { name: string; nodeTypeIds: string[] };

/** The package built-in node types come from. */
const BUILTIN_PACKAGE = '@braid/nodes';

const Text = z.object({ vi: z.string(), en: z.string() }).openapi('LocalText');

const NodeTypeDescriptor = z
  .object({
    id: z.string(),
    package: z.string(),
    category: z.enum(['trigger', 'wait', 'condition', 'action', 'setting']),
    version: z.number().int(),
    label: Text,
    description: Text,
    icon: z.string().openapi({ description: 'A lucide icon name (https://lucide.dev/icons)' }),
    form: z.record(z.string(), z.unknown()).openapi({ description: 'Form hints per config field: label, widget, help, placeholder, options, showIf' }),
    defaultConfig: z.unknown(),
    ports: z.array(z.object({ id: z.string(), label: Text, optional: z.boolean().optional() })),
    dynamicPorts: z.boolean(),
    templateVariable: z.string().nullable(),
    configJsonSchema: z.unknown(),
  })
  .openapi('NodeTypeDescriptor');

const NodePackageSchema = z
  .object({
    name: z.string(),
    nodeTypeIds: z.array(z.string()),
    browserModule: z.string().openapi({ description: 'URL of an ES module exporting the package’s `nodeTypes`, for the canvas' }),
  })
  .openapi('NodePackage');

const list = createRoute({
  method: 'get',
  path: '/',
  tags: ['journeys'],
  summary: 'Every node type installed here (built-in and from node packages), as the canvas draws them, with the packages that brought them',
  security,
  responses: { 200: json(z.object({ nodeTypes: z.array(NodeTypeDescriptor), packages: z.array(NodePackageSchema) }), 'Node types'), ...errorResponses },
});

export type NodeCatalogueSource = {
  registry: () => Promise<NodeRegistry>;
  /** Packages beyond the built-ins, from BRAID_NODE_PACKAGES; none when not given. */
  packages?: () => Promise<readonly NodePackage[]>;
};

async function packagesOf(source: NodeCatalogueSource): Promise<NodePackage[]> {
  const registry = await source.registry();
  const extra = (await source.packages?.()) ?? [];
  const claimed = new Set(extra.flatMap((p) => p.nodeTypeIds));
  const builtins = registry.list().filter((t) => !claimed.has(t.id)).map((t) => t.id);
  return [{ name: BUILTIN_PACKAGE, nodeTypeIds: builtins }, ...extra.filter((p) => p.name !== BUILTIN_PACKAGE)];
}

export function nodeTypeRoutes(source: NodeCatalogueSource) {
  const app = adminApp();
  // A JavaScript module, not JSON: served beside the documented routes, behind the same sign-in.
  app.get('/browser.js', async (c) => {
    const name = c.req.query('package') ?? '';
    const packages = await packagesOf(source);
    if (!packages.some((p) => p.name === name)) throw new ApiError(404, 'not_found', `No node package "${name}" is installed here`);
    const module = await browserModuleOf(name);
    const immutable = c.req.query('v') === module.version;
    return c.body(module.code, 200, {
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': immutable ? 'private, max-age=31536000, immutable' : 'no-cache',
    });
  });
  return app.openapi(list, async (c) => {
    const registry = await source.registry();
    const packages = await packagesOf(source);
    const described = (
      await Promise.all(
        packages.map(async (p) => {
          try {
            const { version } = await browserModuleOf(p.name);
            return [{ ...p, browserModule: `/api/node-types/browser.js?package=${encodeURIComponent(p.name)}&v=${version}` }];
          } catch (error) {
            // A package whose main entry cannot run in a browser (Node built-ins, a missing
            // import) is left off the canvas, named in the log; every other package still loads.
            console.error(`[node-types] node package "${p.name}" left out of the canvas: its main entry cannot be bundled for the browser: ${error instanceof Error ? error.message : String(error)}`);
            return [];
          }
        }),
      )
    ).flat();
    const packageOf = new Map(described.flatMap((p) => p.nodeTypeIds.map((id) => [id, p.name] as const)));
    const nodeTypes = registry
      .list()
      .filter((t) => packageOf.has(t.id))
      .map((t) => describeNodeType(t, packageOf.get(t.id)!));
    return c.json({ nodeTypes: nodeTypes as z.infer<typeof NodeTypeDescriptor>[], packages: described }, 200);
  });
}
