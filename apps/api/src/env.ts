import type { Db, UserRole } from '@braid/db';

/** Who is calling the admin API: a logged-in user (session cookie) or an admin API token. */
export interface Actor {
  kind: 'user' | 'token';
  id: string;
  email?: string;
  role: UserRole;
}

/** Hono env for everything under /api: auth middleware sets these before any handler runs. */
export interface AppEnv {
  Variables: {
    workspaceId: string;
    actor: Actor;
    db: Db;
  };
}
