// /v1/push: the workspace's VAPID public key for the browser's pushManager.subscribe, and the
// registration of the subscription it returns, for the visitor holding the anonymous id.
import { channelScope, recordConsent, workspaceVapidKeys } from '@braid/channels';
import { and, eq, findCustomerByIdentity, pushSubscriptions } from '@braid/db';
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { z } from 'zod';
import { ApiError, validationError, zodDetails } from '../errors';
import { bodyObject, siteOf, visitorOf, type VisitorDeps } from './visitor';

export type PushRouteDeps = VisitorDeps & {
  /** Accept http endpoints on private networks (self-hosted push services, tests); default off. */
  allowPrivateEndpoints?: boolean;
  now?: () => number;
};

const base64url = (bytes: number) =>
  z
    .string()
    .regex(/^[A-Za-z0-9_-]+={0,2}$/, 'must be base64url')
    .refine((s) => Buffer.from(s, 'base64url').length === bytes, `must encode ${bytes} bytes`);

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/;

function subscriptionSchema(allowPrivate: boolean) {
  return z.object({
    endpoint: z
      .string()
      .max(2_000)
      .refine((value) => {
        let url: URL;
        try {
          url = new URL(value);
        } catch {
          return false;
        }
        // Push services are https; plain http only for a local one when the operator allows it.
        return url.protocol === 'https:' || (allowPrivate && url.protocol === 'http:' && LOOPBACK.test(url.hostname));
      }, 'must be the https URL of a push service'),
    expirationTime: z.number().nullable().optional(),
    // RFC 8291: the browser's P-256 public key (65 bytes uncompressed) and 16-byte auth secret.
    keys: z.object({ p256dh: base64url(65), auth: base64url(16) }),
  });
}

export function pushRoutes(deps: PushRouteDeps): Hono {
  const app = new Hono();
  const now = deps.now ?? Date.now;
  const schema = z.object({ subscription: subscriptionSchema(deps.allowPrivateEndpoints ?? false), userId: z.union([z.string().min(1).max(500), z.number()]).optional() });
  app.use(cors({ origin: '*', allowMethods: ['GET', 'POST', 'OPTIONS'], allowHeaders: ['Content-Type'], maxAge: 86400 }));

  app.get('/key', async (c) => {
    const site = await siteOf(c, deps, c.req.query('writeKey'));
    const keys = await workspaceVapidKeys(deps.db, site.workspaceId, now);
    return c.json({ publicKey: keys.publicKey });
  });

  app.post('/subscriptions', async (c) => {
    const body = await bodyObject(c);
    const visitor = await visitorOf(c, deps, body);
    const parsed = schema.safeParse(body);
    if (!parsed.success) throw validationError(zodDetails(parsed.error));
    const { subscription, userId } = parsed.data;
    if (!visitor.customerId) {
      throw new ApiError(409, 'unknown_visitor', 'Braid has no event from this visitor yet: send page() or identify() before asking for notifications', [{ field: 'anonymousId', message: 'no customer has this anonymous id' }]);
    }
    // The user id a page claims must be the visitor's own: a subscription is never filed under someone else.
    if (userId !== undefined) {
      const named = await findCustomerByIdentity(deps.db, visitor.workspaceId, 'user_id', String(userId));
      if (named !== visitor.customerId) {
        throw new ApiError(403, 'other_customer', 'This browser is not the customer with that user id: identify() the visitor first', [{ field: 'userId', message: 'belongs to another customer than this visitor, or to nobody' }]);
      }
    }
    const at = now();
    const created = await deps.db.transaction(async (tx) => {
      const [existing] = await tx.select().from(pushSubscriptions).where(eq(pushSubscriptions.endpoint, subscription.endpoint)).limit(1);
      if (existing && (existing.workspaceId !== visitor.workspaceId || existing.customerId !== visitor.customerId)) {
        throw new ApiError(409, 'subscription_of_another_customer', 'This push subscription is registered for another customer; the browser must unsubscribe it before it can be registered again', [{ field: 'subscription.endpoint', message: 'belongs to another customer' }]);
      }
      const row = { endpoint: subscription.endpoint, workspaceId: visitor.workspaceId, customerId: visitor.customerId!, p256dh: subscription.keys.p256dh, auth: subscription.keys.auth, userAgent: c.req.header('user-agent')?.slice(0, 300) ?? null, createdAt: at };
      if (existing) {
        await tx.update(pushSubscriptions).set({ p256dh: row.p256dh, auth: row.auth, userAgent: row.userAgent }).where(and(eq(pushSubscriptions.endpoint, row.endpoint), eq(pushSubscriptions.customerId, row.customerId)));
      } else {
        await tx.insert(pushSubscriptions).values(row);
      }
      // Allowing notifications in the browser is the customer's yes to push.
      await recordConsent(tx, { workspaceId: visitor.workspaceId, customerId: visitor.customerId!, scope: channelScope('push'), status: 'subscribed', source: 'web_push_permission', at });
      return !existing;
    });
    return c.json({ subscribed: true }, created ? 201 : 200);
  });

  app.post('/unsubscribe', async (c) => {
    const body = await bodyObject(c);
    const visitor = await visitorOf(c, deps, body);
    const endpoint = typeof body.endpoint === 'string' ? body.endpoint : null;
    if (!endpoint) throw validationError([{ field: 'endpoint', message: 'the subscription endpoint is required' }]);
    if (visitor.customerId) {
      await deps.db.delete(pushSubscriptions).where(and(eq(pushSubscriptions.endpoint, endpoint), eq(pushSubscriptions.workspaceId, visitor.workspaceId), eq(pushSubscriptions.customerId, visitor.customerId)));
    }
    return c.json({ subscribed: false });
  });
  return app;
}
