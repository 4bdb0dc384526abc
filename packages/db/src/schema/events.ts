// Every event as received (Segment spec), re-pointed to the surviving profile on merge.
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

export const eventTypes = ['track', 'identify', 'page', 'screen', 'group', 'alias'] as const;
export type EventType = (typeof eventTypes)[number];

export const events = sqliteTable(
  'events',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id').notNull(),
    messageId: text('message_id').notNull(),
    customerId: text('customer_id').notNull(),
    type: text('type', { enum: eventTypes }).notNull(),
    /** The ids the source sent, kept as sent so a timeline shows what the client knew. */
    userId: text('user_id'),
    anonymousId: text('anonymous_id'),
    /** Event name for track, page/screen name otherwise (may be null). */
    name: text('name'),
    properties: text('properties', { mode: 'json' }).$type<Record<string, unknown>>().notNull().default({}),
    /** identify/group traits as sent (properties stays empty for those). */
    traits: text('traits', { mode: 'json' }).$type<Record<string, unknown>>(),
    /** group's groupId, alias's previousId. */
    groupId: text('group_id'),
    previousId: text('previous_id'),
    context: text('context', { mode: 'json' }).$type<Record<string, unknown>>().notNull().default({}),
    /** When it happened, corrected for client clock skew. */
    timestamp: integer('timestamp').notNull(),
    sentAt: integer('sent_at'),
    receivedAt: integer('received_at').notNull(),
  },
  (t) => [
    uniqueIndex('events_message_uq').on(t.workspaceId, t.messageId),
    index('events_customer_idx').on(t.workspaceId, t.customerId, t.timestamp),
    index('events_name_idx').on(t.workspaceId, t.name, t.timestamp),
  ],
);

/**
 * Routing intents (durable outbox): one row per ingestion request, naming the events it stored,
 * written in the same transaction as the events and deleted once they have been routed to
 * journeys. A row still here after its lease means the routing was lost (crash, Temporal down)
 * and is replayed; routing is idempotent. One row per request rather than per event keeps the
 * cost of durability to one insert and one delete per request.
 */
export const routingIntents = sqliteTable(
  'routing_intents',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id').notNull(),
    /** JSON array of event ids not yet routed. */
    eventIds: text('event_ids', { mode: 'json' }).$type<string[]>().notNull(),
    /** Not before this time may another dispatcher take it (the ingesting process routes it first). */
    availableAt: integer('available_at').notNull(),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('routing_intents_available_idx').on(t.availableAt)],
);

