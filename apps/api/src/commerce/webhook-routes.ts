// POST /v1/commerce/{sourceId}: a shop's order and checkout webhooks. The body is verified with
// the source's secret before anything is read from it; a forged, replayed or stale delivery is
// refused with 401 and leaves no trace.
import { and, commerceDeliveries, commerceSources, eq, newId, type Db } from '@braid/db';
import { Hono } from 'hono';
import { createHash } from 'node:crypto';
import { ApiError, validationError, zodDetails } from '../errors';
import { recordEvents, type OnEventsIngested } from '../ingest/record';
import { limitBody } from './body-limit';
import { sourceSecret } from './source-secret';
import { firstHeader, platformHeaders } from './platforms';
import { ShopPayload, shopEvent, topicKind } from './order-events';
import { signatureMatches } from './signature';

/**
 * How old a delivery may be by the platform's own send time. Shopify retries a failed delivery
 * for 4 hours under the same id, so a retry stays fresh; anything older is a replay.
 */
export const MAX_DELIVERY_AGE_MS = 5 * 3_600_000;
/** A send time this far ahead of our clock is not a clock difference. */
const MAX_CLOCK_AHEAD_MS = 5 * 60_000;

export interface CommerceWebhookDeps {
  db: Db;
  onEventsIngested?: OnEventsIngested;
  now?: () => number;
}

function refused(reason: string): ApiError {
  // One answer for every refusal: a forger learns nothing about which check failed.
  return new ApiError(401, 'unauthorized', 'The webhook signature could not be verified', [{ field: 'signature', message: reason }]);
}

export function commerceWebhookRoutes(deps: CommerceWebhookDeps): Hono {
  const app = new Hono();
  const now = deps.now ?? Date.now;
  app.post(
    '/:sourceId',
    limitBody(),
    async (c) => {
      const receivedAt = now();
      const raw = new Uint8Array(await c.req.arrayBuffer());
      const sourceId = c.req.param('sourceId');
      const [source] = sourceId.length <= 100
        ? await deps.db.select().from(commerceSources).where(eq(commerceSources.id, sourceId)).limit(1)
        : [];
      if (!source) throw refused('unknown source, wrong secret or altered body');
      const headers = platformHeaders[source.platform];
      const get = (name: string) => c.req.header(name);
      // A secret that does not open (key not configured, row altered) verifies nothing: refused, and said in the log.
      const secret = await sourceSecret(deps.db, source).catch((error: unknown) => {
        console.error(`[commerce] source ${source.id}: ${error instanceof Error ? error.message : String(error)}`);
        return null;
      });
      if (secret === null || !signatureMatches(secret, raw, firstHeader(get, headers.signature))) {
        throw refused('unknown source, wrong secret or altered body');
      }
      const sentAtHeader = firstHeader(get, headers.sentAt);
      if (sentAtHeader !== undefined) {
        const sentAt = Date.parse(sentAtHeader);
        if (!Number.isFinite(sentAt) || receivedAt - sentAt > MAX_DELIVERY_AGE_MS || sentAt - receivedAt > MAX_CLOCK_AHEAD_MS) {
          throw refused('sent too long ago (replayed)');
        }
      }
      const topic = (firstHeader(get, headers.topic) ?? '').trim().toLowerCase();
      if (!topic || topic.length > 100) {
        throw new ApiError(400, 'invalid_request', 'The webhook names no topic', [{ field: headers.topic[0]!, message: 'is required, e.g. orders/create' }]);
      }
      let event: ReturnType<typeof shopEvent> = null;
      if (topicKind(topic)) {
        let json: unknown;
        try {
          json = JSON.parse(Buffer.from(raw).toString('utf8'));
        } catch {
          throw new ApiError(400, 'invalid_json', 'Body is not valid JSON', [{ field: '', message: 'could not parse' }]);
        }
        const parsed = ShopPayload.safeParse(json);
        if (!parsed.success) throw validationError(zodDetails(parsed.error));
        event = shopEvent(source.platform, source.id, topic, parsed.data);
        if (event && event.orderId === null) {
          throw validationError([{ field: topicKind(topic) === 'checkout' ? 'token' : 'id', message: 'is required' }]);
        }
      }
      // Platforms that send no delivery id: the body itself identifies the delivery.
      const deliveryId = (firstHeader(get, headers.deliveryId) ?? `sha256:${createHash('sha256').update(raw).digest('hex')}`).slice(0, 200);
      const rowId = newId(receivedAt);
      // The unique (source, delivery id) index decides, also between two copies arriving at once.
      const claimed = await deps.db
        .insert(commerceDeliveries)
        .values({
          id: rowId,
          workspaceId: source.workspaceId,
          sourceId: source.id,
          deliveryId,
          topic,
          status: event ? 'accepted' : 'ignored',
          orderId: event?.orderId ?? null,
          eventName: event?.event.event ?? null,
          receivedAt,
        })
        .onConflictDoNothing()
        .returning({ id: commerceDeliveries.id });
      if (claimed.length === 0) throw refused('this delivery was received before (replayed)');
      if (!event) return c.json({ received: true, status: 'ignored' as const }, 200);
      let stored;
      try {
        stored = await recordEvents(deps.db, deps.onEventsIngested, source.workspaceId, event.contact ? [event.event, event.contact] : [event.event], receivedAt);
      } catch (error) {
        // Not stored: forget the delivery so the platform's retry is processed.
        await deps.db.delete(commerceDeliveries).where(and(eq(commerceDeliveries.id, rowId), eq(commerceDeliveries.sourceId, source.id)));
        throw error;
      }
      const status = stored.length > 0 ? ('accepted' as const) : ('duplicate' as const);
      await deps.db
        .update(commerceDeliveries)
        .set({ status, customerId: stored[0]?.customerId ?? null })
        .where(eq(commerceDeliveries.id, rowId));
      return c.json({ received: true, status }, 200);
    },
  );
  return app;
}
