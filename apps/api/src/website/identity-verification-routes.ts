// GET/PUT /api/website/identity-verification and POST …/rotate: the secret the shop's server signs
// its users' ids with, and the switch that makes ingestion require those signatures. Only owners
// and admins see the secret (it lets whoever holds it speak as any customer).
import type { Db } from '@braid/db';
import { createRoute, z } from '@hono/zod-openapi';
import { adminApp } from '../admin/openapi-app';
import { ErrorSchema, errorResponses, json, security } from '../admin/common';
import { requireRole } from '../auth/middleware';
import { identitySettings, rotateIdentitySecret, setIdentityVerification, type IdentityVerification } from './identity-verification';

const Settings = z
  .object({
    enabled: z.boolean().openapi({ description: 'Write-key events naming a userId must carry userHash' }),
    secret: z.string().openapi({ description: 'Keep on your server: userHash = hex HMAC-SHA256(secret, userId)' }),
  })
  .openapi('IdentityVerification');

const Update = z.object({ enabled: z.boolean() });

const unreadable = { 409: json(ErrorSchema, 'The stored secret does not open with the configured BRAID_SECRETS_KEY') };

const get = createRoute({
  method: 'get',
  path: '/',
  tags: ['website'],
  summary: "The workspace's identity-verification secret (made on first use) and whether it is required",
  security,
  middleware: [requireRole('owner', 'admin')] as const,
  responses: { 200: json(Settings, 'Settings'), ...errorResponses, ...unreadable },
});
const put = createRoute({
  method: 'put',
  path: '/',
  tags: ['website'],
  summary: 'Require (or stop requiring) a userHash on write-key events that name a userId',
  security,
  middleware: [requireRole('owner', 'admin')] as const,
  request: { body: { content: { 'application/json': { schema: Update } } } },
  responses: { 200: json(Settings, 'Saved'), ...errorResponses, ...unreadable },
});
const rotate = createRoute({
  method: 'post',
  path: '/rotate',
  tags: ['website'],
  summary: 'Replace the identity-verification secret; hashes made with the old one stop being accepted',
  security,
  middleware: [requireRole('owner', 'admin')] as const,
  responses: { 200: json(Settings, 'The new secret'), ...errorResponses, ...unreadable },
});

export function identityVerificationRoutes(db: Db, verification: IdentityVerification) {
  return adminApp()
    .openapi(get, async (c) => c.json(await identitySettings(db, c.get('workspaceId')), 200))
    .openapi(put, async (c) => {
      const workspaceId = c.get('workspaceId');
      const saved = await setIdentityVerification(db, workspaceId, c.req.valid('json').enabled);
      verification.forget(workspaceId);
      return c.json(saved, 200);
    })
    .openapi(rotate, async (c) => {
      const workspaceId = c.get('workspaceId');
      const saved = await rotateIdentitySecret(db, workspaceId);
      verification.forget(workspaceId);
      return c.json(saved, 200);
    });
}
