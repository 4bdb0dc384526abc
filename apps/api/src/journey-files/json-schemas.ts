// The journey graph and journey file formats as JSON Schemas (draft 2020-12), generated from the
// zod schemas the validator itself uses, so the published format cannot drift from the checked
// one. Public like /api/openapi.json: editors fetch them through a file's `$schema`.
import { journeyJsonSchemas } from '@braid/journey';
import { createRoute, z } from '@hono/zod-openapi';
import { json } from '../admin/common';
import { adminApp } from '../admin/openapi-app';

const tags = ['journey files'];
const JsonSchema = z.record(z.string(), z.unknown()).openapi('JsonSchemaDocument');

const schemaRoute = (name: 'journey-graph' | 'journey-file', summary: string) =>
  createRoute({ method: 'get', path: `/${name}.json`, tags, summary, responses: { 200: json(JsonSchema, 'JSON Schema, draft 2020-12') } });

export function journeySchemaRoutes() {
  const schemas = journeyJsonSchemas();
  return adminApp()
    .openapi(schemaRoute('journey-graph', 'JSON Schema of a journey graph (steps and the paths between them)'), (c) => c.json(schemas.graph, 200))
    .openapi(schemaRoute('journey-file', 'JSON Schema of a journey file (`braid export` / `braid push`): key, name, description, graph'), (c) => c.json(schemas.file, 200));
}
