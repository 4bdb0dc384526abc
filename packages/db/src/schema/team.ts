// Working as a team: invitations to a workspace, publish requests awaiting approval, and the
// append-only audit log of who did what.
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { userRoles } from './workspaces';

/** An invitation link carries a random token; only its SHA-256 is stored. */
export const invitations = sqliteTable(
  'invitations',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id').notNull(),
    email: text('email').notNull(),
    role: text('role', { enum: userRoles }).notNull(),
    tokenHash: text('token_hash').notNull(),
    invitedBy: text('invited_by').notNull(),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    acceptedAt: integer('accepted_at'),
    revokedAt: integer('revoked_at'),
  },
  (t) => [uniqueIndex('invitations_token_uq').on(t.tokenHash), index('invitations_workspace_idx').on(t.workspaceId, t.createdAt)],
);

export const publishRequestStatuses = ['pending', 'approved', 'rejected', 'withdrawn'] as const;
export type PublishRequestStatus = (typeof publishRequestStatuses)[number];

/** A request to publish one exact draft revision; approving publishes that revision or nothing. */
export const publishRequests = sqliteTable(
  'publish_requests',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id').notNull(),
    journeyId: text('journey_id').notNull(),
    revision: integer('revision').notNull(),
    note: text('note').notNull().default(''),
    status: text('status', { enum: publishRequestStatuses }).notNull().default('pending'),
    requestedBy: text('requested_by').notNull(),
    requestedAt: integer('requested_at').notNull(),
    decidedBy: text('decided_by'),
    decidedAt: integer('decided_at'),
    comment: text('comment').notNull().default(''),
    /** The version an approval published (null: unchanged content, or not approved). */
    version: integer('version'),
    /** The migration plan the requester chose for customers in older versions (null: everyone stays). */
    migrationPlan: text('migration_plan', { mode: 'json' }).$type<unknown>(),
  },
  (t) => [index('publish_requests_workspace_idx').on(t.workspaceId, t.status), index('publish_requests_journey_idx').on(t.journeyId, t.status)],
);

/** Append-only: rows are inserted, never updated or deleted. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id').notNull(),
    at: integer('at').notNull(),
    actorId: text('actor_id').notNull(),
    /** Who, as shown when it happened (a removed user still reads as themselves). */
    actorLabel: text('actor_label').notNull(),
    action: text('action').notNull(),
    journeyId: text('journey_id'),
    targetId: text('target_id'),
    details: text('details', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
  },
  (t) => [index('audit_log_workspace_idx').on(t.workspaceId, t.id), index('audit_log_journey_idx').on(t.journeyId, t.id)],
);
