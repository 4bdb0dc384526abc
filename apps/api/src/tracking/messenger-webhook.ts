// Messenger delivery/read receipts and customer replies.
// https://developers.facebook.com/docs/messenger-platform/webhooks (verification, X-Hub-Signature-256)
// https://developers.facebook.com/docs/messenger-platform/reference/webhook-events/message-deliveries
// https://developers.facebook.com/docs/messenger-platform/reference/webhook-events/message-reads
import { createHmac, timingSafeEqual } from 'node:crypto';
import { recordEngagementByProviderId, recordInbound, recordEngagementUpTo, recordProviderSignal, recordReply, smsKeyword } from '@braid/channels';
import type { Db } from '@braid/db';
import { Hono } from 'hono';
import { errorBody } from '../errors';
import type { OnEngaged } from './routes';
import type { WorkspaceResolver } from './resolve-workspace';

export type MessengerWebhookSettings = { appSecret: string; verifyToken?: string };

type Messaging = {
  sender?: { id?: string };
  timestamp?: number;
  delivery?: { mids?: string[]; watermark?: number };
  read?: { watermark?: number };
  message?: { mid?: string; is_echo?: boolean; text?: string };
  postback?: unknown;
  /** messaging_optins for Marketing Messages: the person stopped or resumed them. */
  optin?: { type?: string; notification_messages_status?: string };
};

/**
 * A consent answer in a Messenger event: Marketing Messages' opt-in webhook with
 * notification_messages_status "STOP_NOTIFICATIONS" / "RESUME_NOTIFICATIONS" (Meta writes it with
 * a space or an underscore), or a text reply that is a stop word ("STOP", "HỦY").
 */
export function messengerConsent(event: Messaging): 'subscribed' | 'unsubscribed' | null {
  const status = event.optin?.notification_messages_status?.toUpperCase().replace(/\s+/g, '_');
  if (status === 'STOP_NOTIFICATIONS') return 'unsubscribed';
  if (status === 'RESUME_NOTIFICATIONS') return 'subscribed';
  const text = event.message && !event.message.is_echo ? event.message.text : undefined;
  return typeof text === 'string' && smsKeyword(text) === 'unsubscribed' ? 'unsubscribed' : null;
}

export function verifyHubSignature(raw: string, header: string | undefined, appSecret: string): boolean {
  if (!header?.startsWith('sha256=')) return false;
  const given = Buffer.from(header.slice('sha256='.length), 'hex');
  const expected = createHmac('sha256', appSecret).update(raw).digest();
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function messengerWebhook(db: Db, settings: MessengerWebhookSettings, workspaceFor: WorkspaceResolver, now: () => number = Date.now, onEngaged?: OnEngaged): Hono {
  const app = new Hono();

  // Subscription check: echo hub.challenge when the verify token matches.
  app.get('/', (c) => {
    const mode = c.req.query('hub.mode');
    const token = c.req.query('hub.verify_token');
    if (mode === 'subscribe' && settings.verifyToken && token === settings.verifyToken) return c.text(c.req.query('hub.challenge') ?? '');
    return c.json(errorBody('forbidden', 'hub.verify_token does not match MESSENGER_VERIFY_TOKEN', [{ field: 'hub.verify_token', message: 'does not match' }]), 403);
  });

  app.post('/', async (c) => {
    const raw = await c.req.text();
    if (!verifyHubSignature(raw, c.req.header('x-hub-signature-256'), settings.appSecret)) {
      return c.json(errorBody('invalid_signature', 'X-Hub-Signature-256 does not match the body signed with MESSENGER_APP_SECRET', [{ field: 'x-hub-signature-256', message: 'invalid' }]), 401);
    }
    let body: { object?: string; entry?: { id?: unknown; messaging?: Messaging[] }[] };
    try {
      body = JSON.parse(raw) as typeof body;
    } catch {
      return c.json(errorBody('invalid_json', 'The body is not JSON'), 400);
    }
    if (body.object !== 'page' || !Array.isArray(body.entry)) return c.json(errorBody('invalid_event', 'Expected object "page" with entry[]', [{ field: 'object', message: 'must be "page"' }]), 400);
    const at = now();
    let updated = 0;
    for (const entry of body.entry) {
      // entry.id is the page: a PSID is only meaningful for the page that received it.
      const workspaceId = await workspaceFor(typeof entry.id === 'string' || typeof entry.id === 'number' ? String(entry.id) : undefined);
      if (!workspaceId) continue;
      for (const event of entry.messaging ?? []) {
        const psid = event.sender?.id;
        if (typeof psid !== 'string') continue;
        const consent = messengerConsent(event);
        if (consent) await recordProviderSignal(db, { workspaceId, channel: 'messenger', address: psid, status: consent, source: consent === 'unsubscribed' ? 'messenger_optout' : 'messenger_optin', at });
        if (event.delivery) {
          const mids = (event.delivery.mids ?? []).filter((m): m is string => typeof m === 'string');
          if (mids.length > 0) updated += await recordEngagementByProviderId(db, { workspaceId, channel: 'messenger', providerMessageIds: mids, status: 'delivered', at });
          if (typeof event.delivery.watermark === 'number')
            updated += await recordEngagementUpTo(db, { workspaceId, channel: 'messenger', recipient: psid, upTo: event.delivery.watermark, status: 'delivered', at });
        } else if (event.read && typeof event.read.watermark === 'number') {
          updated += await recordEngagementUpTo(db, { workspaceId, channel: 'messenger', recipient: psid, upTo: event.read.watermark, status: 'opened', at });
        } else if ((event.message && !event.message.is_echo) || event.postback) {
          // The customer wrote: Messenger's 24-hour window opens (or restarts) now.
          await recordInbound(db, { workspaceId, channel: 'messenger', address: psid, at: typeof event.timestamp === 'number' ? Math.min(event.timestamp, at) : at });
          const replied = await recordReply(db, { workspaceId, channel: 'messenger', recipient: psid, at });
          if (replied) {
            updated += 1;
            await onEngaged?.(replied, 'replied');
          }
        }
      }
    }
    // Meta retries anything but a quick 200, so unknown events are acknowledged too.
    return c.json({ received: true, updated });
  });

  return app;
}
