import { createSmtpAdapter } from './email/smtp-adapter';
import { smtpSettingsFromEnv } from './email/smtp-settings';
import type { ChannelAdapter } from './types';
import { createWebhookAdapter } from './webhook/webhook-adapter';
import { webhookOptionsFromEnv } from './webhook/webhook-settings';

/**
 * The real adapters the environment configures: email when SMTP_HOST is set, webhooks when
 * WEBHOOK_SIGNING_SECRET is set. Pass as `createChannels({ outbox, adapters: adaptersFromEnv() })`;
 * every other channel stays in the sandbox.
 */
export function adaptersFromEnv(env: Record<string, string | undefined> = process.env): Record<string, ChannelAdapter> {
  const adapters: Record<string, ChannelAdapter> = {};
  const smtp = smtpSettingsFromEnv(env);
  if (smtp) adapters.email = createSmtpAdapter(smtp);
  const webhook = webhookOptionsFromEnv(env);
  if (webhook) adapters.webhook = createWebhookAdapter(webhook);
  return adapters;
}
