// Messenger Send API per https://developers.facebook.com/docs/messenger-platform/reference/send-api/
// and message tags per https://developers.facebook.com/docs/messenger-platform/send-messages/message-tags:
// POST /{version}/me/messages?access_token=...; errors as Graph API error objects.
import { createHmac } from 'node:crypto';
import { isObject, Problems, startFakeServer, type FakeServer } from './fake-server';

const TAGS = ['CONFIRMED_EVENT_UPDATE', 'POST_PURCHASE_UPDATE', 'ACCOUNT_UPDATE', 'HUMAN_AGENT'];
const graphError = (status: number, code: number, message: string, subcode?: number, transient = false) => ({
  status,
  json: { error: { message, type: 'OAuthException', code, ...(subcode ? { error_subcode: subcode } : {}), ...(transient ? { is_transient: true } : {}), fbtrace_id: 'AbCdEf' } },
});

export type FakeMessenger = FakeServer & {
  /** PSIDs whose 24-hour window has closed: untagged messages are refused. */
  outsideWindow: Set<string>;
  /** PSID → canned Graph error ("unavailable", "transient"). */
  trouble: Map<string, 'unavailable' | 'transient'>;
};

export async function startFakeMessenger(opts: { token: string; version: string; appSecret?: string }): Promise<FakeMessenger> {
  const outsideWindow = new Set<string>();
  const trouble = new Map<string, 'unavailable' | 'transient'>();
  let n = 0;
  const server = await startFakeServer((req) => {
    if (req.method !== 'POST' || req.path !== `/${opts.version}/me/messages`) return graphError(400, 100, `Unknown path components: ${req.path}`);
    const bearer = (req.headers.authorization ?? '').replace(/^Bearer /, '');
    const token = req.query.get('access_token') ?? bearer;
    if (token !== opts.token) return graphError(400, 190, 'Invalid OAuth access token.');
    if (opts.appSecret) {
      const proof = createHmac('sha256', opts.appSecret).update(token).digest('hex');
      if (req.query.get('appsecret_proof') !== proof) return graphError(400, 100, 'Invalid appsecret_proof provided in the API argument');
    }
    const b = req.json;
    const p = new Problems();
    p.check(isObject(b), 'body must be JSON');
    if (!isObject(b)) return graphError(400, 100, p.list.join('; '));
    const psid = isObject(b.recipient) ? b.recipient.id : undefined;
    p.check(typeof psid === 'string' && /^\d+$/.test(psid), 'recipient.id must be a PSID');
    p.check(['RESPONSE', 'UPDATE', 'MESSAGE_TAG'].includes(String(b.messaging_type)), 'messaging_type must be RESPONSE, UPDATE or MESSAGE_TAG');
    if (b.messaging_type === 'MESSAGE_TAG') p.check(TAGS.includes(String(b.tag)), `tag must be one of ${TAGS.join(', ')}`);
    else p.check(b.tag === undefined, 'tag is only allowed with messaging_type MESSAGE_TAG');
    const text = isObject(b.message) ? b.message.text : undefined;
    p.check(typeof text === 'string' && text.length > 0 && text.length <= 2000, 'message.text must be 1–2000 characters');
    if (p.any) return graphError(400, 100, `(#100) ${p.list.join('; ')}`);
    const id = psid as string;
    const t = trouble.get(id);
    if (t === 'unavailable') return graphError(400, 551, "This person isn't available right now.");
    if (t === 'transient') return graphError(500, 2, 'An unexpected error has occurred. Please retry your request later.', undefined, true);
    if (outsideWindow.has(id) && b.messaging_type !== 'MESSAGE_TAG')
      return graphError(400, 10, '(#10) This message is sent outside of allowed window.', 2018278);
    return { status: 200, json: { recipient_id: id, message_id: `m_${++n}` } };
  });
  return Object.assign(server, { outsideWindow, trouble });
}
