// Writes the published JSON Schemas to docs/schemas (the API serves the same at
// /api/schemas/*.json); a test fails when the committed copies fall behind the zod schemas.
import { writeFileSync } from 'node:fs';
import { journeyJsonSchemas } from '../src/journey-file';

const schemas = journeyJsonSchemas();
for (const [name, schema] of [['journey-graph', schemas.graph], ['journey-file', schemas.file]] as const) {
  const file = new URL(`../../../docs/schemas/${name}.json`, import.meta.url);
  writeFileSync(file, `${JSON.stringify(schema, null, 2)}\n`);
  console.log(`wrote ${file.pathname.split('/').slice(-3).join('/')}`);
}
