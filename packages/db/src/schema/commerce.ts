// Shops that send Braid their orders and checkouts (Shopify, Haravan, Sapo webhooks), and every
// delivery they made: the delivery ids are what a replayed webhook is recognised by.
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

export const commercePlatforms = ['shopify', 'haravan', 'sapo'] as const;
export type CommercePlatform = (typeof commercePlatforms)[number];

export const commerceSources = sqliteTable(
  'commerce_sources',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id').notNull(),
    platform: text('platform', { enum: commercePlatforms }).notNull(),
    name: text('name').notNull(),
    /** The HMAC key deliveries are signed with, sealed under BRAID_SECRETS_KEY when one is set ("sealed:v1..."); verifying needs the key itself, so it is sealed, not hashed. */
    secret: text('secret').notNull(),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [index('commerce_sources_workspace_idx').on(t.workspaceId)],
);

export const commerceDeliveryStatuses = ['accepted', 'duplicate', 'ignored'] as const;
export type CommerceDeliveryStatus = (typeof commerceDeliveryStatuses)[number];

/** One row per verified delivery; forged or replayed ones are refused and leave no row. */
export const commerceDeliveries = sqliteTable(
  'commerce_deliveries',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id').notNull(),
    sourceId: text('source_id').notNull(),
    /** The platform's delivery id (X-Shopify-Webhook-Id ...), else a hash of the body. */
    deliveryId: text('delivery_id').notNull(),
    topic: text('topic').notNull(),
    status: text('status', { enum: commerceDeliveryStatuses }).notNull(),
    /** The shop's order or checkout id, when the delivery carried one. */
    orderId: text('order_id'),
    eventName: text('event_name'),
    customerId: text('customer_id'),
    receivedAt: integer('received_at').notNull(),
  },
  (t) => [
    uniqueIndex('commerce_deliveries_delivery_uq').on(t.sourceId, t.deliveryId),
    index('commerce_deliveries_source_idx').on(t.sourceId, t.receivedAt),
  ],
);
