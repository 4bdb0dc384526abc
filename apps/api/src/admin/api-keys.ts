// API keys: list, create (secret shown once), revoke.
import { and, apiKeys, desc, eq, type Db } from '@braid/db';
import { createRoute, z } from '@hono/zod-openapi';
import { adminApp } from './openapi-app';
import { ApiError } from '../errors';
import { requireRole } from '../auth/middleware';
import { createApiKey, type KeyCache } from '../auth/keys';
import { ErrorSchema, errorResponses, IdParam, json, notFound, security } from './common';
import { assertNotLastAdminCredential } from './last-admin';
import { recordAudit } from '../audit/record';

const ApiKey = z
  .object({
    id: z.string(),
    workspaceId: z.string(),
    kind: z.enum(['write', 'admin']),
    name: z.string(),
    prefix: z.string().openapi({ description: 'First characters of the secret, to recognise it' }),
    createdAt: z.number().int(),
    revokedAt: z.number().int().nullable(),
  })
  .openapi('ApiKey');

const admins = [requireRole('owner', 'admin')];

const list = createRoute({
  method: 'get',
  path: '/',
  tags: ['api keys'],
  summary: 'List API keys (never their secrets)',
  security,
  middleware: admins,
  responses: { 200: json(z.object({ apiKeys: z.array(ApiKey) }), 'Keys'), ...errorResponses },
});
const create = createRoute({
  method: 'post',
  path: '/',
  tags: ['api keys'],
  summary: 'Create a write key (ingestion) or admin token; the secret is in this response only',
  security,
  middleware: admins,
  request: {
    body: {
      content: {
        'application/json': {
          schema: z.object({ kind: z.enum(['write', 'admin']), name: z.string().max(200).default('') }),
        },
      },
    },
  },
  responses: { 201: json(z.object({ apiKey: ApiKey, secret: z.string() }), 'Created'), ...errorResponses },
});
const revoke = createRoute({
  method: 'delete',
  path: '/{id}',
  tags: ['api keys'],
  summary: 'Revoke a key; requests using it are refused from now on. The last admin credential cannot be revoked (409)',
  security,
  middleware: admins,
  request: { params: IdParam },
  responses: {
    200: json(ApiKey, 'Revoked'),
    ...errorResponses,
    ...notFound,
    409: json(ErrorSchema, 'The workspace would be left without an admin token or an owner / admin user'),
  },
});

export function apiKeyRoutes(db: Db, keys: KeyCache) {
  const app = adminApp();
  const columns = {
    id: apiKeys.id,
    workspaceId: apiKeys.workspaceId,
    kind: apiKeys.kind,
    name: apiKeys.name,
    prefix: apiKeys.prefix,
    createdAt: apiKeys.createdAt,
    revokedAt: apiKeys.revokedAt,
  };
  return app
    .openapi(list, async (c) => {
      const rows = await db
        .select(columns)
        .from(apiKeys)
        .where(eq(apiKeys.workspaceId, c.get('workspaceId')))
        .orderBy(desc(apiKeys.id));
      return c.json({ apiKeys: rows }, 200);
    })
    .openapi(create, async (c) => {
      const { kind, name } = c.req.valid('json');
      const made = await db.transaction(async (tx) => {
        const result = await createApiKey(tx, { workspaceId: c.get('workspaceId'), kind, name });
        await recordAudit(tx, { workspaceId: c.get('workspaceId'), actor: c.get('actor'), action: 'api_key.created', targetId: result.key.id, details: { kind, name, prefix: result.key.prefix } });
        return result;
      });
      const { key, secret } = made;
      return c.json({ apiKey: key, secret }, 201);
    })
    .openapi(revoke, async (c) => {
      const { id } = c.req.valid('param');
      const where = and(eq(apiKeys.id, id), eq(apiKeys.workspaceId, c.get('workspaceId')));
      const [row] = await db.select(columns).from(apiKeys).where(where).limit(1);
      if (!row) throw new ApiError(404, 'not_found', 'No such API key in this workspace', [{ field: 'id', message: 'not found' }]);
      if (row.revokedAt === null) {
        const revokedAt = Date.now();
        // One write transaction: two revokes at once cannot each see the other's token as left.
        await db.transaction(
          async (tx) => {
            if (row.kind === 'admin') await assertNotLastAdminCredential(tx, row.workspaceId, row.id);
            await tx.update(apiKeys).set({ revokedAt }).where(where);
            await recordAudit(tx, { workspaceId: row.workspaceId, actor: c.get('actor'), action: 'api_key.revoked', targetId: row.id, details: { kind: row.kind, name: row.name, prefix: row.prefix } });
          },
          { behavior: 'immediate' },
        );
        row.revokedAt = revokedAt;
        keys.forget();
      }
      return c.json(row, 200);
    });
}
