// The provider accounts a workspace can configure, which of their fields are secret, and how an
// account becomes a channel adapter. The API validates shapes with zod; this turns a validated
// account into a sender.
import { createEmailApiAdapter, EMAIL_API_PROVIDERS, type EmailApiProvider } from '../email/email-api-adapter';
import { createSmtpAdapter } from '../email/smtp-adapter';
import { parseSmtpSettings } from '../email/smtp-settings';
import { createMessengerAdapter } from '../messenger/messenger-adapter';
import { DEFAULT_GRAPH_VERSION, GRAPH_BASE_URL } from '../messenger/messenger-settings';
import { createEsmsAdapter, ESMS_BASE_URL } from '../sms/esms-adapter';
import { createTwilioAdapter } from '../sms/twilio-adapter';
import type { ChannelAdapter } from '../types';
import { createWebhookAdapter } from '../webhook/webhook-adapter';
import { createZaloAdapter } from '../zalo/zalo-adapter';
import { ZALO_OA_BASE_URL, ZNS_BASE_URL } from '../zalo/zalo-settings';

export const ACCOUNT_KINDS = ['smtp', 'email_api', 'esms', 'twilio', 'messenger', 'zalo', 'webhook', 'facebook_audience', 'google_audience'] as const;
export type AccountKind = (typeof ACCOUNT_KINDS)[number];

/** The fields kept sealed at rest and never returned by the API. */
export const SECRET_FIELDS: Record<AccountKind, readonly string[]> = {
  smtp: ['pass'],
  email_api: ['apiKey'],
  esms: ['apiKey', 'secretKey'],
  twilio: ['authToken'],
  messenger: ['pageAccessToken', 'appSecret'],
  zalo: ['accessToken', 'oaSecretKey'],
  webhook: ['signingSecret'],
  facebook_audience: ['accessToken', 'appSecret'],
  google_audience: ['developerToken', 'accessToken', 'clientSecret', 'refreshToken'],
};

/** The channel each kind of account sends on (ad audiences are not a channel: journeys' audience steps use them). */
export const CHANNEL_OF_ACCOUNT: Record<AccountKind, string> = { smtp: 'email', email_api: 'email', esms: 'sms', twilio: 'sms', messenger: 'messenger', zalo: 'zalo', webhook: 'webhook', facebook_audience: 'ad_audience', google_audience: 'ad_audience' };

/** Which accounts may serve a channel, first configured wins (eSMS before Twilio: brandname SMS for Vietnam; an email API before SMTP). */
export const ACCOUNTS_FOR_CHANNEL: Record<string, readonly AccountKind[]> = { email: ['email_api', 'smtp'], sms: ['esms', 'twilio'], messenger: ['messenger'], zalo: ['zalo'], webhook: ['webhook'] };

export class AccountConfigError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'AccountConfigError';
  }
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const need = (fields: Record<string, unknown>, name: string): string => {
  const v = str(fields[name]);
  if (!v) throw new AccountConfigError(name, `${name} is required`);
  return v;
};
const TIMEOUT_MS = 10_000;

export type AdapterOptions = {
  /** Network rules for webhook destinations (from the environment, like the env-configured adapter). */
  webhook?: { allowPrivateNetworks?: boolean; allowList?: string[] };
};

/** Builds the adapter an account describes; AccountConfigError names a missing or bad field. */
export function adapterForAccount(kind: AccountKind, config: Record<string, unknown>, secrets: Record<string, string>, options: AdapterOptions = {}): ChannelAdapter {
  const all = { ...config, ...secrets };
  switch (kind) {
    case 'smtp': {
      try {
        return createSmtpAdapter(parseSmtpSettings(all));
      } catch (error) {
        const field = (error as { field?: string }).field;
        throw new AccountConfigError(field ?? 'config', error instanceof Error ? error.message : String(error));
      }
    }
    case 'email_api': {
      const provider = str(all.provider);
      if (!provider || !(EMAIL_API_PROVIDERS as readonly string[]).includes(provider)) throw new AccountConfigError('provider', `provider must be ${EMAIL_API_PROVIDERS.join(' or ')}`);
      return createEmailApiAdapter({
        provider: provider as EmailApiProvider,
        apiKey: need(all, 'apiKey'),
        from: need(all, 'from'),
        ...(str(all.messageStream) ? { messageStream: str(all.messageStream) } : {}),
        ...(str(all.baseUrl) ? { baseUrl: str(all.baseUrl) } : {}),
        timeoutMs: TIMEOUT_MS,
      });
    }
    case 'esms':
      return createEsmsAdapter({
        apiKey: need(all, 'apiKey'),
        secretKey: need(all, 'secretKey'),
        brandname: need(all, 'brandname'),
        smsType: str(all.smsType) ?? '2',
        ...(all.sandbox === true ? { sandbox: true } : {}),
        baseUrl: str(all.baseUrl) ?? ESMS_BASE_URL,
        timeoutMs: TIMEOUT_MS,
      });
    case 'twilio': {
      if (!str(all.from) && !str(all.messagingServiceSid)) throw new AccountConfigError('from', 'from (a Twilio number or sender id) or messagingServiceSid is required');
      return createTwilioAdapter({
        accountSid: need(all, 'accountSid'),
        authToken: need(all, 'authToken'),
        ...(str(all.from) ? { from: str(all.from) } : {}),
        ...(str(all.messagingServiceSid) ? { messagingServiceSid: str(all.messagingServiceSid) } : {}),
        baseUrl: str(all.baseUrl) ?? 'https://api.twilio.com',
        timeoutMs: TIMEOUT_MS,
      });
    }
    case 'messenger':
      return createMessengerAdapter({
        pageAccessToken: need(all, 'pageAccessToken'),
        ...(str(all.appSecret) ? { appSecret: str(all.appSecret) } : {}),
        graphVersion: str(all.graphVersion) ?? DEFAULT_GRAPH_VERSION,
        baseUrl: str(all.baseUrl) ?? GRAPH_BASE_URL,
        timeoutMs: TIMEOUT_MS,
      });
    case 'zalo': {
      const mode = str(all.mode) ?? 'zns';
      if (mode !== 'zns' && mode !== 'oa' && mode !== 'auto') throw new AccountConfigError('mode', 'mode must be zns, oa or auto');
      return createZaloAdapter({
        accessToken: need(all, 'accessToken'),
        mode,
        bodyParam: str(all.bodyParam) ?? 'content',
        ...(all.development === true ? { development: true } : {}),
        znsBaseUrl: str(all.znsBaseUrl) ?? str(all.baseUrl) ?? ZNS_BASE_URL,
        oaBaseUrl: str(all.oaBaseUrl) ?? str(all.baseUrl) ?? ZALO_OA_BASE_URL,
        timeoutMs: TIMEOUT_MS,
      });
    }
    case 'webhook':
      return createWebhookAdapter({ secret: need(all, 'signingSecret'), ...(options.webhook ?? {}) });
    case 'facebook_audience':
    case 'google_audience':
      // Audience accounts build audience adapters (audienceAdapterForAccount), never a sender.
      throw new AccountConfigError('kind', `${kind} is an ad audience account, not a channel`);
  }
}
