// Tenancy and access: workspaces, people who log in, and the keys machines use.
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

export const workspaces = sqliteTable('workspaces', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  timezone: text('timezone').notNull().default('Asia/Ho_Chi_Minh'),
  currency: text('currency').notNull().default('VND'),
  /** When on, a marketer's publish becomes a request an owner or admin approves. */
  publishNeedsApproval: integer('publish_needs_approval', { mode: 'boolean' }).notNull().default(false),
  createdAt: integer('created_at').notNull(),
});

export const userRoles = ['owner', 'admin', 'marketer', 'viewer'] as const;
export type UserRole = (typeof userRoles)[number];

/** The UI languages a person can choose; null until they choose (the app then starts in Vietnamese). */
export const userLanguages = ['vi', 'en'] as const;
export type UserLanguage = (typeof userLanguages)[number];

export const users = sqliteTable(
  'users',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    email: text('email').notNull(),
    name: text('name').notNull().default(''),
    passwordHash: text('password_hash').notNull(),
    role: text('role', { enum: userRoles }).notNull().default('marketer'),
    language: text('language', { enum: userLanguages }),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [uniqueIndex('users_email_uq').on(t.email), index('users_workspace_idx').on(t.workspaceId)],
);

/** Session id is the SHA-256 of the cookie token, so a leaked table does not leak sessions. */
export const sessions = sqliteTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    expiresAt: integer('expires_at').notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const apiKeyKinds = ['write', 'admin'] as const;
export type ApiKeyKind = (typeof apiKeyKinds)[number];

/** Write keys ingest events only; admin keys are bearer tokens for /api. Only a hash is stored. */
export const apiKeys = sqliteTable(
  'api_keys',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    kind: text('kind', { enum: apiKeyKinds }).notNull(),
    name: text('name').notNull().default(''),
    prefix: text('prefix').notNull(),
    hash: text('hash').notNull(),
    createdAt: integer('created_at').notNull(),
    revokedAt: integer('revoked_at'),
  },
  (t) => [uniqueIndex('api_keys_hash_uq').on(t.hash), index('api_keys_workspace_idx').on(t.workspaceId)],
);
