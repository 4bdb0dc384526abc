// The headers each platform sends with a webhook. Haravan and Sapo copy Shopify's scheme under
// their own names; each list is tried in order (header names are case-insensitive).
import type { CommercePlatform } from '@braid/db';

export interface PlatformHeaders {
  /** base64 HMAC-SHA256 of the raw body. */
  signature: string[];
  /** e.g. `orders/create`. */
  topic: string[];
  /** Unique per delivery and kept on retries: a second delivery with it is a replay. */
  deliveryId: string[];
  /** When the platform sent the delivery (only Shopify documents one). */
  sentAt: string[];
}

export const platformHeaders: Record<CommercePlatform, PlatformHeaders> = {
  // shopify.dev: webhooks/delivery-structure, verify-deliveries, ignore-duplicates.
  shopify: {
    signature: ['x-shopify-hmac-sha256'],
    topic: ['x-shopify-topic'],
    deliveryId: ['x-shopify-webhook-id', 'x-shopify-event-id'],
    sentAt: ['x-shopify-triggered-at'],
  },
  // docs.haravan.com "Private webhook": X-Haravan-Hmacsha256, topic and org_id.
  haravan: {
    signature: ['x-haravan-hmacsha256', 'x-haravan-hmac-sha256'],
    topic: ['x-haravan-topic'],
    deliveryId: ['x-haravan-webhook-id', 'x-haravan-event-id'],
    sentAt: [],
  },
  // Sapo (formerly Bizweb) follows Shopify's names with its own prefix.
  sapo: {
    signature: ['x-sapo-hmac-sha256', 'x-sapo-hmacsha256'],
    topic: ['x-sapo-topic'],
    deliveryId: ['x-sapo-webhook-id', 'x-sapo-event-id'],
    sentAt: ['x-sapo-triggered-at'],
  },
};

export function firstHeader(get: (name: string) => string | undefined, names: string[]): string | undefined {
  for (const name of names) {
    const value = get(name);
    if (value !== undefined && value !== '') return value;
  }
  return undefined;
}
