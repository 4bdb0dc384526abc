// What a workspace has seen: event names with their property keys (types, a few recent example
// values), first/last seen and volume per day, and the trait keys of its profiles. Kept up to
// date by ingestion (batched per process, see apps/api/src/catalogue) so the editor's pickers
// offer real names instead of asking the marketer to type them.
import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** One property (or trait) key as seen: the JSON types it carried and its latest distinct values. */
export interface SeenKey {
  types: string[];
  examples: string[];
  lastSeenAt: number;
}

export const eventCatalogue = sqliteTable(
  'event_catalogue',
  {
    workspaceId: text('workspace_id').notNull(),
    /** The event's name as sent (`Page Viewed` for page calls). */
    event: text('event').notNull(),
    firstSeenAt: integer('first_seen_at').notNull(),
    lastSeenAt: integer('last_seen_at').notNull(),
    total: integer('total').notNull().default(0),
    properties: text('properties', { mode: 'json' }).$type<Record<string, SeenKey>>().notNull().default({}),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.event] })],
);

/** How many of an event arrived per UTC day (by the event's own timestamp). */
export const eventCatalogueDays = sqliteTable(
  'event_catalogue_days',
  {
    workspaceId: text('workspace_id').notNull(),
    event: text('event').notNull(),
    /** YYYY-MM-DD (UTC). */
    day: text('day').notNull(),
    count: integer('count').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.event, t.day] })],
);

/** Trait keys of the workspace's profiles (from identify calls and context traits). */
export const traitCatalogue = sqliteTable(
  'trait_catalogue',
  {
    workspaceId: text('workspace_id').notNull(),
    key: text('key').notNull(),
    types: text('types', { mode: 'json' }).$type<string[]>().notNull().default([]),
    examples: text('examples', { mode: 'json' }).$type<string[]>().notNull().default([]),
    firstSeenAt: integer('first_seen_at').notNull(),
    lastSeenAt: integer('last_seen_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.key] })],
);
