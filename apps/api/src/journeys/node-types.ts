// The node types this installation can publish: built-ins plus the developer packages named in
// BRAID_NODE_PACKAGES, described for the canvas (form, default settings, ports, JSON schema).
import { describeNodeType, type NodeRegistry } from '@braid/sdk';
import { createRoute, z } from '@hono/zod-openapi';
import { adminApp } from '../admin/openapi-app';
import { errorResponses, json, security } from '../admin/common';

const NodeTypeDescriptor = z
  .object({
    id: z.string(),
    category: z.string(),
    version: z.number().int(),
    label: z.string(),
    description: z.string(),
    icon: z.string().nullable(),
    form: z.unknown(),
    defaultConfig: z.unknown(),
    ports: z.array(z.object({ id: z.string(), label: z.string(), optional: z.boolean().optional() })),
    dynamicPorts: z.boolean(),
    configJsonSchema: z.unknown(),
  })
  .openapi('NodeTypeDescriptor');

const list = createRoute({
  method: 'get',
  path: '/',
  tags: ['journeys'],
  summary: 'Every node type installed here (built-in and from node packages), as the canvas draws them',
  security,
  responses: { 200: json(z.object({ nodeTypes: z.array(NodeTypeDescriptor) }), 'Node types'), ...errorResponses },
});

export function nodeTypeRoutes(registry: () => Promise<NodeRegistry>) {
  const app = adminApp();
  return app.openapi(list, async (c) => {
    const types = (await registry()).list();
    return c.json({ nodeTypes: types.map((t) => describeNodeType(t)) as z.infer<typeof NodeTypeDescriptor>[] }, 200);
  });
}
