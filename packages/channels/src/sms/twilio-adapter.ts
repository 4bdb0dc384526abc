// Twilio Programmable Messaging: https://www.twilio.com/docs/messaging/api/message-resource#create-a-message-resource
//   POST {base}/2010-04-01/Accounts/{AccountSid}/Messages.json, HTTP Basic (AccountSid:AuthToken),
//   form-encoded To (E.164), From or MessagingServiceSid, Body, StatusCallback? → 201 { sid, status }
// Errors: { code, message, more_info, status } — https://www.twilio.com/docs/api/errors
// Twilio's Messages API takes no idempotency key: the runtime's messages table prevents resends.
import { isFailure, joinUrl, providerRequest, transportFailed } from '../http/provider-request';
import { toE164 } from '../phone/phone-number';
import { isAdvertising } from './esms-adapter';
import { failed, sent, type ChannelAdapter } from '../types';

export type TwilioSettings = {
  accountSid: string;
  authToken: string;
  /** A Twilio number or alphanumeric sender id; or use messagingServiceSid. */
  from?: string;
  messagingServiceSid?: string;
  /** Where Twilio posts delivery status (queued → sent → delivered | undelivered). */
  statusCallbackUrl?: string;
  baseUrl: string;
  timeoutMs: number;
};

/** Codes that say "later": 20429 too many requests, 20500/20503 Twilio trouble, 30001 queue overflow. */
const RETRYABLE = new Set([20429, 20500, 20503, 30001]);
const PERMANENT_WORDS: Record<number, string> = {
  20003: 'Twilio refused the credentials',
  21211: 'the To number is not a valid phone number',
  21408: 'sending to this region is not enabled on the Twilio account',
  21610: 'the recipient replied STOP and is unsubscribed',
  21612: 'Twilio cannot route to this number from the sender',
  21614: 'the To number is not a mobile number',
};

export function createTwilioAdapter(settings: TwilioSettings): ChannelAdapter {
  if (!settings.from && !settings.messagingServiceSid) throw new Error('Twilio needs TWILIO_FROM or TWILIO_MESSAGING_SERVICE_SID');
  const url = joinUrl(settings.baseUrl, `/2010-04-01/Accounts/${encodeURIComponent(settings.accountSid)}/Messages.json`);
  const authorization = `Basic ${Buffer.from(`${settings.accountSid}:${settings.authToken}`).toString('base64')}`;
  return {
    channel: 'sms',
    name: 'twilio',
    async send(message, ctx) {
      const to = toE164(message.to);
      if (!to) return failed('SMS_INVALID_PHONE', `not a phone number: ${JSON.stringify(message.to)}`, false);
      if (message.body.trim() === '') return failed('TWILIO_REJECTED', 'the message is empty', false);
      // Decree 91/2020: advertising SMS to Vietnamese numbers must come from a registered brandname (eSMS).
      if (isAdvertising(message.payload) && to.startsWith('+84')) return failed('SMS_NEEDS_BRANDNAME', 'advertising SMS to Vietnamese numbers must come from a registered brandname: configure eSMS for this workspace', false);
      const form = new URLSearchParams({ To: to, Body: message.body });
      if (settings.messagingServiceSid) form.set('MessagingServiceSid', settings.messagingServiceSid);
      else if (settings.from) form.set('From', settings.from);
      if (settings.statusCallbackUrl) form.set('StatusCallback', settings.statusCallbackUrl);
      const res = await providerRequest({
        url,
        headers: { authorization, 'content-type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
        timeoutMs: settings.timeoutMs,
        signal: ctx?.signal,
      });
      if (isFailure(res)) return transportFailed('TWILIO', res);
      const body = res.json as { sid?: string; code?: number; message?: string; more_info?: string } | undefined;
      if (res.status === 201 || res.status === 200) return sent(body?.sid);
      const code = body?.code;
      const detail = `${code !== undefined ? `error ${code}` : `HTTP ${res.status}`}${body?.message ? `: ${body.message}` : ''}${body?.more_info ? ` (${body.more_info})` : ''}`;
      if (res.status === 429 || res.status >= 500 || (code !== undefined && RETRYABLE.has(code))) return failed('TWILIO_UNAVAILABLE', `Twilio asked to try again later, ${detail}`, true);
      if (code === 20003 || res.status === 401) return failed('TWILIO_AUTH_FAILED', `${PERMANENT_WORDS[20003]}, ${detail}`, false);
      const words = code !== undefined ? PERMANENT_WORDS[code] : undefined;
      return failed('TWILIO_REJECTED', `${words ?? 'Twilio refused the message'}, ${detail}`, false);
    },
  };
}
