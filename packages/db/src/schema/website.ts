// The shop's website: where its snippet may run, and the customers' web push subscriptions.
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { workspaces } from './workspaces';

/**
 * One row per workspace, created on first use. `allowedOrigins` are the origins
 * ("https://shop.example") whose pages may send events and show on-site messages with the
 * workspace's write key; the VAPID key pair signs its web push requests (RFC 8292).
 * `identitySecret` (sealed like the VAPID private key) is the key the shop's server signs its
 * logged-in users' ids with; while `identityVerification` is on, a write-key request naming a
 * user id must carry that signature (see docs/website-snippet.md).
 */
export const websiteSettings = sqliteTable('website_settings', {
  workspaceId: text('workspace_id')
    .primaryKey()
    .references(() => workspaces.id),
  allowedOrigins: text('allowed_origins', { mode: 'json' }).$type<string[]>().notNull().default([]),
  vapidPublicKey: text('vapid_public_key'),
  vapidPrivateKey: text('vapid_private_key'),
  identitySecret: text('identity_secret'),
  identityVerification: integer('identity_verification', { mode: 'boolean' }).notNull().default(false),
  updatedAt: integer('updated_at').notNull(),
});

/** A browser's Web Push subscription (RFC 8030 endpoint + RFC 8291 keys), given with the customer's consent. */
export const pushSubscriptions = sqliteTable(
  'push_subscriptions',
  {
    /** The push service endpoint: unique, it identifies one browser's subscription. */
    endpoint: text('endpoint').primaryKey(),
    workspaceId: text('workspace_id').notNull(),
    customerId: text('customer_id').notNull(),
    p256dh: text('p256dh').notNull(),
    auth: text('auth').notNull(),
    userAgent: text('user_agent'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('push_subscriptions_customer_idx').on(t.workspaceId, t.customerId)],
);
