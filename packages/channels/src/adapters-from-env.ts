import { createSmtpAdapter } from './email/smtp-adapter';
import { smtpSettingsFromEnv } from './email/smtp-settings';
import { createMessengerAdapter } from './messenger/messenger-adapter';
import { messengerSettingsFromEnv } from './messenger/messenger-settings';
import { smsAdapterFromEnv } from './sms/sms-settings';
import type { ChannelAdapter } from './types';
import { createWebhookAdapter } from './webhook/webhook-adapter';
import { webhookOptionsFromEnv } from './webhook/webhook-settings';
import { createZaloAdapter } from './zalo/zalo-adapter';
import { zaloSettingsFromEnv } from './zalo/zalo-settings';

/**
 * The real adapters the environment configures: email when SMTP_HOST is set, webhooks when
 * WEBHOOK_SIGNING_SECRET is set, Zalo when ZALO_ACCESS_TOKEN is set, Messenger when
 * MESSENGER_PAGE_ACCESS_TOKEN is set, SMS when SMS_PROVIDER / ESMS_API_KEY / TWILIO_ACCOUNT_SID
 * is set (README lists every variable). Pass as `createChannels({ outbox, adapters: adaptersFromEnv() })`;
 * every other channel stays in the sandbox. A half-configured provider throws at start, naming
 * the missing variable, rather than failing every send later.
 */
export function adaptersFromEnv(env: Record<string, string | undefined> = process.env): Record<string, ChannelAdapter> {
  const adapters: Record<string, ChannelAdapter> = {};
  const smtp = smtpSettingsFromEnv(env);
  if (smtp) adapters.email = createSmtpAdapter(smtp);
  const webhook = webhookOptionsFromEnv(env);
  if (webhook) adapters.webhook = createWebhookAdapter(webhook);
  const zalo = zaloSettingsFromEnv(env);
  if (zalo) adapters.zalo = createZaloAdapter(zalo);
  const messenger = messengerSettingsFromEnv(env);
  if (messenger) adapters.messenger = createMessengerAdapter(messenger);
  const sms = smsAdapterFromEnv(env);
  if (sms) adapters.sms = sms;
  return adapters;
}
