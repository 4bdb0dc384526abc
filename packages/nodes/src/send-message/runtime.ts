import type { Json } from '@braid/sdk';
import { implementNodeType } from '@braid/sdk/server';
import type { ActionContext } from '@braid/sdk/server';
import { sendMessage } from './definition';

/** Variables every template sees; earlier action outputs (e.g. `voucher`) come on top. */
export function templateVariables(ctx: Omit<ActionContext<unknown>, 'config' | 'services'>): Record<string, Json> {
  const entry = (ctx.entryEvent ?? null) as Json;
  return {
    customer: { id: ctx.customer.id, ...ctx.customer.traits },
    entry,
    event: entry,
    journey: { id: ctx.journeyId, version: ctx.version },
    ...ctx.variables,
  };
}

export const sendMessageRuntime = implementNodeType(sendMessage, async (ctx) => {
  const vars = templateVariables(ctx);
  const { services: s, config: c } = ctx;
  const subject = c.subject ? await s.renderTemplate(c.subject, vars) : undefined;
  const body = await s.renderTemplate(c.body, vars);
  const result = await s.sendMessage({
    channel: c.channel,
    ...(subject !== undefined ? { subject } : {}),
    body,
    ...(c.channel === 'webhook' ? { options: { url: c.webhookUrl } } : {}),
    idempotencyKey: ctx.idempotencyKey,
  });
  return { messageId: result.messageId, status: result.status, ...(result.reason ? { reason: result.reason } : {}) };
});
