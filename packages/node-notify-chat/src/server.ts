// Server-only: posts the rendered message as JSON to the chat's incoming webhook.
import { implementNodeType } from '@braid/sdk/server';
import type { AnyNodeImplementation } from '@braid/sdk/server';
import type { Json } from '@braid/sdk';
import { notifyChat } from './definition';

const TIMEOUT_MS = 10_000;

export const notifyChatImplementation = implementNodeType(notifyChat, async (ctx) => {
  const { config, services } = ctx;
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
  });
  if (!res.ok) {
    // Throwing lets the runtime retry; after the last retry the step's onFailure (continue) applies.
    throw new Error(`${config.service} webhook answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
  }
  services.log(`Posted to ${config.service}`, { status: res.status });
  return { service: config.service, status: res.status };
});

export const implementations: AnyNodeImplementation[] = [notifyChatImplementation];
