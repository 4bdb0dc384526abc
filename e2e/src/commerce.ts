// The shop's other systems in the story tests: its online store sending signed order webhooks
// (Shopify's scheme: base64 HMAC-SHA256 of the raw body) and the showroom's till posting sales.
import { createHmac, randomUUID } from 'node:crypto';
import type { BraidSystem } from './system';

export type ShopSource = { id: string; webhookUrl: string; secret: string };

async function call(sys: BraidSystem, method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${sys.apiUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${sys.credentials.adminToken}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

/** JSON from the admin API, or an error naming the call and the answer. */
export async function admin<T>(sys: BraidSystem, method: string, path: string, body?: unknown): Promise<T> {
  const res = await call(sys, method, path, body);
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Lets pages on `origin` use the workspace's write key (the website settings). */
export async function allowWebsite(sys: BraidSystem, origin: string): Promise<void> {
  await admin(sys, 'PUT', '/api/website', { allowedOrigins: [origin] });
}

/** Connects the shop's online store (Shopify) and returns its webhook URL and secret. */
export async function connectShop(sys: BraidSystem, name: string): Promise<ShopSource> {
  const secret = `shpss_${randomUUID().replace(/-/g, '')}`;
  const created = await admin<{ id: string; webhookUrl: string }>(sys, 'POST', '/api/commerce-sources', { platform: 'shopify', name, secret });
  return { id: created.id, webhookUrl: created.webhookUrl, secret };
}

/** One webhook delivery as Shopify makes it. */
export async function deliverWebhook(source: ShopSource, topic: string, payload: Record<string, unknown>): Promise<void> {
  const body = JSON.stringify(payload);
  const res = await fetch(source.webhookUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'X-Shopify-Topic': topic,
      'X-Shopify-Webhook-Id': randomUUID(),
      'X-Shopify-Hmac-Sha256': createHmac('sha256', source.secret).update(body, 'utf8').digest('base64'),
    },
    body,
  });
  if (!res.ok) throw new Error(`webhook ${topic}: ${res.status} ${await res.text()}`);
}

export type WebOrder = { id: number; email: string; phone?: string; firstName: string; items: { title: string; price: number; quantity: number }[]; checkoutToken?: string };

/** An `orders/create` payload in Shopify's REST shape, in VND. */
export function shopifyOrder(o: WebOrder): Record<string, unknown> {
  const total = o.items.reduce((sum, i) => sum + i.price * i.quantity, 0);
  return {
    id: o.id,
    name: `#${o.id}`,
    email: o.email,
    phone: o.phone ?? null,
    currency: 'VND',
    total_price: total.toFixed(2),
    subtotal_price: total.toFixed(2),
    created_at: new Date().toISOString(),
    checkout_token: o.checkoutToken ?? `checkout-${o.id}`,
    source_name: 'web',
    line_items: o.items.map((i, n) => ({ product_id: 1000 + n, title: i.title, price: i.price.toFixed(2), quantity: i.quantity })),
    customer: { id: o.id + 500, email: o.email, phone: o.phone ?? null, first_name: o.firstName },
  };
}

export type PosSale = { phone: string; name?: string; store: string; orderId: string; products: { name: string; price: number; quantity?: number }[] };

/** A sale at the showroom's till (POST /v1/pos/orders with the write key). */
export async function posSale(sys: BraidSystem, sale: PosSale): Promise<void> {
  const res = await fetch(`${sys.apiUrl}/v1/pos/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from(`${sys.credentials.writeKey}:`).toString('base64')}` },
    body: JSON.stringify(sale),
  });
  if (!res.ok) throw new Error(`POS sale: ${res.status} ${await res.text()}`);
}
