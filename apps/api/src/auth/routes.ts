// POST /api/auth/login (public), POST /api/auth/logout, GET /api/auth/me and
// PUT /api/auth/me/language (authenticated).
import { eq, sessions, userLanguages, users, type Db } from '@braid/db';
import { createRoute, z } from '@hono/zod-openapi';
import { adminApp } from '../admin/openapi-app';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { deleteCookie, getCookie } from 'hono/cookie';
import { ApiError, errorBody } from '../errors';
import { ErrorSchema, errorResponses, json, security } from '../admin/common';
import { createLoginLimiter, type LoginLimiter } from './login-limiter';
import { SESSION_COOKIE } from './middleware';
import { sha256, verifyPassword } from './secrets';
import { forwarded, startSession } from './session-cookie';

const Me = z
  .object({
    kind: z.enum(['user', 'token']),
    id: z.string(),
    email: z.string().optional(),
    role: z.string(),
    workspaceId: z.string(),
    /** The UI language this person chose, remembered across browsers; null until they choose. */
    language: z.enum(userLanguages).nullable().optional(),
  })
  .openapi('Me');

const login = createRoute({
  method: 'post',
  path: '/login',
  tags: ['auth'],
  summary: 'Log in with email and password; sets the session cookie',
  request: {
    body: {
      content: {
        'application/json': {
          schema: z.object({ email: z.string().min(1).max(320), password: z.string().min(1).max(1000) }),
        },
      },
    },
  },
  responses: {
    200: json(Me, 'Logged in'),
    ...errorResponses,
    429: { description: 'Too many wrong passwords for this email from this address; see Retry-After', content: { 'application/json': { schema: ErrorSchema } } },
  },
});

function clientAddress(c: Context): string {
  const proxied = forwarded(c, 'x-forwarded-for');
  if (proxied) return proxied;
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

export function publicAuthRoutes(db: Db, limiter: LoginLimiter = createLoginLimiter()) {
  const app = adminApp();
  return app.openapi(login, async (c) => {
    const { email, password } = c.req.valid('json');
    const normalized = email.trim().toLowerCase();
    const attempt = `${normalized}|${clientAddress(c)}`;
    const waitMs = limiter.retryAfterMs(attempt);
    if (waitMs > 0) {
      const seconds = Math.ceil(waitMs / 1000);
      return c.json(
        errorBody('too_many_attempts', `Too many wrong passwords for this email; try again in ${Math.ceil(seconds / 60)} minute(s)`, [
          { field: 'email', message: `locked for ${seconds} s after repeated failures` },
        ]),
        429,
        { 'Retry-After': String(seconds) },
      );
    }
    const [user] = await db.select().from(users).where(eq(users.email, normalized)).limit(1);
    // Same answer and similar work for unknown email and wrong password.
    const ok = user
      ? await verifyPassword(password, user.passwordHash)
      : await verifyPassword(password, 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=').then(() => false);
    if (!user || !ok) limiter.failed(attempt);
    if (!user || !ok) throw new ApiError(401, 'invalid_credentials', 'Email or password is wrong', [{ field: 'password', message: 'does not match' }]);
    limiter.succeeded(attempt);
    await startSession(c, db, user.id);
    return c.json({ kind: 'user' as const, id: user.id, email: user.email, role: user.role, workspaceId: user.workspaceId, language: user.language ?? null }, 200);
  });
}

const me = createRoute({
  method: 'get',
  path: '/me',
  tags: ['auth'],
  summary: 'Who am I',
  security,
  responses: { 200: json(Me, 'The caller'), ...errorResponses },
});

const logout = createRoute({
  method: 'post',
  path: '/logout',
  tags: ['auth'],
  summary: 'End the session',
  security,
  responses: { 200: json(z.object({ ok: z.boolean() }), 'Logged out'), ...errorResponses },
});

const setLanguage = createRoute({
  method: 'put',
  path: '/me/language',
  operationId: 'setMyLanguage',
  tags: ['auth'],
  summary: 'Remember the UI language the signed-in person chose (vi or en), on every browser they use',
  security,
  request: { body: { content: { 'application/json': { schema: z.object({ language: z.enum(userLanguages) }) } } } },
  responses: { 200: json(Me, 'The caller, with the language saved'), ...errorResponses },
});

async function languageOf(db: Db, userId: string): Promise<(typeof userLanguages)[number] | null> {
  const [row] = await db.select({ language: users.language }).from(users).where(eq(users.id, userId)).limit(1);
  return row?.language ?? null;
}

export function authRoutes(db: Db) {
  const app = adminApp();
  return app
    .openapi(me, async (c) => {
      const actor = c.get('actor');
      const language = actor.kind === 'user' ? await languageOf(db, actor.id) : null;
      return c.json({ ...actor, workspaceId: c.get('workspaceId'), language }, 200);
    })
    .openapi(setLanguage, async (c) => {
      const actor = c.get('actor');
      // An API token is not a person: there is no one to remember a language for.
      if (actor.kind !== 'user') throw new ApiError(400, 'invalid_request', 'Only a signed-in person has a UI language; API tokens do not', [{ field: 'language', message: 'sign in as a user' }]);
      const { language } = c.req.valid('json');
      await db.update(users).set({ language }).where(eq(users.id, actor.id));
      return c.json({ ...actor, workspaceId: c.get('workspaceId'), language }, 200);
    })
    .openapi(logout, async (c) => {
      const token = getCookie(c, SESSION_COOKIE);
      if (token) await db.delete(sessions).where(eq(sessions.id, sha256(token)));
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return c.json({ ok: true }, 200);
    });
}
