// Broadcasts: a journey sent now to everyone in a segment (a Tết campaign), or the customers
// already in a segment when a segment-triggered journey is published. A durable batch workflow
// pages the members by customer id and enrols them; this row is its progress, readable by the UI.
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const broadcastStatuses = ['running', 'paused', 'cancelled', 'completed', 'failed'] as const;
export type BroadcastStatus = (typeof broadcastStatuses)[number];

export const broadcasts = sqliteTable(
  'broadcasts',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id').notNull(),
    journeyId: text('journey_id').notNull(),
    /** The journey version the customers enter. */
    version: integer('version').notNull(),
    segmentId: text('segment_id').notNull(),
    status: text('status', { enum: broadcastStatuses }).notNull().default('running'),
    /** Members when it started (the segment may change while it runs). */
    total: integer('total').notNull(),
    enrolled: integer('enrolled').notNull().default(0),
    /** Members not enrolled (already in the journey, re-entry rule, entry limit), with why in `lastSkipReason`. */
    skipped: integer('skipped').notNull().default(0),
    lastSkipReason: text('last_skip_reason'),
    /** Last customer id handled: the next page starts after it. */
    cursor: text('cursor').notNull().default(''),
    /** Enrolments per second at most, so event-triggered journeys keep their latency. */
    ratePerSecond: integer('rate_per_second').notNull(),
    error: text('error'),
    createdBy: text('created_by'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    finishedAt: integer('finished_at'),
  },
  (t) => [index('broadcasts_journey_idx').on(t.journeyId, t.status)],
);
