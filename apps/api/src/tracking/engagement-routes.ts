// Open pixel and click redirect for tracked emails. Public (email clients carry no credentials):
// the signed token is the only authority, and a click redirects only to the URL that was signed
// into it, never to a URL taken from the request. A token names the workspace whose key signed
// it (and the key id, so links signed before a rotation keep working until the old key expires);
// it only moves a message of that workspace.
import { recordEngagement, trackingVerifier, verifyAnyTrackingToken, type TrackingSettings } from '@braid/channels';
import type { Db } from '@braid/db';
import { Hono } from 'hono';
import { errorBody } from '../errors';
import type { OnEngaged } from './routes';

const PIXEL = Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64');
const NO_STORE = 'no-store, no-cache, must-revalidate, private';

/** `settings` is read on first use, so an app that never serves /t never touches the secret file. */
export function engagementRoutes(db: Db, settings: () => TrackingSettings | null, now: () => number = Date.now, onEngaged?: OnEngaged): Hono {
  const app = new Hono();
  // Only these two paths: this app is mounted at the root of /t, next to the provider webhooks.
  for (const path of ['/o/*', '/c/*']) {
    app.use(path, async (c, next) => {
      if (!settings()) return c.json(errorBody('not_found', 'Engagement tracking is off: set BRAID_TRACKING_SECRET (or use a local database)'), 404);
      await next();
    });
  }

  const verify = (token: string) => verifyAnyTrackingToken(trackingVerifier(settings()!), token);
  const scope = (claim: { workspaceId?: string }) => (claim.workspaceId ? { workspaceId: claim.workspaceId } : {});

  app.get('/o/:token', async (c) => {
    const claim = await verify(c.req.param('token'));
    if (claim?.kind === 'open' && (await recordEngagement(db, { messageId: claim.messageId, status: 'opened', at: now(), ...scope(claim) }))) await onEngaged?.(claim.messageId, 'opened');
    // Always the pixel: a broken image in the customer's mail helps nobody.
    return c.body(new Uint8Array(PIXEL), 200, { 'content-type': 'image/gif', 'cache-control': NO_STORE, 'content-length': String(PIXEL.length) });
  });

  app.get('/c/:token', async (c) => {
    const claim = await verify(c.req.param('token'));
    if (claim?.kind !== 'click') {
      return c.json(errorBody('invalid_tracking_link', 'This link is damaged or was not issued by this Braid; it leads nowhere.', [{ field: 'token', message: 'signature does not match' }]), 400);
    }
    if (await recordEngagement(db, { messageId: claim.messageId, status: 'clicked', at: now(), ...scope(claim) })) await onEngaged?.(claim.messageId, 'clicked');
    // The token must not travel to the destination in a Referer header.
    return c.body(null, 302, { location: claim.url, 'cache-control': NO_STORE, 'referrer-policy': 'no-referrer' });
  });

  return app;
}
