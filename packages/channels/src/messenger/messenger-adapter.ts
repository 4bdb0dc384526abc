// Facebook Messenger Send API: https://developers.facebook.com/docs/messenger-platform/reference/send-api/
//   POST {base}/{version}/me/messages?access_token=PAGE_TOKEN[&appsecret_proof=...]
//   { recipient: { id: PSID }, messaging_type: RESPONSE | UPDATE | MESSAGE_TAG, tag?, message: { text } }
//   → { recipient_id, message_id }
// Outside the 24-hour window only tagged messages go through:
// https://developers.facebook.com/docs/messenger-platform/send-messages/message-tags
// The sending policy decides before the call (the step's tag, or the send is skipped with its
// reason); a refusal for the window is final here, never retried with another tag.
// The Send API takes no idempotency key; the runtime's messages table is what prevents a resend.
import { createHmac } from 'node:crypto';
import { isFailure, joinUrl, providerRequest, stringField, transportFailed } from '../http/provider-request';
import { failed, sent, type ChannelAdapter, type DeliveryResult, type RenderedMessage, type SendContext } from '../types';
import { classifyGraphError, type GraphError } from './messenger-errors';
import { MESSAGE_TAGS, type MessengerSettings } from './messenger-settings';

const TEXT_LIMIT = 2000;
const MESSAGING_TYPES = ['RESPONSE', 'UPDATE', 'MESSAGE_TAG'] as const;

export function createMessengerAdapter(settings: MessengerSettings): ChannelAdapter {
  const query = new URLSearchParams({ access_token: settings.pageAccessToken });
  if (settings.appSecret) query.set('appsecret_proof', createHmac('sha256', settings.appSecret).update(settings.pageAccessToken).digest('hex'));
  const url = `${joinUrl(settings.baseUrl, `/${settings.graphVersion}/me/messages`)}?${query}`;

  async function post(message: RenderedMessage, text: string, messagingType: string, tag: string | undefined, ctx?: SendContext) {
    return providerRequest({
      url,
      body: { recipient: { id: message.to }, messaging_type: messagingType, ...(tag ? { tag } : {}), message: { text } },
      timeoutMs: settings.timeoutMs,
      signal: ctx?.signal,
    });
  }

  return {
    channel: 'messenger',
    name: 'messenger',
    async send(message, ctx): Promise<DeliveryResult> {
      const psid = message.to.trim();
      if (!/^\d{1,32}$/.test(psid)) return failed('MESSENGER_INVALID_RECIPIENT', `not a page-scoped id (PSID): ${JSON.stringify(message.to)}`, false);
      const text = message.body.trim();
      if (text === '') return failed('MESSENGER_REJECTED', 'the message is empty', false);
      if ([...text].length > TEXT_LIMIT) return failed('MESSENGER_REJECTED', `Messenger texts are at most ${TEXT_LIMIT} characters, this one has ${[...text].length}`, false);
      // A node may choose: payload.tag sends tagged from the start, payload.messagingType overrides UPDATE.
      const tag = stringField(message.payload, 'tag')?.toUpperCase();
      if (tag && !(MESSAGE_TAGS as readonly string[]).includes(tag)) return failed('MESSENGER_REJECTED', `unknown message tag ${tag}; use one of ${MESSAGE_TAGS.join(', ')}`, false);
      const requested = stringField(message.payload, 'messagingType')?.toUpperCase();
      if (requested && !(MESSAGING_TYPES as readonly string[]).includes(requested)) return failed('MESSENGER_REJECTED', `unknown messaging_type ${requested}`, false);
      const type = tag ? 'MESSAGE_TAG' : (requested ?? 'UPDATE');

      const res = await post(message, text, type, tag, ctx);
      if (isFailure(res)) return transportFailed('MESSENGER', res);
      const error = (res.json as { error?: GraphError } | undefined)?.error;
      if (res.status === 200 && !error) {
        const id = (res.json as { message_id?: unknown } | undefined)?.message_id;
        return sent(typeof id === 'string' ? id : undefined);
      }
      return classifyGraphError(res.status, error, 'MESSENGER');
    },
  };
}
