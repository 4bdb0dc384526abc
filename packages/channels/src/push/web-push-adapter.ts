// The `push` channel as standard Web Push: the message is encrypted for each of the customer's
// browser subscriptions (RFC 8291, aes128gcm) and posted to its push service with a VAPID JWT
// signed by the workspace's key (RFC 8292), as RFC 8030 describes. A subscription the push
// service answers 404 or 410 for has ended and is removed.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { and, eq, pushSubscriptions, websiteSettings, type DbOrTx } from '@braid/db';
import webpush from 'web-push';
import { clickUrl, linksForWorkspace, type TrackingLinks } from '../tracking/rewrite-html';
import { failed, sent, type ChannelAdapter, type DeliveryResult, type RenderedMessage } from '../types';
import type { NetworkPolicy } from '../webhook/address-policy';
import { DestinationRefused, pinnedLookup, resolveDestination, systemLookup, type LookupAll } from '../webhook/resolve-destination';
import { workspaceVapidKeys } from './vapid-keys';

export type WebPushOptions = NetworkPolicy & {
  db: DbOrTx;
  /** The VAPID `sub` claim: a mailto: or https: contact push services can reach about abuse. */
  subject: string;
  /** How long the push service keeps an undelivered message (seconds); default one day. */
  ttlSeconds?: number;
  /** Per-request deadline (ms); default 10 s. */
  timeoutMs?: number;
  lookup?: LookupAll;
  /**
   * Click tracking (the same signed /t/c links as email): a click on the notification passes
   * through Braid, which records it, on its way to the link in the message or the shop's site.
   */
  tracking?: TrackingLinks | null;
  /** Where a push goes for a customer with no browser subscription (mobile push tokens: the sandbox). */
  fallback?: ChannelAdapter;
};

const URL_IN_TEXT = /https?:\/\/[^\s<>"']+/;

/** What the service worker receives: everything it needs to show the notification, and where a click leads. */
export function pushPayload(message: RenderedMessage, url?: string): string {
  const extra = message.payload && typeof message.payload === 'object' && !Array.isArray(message.payload) ? (message.payload as Record<string, unknown>) : {};
  return JSON.stringify({ title: message.subject ?? '', body: message.body, messageId: message.meta.messageId ?? null, ...(url ? { url } : {}), ...extra });
}

type Attempt = { endpoint: string; status: number; detail: string };

function post(url: URL, body: Buffer, headers: Record<string, string>, lookup: ReturnType<typeof pinnedLookup>, timeoutMs: number, signal?: AbortSignal): Promise<{ status: number; snippet: string }> {
  return new Promise((resolve, reject) => {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(url, { method: 'POST', headers, lookup, signal, agent: false, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => {
        if (chunks.length < 4) chunks.push(chunk);
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, snippet: Buffer.concat(chunks).toString('utf8').slice(0, 200) }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}

export function createWebPushAdapter(options: WebPushOptions): ChannelAdapter {
  const { db } = options;
  const lookup = options.lookup ?? systemLookup;
  const timeoutMs = options.timeoutMs ?? 10_000;

  /** The link in the message, or else the shop's first allowed origin; tracked when tracking is on. */
  async function clickTarget(message: RenderedMessage): Promise<string | undefined> {
    let destination = message.body.match(URL_IN_TEXT)?.[0];
    if (!destination) {
      const [row] = await db.select({ origins: websiteSettings.allowedOrigins }).from(websiteSettings).where(eq(websiteSettings.workspaceId, message.workspaceId)).limit(1);
      destination = row?.origins[0];
    }
    const messageId = typeof message.meta.messageId === 'string' ? message.meta.messageId : null;
    if (!destination || !options.tracking || !messageId) return destination;
    return clickUrl(await linksForWorkspace(options.tracking, message.workspaceId), messageId, destination);
  }

  async function deliver(message: RenderedMessage, payload: string, subscription: typeof pushSubscriptions.$inferSelect, vapid: { publicKey: string; privateKey: string }, signal?: AbortSignal): Promise<Attempt> {
    const url = new URL(subscription.endpoint);
    let addresses;
    try {
      addresses = await resolveDestination(url, options, lookup);
    } catch (error) {
      if (error instanceof DestinationRefused) return { endpoint: subscription.endpoint, status: -1, detail: error.message };
      return { endpoint: subscription.endpoint, status: 0, detail: error instanceof Error ? error.message : String(error) };
    }
    const details = webpush.generateRequestDetails(
      { endpoint: subscription.endpoint, keys: { p256dh: subscription.p256dh, auth: subscription.auth } },
      payload,
      { vapidDetails: { subject: options.subject, ...vapid }, TTL: options.ttlSeconds ?? 86_400, contentEncoding: 'aes128gcm' },
    );
    const headers = Object.fromEntries(Object.entries(details.headers).map(([k, v]) => [k, String(v)]));
    try {
      const answer = await post(url, details.body as Buffer, headers, pinnedLookup(addresses), timeoutMs, signal);
      return { endpoint: subscription.endpoint, status: answer.status, detail: `the push service answered ${answer.status}${answer.snippet ? `: ${answer.snippet}` : ''}` };
    } catch (error) {
      return { endpoint: subscription.endpoint, status: 0, detail: error instanceof Error ? error.message : String(error) };
    }
  }

  return {
    channel: 'push',
    name: 'web-push',
    async send(message, ctx): Promise<DeliveryResult> {
      const subscriptions = await db
        .select()
        .from(pushSubscriptions)
        .where(and(eq(pushSubscriptions.workspaceId, message.workspaceId), eq(pushSubscriptions.customerId, message.customerId)));
      if (subscriptions.length === 0 && options.fallback) return options.fallback.send(message, ctx);
      if (subscriptions.length === 0) return failed('NO_PUSH_SUBSCRIPTION', 'the customer has not allowed notifications in any browser', false);
      const vapid = await workspaceVapidKeys(db, message.workspaceId);
      const payload = pushPayload(message, await clickTarget(message));
      const attempts = await Promise.all(subscriptions.map((s) => deliver(message, payload, s, vapid, ctx?.signal)));
      // 404 and 410: the browser unsubscribed or the subscription expired; it will never work again.
      const gone = attempts.filter((a) => a.status === 404 || a.status === 410).map((a) => a.endpoint);
      for (const endpoint of gone) await db.delete(pushSubscriptions).where(eq(pushSubscriptions.endpoint, endpoint));
      const delivered = attempts.filter((a) => a.status >= 200 && a.status < 300);
      if (delivered.length > 0) return sent(`web-push:${delivered.length}/${attempts.length}`);
      const summary = attempts.map((a) => a.detail).join('; ');
      if (gone.length === attempts.length) return failed('PUSH_SUBSCRIPTION_EXPIRED', `every subscription has ended and was removed (${summary})`, false);
      // Network errors, 429 and 5xx say "not now"; a refused address or another 4xx says "never like this".
      const retryable = attempts.some((a) => a.status === 0 || a.status === 429 || a.status >= 500);
      return failed(retryable ? 'PUSH_SERVICE_UNAVAILABLE' : 'PUSH_REJECTED', summary, retryable);
    },
  };
}
