// What was sent to whom, and the per-channel rules that govern sending.
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
    /** e.g. 'liquid', 'mjml' */
    format: text('format').notNull().default('liquid'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [index('templates_workspace_idx').on(t.workspaceId, t.channel)],
);

export const subscriptionGroups = sqliteTable(
  'subscription_groups',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id').notNull(),
    name: text('name').notNull(),
    channel: text('channel').notNull(),
    /** opt_in: nobody is subscribed until they say so; opt_out: everybody until they leave. */
    mode: text('mode', { enum: ['opt_in', 'opt_out'] }).notNull().default('opt_out'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('subscription_groups_workspace_idx').on(t.workspaceId)],
);

export const subscriptionStatuses = ['subscribed', 'unsubscribed'] as const;

export const subscriptions = sqliteTable(
  'subscriptions',
  {
    customerId: text('customer_id').notNull(),
    groupId: text('group_id').notNull(),
    status: text('status', { enum: subscriptionStatuses }).notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.customerId, t.groupId] })],
);
