// Zalo OA webhook: ZNS/OA delivery, "seen" receipts and customer replies.
// https://developers.zalo.me/docs/official-account/webhook/tong-quan (X-ZEvent-Signature:
// "mac=" + sha256(appId + body + timestamp + OA secret key)); events user_received_message,
// user_seen_message, user_send_* .
import { createHash, timingSafeEqual } from 'node:crypto';
import { customerConsent, recordEngagement, recordInbound, recordEngagementByProviderId, recordProviderSignal, recordReply } from '@braid/channels';

import { and, eq, findCustomerByIdentity, messages, type Db } from '@braid/db';
import { Hono } from 'hono';
import { errorBody } from '../errors';
import type { OnEngaged } from './routes';
import type { WorkspaceResolver } from './resolve-workspace';

export type ZaloWebhookSettings = { appId: string; oaSecretKey: string };

/** A signed event older (or further ahead) than this is refused: the signature alone would let anyone who saw it replay it forever. */
export const ZALO_MAX_EVENT_AGE_MS = 5 * 60_000;

/** Zalo sends milliseconds; a value in seconds is read as such. NaN when it is not a number. */
function timestampMs(timestamp: string): number {
  if (!/^\d{1,16}$/.test(timestamp)) return Number.NaN;
  const n = Number(timestamp);
  return n < 1e12 ? n * 1000 : n;
}

type ZaloEvent = {
  app_id?: string;
  event_name?: string;
  timestamp?: string | number;
  oa_id?: string;
  sender?: { id?: string };
  recipient?: { id?: string };
  message?: { msg_id?: string; msg_ids?: string[]; tracking_id?: string };
  /** follow / unfollow events name the user here. */
  follower?: { id?: string };
};

export function zaloSignature(appId: string, raw: string, timestamp: string, oaSecretKey: string): string {
  return `mac=${createHash('sha256').update(`${appId}${raw}${timestamp}${oaSecretKey}`).digest('hex')}`;
}

export function zaloWebhook(db: Db, settings: ZaloWebhookSettings, workspaceFor: WorkspaceResolver, now: () => number = Date.now, onEngaged?: OnEngaged): Hono {
  const app = new Hono();
  app.post('/', async (c) => {
    const raw = await c.req.text();
    let event: ZaloEvent;
    try {
      event = JSON.parse(raw) as ZaloEvent;
    } catch {
      return c.json(errorBody('invalid_json', 'The body is not JSON'), 400);
    }
    // Sent as "mac=<hex>"; some setups show the bare hex, so the prefix is optional.
    const timestamp = String(event.timestamp ?? c.req.header('x-zevent-timestamp') ?? '');
    const expected = Buffer.from(zaloSignature(settings.appId, raw, timestamp, settings.oaSecretKey).slice('mac='.length));
    const given = Buffer.from((c.req.header('x-zevent-signature') ?? '').trim().replace(/^mac=/i, '').toLowerCase());
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return c.json(errorBody('invalid_signature', 'X-ZEvent-Signature does not match (ZALO_APP_ID, ZALO_OA_SECRET_KEY)', [{ field: 'x-zevent-signature', message: 'invalid' }]), 401);
    }
    const at = now();
    const signedAt = timestampMs(timestamp);
    if (!Number.isFinite(signedAt) || Math.abs(at - signedAt) > ZALO_MAX_EVENT_AGE_MS) {
      return c.json(
        errorBody('stale_event', `The signed timestamp is missing or more than ${ZALO_MAX_EVENT_AGE_MS / 60_000} minutes from now; replayed events are refused`, [
          { field: 'timestamp', message: 'must be within 5 minutes of now (ms since epoch)' },
        ]),
        401,
      );
    }
    let updated = 0;
    const name = event.event_name ?? '';
    // The OA is the recipient of what the user sends and the sender of what we sent; a Zalo user id is per OA.
    const oaId = event.oa_id ?? (name.startsWith('user_send_') ? event.recipient?.id : event.sender?.id);
    const workspaceId = await workspaceFor(typeof oaId === 'string' ? oaId : undefined);
    if (!workspaceId) return c.json({ received: true, updated: 0 });
    if (name === 'unfollow' || name === 'follow') {
      const user = event.follower?.id ?? event.sender?.id;
      if (user) updated += await zaloFollowChanged(db, workspaceId, user, name, at);
      return c.json({ received: true, updated });
    }
    if (name === 'user_received_message') {
      const id = event.message?.msg_id;
      if (id) updated += await recordEngagementByProviderId(db, { workspaceId, channel: 'zalo', providerMessageIds: [id], status: 'delivered', at });
      // ZNS echoes our tracking_id, which is the messages row id when the runtime gave one.
      const tracking = event.message?.tracking_id;
      // Only a Zalo message of this workspace: a tracking_id naming an email or another shop's row is ignored.
      if (updated === 0 && tracking && (await isZaloMessageOf(db, workspaceId, tracking)) && (await recordEngagement(db, { messageId: tracking, status: 'delivered', at }))) updated += 1;
    } else if (name === 'user_seen_message') {
      const ids = (event.message?.msg_ids ?? []).filter((m): m is string => typeof m === 'string');
      updated += await recordEngagementByProviderId(db, { workspaceId, channel: 'zalo', providerMessageIds: ids, status: 'opened', at });
    } else if (name.startsWith('user_send_') && event.sender?.id) {
      // The follower wrote: the OA may answer with consultation messages for 48 hours.
      await recordInbound(db, { workspaceId, channel: 'zalo', address: event.sender.id, at });
      const replied = await recordReply(db, { workspaceId, channel: 'zalo', recipient: event.sender.id, at });
      if (replied) {
        updated += 1;
        await onEngaged?.(replied, 'replied');
      }
    }
    return c.json({ received: true, updated });
  });
  return app;
}

/**
 * An unfollow stops all Zalo marketing to that user. A follow lifts only a stop that an unfollow
 * set: a customer who unsubscribed on the preference page stays unsubscribed when they follow again.
 */
async function zaloFollowChanged(db: Db, workspaceId: string, user: string, name: 'follow' | 'unfollow', at: number): Promise<number> {
  if (name === 'unfollow') return (await recordProviderSignal(db, { workspaceId, channel: 'zalo', address: user, status: 'unsubscribed', source: 'zalo_unfollow', at })) ? 1 : 0;
  const customerId = await findCustomerByIdentity(db, workspaceId, 'zalo_id', user);
  if (!customerId) return 0;
  const stop = (await customerConsent(db, { workspaceId, customerId, channel: 'zalo' })).channels.find((x) => x.channel === 'zalo');
  if (stop?.status !== 'unsubscribed' || stop.source !== 'zalo_unfollow') return 0;
  return (await recordProviderSignal(db, { workspaceId, channel: 'zalo', address: user, status: 'subscribed', source: 'zalo_follow', at })) ? 1 : 0;
}

async function isZaloMessageOf(db: Db, workspaceId: string, messageId: string): Promise<boolean> {
  const rows = await db
    .select({ id: messages.id })
    .from(messages)
    .where(and(eq(messages.id, messageId), eq(messages.channel, 'zalo'), eq(messages.workspaceId, workspaceId)))
    .limit(1);
  return rows.length > 0;
}
