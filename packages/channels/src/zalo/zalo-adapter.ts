// Zalo: ZNS template messages to a phone number, or OA consultation messages to a follower.
// ZNS: https://developers.zalo.me/docs/zalo-notification-service/gui-tin-zns/gui-zns
//   POST {znsBaseUrl}/message/template, header access_token, JSON
//   { phone: "84xxxxxxxxx", template_id, template_data: {...}, tracking_id, mode? }
//   → { error: 0, message: "Success", data: { msg_id, sent_time, quota } }
// OA:  https://developers.zalo.me/docs/official-account/tin-nhan/tin-tu-van/gui-tin-tu-van-dang-van-ban
//   POST {oaBaseUrl}/v3.0/oa/message/cs, header access_token, JSON
//   { recipient: { user_id }, message: { text } } → { error: 0, data: { message_id, user_id } }
import { createHash } from 'node:crypto';
import { isFailure, joinUrl, objectField, providerRequest, stringField, transportFailed, type ProviderResponse } from '../http/provider-request';
import { toInternationalDigits } from '../phone/phone-number';
import { failed, sent, type ChannelAdapter, type DeliveryResult, type RenderedMessage, type SendContext } from '../types';
import { classifyZaloError } from './zalo-errors';
import type { ZaloSettings } from './zalo-settings';

/** OA text messages are cut by Zalo at 2000 characters; refuse instead of sending half. */
const OA_TEXT_LIMIT = 2000;
/** ZNS tracking_id is the partner's own id for the send, echoed in delivery callbacks. */
const TRACKING_ID_LIMIT = 48;

/** The partner-side id Zalo echoes back: the messages row id when the runtime gives one, else a hash of the key. */
export function zaloTrackingId(message: RenderedMessage): string {
  const id = message.meta.messageId;
  if (typeof id === 'string' && id !== '' && id.length <= TRACKING_ID_LIMIT) return id;
  return createHash('sha256').update(message.idempotencyKey).digest('hex').slice(0, 32);
}

function interpret(api: 'zns' | 'oa', res: ProviderResponse): DeliveryResult {
  if (res.status === 429 || res.status >= 500) return failed(`ZALO_${api.toUpperCase()}_UNAVAILABLE`, `Zalo answered HTTP ${res.status}: ${res.snippet}`, true);
  const body = res.json as { error?: unknown; message?: string; data?: { msg_id?: unknown; message_id?: unknown } } | undefined;
  if (res.status !== 200 || !body || typeof body.error !== 'number') {
    return failed(`ZALO_${api.toUpperCase()}_REJECTED`, `Zalo answered HTTP ${res.status} without a result: ${res.snippet}`, res.status >= 500);
  }
  if (body.error !== 0) return classifyZaloError(api, body.error, body.message);
  const id = body.data?.msg_id ?? body.data?.message_id;
  return sent(typeof id === 'string' || typeof id === 'number' ? String(id) : undefined);
}

export function createZaloAdapter(settings: ZaloSettings): ChannelAdapter {
  const headers = { access_token: settings.accessToken, 'content-type': 'application/json' };

  async function sendZns(message: RenderedMessage, phone: string, ctx?: SendContext): Promise<DeliveryResult> {
    const templateId = stringField(message.payload, 'templateId', 'template_id') ?? settings.templateId;
    if (!templateId) return failed('ZALO_NO_TEMPLATE', 'ZNS needs an approved template: set ZALO_ZNS_TEMPLATE_ID or give payload.templateId', false);
    const templateData = objectField(message.payload, 'templateData', 'template_data') ?? { [settings.bodyParam]: message.body };
    const res = await providerRequest({
      url: joinUrl(settings.znsBaseUrl, '/message/template'),
      headers,
      body: {
        phone,
        template_id: templateId,
        template_data: templateData,
        tracking_id: zaloTrackingId(message),
        ...(settings.development ? { mode: 'development' } : {}),
      },
      timeoutMs: settings.timeoutMs,
      signal: ctx?.signal,
    });
    return isFailure(res) ? transportFailed('ZALO_ZNS', res) : interpret('zns', res);
  }

  async function sendOa(message: RenderedMessage, userId: string, ctx?: SendContext): Promise<DeliveryResult> {
    if (!/^\d{1,32}$/.test(userId)) return failed('ZALO_INVALID_RECIPIENT', `not a Zalo user id: ${JSON.stringify(userId)}`, false);
    const text = message.body.trim();
    if (text === '') return failed('ZALO_OA_REJECTED', 'the message is empty', false);
    if ([...text].length > OA_TEXT_LIMIT) return failed('ZALO_OA_REJECTED', `Zalo OA messages are at most ${OA_TEXT_LIMIT} characters, this one has ${[...text].length}`, false);
    const res = await providerRequest({
      url: joinUrl(settings.oaBaseUrl, '/v3.0/oa/message/cs'),
      headers,
      body: { recipient: { user_id: userId }, message: { text } },
      timeoutMs: settings.timeoutMs,
      signal: ctx?.signal,
    });
    return isFailure(res) ? transportFailed('ZALO_OA', res) : interpret('oa', res);
  }

  return {
    channel: 'zalo',
    name: settings.mode === 'oa' ? 'zalo-oa' : settings.mode === 'zns' ? 'zalo-zns' : 'zalo',
    async send(message, ctx) {
      // The runtime addresses Zalo by Zalo user id; ZNS needs the phone, which a node may pass in payload.phone.
      const phoneInput = stringField(message.payload, 'phone') ?? message.to;
      const phone = toInternationalDigits(phoneInput);
      if (settings.mode === 'zns') {
        if (!phone) return failed('ZALO_INVALID_PHONE', `ZNS sends to a phone number; ${JSON.stringify(phoneInput)} is not one`, false);
        return sendZns(message, phone, ctx);
      }
      if (settings.mode === 'auto' && phone) return sendZns(message, phone, ctx);
      return sendOa(message, message.to.trim(), ctx);
    },
  };
}
