// Keeping segment membership current: who joined and left (and whether the segment-triggered
// journeys have taken the joiners in), which profiles changed since their last evaluation, and
// each segment's scheduled re-evaluation with its lease.
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const segmentChangeKinds = ['joined', 'left'] as const;
export type SegmentChangeKind = (typeof segmentChangeKinds)[number];

/**
 * Every join and leave, as recorded by the evaluation that caused it. A join is also the durable
 * order to enrol the customer into the segment's journeys: `routed_at` is set once done, and a
 * join left unrouted past `lease_until` (a crash) is taken by another pass.
 */
export const segmentChanges = sqliteTable(
  'segment_changes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    workspaceId: text('workspace_id').notNull(),
    segmentId: text('segment_id').notNull(),
    customerId: text('customer_id').notNull(),
    change: text('change', { enum: segmentChangeKinds }).notNull(),
    at: integer('at').notNull(),
    routedAt: integer('routed_at'),
    leaseUntil: integer('lease_until').notNull().default(0),
  },
  (t) => [
    index('segment_changes_segment_idx').on(t.segmentId, t.at),
    index('segment_changes_customer_idx').on(t.customerId, t.at),
    index('segment_changes_unrouted_idx').on(t.routedAt, t.leaseUntil),
  ],
);

/**
 * Profiles whose traits or merge state changed (written by triggers on `customers`, whoever made
 * the change: ingestion, a journey step, a person), waiting to be re-evaluated.
 */
export const segmentTouches = sqliteTable(
  'segment_touches',
  {
    customerId: text('customer_id').primaryKey(),
    workspaceId: text('workspace_id').notNull(),
    touchedAt: integer('touched_at').notNull(),
  },
  (t) => [index('segment_touches_touched_idx').on(t.touchedAt)],
);

/**
 * A segment's evaluation over all its workspace's customers, in batches by customer id: due when
 * the rule changes and, for rules that count events, on a schedule as windows expire. The lease
 * keeps several API processes from running the same segment at once; `cursor` lets the next
 * holder resume where a crashed one stopped.
 */
export const segmentUpkeep = sqliteTable(
  'segment_upkeep',
  {
    segmentId: text('segment_id').primaryKey(),
    workspaceId: text('workspace_id').notNull(),
    dueAt: integer('due_at').notNull(),
    /** The last customer id done in the current pass (null: from the start). */
    cursor: text('cursor'),
    leaseHolder: text('lease_holder'),
    leaseUntil: integer('lease_until').notNull().default(0),
    /** When the last full pass finished (null: never; the member count is still growing). */
    evaluatedAt: integer('evaluated_at'),
  },
  (t) => [index('segment_upkeep_due_idx').on(t.dueAt)],
);
