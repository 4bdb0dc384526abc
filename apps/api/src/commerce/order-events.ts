// A shop's order or checkout (Shopify's REST shape, which Haravan and Sapo share) as the Segment
// e-commerce spec's event: `Checkout Started`, `Order Completed`, `Order Cancelled`.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { CommercePlatform } from '@braid/db';
import type { ParsedEvent } from '../ingest/schema';
import { saneTimestampMs } from '../ingest/timestamps';

/** Shopify sends money as decimal strings ("1350000.00"); some platforms send numbers. */
const money = z.union([z.string(), z.number()]).transform((v, ctx) => {
  const n = typeof v === 'number' ? v : Number(v);
  if (!Number.isFinite(n)) {
    ctx.addIssue({ code: 'custom', message: 'must be an amount' });
    return z.NEVER;
  }
  return n;
});
const id = z.union([z.string().min(1).max(200), z.number().int()]).transform(String);
const text = z.string().max(1000);
const opt = <T extends z.ZodType>(t: T) => t.nullish();

const Address = z.looseObject({
  phone: opt(text),
  city: opt(text),
  province: opt(text),
  district: opt(text),
  address1: opt(text),
  country: opt(text),
});

const LineItem = z.looseObject({
  product_id: opt(id),
  variant_id: opt(id),
  sku: opt(text),
  title: opt(text),
  name: opt(text),
  vendor: opt(text),
  quantity: z.number().int().min(0).default(1),
  price: opt(money),
});

const Customer = z.looseObject({
  id: opt(id),
  email: opt(text),
  phone: opt(text),
  first_name: opt(text),
  last_name: opt(text),
});

/** What every order and checkout topic carries; anything else in the payload is kept aside. */
export const ShopPayload = z.looseObject({
  id: opt(id),
  token: opt(text),
  /** On an order: the checkout it came from (Shopify, Haravan and Sapo all send it). */
  checkout_token: opt(text),
  name: opt(text),
  email: opt(text),
  phone: opt(text),
  currency: opt(z.string().max(10)),
  total_price: opt(money),
  subtotal_price: opt(money),
  total_tax: opt(money),
  total_discounts: opt(money),
  created_at: opt(text),
  processed_at: opt(text),
  cancelled_at: opt(text),
  landing_site: opt(text),
  referring_site: opt(text),
  source_name: opt(text),
  line_items: z.array(LineItem).max(500).default([]),
  discount_codes: z.array(z.looseObject({ code: opt(text) })).max(50).default([]),
  note_attributes: z.array(z.looseObject({ name: opt(text), value: z.unknown() })).max(100).default([]),
  customer: opt(Customer),
  billing_address: opt(Address),
  shipping_address: opt(Address),
});
export type ShopPayload = z.infer<typeof ShopPayload>;

type Kind = 'order' | 'checkout' | 'cancel';

/** The topics Braid turns into events; others are acknowledged and ignored. */
const topics: Record<string, Kind> = {
  'orders/create': 'order',
  'orders/paid': 'order',
  'orders/cancelled': 'cancel',
  'checkouts/create': 'checkout',
  'checkouts/update': 'checkout',
};

export function topicKind(topic: string): Kind | null {
  return topics[topic.toLowerCase()] ?? null;
}

const eventNames: Record<Kind, string> = { order: 'Order Completed', checkout: 'Checkout Started', cancel: 'Order Cancelled' };

/** A note attribute `referral_code` (or `ref`), else `?ref=` on the page the buyer landed on. */
export function referralCodeOf(p: ShopPayload): string | null {
  for (const a of p.note_attributes) {
    const name = a.name?.toLowerCase().replace(/[\s-]/g, '_');
    if ((name === 'referral_code' || name === 'ref' || name === 'referralcode') && typeof a.value === 'string' && a.value.trim()) {
      return a.value.trim().slice(0, 100);
    }
  }
  if (p.landing_site) {
    try {
      const ref = new URL(p.landing_site, 'https://shop.invalid').searchParams.get('ref');
      if (ref?.trim()) return ref.trim().slice(0, 100);
    } catch {
      // Not a URL: no referral code there.
    }
  }
  return null;
}

export function productsOf(p: ShopPayload) {
  return p.line_items.map((li) => ({
    ...(li.product_id ? { product_id: li.product_id } : {}),
    ...(li.variant_id ? { variant: li.variant_id } : {}),
    ...(li.sku ? { sku: li.sku } : {}),
    name: li.title ?? li.name ?? '',
    ...(li.vendor ? { brand: li.vendor } : {}),
    price: li.price ?? 0,
    quantity: li.quantity,
  }));
}

function contactOf(p: ShopPayload) {
  const c = p.customer;
  const phone = c?.phone ?? p.phone ?? p.billing_address?.phone ?? p.shipping_address?.phone ?? null;
  const email = c?.email ?? p.email ?? null;
  const address = p.shipping_address ?? p.billing_address;
  return {
    traits: {
      ...(email ? { email } : {}),
      ...(phone ? { phone } : {}),
      ...(c?.first_name ? { firstName: c.first_name } : {}),
      ...(c?.last_name ? { lastName: c.last_name } : {}),
      ...(address?.city ? { address: { city: address.city, ...(address.province ? { state: address.province } : {}), ...(address.address1 ? { street: address.address1 } : {}) } } : {}),
    },
    customerId: c?.id ?? null,
  };
}

export interface ShopEvent {
  event: ParsedEvent;
  /**
   * A checkout update that carries contact details: an identify, so the phone or email typed
   * after the checkout started joins the profile (the `Checkout Started` itself is stored once).
   */
  contact: ParsedEvent | null;
  /** The shop's order or checkout id. */
  orderId: string | null;
}

/**
 * The event for one delivery, or null for a topic Braid does not track. Its messageId is the
 * source and the order (or checkout), so `orders/create` then `orders/paid`, or a redelivery
 * under a new id, store the order once.
 */
export function shopEvent(platform: CommercePlatform, sourceId: string, topic: string, p: ShopPayload): ShopEvent | null {
  const kind = topicKind(topic);
  if (!kind) return null;
  const orderId = kind === 'checkout' ? (p.token ?? p.id ?? null) : (p.id ?? null);
  const products = productsOf(p);
  const total = p.total_price ?? products.reduce((sum, x) => sum + x.price * x.quantity, 0);
  const referral = referralCodeOf(p);
  const coupon = p.discount_codes.map((d) => d.code).filter(Boolean).join(',');
  const properties: Record<string, unknown> = {
    [kind === 'checkout' ? 'checkout_id' : 'order_id']: orderId,
    ...(kind === 'checkout' && p.id ? { order_id: p.id } : {}),
    ...(p.name ? { order_number: p.name } : {}),
    affiliation: platform,
    source: platform,
    [kind === 'checkout' ? 'value' : 'revenue']: total,
    ...(kind === 'order' ? { total } : {}),
    ...(p.subtotal_price !== null && p.subtotal_price !== undefined ? { subtotal: p.subtotal_price } : {}),
    ...(p.total_tax ? { tax: p.total_tax } : {}),
    ...(p.total_discounts ? { discount: p.total_discounts } : {}),
    ...(coupon ? { coupon } : {}),
    currency: (p.currency ?? 'VND').toUpperCase(),
    products,
    ...(referral ? { referral_code: referral } : {}),
  };
  const contact = contactOf(p);
  const when = saneTimestampMs(kind === 'cancel' ? (p.cancelled_at ?? undefined) : (p.processed_at ?? p.created_at ?? undefined));
  const suffix = kind === 'checkout' ? `checkout:${orderId ?? 'none'}` : kind === 'cancel' ? `order:${orderId ?? 'none'}:cancelled` : `order:${orderId ?? 'none'}`;
  // The checkout's token links a checkout to its order, and both to one profile even when the
  // buyer left no contact details (yet).
  const checkoutToken = kind === 'checkout' ? (p.token ?? null) : (p.checkout_token ?? null);
  const anonymousId = checkoutToken ? `${platform}-checkout:${checkoutToken}` : `${platform}-order:${orderId ?? 'none'}`;
  const context = {
    channel: platform,
    traits: contact.traits,
    ...(contact.customerId ? { externalIds: [{ type: `${platform}_customer_id`, id: contact.customerId, collection: 'users', encoding: 'none' }] } : {}),
  };
  const event = {
    type: 'track' as const,
    event: eventNames[kind],
    messageId: `${platform}:${sourceId}:${suffix}`,
    anonymousId,
    ...(when !== null ? { timestamp: new Date(when).toISOString() } : {}),
    properties,
    context,
  } satisfies ParsedEvent;
  const { email, phone } = contact.traits as { email?: string; phone?: string };
  const identify =
    kind === 'checkout' && (email || phone)
      ? ({
          type: 'identify' as const,
          messageId: `${platform}:${sourceId}:${suffix}:contact:${createHash('sha256').update(`${email ?? ''}\u0000${phone ?? ''}`).digest('hex').slice(0, 32)}`,
          anonymousId,
          traits: contact.traits,
          context,
        } satisfies ParsedEvent)
      : null;
  return { event, contact: identify, orderId };
}
