// Every /api route past this point needs a bearer admin token or a session cookie.
import { and, eq, gt, sessions, users, type Db, type UserRole } from '@braid/db';
import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { AppEnv } from '../env';
import { ApiError } from '../errors';
import type { KeyCache } from './keys';
import { assertSameOrigin } from './same-origin';
import { sha256 } from './secrets';

export const SESSION_COOKIE = 'braid_session';
/** Methods that change nothing. */
const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function requireAuth(db: Db, keys: KeyCache): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization');
    if (header) {
      // RFC 7235 allows any run of spaces (and clients send tabs); more than two words is not a bearer token.
      const parts = header.trim().split(/[ \t]+/);
      const [scheme, token] = parts;
      if (parts.length !== 2 || scheme?.toLowerCase() !== 'bearer' || !token) throw unauthorized('Use `Authorization: Bearer <admin token>`');
      const owner = await keys.lookup(token, 'admin');
      if (!owner) throw unauthorized('Unknown or revoked admin token');
      c.set('workspaceId', owner.workspaceId);
      c.set('actor', { kind: 'token', id: owner.keyId, role: 'admin' });
    } else {
      const token = getCookie(c, SESSION_COOKIE);
      if (!token) throw unauthorized('Log in or send an admin token');
      const [row] = await db
        .select({ userId: users.id, email: users.email, role: users.role, workspaceId: users.workspaceId })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .where(and(eq(sessions.id, sha256(token)), gt(sessions.expiresAt, Date.now())))
        .limit(1);
      if (!row) throw unauthorized('Session expired; log in again');
      if (!READS.has(c.req.method)) assertSameOrigin(c);
      c.set('workspaceId', row.workspaceId);
      c.set('actor', { kind: 'user', id: row.userId, email: row.email, role: row.role });
    }
    c.set('db', db);
    if (c.get('actor').role === 'viewer' && !READS.has(c.req.method)) {
      throw new ApiError(403, 'forbidden', 'Viewers can look but not change anything');
    }
    await next();
  };
}

/** For routes only some roles may use, e.g. `requireRole('owner', 'admin')` on API keys. */
export function requireRole(...roles: UserRole[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!roles.includes(c.get('actor').role)) {
      throw new ApiError(403, 'forbidden', `Only ${roles.join(' or ')} may do this`);
    }
    await next();
  };
}

function unauthorized(message: string): ApiError {
  return new ApiError(401, 'unauthorized', message);
}
