// eSMS.vn brandname SMS (Vietnamese carriers):
// https://developers.esms.vn/esms-api/ham-gui-tin/tin-nhan-sms-brandname (SendMultipleMessage_V4_post_json)
//   POST {base}/MainService.svc/json/SendMultipleMessage_V4_post_json/ JSON
//   { ApiKey, SecretKey, Phone, Content, Brandname, SmsType: "2", IsUnicode, Sandbox, RequestId, CallbackUrl? }
//   → { CodeResult: "100", SMSID } ; error table https://developers.esms.vn/esms-api/bang-ma-loi
// RequestId is eSMS's idempotency key: a second request with the same id answers 124 (duplicate),
// which means the first one was accepted, so it counts as sent.
import { createHash } from 'node:crypto';
import { isFailure, joinUrl, providerRequest, transportFailed } from '../http/provider-request';
import { toE164 } from '../phone/phone-number';
import { failed, sent, type ChannelAdapter } from '../types';

export type EsmsSettings = {
  apiKey: string;
  secretKey: string;
  brandname: string;
  /** 2 = customer care (CSKH, content must match a registered template); 1 = advertising. */
  smsType: string;
  /** eSMS test mode: answers like a real send, delivers nothing, charges nothing. */
  sandbox?: boolean;
  callbackUrl?: string;
  baseUrl: string;
  timeoutMs: number;
};

export const ESMS_BASE_URL = 'https://rest.esms.vn';

const RETRYABLE: Record<string, string> = {
  '103': 'the eSMS balance is too low (top up, then it goes out)',
};
const PERMANENT: Record<string, string> = {
  '101': 'eSMS refused the ApiKey/SecretKey',
  '102': 'the eSMS account has no price list',
  '104': 'the brandname is not registered',
  '146': 'the content does not match a registered customer-care template',
  '177': 'the brandname is not registered with this carrier',
  '300': 'the SMS type is missing',
};

/** eSMS RequestId: stable per idempotency key, short enough for any column. */
export const esmsRequestId = (idempotencyKey: string): string => createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 32);

/** The runtime marks an advertising SMS (Decree 91/2020) with payload.advertising. */
export const isAdvertising = (payload: unknown): boolean => typeof payload === 'object' && payload !== null && (payload as { advertising?: unknown }).advertising === true;

export function createEsmsAdapter(settings: EsmsSettings): ChannelAdapter {
  const url = joinUrl(settings.baseUrl, '/MainService.svc/json/SendMultipleMessage_V4_post_json/');
  return {
    channel: 'sms',
    name: 'esms',
    async send(message, ctx) {
      const e164 = toE164(message.to);
      if (!e164) return failed('SMS_INVALID_PHONE', `not a phone number: ${JSON.stringify(message.to)}`, false);
      // Brandname SMS reaches Vietnamese carriers only.
      if (!e164.startsWith('+84')) return failed('SMS_INVALID_PHONE', `eSMS sends to Vietnamese numbers only, not ${e164}`, false);
      if (message.body.trim() === '') return failed('ESMS_REJECTED', 'the message is empty', false);
      const requestId = esmsRequestId(message.idempotencyKey);
      const res = await providerRequest({
        url,
        body: {
          ApiKey: settings.apiKey,
          SecretKey: settings.secretKey,
          Phone: `0${e164.slice(3)}`,
          Content: message.body,
          Brandname: settings.brandname,
          // An advertising SMS (Decree 91, marked by the runtime) goes as eSMS type 1, from the brandname.
          SmsType: isAdvertising(message.payload) ? '1' : settings.smsType,
          // Vietnamese with diacritics needs the Unicode encoding, otherwise carriers strip it.
          IsUnicode: /[^\x20-\x7e\n\r\t]/.test(message.body) ? 1 : 0,
          Sandbox: settings.sandbox ? 1 : 0,
          RequestId: requestId,
          ...(settings.callbackUrl ? { CallbackUrl: settings.callbackUrl } : {}),
        },
        timeoutMs: settings.timeoutMs,
        signal: ctx?.signal,
      });
      if (isFailure(res)) return transportFailed('ESMS', res);
      if (res.status === 429 || res.status >= 500) return failed('ESMS_UNAVAILABLE', `eSMS answered HTTP ${res.status}: ${res.snippet}`, true);
      const body = res.json as { CodeResult?: unknown; SMSID?: unknown; ErrorMessage?: string } | undefined;
      const code = body?.CodeResult !== undefined ? String(body.CodeResult) : undefined;
      if (code === '100') return sent(typeof body?.SMSID === 'string' ? body.SMSID : `esms-request:${requestId}`);
      if (code === '124') return sent(`esms-request:${requestId}`);
      const said = body?.ErrorMessage ? ` (eSMS said: ${body.ErrorMessage})` : '';
      if (code === undefined) return failed('ESMS_REJECTED', `eSMS answered HTTP ${res.status} without a result: ${res.snippet}`, false);
      if (code in RETRYABLE) return failed('ESMS_DEFERRED', `${RETRYABLE[code]}: code ${code}${said}`, true);
      if (code === '101') return failed('ESMS_AUTH_FAILED', `${PERMANENT[code]}: code ${code}${said}`, false);
      return failed('ESMS_REJECTED', `${PERMANENT[code] ?? 'eSMS refused the message'}: code ${code}${said}`, false);
    },
  };
}
