// Provider accounts of a workspace (SMTP, eSMS, Twilio, Messenger page, Zalo OA ...), the Zalo
// ZNS templates it registered, and when each customer last wrote on a chat channel.
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/**
 * One account per provider kind and workspace. `config` holds what may be shown (host, sender,
 * page id); `secrets` holds the passwords and tokens sealed with AES-256-GCM under the key named
 * by `key_id` (BRAID_SECRETS_KEY), never returned by the API.
 */
export const channelAccounts = sqliteTable(
  'channel_accounts',
  {
    workspaceId: text('workspace_id').notNull(),
    /** smtp, email_api, esms, twilio, messenger, zalo, webhook, tracking */
    kind: text('kind').notNull(),
    config: text('config', { mode: 'json' }).$type<Record<string, unknown>>().notNull().default({}),
    secrets: text('secrets').notNull(),
    keyId: text('key_id').notNull(),
    /** The last "check connection" / "send a test": when, and what happened. */
    checkedAt: integer('checked_at'),
    checkResult: text('check_result', { mode: 'json' }).$type<{ ok: boolean; message: string }>(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.kind] }), index('channel_accounts_key_idx').on(t.keyId)],
);

export const znsTemplateStatuses = ['pending', 'approved', 'rejected', 'disabled'] as const;
export type ZnsTemplateStatus = (typeof znsTemplateStatuses)[number];
export type ZnsTemplateParam = { name: string; maxLength: number; required: boolean };

/** A Zalo ZNS template the workspace registered with Zalo: its id, parameters (with Zalo's length limits), purpose and approval. */
export const znsTemplates = sqliteTable(
  'zns_templates',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id').notNull(),
    /** Zalo's template id. */
    templateId: text('template_id').notNull(),
    name: text('name').notNull(),
    params: text('params', { mode: 'json' }).$type<ZnsTemplateParam[]>().notNull(),
    /** transaction, customer_care or promotion: Zalo's tag for what the template is for. */
    purpose: text('purpose').notNull(),
    status: text('status', { enum: znsTemplateStatuses }).notNull().default('pending'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [uniqueIndex('zns_templates_workspace_template_uq').on(t.workspaceId, t.templateId)],
);

/** When a customer (by channel address: PSID, Zalo user id) last wrote to the page / OA: Messenger's 24-hour and Zalo's 48-hour windows. */
export const channelInteractions = sqliteTable(
  'channel_interactions',
  {
    workspaceId: text('workspace_id').notNull(),
    channel: text('channel').notNull(),
    address: text('address').notNull(),
    lastInboundAt: integer('last_inbound_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.channel, t.address] })],
);

/**
 * The keys a workspace signs its tracked links with (open pixel, click redirect, unsubscribe).
 * Each link names its key id, so after a rotation the old key keeps verifying the links already
 * in inboxes until `expires_at`. `secret` is sealed under BRAID_SECRETS_KEY when one is set.
 */
export const trackingKeys = sqliteTable(
  'tracking_keys',
  {
    workspaceId: text('workspace_id').notNull(),
    /** k1, k2, ...: the primary key makes two processes creating the same key agree on one. */
    keyId: text('key_id').notNull(),
    secret: text('secret').notNull(),
    createdAt: integer('created_at').notNull(),
    /** Set when a newer key replaced this one; null for the key new links are signed with. */
    retiredAt: integer('retired_at'),
    /** After this, links signed with the key are refused; null while it is current. */
    expiresAt: integer('expires_at'),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.keyId] })],
);
