// What was sent to whom, and the per-channel rules that govern sending.
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

export const messageStatuses = [
  'queued',
  'sent',
  'delivered',
  'opened',
  'clicked',
  'replied',
  'failed',
  'postponed',
] as const;
export type MessageStatus = (typeof messageStatuses)[number];

export const messages = sqliteTable(
  'messages',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id').notNull(),
    customerId: text('customer_id').notNull(),
    journeyId: text('journey_id'),
    version: integer('version'),
    enrollmentId: text('enrollment_id'),
    nodeId: text('node_id'),
    channel: text('channel').notNull(),
    /** workflow id + node id + visit: a retried or replayed send finds its row and stops. */
    idempotencyKey: text('idempotency_key').notNull(),
    recipient: text('recipient'),
    subject: text('subject'),
    body: text('body'),
    payload: text('payload', { mode: 'json' }).$type<Record<string, unknown>>(),
    status: text('status', { enum: messageStatuses }).notNull().default('queued'),
    error: text('error'),
    providerMessageId: text('provider_message_id'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('messages_idempotency_uq').on(t.idempotencyKey),
    index('messages_customer_idx').on(t.workspaceId, t.customerId, t.createdAt),
    index('messages_channel_idx').on(t.workspaceId, t.channel, t.createdAt),
    index('messages_journey_idx').on(t.journeyId, t.version, t.nodeId),
    // Decree 91 counts a number's advertising SMS in the last 24 h at every admission: without
    // this, each one walked every SMS the workspace sent that day (a broadcast grew quadratic).
    // Partial, so only SMS rows pay for it.
    index('messages_sms_recipient_idx').on(t.workspaceId, t.recipient, t.createdAt).where(sql`channel = 'sms'`),
  ],
);

export type FrequencyCap = { max: number; perHours: number }[];
export type QuietHours = { start: string; end: string; timezone?: string } | null;

export const channelSettings = sqliteTable(
  'channel_settings',
  {
    workspaceId: text('workspace_id').notNull(),
    channel: text('channel').notNull(),
    config: text('config', { mode: 'json' }).$type<Record<string, unknown>>().notNull().default({}),
    frequencyCap: text('frequency_cap', { mode: 'json' }).$type<unknown>(),
    quietHours: text('quiet_hours', { mode: 'json' }).$type<unknown>(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.channel] })],
);

export const templates = sqliteTable(
  'templates',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id').notNull(),
    name: text('name').notNull(),
    channel: text('channel').notNull(),
    subject: text('subject'),
    body: text('body').notNull().default(''),
    /** e.g. 'liquid', 'blocks' (an email written with blocks, in `content`) */
    format: text('format').notNull().default('liquid'),
    /** The rest of the send step's message: email blocks, sender, preheader; SMS without marks. */
    content: text('content', { mode: 'json' }).$type<Record<string, unknown>>(),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [index('templates_workspace_idx').on(t.workspaceId, t.channel)],
);

/**
 * Consent lists of a workspace ("Khuyến mãi", "Đơn hàng"): each belongs to one channel; a
 * marketing send names one (or falls back to every group of its channel).
 */
export const subscriptionGroups = sqliteTable(
  'subscription_groups',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id').notNull(),
    name: text('name').notNull(),
    channel: text('channel').notNull(),
    /** opt_in: nobody is subscribed until they say so; opt_out: everybody until they leave. */
    mode: text('mode', { enum: ['opt_in', 'opt_out'] }).notNull().default('opt_out'),
    /** Shown under the name on the customer's preference page. */
    description: text('description'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    index('subscription_groups_workspace_idx').on(t.workspaceId),
    // Ingestion and the preference page find groups by name: two of the same name would be ambiguous.
    uniqueIndex('subscription_groups_name_uq').on(t.workspaceId, t.name),
  ],
);

export const subscriptionStatuses = ['subscribed', 'unsubscribed'] as const;
export type SubscriptionStatus = (typeof subscriptionStatuses)[number];

/**
 * A customer's explicit answer for one group. `group_id` is a subscription group's id, or
 * `channel:<channel>` for "all marketing on this channel" (an unsubscribe link of a message without
 * a group, SMS STOP, a Zalo unfollow, a spam complaint). No row: the group's default applies.
 */
export const subscriptions = sqliteTable(
  'subscriptions',
  {
    customerId: text('customer_id').notNull(),
    groupId: text('group_id').notNull(),
    status: text('status', { enum: subscriptionStatuses }).notNull(),
    updatedAt: integer('updated_at').notNull(),
    workspaceId: text('workspace_id').notNull().default(''),
    /** Where the answer came from: admin, ingest, preference_page, one_click, sms_stop, zalo_unfollow ... */
    source: text('source').notNull().default('admin'),
  },
  (t) => [primaryKey({ columns: [t.customerId, t.groupId] }), index('subscriptions_workspace_customer_idx').on(t.workspaceId, t.customerId)],
);
