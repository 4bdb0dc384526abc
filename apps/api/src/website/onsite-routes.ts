// /v1/web: what the snippet asks on each page view (the messages waiting for the visitor), the
// live connection (server-sent events) while they stay, and the impression and the click of a
// message, recorded as its engagement so journeys can branch on "Message Opened/Clicked".
import { recordEngagement } from '@braid/channels';
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { streamSSE } from 'hono/streaming';
import { ApiError } from '../errors';
import type { OnEngaged } from '../tracking/routes';
import type { LiveFeed } from './live-feed';
import { customersOnsiteMessage, waitingMessages, type OnsiteMessage } from './onsite-messages';
import { bodyObject, visitorOf, type VisitorDeps } from './visitor';

export type OnsiteDeps = VisitorDeps & { feed: LiveFeed; onEngaged?: OnEngaged; now?: () => number };

const HEARTBEAT_MS = 25_000;
/** A connection is closed after this long; EventSource reconnects by itself (and proxies stay happy). */
const MAX_CONNECTION_MS = 10 * 60_000;

export function onsiteRoutes(deps: OnsiteDeps): Hono {
  const app = new Hono();
  const now = deps.now ?? Date.now;
  app.use(cors({ origin: '*', allowMethods: ['GET', 'POST', 'OPTIONS'], allowHeaders: ['Content-Type'], maxAge: 86400 }));

  app.get('/messages', async (c) => {
    const visitor = await visitorOf(c, deps, c.req.query());
    const messages: OnsiteMessage[] = visitor.customerId ? await waitingMessages(deps.db, visitor.workspaceId, visitor.customerId) : [];
    c.header('cache-control', 'no-store');
    return c.json({ messages });
  });

  app.get('/stream', async (c) => {
    const visitor = await visitorOf(c, deps, c.req.query());
    // EventSource retries a 503 later; until then the page views still bring the messages.
    if (deps.feed.full) throw new ApiError(503, 'busy', 'Too many live connections on this server; messages still arrive on the next page view');
    c.header('cache-control', 'no-store');
    return streamSSE(c, async (stream) => {
      const queue: OnsiteMessage[] = [];
      let wake: (() => void) | null = null;
      const disconnect = deps.feed.connect({
        workspaceId: visitor.workspaceId,
        anonymousId: visitor.anonymousId,
        customerId: visitor.customerId,
        delivered: new Set(),
        deliver: (message) => {
          queue.push(message);
          wake?.();
        },
      });
      let open = true;
      stream.onAbort(() => {
        open = false;
        wake?.();
      });
      const until = now() + MAX_CONNECTION_MS;
      try {
        await stream.writeSSE({ event: 'ready', data: '{}' });
        while (open && now() < until) {
          const message = queue.shift();
          if (message) {
            await stream.writeSSE({ event: 'message', id: message.id, data: JSON.stringify(message) });
            continue;
          }
          await new Promise<void>((resolve) => {
            wake = resolve;
            setTimeout(resolve, HEARTBEAT_MS).unref?.();
          });
          wake = null;
          if (open && queue.length === 0) await stream.write(': still here\n\n');
        }
      } finally {
        disconnect();
      }
    });
  });

  for (const [path, status] of [['shown', 'opened'], ['clicked', 'clicked']] as const) {
    app.post(`/messages/:id/${path}`, async (c) => {
      const visitor = await visitorOf(c, deps, await bodyObject(c));
      const id = c.req.param('id');
      if (!visitor.customerId || !(await customersOnsiteMessage(deps.db, visitor.workspaceId, visitor.customerId, id))) {
        throw new ApiError(404, 'not_found', `No on-site message ${id} for this visitor`, [{ field: 'id', message: 'not a message of this visitor' }]);
      }
      // A click proves the impression too: recordEngagement only moves the status forward.
      if (await recordEngagement(deps.db, { messageId: id, status, at: now() })) await deps.onEngaged?.(id, status);
      return c.json({ recorded: true });
    });
  }
  return app;
}
