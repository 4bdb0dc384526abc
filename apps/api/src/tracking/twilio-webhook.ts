// Twilio SMS status callbacks (StatusCallback on each message):
// https://www.twilio.com/docs/messaging/guides/track-outbound-message-status
// Signed per https://www.twilio.com/docs/usage/webhooks/webhooks-security: X-Twilio-Signature =
// base64(HMAC-SHA1(auth token, full callback URL + each POST parameter name and value, sorted by name)).
import { createHmac, timingSafeEqual } from 'node:crypto';
import { recordEngagementByProviderId, recordProviderSignal, smsKeyword } from '@braid/channels';
import type { Db } from '@braid/db';
import { Hono } from 'hono';
import { errorBody } from '../errors';
import type { WorkspaceResolver } from './resolve-workspace';

export type TwilioWebhookSettings = {
  authToken: string;
  /** The exact URL Twilio was told to call (TWILIO_STATUS_CALLBACK_URL); behind a proxy the request URL differs. */
  callbackUrl?: string;
};

export function twilioSignature(authToken: string, url: string, params: URLSearchParams): string {
  const data = url + [...params.keys()].sort().map((k) => k + params.getAll(k).join('')).join('');
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

export function twilioWebhook(db: Db, settings: TwilioWebhookSettings, workspaceFor: WorkspaceResolver, now: () => number = Date.now): Hono {
  const app = new Hono();
  app.post('/', async (c) => {
    const params = new URLSearchParams(await c.req.text());
    const expected = Buffer.from(twilioSignature(settings.authToken, settings.callbackUrl ?? c.req.url, params));
    const given = Buffer.from(c.req.header('x-twilio-signature') ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return c.json(errorBody('invalid_signature', 'X-Twilio-Signature does not match (TWILIO_AUTH_TOKEN, TWILIO_STATUS_CALLBACK_URL)', [{ field: 'x-twilio-signature', message: 'invalid' }]), 401);
    }
    const sid = params.get('MessageSid');
    if (!sid) return c.json(errorBody('invalid_event', 'MessageSid is required', [{ field: 'MessageSid', message: 'is required' }]), 400);
    // An inbound reply (same webhook when the number's messaging URL points here): STOP / HỦY unsubscribes, START resubscribes.
    const from = params.get('From');
    const optOut = params.get('OptOutType')?.toUpperCase();
    const keyword = optOut === 'STOP' ? 'unsubscribed' : optOut === 'START' ? 'subscribed' : params.has('Body') ? smsKeyword(params.get('Body') ?? '') : null;
    if (keyword && from) {
      const workspaceId = await workspaceFor(params.get('AccountSid') ?? undefined);
      const customerId = workspaceId
        ? await recordProviderSignal(db, { workspaceId, channel: 'sms', address: from, status: keyword, source: keyword === 'unsubscribed' ? 'sms_stop' : 'sms_start', at: now() })
        : null;
      return c.json({ received: true, updated: 0, consent: customerId ? keyword : null });
    }
    // Statuses only move forward; "undelivered"/"failed" after "sent" are left to the provider's logs.
    const status = params.get('MessageStatus');
    const engagement = status === 'delivered' ? 'delivered' : status === 'read' ? 'opened' : null;
    const workspaceId = engagement ? await workspaceFor(params.get('AccountSid') ?? undefined) : null;
    const updated = engagement && workspaceId ? await recordEngagementByProviderId(db, { workspaceId, channel: 'sms', providerMessageIds: [sid], status: engagement, at: now() }) : 0;
    return c.json({ received: true, updated });
  });
  return app;
}
