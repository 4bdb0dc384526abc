// One profile per person, found through any of their identities.
import { sql } from 'drizzle-orm';
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
  (t) => [
    index('customers_workspace_id_idx').on(t.workspaceId, t.id),
    // A referred order names its referrer by the code on the referrer's profile (traits.referral_code):
    // only profiles that have one are indexed.
    index('customers_referral_code_idx')
      .on(t.workspaceId, sql`json_extract(${t.traits}, '$.referral_code')`)
      .where(sql`json_extract(${t.traits}, '$.referral_code') IS NOT NULL`),
  ],
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
    // A customer's addresses, searched by all three columns: with the customer alone, SQLite
    // preferred the primary key (workspace, type) and walked every address of the type.
    index('customer_identities_customer_type_idx').on(t.customerId, t.workspaceId, t.type),
    // Search by any id without knowing its type ("0909 908 089", a Zalo id, an email prefix).
    index('customer_identities_value_idx').on(t.workspaceId, t.value),
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

export const customerChangeKinds = ['traits', 'merge', 'unmerge'] as const;
export type CustomerChangeKind = (typeof customerChangeKinds)[number];

/**
 * Changes a person made to a profile by hand (trait edits, merges, unmerges): who and when, and
 * for a merge the snapshot an unmerge restores from (what each profile owned before it).
 */
export const customerChanges = sqliteTable(
  'customer_changes',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id').notNull(),
    /** The profile the change shows on: the edited one, or the survivor of a merge. */
    customerId: text('customer_id').notNull(),
    /** Merge and unmerge: the profile merged away or restored. */
    otherId: text('other_id'),
    kind: text('kind', { enum: customerChangeKinds }).notNull(),
    actorId: text('actor_id').notNull(),
    /** Who, as shown when it happened. */
    actorLabel: text('actor_label').notNull(),
    at: integer('at').notNull(),
    details: text('details', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    /** A merge undone by an unmerge (each merge is undone at most once). */
    undoneAt: integer('undone_at'),
  },
  (t) => [
    index('customer_changes_customer_idx').on(t.workspaceId, t.customerId, t.at),
    index('customer_changes_other_idx').on(t.workspaceId, t.otherId),
  ],
);
