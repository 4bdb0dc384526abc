// POST /api/auth/login (public), POST /api/auth/logout and GET /api/auth/me (authenticated).
import { eq, sessions, users, type Db } from '@braid/db';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from '../env';
import { ApiError, validationHook } from '../errors';
import { errorResponses, json, security } from '../admin/common';
import { SESSION_COOKIE } from './middleware';
import { randomToken, sha256, verifyPassword } from './secrets';

const SESSION_MS = 30 * 24 * 3600 * 1000;

const Me = z
  .object({
    kind: z.enum(['user', 'token']),
    id: z.string(),
    email: z.string().optional(),
    role: z.string(),
    workspaceId: z.string(),
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
  responses: { 200: json(Me, 'Logged in'), ...errorResponses },
});

export function publicAuthRoutes(db: Db) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  return app.openapi(login, async (c) => {
    const { email, password } = c.req.valid('json');
    const [user] = await db.select().from(users).where(eq(users.email, email.trim().toLowerCase())).limit(1);
    // Same answer and similar work for unknown email and wrong password.
    const ok = user
      ? await verifyPassword(password, user.passwordHash)
      : await verifyPassword(password, 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=').then(() => false);
    if (!user || !ok) throw new ApiError(401, 'invalid_credentials', 'Email or password is wrong', [{ field: 'password', message: 'does not match' }]);
    const token = randomToken('bss');
    await db.insert(sessions).values({ id: sha256(token), userId: user.id, expiresAt: Date.now() + SESSION_MS });
    setCookie(c, SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'Lax',
      path: '/',
      secure: new URL(c.req.url).protocol === 'https:',
      maxAge: SESSION_MS / 1000,
    });
    return c.json({ kind: 'user' as const, id: user.id, email: user.email, role: user.role, workspaceId: user.workspaceId }, 200);
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

export function authRoutes(db: Db) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  return app
    .openapi(me, (c) => c.json({ ...c.get('actor'), workspaceId: c.get('workspaceId') }, 200))
    .openapi(logout, async (c) => {
      const token = getCookie(c, SESSION_COOKIE);
      if (token) await db.delete(sessions).where(eq(sessions.id, sha256(token)));
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return c.json({ ok: true }, 200);
    });
}
