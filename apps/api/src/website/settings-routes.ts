// GET/PUT /api/website: the origins whose pages may use the workspace's write key (the shop's
// domains), and the snippet's addresses to paste. Owners and admins change them.
import { eq, websiteSettings, type Db } from '@braid/db';
import { createRoute, z } from '@hono/zod-openapi';
import { adminApp } from '../admin/openapi-app';
import { errorResponses, json, security } from '../admin/common';
import { requireRole } from '../auth/middleware';
import type { AllowedOrigins } from './allowed-origins';
import { normaliseOrigin } from './allowed-origins';

const Settings = z
  .object({
    allowedOrigins: z.array(z.string()).openapi({ example: ['https://hoabanfood.vn'] }),
    pushPublicKey: z.string().nullable().openapi({ description: 'VAPID public key for web push; made on first use' }),
  })
  .openapi('WebsiteSettings');

const Origin = z
  .string()
  .max(300)
  .refine((value) => normaliseOrigin(value) !== null, 'must be an origin such as https://shop.example (scheme, host and port only)');
const Update = z.object({ allowedOrigins: z.array(Origin).max(100, 'at most 100 origins') });

const get = createRoute({ method: 'get', path: '/', tags: ['website'], summary: 'Where the website snippet may run', security, responses: { 200: json(Settings, 'Settings'), ...errorResponses } });
const put = createRoute({
  method: 'put',
  path: '/',
  tags: ['website'],
  summary: "Set the origins whose pages may use the workspace's write key",
  security,
  middleware: [requireRole('owner', 'admin')] as const,
  request: { body: { content: { 'application/json': { schema: Update } } } },
  responses: { 200: json(Settings, 'Saved'), ...errorResponses },
});

export function websiteSettingsRoutes(db: Db, origins: AllowedOrigins) {
  const read = async (workspaceId: string): Promise<z.infer<typeof Settings>> => {
    const [row] = await db.select().from(websiteSettings).where(eq(websiteSettings.workspaceId, workspaceId)).limit(1);
    return { allowedOrigins: row?.allowedOrigins ?? [], pushPublicKey: row?.vapidPublicKey ?? null };
  };
  return adminApp()
    .openapi(get, async (c) => c.json(await read(c.get('workspaceId')), 200))
    .openapi(put, async (c) => {
      const workspaceId = c.get('workspaceId');
      const allowed = [...new Set(c.req.valid('json').allowedOrigins.map((o) => normaliseOrigin(o)!))];
      const at = Date.now();
      await db
        .insert(websiteSettings)
        .values({ workspaceId, allowedOrigins: allowed, updatedAt: at })
        .onConflictDoUpdate({ target: websiteSettings.workspaceId, set: { allowedOrigins: allowed, updatedAt: at } });
      origins.forget(workspaceId);
      return c.json(await read(workspaceId), 200);
    });
}
