// A node package whose main entry cannot be bundled for the browser is left out of the canvas's
// catalogue, and every other package (the built-ins here) is still described and served: one
// broken package does not blank the palette. Real HTTP, real libSQL file.
import { loadInstalledNodeTypes } from '@braid/nodes/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { nodeTypeRoutes } from '../src/node-types/routes';
import { startTestApi, type TestApi } from './helpers';

let api: TestApi;
const logged: string[] = [];

beforeAll(async () => {
  const { registry } = await loadInstalledNodeTypes([]);
  vi.spyOn(console, 'error').mockImplementation((line: unknown) => void logged.push(String(line)));
  api = await startTestApi({
    registerRoutes: (admin) =>
      admin.route(
        '/node-types',
        // A package the server named but whose code the bundler cannot find or build.
        nodeTypeRoutes({ registry: async () => registry, packages: async () => [{ name: '@acme/braid-not-bundlable', nodeTypeIds: ['not-bundlable'] }] }),
      ),
  });
});
afterAll(async () => {
  vi.restoreAllMocks();
  await api.stop();
});

describe('GET /api/node-types with a package that cannot run in a browser', () => {
  it('lists the other packages and their node types, and names the one left out in the log', async () => {
    const res = await api.admin('/api/node-types');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { nodeTypes: { id: string; package: string }[]; packages: { name: string; browserModule: string }[] };
    expect(body.packages.map((p) => p.name)).toEqual(['@braid/nodes']);
    expect(body.nodeTypes.map((t) => t.id)).toContain('send-message');
    expect(body.nodeTypes.every((t) => t.package === '@braid/nodes')).toBe(true);
    expect(logged.some((l) => l.includes('node package "@acme/braid-not-bundlable" left out of the canvas'))).toBe(true);
    // The built-ins' module is still served.
    const module = await api.admin(body.packages[0]!.browserModule);
    expect(module.status).toBe(200);
    expect(module.headers.get('content-type')).toContain('javascript');
  });
});
