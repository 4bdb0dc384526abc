import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { failed, sent, type ChannelAdapter, type DeliveryResult, type RenderedMessage } from '../types';
import type { NetworkPolicy } from './address-policy';
import { DestinationRefused, pinnedLookup, resolveDestination, systemLookup, type LookupAll } from './resolve-destination';
import { SIGNATURE_HEADER, signWebhookBody } from './signature';

export type WebhookOptions = NetworkPolicy & {
  /** Signing secret: one for all, or per workspace. */
  secret: string | ((workspaceId: string) => string | Promise<string>);
  /** Whole-send deadline including redirects (ms); default 10 s. */
  timeoutMs?: number;
  /** Redirects followed, each target vetted like the first; default 3. */
  maxRedirects?: number;
  lookup?: LookupAll;
  now?: () => number;
};

/** The JSON the receiver gets: the node's payload when it has one, otherwise the rendered text with its context. */
export function webhookBody(message: RenderedMessage): string {
  if (message.payload !== undefined) return JSON.stringify(message.payload);
  return JSON.stringify({
    subject: message.subject,
    body: message.body,
    customerId: message.customerId,
    workspaceId: message.workspaceId,
    meta: message.meta,
  });
}

type Outcome = { status: number; location?: string; requestId?: string; snippet: string };

function post(url: URL, body: string, headers: Record<string, string>, lookup: ReturnType<typeof pinnedLookup>, signal: AbortSignal): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(url, { method: 'POST', headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) }, lookup, signal, agent: false }, (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        // Keep a little of the answer for the error message; the rest is drained, not stored.
        if (size < 1024) chunks.push(chunk);
        size += chunk.length;
      });
      res.on('end', () => {
        const header = (name: string) => {
          const v = res.headers[name];
          return Array.isArray(v) ? v[0] : v;
        };
        resolve({
          status: res.statusCode ?? 0,
          location: header('location'),
          requestId: header('x-request-id'),
          snippet: Buffer.concat(chunks).toString('utf8').slice(0, 300),
        });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

function classifyStatus(o: Outcome): DeliveryResult {
  if (o.status >= 200 && o.status < 300) return sent(o.requestId);
  const detail = `the webhook answered ${o.status}${o.snippet ? `: ${o.snippet}` : ''}`;
  // 408/425/429 and 5xx say "not now"; the other 4xx say "never like this".
  const retryable = o.status >= 500 || o.status === 408 || o.status === 425 || o.status === 429;
  return failed(retryable ? 'WEBHOOK_UNAVAILABLE' : 'WEBHOOK_REJECTED', detail, retryable);
}

/** POSTs signed JSON to the URL in `message.to`, refusing internal destinations unless configured. */
export function createWebhookAdapter(options: WebhookOptions): ChannelAdapter {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxRedirects = options.maxRedirects ?? 3;
  const lookup = options.lookup ?? systemLookup;
  const now = options.now ?? Date.now;
  const secretFor = async (workspaceId: string) => (typeof options.secret === 'function' ? options.secret(workspaceId) : options.secret);

  return {
    channel: 'webhook',
    name: 'webhook',
    async send(message, ctx) {
      let url: URL;
      try {
        url = new URL(message.to);
      } catch {
        return failed('WEBHOOK_INVALID_URL', `not a URL: ${JSON.stringify(message.to)}`, false);
      }
      const body = webhookBody(message);
      const headers = {
        'content-type': 'application/json; charset=utf-8',
        'user-agent': 'Braid-Webhooks/1.0',
        'idempotency-key': message.idempotencyKey,
        [SIGNATURE_HEADER.toLowerCase()]: signWebhookBody(body, await secretFor(message.workspaceId), Math.floor(now() / 1000)),
      };
      const signal = ctx?.signal ? AbortSignal.any([ctx.signal, AbortSignal.timeout(timeoutMs)]) : AbortSignal.timeout(timeoutMs);
      try {
        for (let hop = 0; ; hop++) {
          const addresses = await resolveDestination(url, options, lookup);
          const outcome = await post(url, body, headers, pinnedLookup(addresses), signal);
          if (outcome.status < 300 || outcome.status >= 400 || !outcome.location) return classifyStatus(outcome);
          if (hop >= maxRedirects) return failed('WEBHOOK_TOO_MANY_REDIRECTS', `more than ${maxRedirects} redirects, last to ${outcome.location}`, false);
          const next = new URL(outcome.location, url);
          // The signed body, its signature and the idempotency key belong to the origin the marketer configured:
          // a redirect elsewhere (or to plain http) would hand them to a host nobody vetted.
          if (url.protocol === 'https:' && next.protocol !== 'https:') {
            return failed('WEBHOOK_REDIRECT_DOWNGRADE', `refused a redirect from ${url.origin} to ${next.protocol}//${next.host} (https → ${next.protocol.replace(':', '')})`, false);
          }
          if (next.origin !== url.origin) {
            return failed('WEBHOOK_REDIRECT_CROSS_ORIGIN', `refused a redirect from ${url.origin} to another origin (${next.protocol}//${next.host}); only same-origin redirects are followed`, false);
          }
          url = next;
        }
      } catch (error) {
        if (error instanceof DestinationRefused) return failed('WEBHOOK_ADDRESS_REFUSED', error.message, false);
        if (signal.aborted) {
          return ctx?.signal?.aborted
            ? failed('WEBHOOK_CANCELLED', 'the send was cancelled', true)
            : failed('WEBHOOK_TIMEOUT', `no answer within ${timeoutMs} ms from ${url.host}`, true);
        }
        const e = error as Error & { code?: string };
        return failed('WEBHOOK_UNREACHABLE', `could not reach ${url.host}${e.code ? ` (${e.code})` : ''}: ${e.message}`, true);
      }
    },
  };
}
