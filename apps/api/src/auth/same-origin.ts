// A session cookie rides along with any request the browser makes to this host, including one
// that a page on another port of the same host makes: cookies ignore ports, and SameSite=Lax
// counts that page as same-site. A bodiless POST (pause a journey) needs no CORS preflight, so
// without this check such a page could act with the logged-in user's session.
import type { Context } from 'hono';
import { ApiError } from '../errors';

const trustProxy = () => process.env.BRAID_TRUST_PROXY === 'true';

/** The origins the browser may be showing us under: this request's host, a trusted proxy's, the public URL. */
function ownOrigins(c: Context): Set<string> {
  const url = new URL(c.req.url);
  const origins = new Set([url.origin]);
  if (trustProxy()) {
    const host = c.req.header('x-forwarded-host')?.split(',')[0]?.trim();
    const proto = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim() || url.protocol.replace(':', '');
    if (host) origins.add(`${proto}://${host}`.toLowerCase());
  }
  const publicUrl = process.env.BRAID_PUBLIC_URL?.trim();
  if (publicUrl) {
    try {
      origins.add(new URL(publicUrl).origin);
    } catch {
      // An unparsable BRAID_PUBLIC_URL adds nothing.
    }
  }
  return origins;
}

function refuse(header: string, value: string): ApiError {
  return new ApiError(403, 'cross_origin', 'A request made with the session cookie must come from this site’s own pages', [
    { field: header, message: `${value} is not this origin` },
  ]);
}

/**
 * For writes authenticated by the session cookie. Browsers send Sec-Fetch-Site (exact, and
 * port-aware: another port is `same-site`) or at least Origin on every non-GET request; a
 * request with neither is not from a browser page, so not a forgery by one.
 */
export function assertSameOrigin(c: Context): void {
  const site = c.req.header('sec-fetch-site');
  if (site !== undefined) {
    // `none`: the user's own action (address bar, bookmark), never another page.
    if (site === 'same-origin' || site === 'none') return;
    throw refuse('Sec-Fetch-Site', site);
  }
  const origin = c.req.header('origin');
  if (origin === undefined) return;
  if (!ownOrigins(c).has(origin.toLowerCase())) throw refuse('Origin', origin);
}
