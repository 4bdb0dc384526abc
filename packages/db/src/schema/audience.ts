// Segments, ad audiences and the side effects journeys produce besides messages.
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

export const segments = sqliteTable(
  'segments',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id').notNull(),
    name: text('name').notNull(),
    rule: text('rule', { mode: 'json' }).$type<unknown>().notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('segments_workspace_idx').on(t.workspaceId)],
);

export const segmentMembers = sqliteTable(
  'segment_members',
  {
    segmentId: text('segment_id').notNull(),
    customerId: text('customer_id').notNull(),
    enteredAt: integer('entered_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.segmentId, t.customerId] }), index('segment_members_customer_idx').on(t.customerId)],
);

export const vouchers = sqliteTable(
  'vouchers',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id').notNull(),
    code: text('code').notNull(),
    customerId: text('customer_id').notNull(),
    /** e.g. '50000 VND' or '10%'; interpreted by the node that issued it. */
    value: text('value').notNull(),
    expiresAt: integer('expires_at'),
    journeyId: text('journey_id'),
    nodeId: text('node_id'),
    idempotencyKey: text('idempotency_key').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('vouchers_code_uq').on(t.code),
    uniqueIndex('vouchers_idempotency_uq').on(t.idempotencyKey),
    index('vouchers_customer_idx').on(t.workspaceId, t.customerId),
  ],
);

export const staffTaskStatuses = ['open', 'done', 'cancelled'] as const;
export type StaffTaskStatus = (typeof staffTaskStatuses)[number];
/** What the staff member reports back; it becomes the customer's `Staff Task Completed` event. */
export const staffTaskOutcomes = ['reached', 'noAnswer', 'booked', 'notInterested'] as const;
export type StaffTaskOutcome = (typeof staffTaskOutcomes)[number];

export const staffTasks = sqliteTable(
  'staff_tasks',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id').notNull(),
    customerId: text('customer_id').notNull(),
    kind: text('kind').notNull(),
    title: text('title').notNull().default(''),
    note: text('note').notNull().default(''),
    /** A team or a person's email, as the journey's step named it; null is the whole team. */
    assignee: text('assignee'),
    /** Why the task exists: the journey step that created it. */
    journeyId: text('journey_id'),
    journeyVersion: integer('journey_version'),
    nodeId: text('node_id'),
    dueAt: integer('due_at'),
    status: text('status', { enum: staffTaskStatuses }).notNull().default('open'),
    claimedBy: text('claimed_by'),
    claimedAt: integer('claimed_at'),
    outcome: text('outcome', { enum: staffTaskOutcomes }),
    outcomeNote: text('outcome_note'),
    completedBy: text('completed_by'),
    completedAt: integer('completed_at'),
    idempotencyKey: text('idempotency_key').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('staff_tasks_idempotency_uq').on(t.idempotencyKey),
    index('staff_tasks_workspace_idx').on(t.workspaceId, t.status),
  ],
);

export const audienceMembers = sqliteTable(
  'audience_members',
  {
    workspaceId: text('workspace_id').notNull(),
    audience: text('audience').notNull(),
    /** e.g. 'facebook', 'google', 'zalo' */
    platform: text('platform').notNull(),
    customerId: text('customer_id').notNull(),
    addedAt: integer('added_at').notNull(),
    removedAt: integer('removed_at'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.audience, t.platform, t.customerId] }),
    index('audience_members_customer_idx').on(t.customerId),
  ],
);
