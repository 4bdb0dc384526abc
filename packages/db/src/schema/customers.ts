// One profile per person, found through any of their identities.
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { workspaces } from './workspaces';

export type Traits = Record<string, unknown>;

export const customers = sqliteTable(
  'customers',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    traits: text('traits', { mode: 'json' }).$type<Traits>().notNull().default({}),
    /** Set when this profile was merged into another; readers follow it. */
    mergedInto: text('merged_into'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    lastSeenAt: integer('last_seen_at'),
  },
  // Not on last_seen_at: ingestion updates it constantly and every index makes that dearer.
  (t) => [index('customers_workspace_id_idx').on(t.workspaceId, t.id)],
);

/**
 * Identity types: anonymous_id, user_id, email, phone (E.164), facebook_psid, zalo_id, pos_code,
 * and any other channel id a source sends. Unique per workspace.
 */
export const customerIdentities = sqliteTable(
  'customer_identities',
  {
    workspaceId: text('workspace_id').notNull(),
    type: text('type').notNull(),
    value: text('value').notNull(),
    customerId: text('customer_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.type, t.value] }),
    index('customer_identities_customer_idx').on(t.customerId),
  ],
);

export const customerMerges = sqliteTable(
  'customer_merges',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id').notNull(),
    fromId: text('from_id').notNull(),
    intoId: text('into_id').notNull(),
    reason: text('reason').notNull(),
    at: integer('at').notNull(),
  },
  (t) => [index('customer_merges_workspace_idx').on(t.workspaceId, t.at)],
);
