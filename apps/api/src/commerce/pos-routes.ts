// POST /v1/pos/orders: a showroom sale from the till (write key, like /v1/track). The cashier
// types the customer's phone however it comes ("0909 908 089", "+84 909-908-089"); it is read
// as a Vietnamese number and finds the customer who left it online.
import type { Db } from '@braid/db';
import { Hono } from 'hono';
import { z } from 'zod';
import type { KeyCache } from '../auth/keys';
import type { AllowedOrigins } from '../website/allowed-origins';
import { ApiError, validationError, zodDetails } from '../errors';
import { limitBody } from './body-limit';
import { normalizeEmail, normalizePhone } from '../identity/normalize';
import { parseJsonBody } from '../ingest/parse';
import { recordEvents, type OnEventsIngested } from '../ingest/record';
import { saneTimestampMs, TIMESTAMP_RULE } from '../ingest/timestamps';

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);

export const PosOrder = z.object({
  phone: z
    .string()
    .max(40)
    .refine((v) => normalizePhone(v) !== null, 'is not a phone number we can read (e.g. 0909 908 089)'),
  email: z.string().max(320).refine((v) => normalizeEmail(v) !== null, 'is not an email address').optional(),
  name: z.string().trim().max(200).optional(),
  store: text(200),
  orderId: text(200),
  cashier: z.string().trim().max(200).optional(),
  products: z
    .array(
      z.object({
        productId: text(200).optional(),
        sku: text(200).optional(),
        name: text(500),
        price: z.number().finite().min(0),
        quantity: z.number().int().min(1).max(100_000).default(1),
      }),
    )
    .min(1, 'a sale has at least one product')
    .max(500),
  /** Defaults to the sum of the products. */
  revenue: z.number().finite().min(0).optional(),
  currency: z.string().regex(/^[A-Za-z]{3}$/, 'a 3-letter currency code').default('VND'),
  referralCode: text(100).optional(),
  timestamp: z.union([z.string(), z.number()]).refine((v) => saneTimestampMs(v) !== null, TIMESTAMP_RULE).optional(),
});
export type PosOrder = z.infer<typeof PosOrder>;

function writeKeyOf(header: string | undefined): string | null {
  if (!header) return null;
  const [scheme, encoded] = header.split(' ');
  if (!encoded || scheme?.toLowerCase() !== 'basic') return null;
  const user = Buffer.from(encoded, 'base64').toString('utf8').split(':')[0] ?? '';
  return user || null;
}

export function posEvent(o: PosOrder) {
  const products = o.products.map((p) => ({
    ...(p.productId ? { product_id: p.productId } : {}),
    ...(p.sku ? { sku: p.sku } : {}),
    name: p.name,
    price: p.price,
    quantity: p.quantity,
  }));
  const revenue = o.revenue ?? products.reduce((sum, p) => sum + p.price * p.quantity, 0);
  const [firstName, ...rest] = (o.name ?? '').split(/\s+/).filter(Boolean);
  return {
    type: 'track' as const,
    event: 'Order Completed',
    // One sale per store and receipt number: the till's retry stores it once.
    messageId: `pos:${o.store}:${o.orderId}`.slice(0, 200),
    ...(o.timestamp !== undefined ? { timestamp: o.timestamp } : {}),
    properties: {
      order_id: o.orderId,
      source: 'pos',
      store: o.store,
      affiliation: o.store,
      revenue,
      total: revenue,
      currency: o.currency.toUpperCase(),
      products,
      ...(o.cashier ? { cashier: o.cashier } : {}),
      ...(o.referralCode ? { referral_code: o.referralCode } : {}),
    },
    context: {
      channel: 'pos',
      traits: {
        phone: normalizePhone(o.phone)!,
        ...(o.email ? { email: o.email } : {}),
        ...(firstName ? { firstName } : {}),
        ...(rest.length ? { lastName: rest.join(' ') } : {}),
      },
    },
  };
}

export function posRoutes(deps: { db: Db; keys: KeyCache; onEventsIngested?: OnEventsIngested; origins?: AllowedOrigins }): Hono {
  const app = new Hono();
  app.post('/orders', limitBody(), async (c) => {
    const receivedAt = Date.now();
    const key = writeKeyOf(c.req.header('authorization'));
    const owner = key ? await deps.keys.lookup(key, 'write') : null;
    if (!owner) {
      throw new ApiError(401, 'unauthorized', 'A valid write key is required (HTTP Basic username)', [{ field: 'writeKey', message: 'missing, unknown or revoked' }]);
    }
    // A till running in a browser is a page like any other: only the workspace's allowed origins.
    await deps.origins?.check(c.req.header('origin'), owner.workspaceId);
    const body = parseJsonBody(await c.req.text());
    const parsed = PosOrder.safeParse(body);
    if (!parsed.success) throw validationError(zodDetails(parsed.error));
    const stored = await recordEvents(deps.db, deps.onEventsIngested, owner.workspaceId, [posEvent(parsed.data)], receivedAt);
    // The write key is public (it sits in the website snippet): the answer says nothing about who the customer is.
    return c.json({ success: true, duplicate: stored.length === 0, phone: normalizePhone(parsed.data.phone) }, 200);
  });
  return app;
}
