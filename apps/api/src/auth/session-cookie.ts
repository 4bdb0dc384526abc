// Starting a session: the cookie a browser keeps after logging in or accepting an invitation.
import { sessions, type Db } from '@braid/db';
import type { Context } from 'hono';
import { setCookie } from 'hono/cookie';
import { SESSION_COOKIE } from './middleware';
import { randomToken, sha256 } from './secrets';

const SESSION_MS = 30 * 24 * 3600 * 1000;

const trustProxy = () => process.env.BRAID_TRUST_PROXY === 'true';

/** The first X-Forwarded-* value, only when a proxy we trust set it. */
export function forwarded(c: Context, name: string): string | undefined {
  if (!trustProxy()) return undefined;
  return c.req.header(name)?.split(',')[0]?.trim().toLowerCase() || undefined;
}

/**
 * Whether the browser reached us over https: the request itself, a trusted TLS-terminating proxy
 * (X-Forwarded-Proto), or the configured public address. Without this the cookie would travel
 * in clear behind a proxy that speaks http to us.
 */
function publicIsHttps(c: Context): boolean {
  if (new URL(c.req.url).protocol === 'https:') return true;
  if (forwarded(c, 'x-forwarded-proto') === 'https') return true;
  return (process.env.BRAID_PUBLIC_URL ?? '').trim().toLowerCase().startsWith('https://');
}


/** Stores the session (hashed) and sets its cookie. */
export async function startSession(c: Context, db: Db, userId: string): Promise<void> {
  const token = randomToken('bss');
  await db.insert(sessions).values({ id: sha256(token), userId, expiresAt: Date.now() + SESSION_MS });
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    path: '/',
    secure: publicIsHttps(c),
    maxAge: SESSION_MS / 1000,
  });
}
