import type { Json } from '@braid/sdk';
import type { z } from 'zod';
import { implementNodeType } from '@braid/sdk/server';
import type { ActionContext } from '@braid/sdk/server';
import { sendMessage } from './definition';

type SendMessageConfig = z.output<typeof sendMessage.configSchema>;

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
    ...(await channelOptions(c, (template) => s.renderTemplate(template, vars))),
    idempotencyKey: ctx.idempotencyKey,
  });
  return { messageId: result.messageId, status: result.status, ...(result.reason ? { reason: result.reason } : {}) };
});

/** What the channel's policy needs from the step: the webhook address, SMS kind, Messenger tag, ZNS template and rendered parameters. */
async function channelOptions(c: SendMessageConfig, render: (template: string) => Promise<string>): Promise<{ options?: Record<string, Json> }> {
  if (c.channel === 'webhook') return { options: { url: c.webhookUrl } };
  if (c.channel === 'sms') return { options: { smsPurpose: c.smsPurpose } };
  if (c.channel === 'messenger' && c.messengerTag) return { options: { messengerTag: c.messengerTag } };
  if (c.channel === 'zalo' && c.znsTemplateId) {
    const params: Record<string, Json> = {};
    for (const [name, template] of Object.entries(c.znsParams)) params[name] = await render(template);
    return { options: { znsTemplateId: c.znsTemplateId, znsParams: params } };
  }
  return {};
}
