// Email through a provider's HTTP API instead of SMTP: Postmark or SendGrid, the two shapes shops
// use most. Each request carries what the provider checks (its auth header, its JSON body) and
// the same headers an SMTP send would (List-Unsubscribe for one-click unsubscribe); the base URL
// is configurable so a local fake can stand in for the provider in tests.
import { isFailure, joinUrl, providerRequest, transportFailed, type ProviderResponse } from '../http/provider-request';
import { failed, sent, type ChannelAdapter, type DeliveryResult, type RenderedMessage } from '../types';

export const EMAIL_API_PROVIDERS = ['postmark', 'sendgrid'] as const;
export type EmailApiProvider = (typeof EMAIL_API_PROVIDERS)[number];

export const EMAIL_API_BASE_URLS: Record<EmailApiProvider, string> = { postmark: 'https://api.postmarkapp.com', sendgrid: 'https://api.sendgrid.com' };

export type EmailApiSettings = {
  provider: EmailApiProvider;
  /** Postmark server token or SendGrid API key. */
  apiKey: string;
  /** Default sender, "Shop <hello@shop.vn>"; a step may choose its own. */
  from: string;
  /** Postmark message stream ("outbound" transactional, "broadcast" for marketing). */
  messageStream?: string;
  baseUrl?: string;
  timeoutMs?: number;
};

/** "Shop <hello@shop.vn>" → name and address (SendGrid wants them apart). */
export function splitAddress(value: string): { email: string; name?: string } {
  const m = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(value);
  if (!m) return { email: value.trim() };
  return m[1] ? { email: m[2]!.trim(), name: m[1].trim() } : { email: m[2]!.trim() };
}

function requestOf(settings: EmailApiSettings, message: RenderedMessage): { url: string; headers: Record<string, string>; body: Record<string, unknown> } {
  const base = settings.baseUrl ?? EMAIL_API_BASE_URLS[settings.provider];
  const from = message.from || settings.from;
  const headers = Object.entries(message.headers ?? {});
  if (settings.provider === 'postmark') {
    return {
      url: joinUrl(base, '/email'),
      headers: { accept: 'application/json', 'x-postmark-server-token': settings.apiKey },
      body: {
        From: from,
        To: message.to,
        Subject: message.subject ?? '',
        TextBody: message.body,
        ...(message.html !== undefined ? { HtmlBody: message.html } : {}),
        ...(headers.length ? { Headers: headers.map(([Name, Value]) => ({ Name, Value })) } : {}),
        MessageStream: settings.messageStream || 'outbound',
        Metadata: { braid_key: message.idempotencyKey.slice(0, 80) },
      },
    };
  }
  return {
    url: joinUrl(base, '/v3/mail/send'),
    headers: { authorization: `Bearer ${settings.apiKey}` },
    body: {
      personalizations: [{ to: [{ email: message.to }] }],
      from: splitAddress(from),
      subject: message.subject ?? '',
      // SendGrid requires text/plain before text/html.
      content: [{ type: 'text/plain', value: message.body }, ...(message.html !== undefined ? [{ type: 'text/html', value: message.html }] : [])],
      ...(headers.length ? { headers: Object.fromEntries(headers) } : {}),
      custom_args: { braid_key: message.idempotencyKey.slice(0, 80) },
    },
  };
}

/** The provider's own words for a refusal (Postmark "Message", SendGrid "errors[].message"). */
function reasonOf(res: ProviderResponse): string {
  const j = res.json as { Message?: unknown; ErrorCode?: unknown; errors?: Array<{ message?: unknown; field?: unknown }> } | undefined;
  if (typeof j?.Message === 'string') return `${j.Message}${typeof j.ErrorCode === 'number' ? ` (Postmark error ${j.ErrorCode})` : ''}`;
  if (Array.isArray(j?.errors)) return j.errors.map((e) => `${typeof e.field === 'string' && e.field ? `${e.field}: ` : ''}${String(e.message ?? '')}`).join('; ');
  return res.snippet || `HTTP ${res.status}`;
}

function resultOf(settings: EmailApiSettings, res: ProviderResponse): DeliveryResult {
  const prefix = settings.provider.toUpperCase();
  if (res.status >= 200 && res.status < 300) {
    const id = settings.provider === 'postmark' ? (res.json as { MessageID?: unknown } | undefined)?.MessageID : res.header('x-message-id');
    return sent(typeof id === 'string' ? id : undefined);
  }
  const reason = `${settings.provider} answered ${res.status}: ${reasonOf(res)}`;
  if (res.status === 401 || res.status === 403) return failed(`${prefix}_UNAUTHORIZED`, `${reason} (check the API key in channel settings)`, false);
  if (res.status === 429 || res.status >= 500) return failed(`${prefix}_UNAVAILABLE`, reason, true);
  return failed(`${prefix}_REJECTED`, reason, false);
}

export function createEmailApiAdapter(settings: EmailApiSettings): ChannelAdapter {
  const timeoutMs = settings.timeoutMs ?? 10_000;
  return {
    channel: 'email',
    name: settings.provider,
    async send(message, ctx) {
      const req = requestOf(settings, message);
      const res = await providerRequest({ ...req, timeoutMs, ...(ctx?.signal ? { signal: ctx.signal } : {}) });
      if (isFailure(res)) return transportFailed(settings.provider.toUpperCase(), res);
      return resultOf(settings, res);
    },
  };
}

/**
 * "Check connection" without sending: the provider's read-only endpoint with the same key
 * (Postmark GET /server; SendGrid GET /v3/scopes, which must include mail.send).
 */
export async function verifyEmailApi(settings: EmailApiSettings): Promise<{ ok: boolean; message: string }> {
  const base = settings.baseUrl ?? EMAIL_API_BASE_URLS[settings.provider];
  const postmark = settings.provider === 'postmark';
  const res = await providerRequest({
    method: 'GET',
    url: joinUrl(base, postmark ? '/server' : '/v3/scopes'),
    headers: postmark ? { accept: 'application/json', 'x-postmark-server-token': settings.apiKey } : { authorization: `Bearer ${settings.apiKey}` },
    timeoutMs: settings.timeoutMs ?? 10_000,
  });
  if (isFailure(res)) return { ok: false, message: res.message };
  if (res.status !== 200) return { ok: false, message: `${settings.provider} answered ${res.status}: ${reasonOf(res)}` };
  if (postmark) {
    const name = (res.json as { Name?: unknown } | undefined)?.Name;
    return { ok: true, message: `signed in to Postmark server ${typeof name === 'string' ? `"${name}"` : ''}`.trim() };
  }
  const scopes = (res.json as { scopes?: unknown } | undefined)?.scopes;
  if (!Array.isArray(scopes) || !scopes.includes('mail.send')) return { ok: false, message: 'the SendGrid API key works but may not send mail (the mail.send permission is missing)' };
  return { ok: true, message: 'signed in to SendGrid; the key may send mail' };
}
