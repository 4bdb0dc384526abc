// Journeys, their immutable published versions, and where each customer is in them.
import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

export const journeyStatuses = ['draft', 'active', 'paused', 'archived'] as const;
export type JourneyStatus = (typeof journeyStatuses)[number];

export const journeys = sqliteTable(
  'journeys',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id').notNull(),
    name: text('name').notNull(),
    /** Workspace-unique slug that journey files and the CLI address the journey by (`push` updates in place). */
    key: text('key'),
    description: text('description').notNull().default(''),
    status: text('status', { enum: journeyStatuses }).notNull().default('draft'),
    draftGraph: text('draft_graph', { mode: 'json' }).$type<unknown>().notNull(),
    draftRevision: integer('draft_revision').notNull().default(0),
    activeVersion: integer('active_version'),
    /** Event name of the active version's trigger: the routing index (no scan of all journeys). */
    triggerEvent: text('trigger_event'),
    /** Entries only from / until these instants (ms); null is open-ended. */
    startsAt: integer('starts_at'),
    endsAt: integer('ends_at'),
    createdBy: text('created_by'),
    updatedBy: text('updated_by'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    index('journeys_workspace_idx').on(t.workspaceId, t.status),
    index('journeys_trigger_idx').on(t.workspaceId, t.triggerEvent, t.status),
    uniqueIndex('journeys_key_uq').on(t.workspaceId, t.key),
  ],
);

export const journeyVersions = sqliteTable(
  'journey_versions',
  {
    id: text('id').primaryKey(),
    journeyId: text('journey_id').notNull(),
    workspaceId: text('workspace_id').notNull(),
    version: integer('version').notNull(),
    ir: text('ir', { mode: 'json' }).$type<unknown>().notNull(),
    graph: text('graph', { mode: 'json' }).$type<unknown>().notNull(),
    author: text('author'),
    note: text('note').notNull().default(''),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [uniqueIndex('journey_versions_uq').on(t.journeyId, t.version)],
);

export const enrollmentStatuses = ['active', 'completed', 'exited', 'converted', 'failed'] as const;
export type EnrollmentStatus = (typeof enrollmentStatuses)[number];

export const enrollments = sqliteTable(
  'enrollments',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id').notNull(),
    journeyId: text('journey_id').notNull(),
    version: integer('version').notNull(),
    customerId: text('customer_id').notNull(),
    workflowId: text('workflow_id').notNull(),
    status: text('status', { enum: enrollmentStatuses }).notNull().default('active'),
    currentNode: text('current_node'),
    enteredAt: integer('entered_at').notNull(),
    finishedAt: integer('finished_at'),
    entryEventId: text('entry_event_id'),
  },
  (t) => [
    index('enrollments_customer_idx').on(t.workspaceId, t.customerId, t.status),
    index('enrollments_journey_idx').on(t.journeyId, t.status),
    index('enrollments_workflow_idx').on(t.workflowId),
    // One enrollment per journey per entry event: a replayed event cannot enrol twice.
    uniqueIndex('enrollments_entry_event_uq').on(t.journeyId, t.entryEventId),
    // Rows that never recorded a first step: few at any time, read by the reconciler every minute.
    index('enrollments_unstarted_idx').on(t.enteredAt).where(sql`${t.status} = 'active' AND ${t.currentNode} IS NULL`),
  ],
);

// skipped: a send that did not go out by rule (not subscribed), with the reason; the journey carries on.
// moved: a migration plan took the customer from this step of an older version to the new one.
export const stepOutcomes = ['entered', 'left', 'converted', 'exited', 'failed', 'postponed', 'skipped', 'moved'] as const;
export type StepOutcome = (typeof stepOutcomes)[number];

export const stepLog = sqliteTable(
  'step_log',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id').notNull(),
    enrollmentId: text('enrollment_id').notNull(),
    journeyId: text('journey_id').notNull(),
    version: integer('version').notNull(),
    customerId: text('customer_id').notNull(),
    nodeId: text('node_id').notNull(),
    outcome: text('outcome', { enum: stepOutcomes }).notNull(),
    reason: text('reason'),
    at: integer('at').notNull(),
  },
  (t) => [
    index('step_log_node_idx').on(t.journeyId, t.version, t.nodeId),
    index('step_log_enrollment_idx').on(t.enrollmentId, t.at),
  ],
);

export const migrationStatuses = ['running', 'completed', 'failed'] as const;
export type MigrationStatus = (typeof migrationStatuses)[number];

/**
 * A migration plan chosen when a version was published: customers waiting in older versions
 * move to mapped steps of `toVersion`. A durable workflow pages the enrollments of the moving
 * versions after `cursor` and signals each; every customer's own workflow decides whether its
 * position is mapped. This row is that workflow's progress.
 */
export const journeyMigrations = sqliteTable(
  'journey_migrations',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id').notNull(),
    journeyId: text('journey_id').notNull(),
    toVersion: integer('to_version').notNull(),
    /** Per older version: waiting step id → step id of the new version. Versions not listed stay. */
    plan: text('plan', { mode: 'json' }).$type<Record<string, Record<string, string>>>().notNull(),
    status: text('status', { enum: migrationStatuses }).notNull().default('running'),
    /** Last enrollment id signalled: the next page starts after it. */
    cursor: text('cursor').notNull().default(''),
    signalled: integer('signalled').notNull().default(0),
    error: text('error'),
    createdBy: text('created_by'),
    createdAt: integer('created_at').notNull(),
    finishedAt: integer('finished_at'),
  },
  (t) => [index('journey_migrations_journey_idx').on(t.journeyId, t.createdAt)],
);
