// The admin API calls of the channel settings screen.
import { http } from '../api/http';

export const accountKinds = ['smtp', 'email_api', 'esms', 'twilio', 'messenger', 'zalo', 'webhook', 'facebook_audience', 'google_audience'] as const;
export type AccountKind = (typeof accountKinds)[number];
export type AudienceAccountKind = Extract<AccountKind, 'facebook_audience' | 'google_audience'>;

export interface ChannelAccount {
  kind: AccountKind;
  config: Record<string, unknown>;
  secrets: Record<string, { set: boolean; hint: string }>;
  updatedAt: number;
  checkedAt: number | null;
  checkResult: { ok: boolean; message: string } | null;
}

export interface ChannelSettings {
  channel: string;
  frequencyCap: { max: number; perHours: number }[];
  quietHours: { start: string; end: string; timezone?: string } | null;
  config: Record<string, unknown>;
}

export interface ZnsTemplate {
  templateId: string;
  name: string;
  params: { name: string; maxLength: number; required: boolean }[];
  purpose: 'transaction' | 'customer_care' | 'promotion';
  status: 'pending' | 'approved' | 'rejected' | 'disabled';
  updatedAt: number;
}

export interface TrackingKey {
  keyId: string;
  createdAt: number;
  retiredAt: number | null;
  expiresAt: number | null;
  current: boolean;
}

const kindPath = (kind: AccountKind) => `/api/channel-accounts/${encodeURIComponent(kind)}`;

export const channelsApi = {
  accounts: () => http.get<{ accounts: ChannelAccount[] }>('/api/channel-accounts'),
  saveAccount: (kind: AccountKind, body: { config: Record<string, unknown>; secrets: Record<string, string> }) => http.put<ChannelAccount>(kindPath(kind), body),
  removeAccount: (kind: AccountKind) => http.del<{ deleted: boolean }>(kindPath(kind)),
  check: (kind: AccountKind) => http.post<{ ok: boolean; message: string }>(`${kindPath(kind)}/check`),
  test: (kind: AccountKind, to: string) => http.post<{ ok: boolean; message: string }>(`${kindPath(kind)}/test`, { to }),
  settings: () => http.get<{ channels: ChannelSettings[] }>('/api/channel-settings'),
  saveWorkspaceRules: (body: { quietHours: ChannelSettings['quietHours']; frequencyCap: ChannelSettings['frequencyCap'] }) => http.put<ChannelSettings>('/api/channel-settings/*', { ...body, config: {} }),
  templates: () => http.get<{ templates: ZnsTemplate[] }>('/api/zns-templates'),
  saveTemplate: (t: Omit<ZnsTemplate, 'updatedAt'>) => http.put<ZnsTemplate>(`/api/zns-templates/${encodeURIComponent(t.templateId)}`, { name: t.name, params: t.params, purpose: t.purpose, status: t.status }),
  trackingKeys: () => http.get<{ keys: TrackingKey[] }>('/api/tracking-keys'),
  rotateTrackingKey: (keepOldDays: number) => http.post<{ keys: TrackingKey[] }>('/api/tracking-keys/rotate', { keepOldDays }),
  removeTemplate: (templateId: string) => http.del<{ deleted: boolean }>(`/api/zns-templates/${encodeURIComponent(templateId)}`),
};

/** The form of each account: its shown fields and its secret fields (never shown back, only masked). */
export type Field = { name: string; type: 'text' | 'number' | 'checkbox' | 'select'; options?: string[]; required?: boolean };
/**
 * testTo null: nothing to send a test to (ad audiences); keep: saved config the form does not show
 * (provider URLs and versions set through the API); audienceMap: the config key of the audience
 * name → id map the card edits as rows.
 */
export const accountForms: Record<AccountKind, { channel: string; fields: Field[]; secrets: string[]; testTo: 'email' | 'phone' | 'psid' | 'url' | null; keep?: string[]; audienceMap?: 'audiences' | 'userLists' }> = {
  smtp: { channel: 'email', fields: [{ name: 'host', type: 'text', required: true }, { name: 'port', type: 'number', required: true }, { name: 'secure', type: 'checkbox' }, { name: 'user', type: 'text' }, { name: 'from', type: 'text', required: true }], secrets: ['pass'], testTo: 'email' },
  email_api: { channel: 'email', fields: [{ name: 'provider', type: 'select', options: ['postmark', 'sendgrid'] }, { name: 'from', type: 'text', required: true }, { name: 'messageStream', type: 'text' }], secrets: ['apiKey'], testTo: 'email' },
  esms: { channel: 'sms', fields: [{ name: 'brandname', type: 'text', required: true }, { name: 'smsType', type: 'select', options: ['2', '1'] }, { name: 'sandbox', type: 'checkbox' }], secrets: ['apiKey', 'secretKey'], testTo: 'phone' },
  twilio: { channel: 'sms', fields: [{ name: 'accountSid', type: 'text', required: true }, { name: 'from', type: 'text' }, { name: 'messagingServiceSid', type: 'text' }], secrets: ['authToken'], testTo: 'phone' },
  messenger: { channel: 'messenger', fields: [{ name: 'pageId', type: 'text', required: true }, { name: 'graphVersion', type: 'text' }], secrets: ['pageAccessToken', 'appSecret'], testTo: 'psid' },
  zalo: { channel: 'zalo', fields: [{ name: 'oaId', type: 'text', required: true }, { name: 'mode', type: 'select', options: ['zns', 'oa', 'auto'] }, { name: 'dailyQuota', type: 'number' }, { name: 'development', type: 'checkbox' }], secrets: ['accessToken', 'oaSecretKey'], testTo: 'phone' },
  webhook: { channel: 'webhook', fields: [], secrets: ['signingSecret'], testTo: 'url' },
  facebook_audience: { channel: 'ad_audience', fields: [{ name: 'adAccountId', type: 'text', required: true }, { name: 'graphVersion', type: 'text' }], secrets: ['accessToken', 'appSecret'], testTo: null, keep: ['baseUrl'], audienceMap: 'audiences' },
  google_audience: { channel: 'ad_audience', fields: [{ name: 'customerId', type: 'text', required: true }, { name: 'loginCustomerId', type: 'text' }, { name: 'clientId', type: 'text' }], secrets: ['developerToken', 'refreshToken', 'clientSecret', 'accessToken'], testTo: null, keep: ['apiVersion', 'tokenUrl', 'baseUrl'], audienceMap: 'userLists' },
};
