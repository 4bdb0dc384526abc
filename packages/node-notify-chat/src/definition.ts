// "Notify a team chat": post a line to a Slack or Discord channel when a customer reaches
// this step (e.g. "Toản just abandoned a 1,700,000 đ cart"). Isomorphic: the canvas imports it.
import { defineNodeType, errorText } from '@braid/sdk';
import { z } from 'zod';

export const notifyChat = defineNodeType({
  id: 'notify-chat',
  category: 'action',
  version: 1,
  // Every text in Vietnamese and English: a missing language is a type error.
  label: { vi: 'Báo vào nhóm chat', en: 'Notify a team chat' },
  description: {
    vi: 'Gửi một tin vào kênh Slack hoặc Discord qua incoming webhook.',
    en: 'Post a message to a Slack or Discord channel through an incoming webhook.',
  },
  // A lucide icon name (https://lucide.dev/icons).
  icon: 'message-square',
  configSchema: z.object({
    service: z.enum(['slack', 'discord'], errorText({ vi: 'Chọn Slack hoặc Discord', en: 'Pick Slack or Discord' })),
    webhookUrl: z.url({
      protocol: /^https?$/,
      ...errorText({ vi: 'Dán địa chỉ incoming webhook, bắt đầu bằng https://', en: 'Paste the incoming webhook address, starting with https://' }),
    }),
    message: z
      .string()
      .trim()
      .min(1, errorText({ vi: 'Hãy viết tin cần gửi', en: 'Write the message to post' }))
      .max(2000, errorText({ vi: 'Tin chat dài tối đa 2.000 ký tự', en: 'Chat messages are at most 2,000 characters' })),
  }),
  // Vietnamese shops are the first users: a new step starts with a Vietnamese message to edit.
  defaultConfig: { service: 'slack', webhookUrl: '', message: '{{ customer.firstName }} vừa đến bước này' },
  form: {
    service: {
      label: { vi: 'Ứng dụng chat', en: 'Chat' },
      widget: 'select',
      options: [
        { value: 'slack', label: { vi: 'Slack', en: 'Slack' } },
        { value: 'discord', label: { vi: 'Discord', en: 'Discord' } },
      ],
    },
    webhookUrl: {
      label: { vi: 'Địa chỉ incoming webhook', en: 'Incoming webhook URL' },
      widget: 'url',
      help: {
        vi: 'Slack: Apps → Incoming Webhooks. Discord: Cài đặt kênh → Tích hợp → Webhooks.',
        en: 'Slack: Apps → Incoming Webhooks. Discord: Channel settings → Integrations → Webhooks.',
      },
    },
    message: {
      label: { vi: 'Nội dung', en: 'Message' },
      widget: 'liquid',
      help: {
        vi: 'Liquid, ví dụ {{ customer.firstName }} vừa thêm {{ entry.properties.product_name }}',
        en: 'Liquid, e.g. {{ customer.firstName }} added {{ entry.properties.product_name }}',
      },
    },
  },
  ports: [{ id: 'out', label: { vi: 'Tiếp theo', en: 'Next' } }],
  summary: (c) => {
    const service = c.service === 'slack' ? 'Slack' : 'Discord';
    const message = c.message.length > 40 ? `${c.message.slice(0, 40)}…` : c.message;
    return { vi: `Báo vào ${service}: ${message}`, en: `Notify ${service}: ${message}` };
  },
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
