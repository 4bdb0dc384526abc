import { channelLabels, channels, defineNodeType } from '@braid/sdk';
import type { ConfigIssue } from '@braid/sdk';
import { z } from 'zod';
import { outPort } from '../shared/fields';
import { actionStep, onFailureHint } from '../shared/action-step';

export const sendMessage = defineNodeType({
  id: 'send-message',
  category: 'action',
  // v1 had a single `message` field; v2 splits subject and body.
  version: 2,
  label: 'Send a message',
  description: 'Email, SMS, Messenger, Zalo, on-site message, push or webhook, written in Liquid.',
  icon: 'send',
  configSchema: z.object({
    channel: z.enum(channels, { error: 'Pick a channel' }),
    subject: z.string().default(''),
    body: z.string().trim().min(1, { error: 'Write the message' }),
    webhookUrl: z.string().default(''),
    onFailure: z.enum(['continue', 'exit']).default('continue'),
  }),
  defaultConfig: { channel: 'email', subject: '', body: '', webhookUrl: '', onFailure: 'continue' },
  form: {
    channel: { label: 'Channel', widget: 'select', options: channels.map((c) => ({ value: c, label: channelLabels[c] })) },
    subject: {
      label: 'Subject',
      widget: 'liquid',
      showIf: { field: 'channel', equals: ['email', 'push', 'web'] },
      placeholder: 'Hoa Ban Food xin chào {{ customer.firstName }}',
    },
    body: { label: 'Message', widget: 'liquid', help: 'Use {{ customer.firstName }}, {{ entry.properties.product_name }}, {{ voucher.code }} ...' },
    webhookUrl: { label: 'Webhook URL', widget: 'url', showIf: { field: 'channel', equals: 'webhook' } },
    onFailure: onFailureHint,
  },
  ports: outPort,
  summary: (c) => `Send ${channelLabels[c.channel]}${c.subject ? `: ${c.subject}` : ''}`,
  validate: (c) => {
    const issues: ConfigIssue[] = [];
    if (c.channel === 'email' && !c.subject.trim()) issues.push({ path: 'subject', message: 'An email needs a subject' });
    if (c.channel === 'webhook' && !/^https?:\/\/\S+$/.test(c.webhookUrl))
      issues.push({ path: 'webhookUrl', message: 'Enter the address to post to, starting with https://' });
    return issues;
  },
  compile: (c, ctx) => ({ steps: [actionStep(ctx, 'send-message', c, { channel: c.channel, onFailure: c.onFailure })] }),
  channelOf: (c) => c.channel,
  migrate: (from, config) => {
    if (from === 1) {
      const { message, ...rest } = (config ?? {}) as { message?: unknown } & Record<string, unknown>;
      return { ...rest, body: message };
    }
    return config;
  },
});
