// The keys this workspace signs its open / click / unsubscribe links with. Listed without their
// secrets; rotating makes a new key for new links while links already sent keep working with the
// old one for `keepOldDays` (0 after a leak: old links are refused at once).
import { keyringFromEnv, listTrackingKeys, rotateTrackingKey, SecretsKeyError, trackingKeyStore } from '@braid/channels';
import type { Db } from '@braid/db';
import { createRoute, z } from '@hono/zod-openapi';
import { adminApp } from '../admin/openapi-app';
import { errorResponses, json, security } from '../admin/common';
import { requireRole } from '../auth/middleware';
import { ApiError } from '../errors';

const admins = [requireRole('owner', 'admin')];

const Key = z
  .object({
    keyId: z.string(),
    createdAt: z.number(),
    retiredAt: z.number().nullable(),
    expiresAt: z.number().nullable().openapi({ description: 'After this, links signed with the key are refused; null while current' }),
    current: z.boolean(),
  })
  .openapi('TrackingKey');
const Keys = z.object({ keys: z.array(Key) });

const list = createRoute({ middleware: admins, method: 'get', path: '/', tags: ['channels'], summary: 'The keys tracked and unsubscribe links are signed with (never their secrets)', security, responses: { 200: json(Keys, 'Keys, newest first'), ...errorResponses } });
const rotate = createRoute({
  middleware: admins,
  method: 'post',
  path: '/rotate',
  tags: ['channels'],
  summary: 'Sign new links with a fresh key; links already sent keep working for keepOldDays',
  security,
  request: { body: { content: { 'application/json': { schema: z.object({ keepOldDays: z.number().int().min(0).max(730).default(180) }) } }, required: true } },
  responses: { 200: json(Keys, 'Keys after the rotation'), ...errorResponses },
});

const DAY_MS = 24 * 3_600_000;

function sealingRing() {
  try {
    return keyringFromEnv();
  } catch (error) {
    if (error instanceof SecretsKeyError) throw new ApiError(409, 'secrets_key_invalid', error.message);
    throw error;
  }
}

export function trackingKeyRoutes(db: Db) {
  return adminApp()
    .openapi(list, async (c) => {
      const workspaceId = c.get('workspaceId');
      // The first key is made on first use; listing shows it even before the first email.
      await trackingKeyStore(db, { ring: sealingRing() }).signingKey(workspaceId);
      return c.json({ keys: await listTrackingKeys(db, workspaceId) }, 200);
    })
    .openapi(rotate, async (c) => {
      const { keepOldDays } = c.req.valid('json');
      const keys = await rotateTrackingKey(db, sealingRing(), { workspaceId: c.get('workspaceId'), keepOldMs: keepOldDays * DAY_MS, now: Date.now() });
      return c.json({ keys }, 200);
    });
}
