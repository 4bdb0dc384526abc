// "Notify a team chat": post a line to a Slack or Discord channel when a customer reaches
// this step (e.g. "Toản just abandoned a 1,700,000 đ cart"). Isomorphic: the canvas imports it.
import { defineNodeType } from '@braid/sdk';
import { z } from 'zod';

export const notifyChat = defineNodeType({
  id: 'notify-chat',
  category: 'action',
  version: 1,
  label: 'Notify a team chat',
  description: 'Post a message to a Slack or Discord channel through an incoming webhook.',
  icon: 'message-square',
  configSchema: z.object({
    service: z.enum(['slack', 'discord'], { error: 'Pick Slack or Discord' }),
    webhookUrl: z.url({ protocol: /^https?$/, error: 'Paste the incoming webhook address, starting with https://' }),
    message: z.string().trim().min(1, { error: 'Write the message to post' }).max(2000, { error: 'Chat messages are at most 2,000 characters' }),
  }),
  defaultConfig: { service: 'slack', webhookUrl: '', message: '{{ customer.firstName }} reached this step' },
  form: {
    service: {
      label: 'Chat',
      widget: 'select',
      options: [
        { value: 'slack', label: 'Slack' },
        { value: 'discord', label: 'Discord' },
      ],
    },
    webhookUrl: { label: 'Incoming webhook URL', widget: 'url', help: 'Slack: Apps → Incoming Webhooks. Discord: Channel settings → Integrations → Webhooks.' },
    message: { label: 'Message', widget: 'liquid', help: 'Liquid, e.g. {{ customer.firstName }} added {{ entry.properties.product_name }}' },
  },
  ports: [{ id: 'out', label: 'Next' }],
  summary: (c) => `Notify ${c.service === 'slack' ? 'Slack' : 'Discord'}: ${c.message.length > 40 ? `${c.message.slice(0, 40)}…` : c.message}`,
  compile: (c, ctx) => ({
    steps: [
      {
        type: 'action',
        id: ctx.nodeId,
        kind: 'notify-chat',
        config: { service: c.service, webhookUrl: c.webhookUrl, message: c.message },
        next: ctx.next('out'),
        // A missed team notification must not hold up the customer's journey.
        onFailure: { kind: 'continue' },
      },
    ],
  }),
});
