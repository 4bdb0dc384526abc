import type { Json } from '@braid/sdk';
import type { z } from 'zod';
import { implementNodeType } from '@braid/sdk/server';
import type { ActionContext } from '@braid/sdk/server';
import { sendMessage } from './definition';
import { designToMjml, designToText, usesBlocks } from './email-design';
import { stripDiacritics } from './sms-cost';

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
  let body = await s.renderTemplate(c.body, vars);
  const { options = {} } = await channelOptions(c, (template) => s.renderTemplate(template, vars));
  if (c.channel === 'email') {
    const sender = c.email.fromName && c.email.fromAddress ? `"${c.email.fromName.replace(/["\\]/g, '')}" <${c.email.fromAddress}>` : c.email.fromAddress;
    if (sender) options.from = sender;
    if (usesBlocks(c.email) && s.renderEmail) {
      const email = await s.renderEmail(designToMjml(c.email, c.subject), designToText(c.email), vars);
      options.html = email.html;
      body = email.text;
    }
  }
  // Applied here, after Liquid: customer data (a name with marks) is stripped too.
  if (c.channel === 'sms' && c.smsStripDiacritics) body = stripDiacritics(body);
  const result = await s.sendMessage({
    channel: c.channel,
    ...(subject !== undefined ? { subject } : {}),
    body,
    ...(Object.keys(options).length > 0 ? { options } : {}),
    idempotencyKey: ctx.idempotencyKey,
  });
  return { messageId: result.messageId, status: result.status, ...(result.reason ? { reason: result.reason } : {}) };
});

/** What the channel's policy needs from the step: the webhook address, SMS kind, Messenger tag, ZNS template and rendered parameters. */
async function channelOptions(c: SendMessageConfig, render: (template: string) => Promise<string>): Promise<{ options?: Record<string, Json> }> {
  if (c.channel === 'webhook') return { options: { url: c.webhookUrl } };
  // A step published before the kind was required may have none: Decree 91 applies (advertising),
  // never a silent pass as customer care.
  if (c.channel === 'sms') return { options: { smsPurpose: c.smsPurpose ?? 'advertising' } };
  if (c.channel === 'messenger' && c.messengerTag) return { options: { messengerTag: c.messengerTag } };
  if (c.channel === 'zalo' && c.znsTemplateId) {
    const params: Record<string, Json> = {};
    for (const [name, template] of Object.entries(c.znsParams)) params[name] = await render(template);
    return { options: { znsTemplateId: c.znsTemplateId, znsParams: params } };
  }
  return {};
}
