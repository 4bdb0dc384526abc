// Server-only: posts the rendered message as JSON to the chat's incoming webhook.
import { ActionConfigError, implementNodeType } from '@braid/sdk/server';
import type { AnyNodeImplementation } from '@braid/sdk/server';
import type { Json } from '@braid/sdk';
import { notifyChat } from './definition';

const TIMEOUT_MS = 10_000;

// The URL is typed by a marketer and fetched from the worker, inside the company's network: only
// the services' own webhook hosts are reachable, or anything could be called (internal admin
// services, the cloud metadata endpoint that hands out credentials).
const SERVICE_HOSTS = {
  slack: ['hooks.slack.com'],
  discord: ['discord.com', 'discordapp.com', 'ptb.discord.com', 'canary.discord.com'],
} as const;

/** Extra origins ("http://127.0.0.1:4010") for self-hosted relays and tests, comma-separated. */
const extraOrigins = (): string[] =>
  (process.env.BRAID_NOTIFY_CHAT_ALLOWED_ORIGINS ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);

export function isChatWebhookAllowed(service: 'slack' | 'discord', webhookUrl: string, allowedOrigins: readonly string[]): boolean {
  let url: URL;
  try {
    url = new URL(webhookUrl);
  } catch {
    return false;
  }
  if (allowedOrigins.some((o) => o === url.origin)) return true;
  const hosts: readonly string[] = SERVICE_HOSTS[service];
  return url.protocol === 'https:' && url.port === '' && url.username === '' && url.password === '' && hosts.includes(url.hostname.toLowerCase());
}

export const notifyChatImplementation = implementNodeType(notifyChat, async (ctx) => {
  const { config, services } = ctx;
  if (!isChatWebhookAllowed(config.service, config.webhookUrl, extraOrigins())) {
    const expected = SERVICE_HOSTS[config.service].join(' or ');
    throw new ActionConfigError('notify-chat', [{ path: 'webhookUrl', message: `Use the ${config.service} incoming webhook address (https://${expected}/...)` }]);
  }
  const entry = (ctx.entryEvent ?? null) as Json;
  const text = await services.renderTemplate(config.message, {
    customer: { id: ctx.customer.id, ...ctx.customer.traits },
    entry,
    event: entry,
    journey: { id: ctx.journeyId, version: ctx.version },
    ...ctx.variables,
  });
  // Slack reads `text`, Discord reads `content`.
  const payload = config.service === 'slack' ? { text } : { content: text };
  const res = await fetch(config.webhookUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': ctx.idempotencyKey },
    body: JSON.stringify(payload),
    signal: AbortSignal.timeout(TIMEOUT_MS),
    // A redirect could lead anywhere, past the host check above.
    redirect: 'error',
  });
  if (!res.ok) {
    // Throwing lets the runtime retry; after the last retry the step's onFailure (continue) applies.
    throw new Error(`${config.service} webhook answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
  }
  services.log(`Posted to ${config.service}`, { status: res.status });
  return { service: config.service, status: res.status };
});

export const implementations: AnyNodeImplementation[] = [notifyChatImplementation];
