// Published versions of a journey, newest first, and one version with its graph and compiled program.
import { and, desc, eq, journeyVersions, type Db } from '@braid/db';
import type { JourneyIR } from '@braid/sdk';
import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses, json, notFound, security } from '../admin/common';
import { adminApp } from '../admin/openapi-app';
import { ApiError } from '../errors';
import { findJourney } from './find';
import { peopleLabels } from './people';
import { tags } from './responses';
import { JourneyParam, Version, VersionSummary, type Graph } from './schemas';

const versions = createRoute({
  method: 'get',
  path: '/{id}/versions',
  tags,
  summary: 'Published versions, newest first',
  security,
  request: { params: JourneyParam },
  responses: { 200: json(z.object({ versions: z.array(VersionSummary) }), 'Versions'), ...errorResponses, ...notFound },
});
const version = createRoute({
  method: 'get',
  path: '/{id}/versions/{version}',
  tags,
  summary: 'One published version with its graph and compiled program',
  security,
  request: { params: JourneyParam.extend({ version: z.coerce.number().int().min(1).openapi({ param: { name: 'version', in: 'path' } }) }) },
  responses: { 200: json(Version, 'Version'), ...errorResponses, ...notFound },
});
export function versionRoutes(db: Db) {
  const find = (workspaceId: string, id: string) => findJourney(db, workspaceId, id);
  return adminApp()
    .openapi(versions, async (c) => {
      const journey = await find(c.get('workspaceId'), c.req.valid('param').id);
      const rows = await db
        .select({ id: journeyVersions.id, version: journeyVersions.version, author: journeyVersions.author, note: journeyVersions.note, createdAt: journeyVersions.createdAt })
        .from(journeyVersions)
        .where(eq(journeyVersions.journeyId, journey.id))
        .orderBy(desc(journeyVersions.version));
      const people = await peopleLabels(db, journey.workspaceId, rows.map((r) => r.author));
      return c.json({ versions: rows.map((r) => ({ ...r, authorName: r.author ? (people.get(r.author) ?? null) : null })) }, 200);
    })
    .openapi(version, async (c) => {
      const { id, version: number } = c.req.valid('param');
      const journey = await find(c.get('workspaceId'), id);
      const [row] = await db
        .select()
        .from(journeyVersions)
        .where(and(eq(journeyVersions.journeyId, journey.id), eq(journeyVersions.version, number)))
        .limit(1);
      if (!row) throw new ApiError(404, 'not_found', `Version ${number} of this journey does not exist`, [{ field: 'version', message: 'not found' }]);
      const people = await peopleLabels(db, journey.workspaceId, [row.author]);
      return c.json(
        {
          id: row.id,
          version: row.version,
          author: row.author,
          authorName: row.author ? (people.get(row.author) ?? null) : null,
          note: row.note,
          createdAt: row.createdAt,
          ir: row.ir as JourneyIR,
          graph: row.graph as z.infer<typeof Graph>,
        },
        200,
      );
    });
}
