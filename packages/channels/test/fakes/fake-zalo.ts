// Zalo ZNS and OA, per https://developers.zalo.me/docs/zalo-notification-service/gui-tin-zns/gui-zns
// and https://developers.zalo.me/docs/official-account/tin-nhan/tin-tu-van/gui-tin-tu-van-dang-van-ban:
// POST, header access_token, JSON body; Zalo answers HTTP 200 with { error, message, data }.
import { isObject, Problems, startFakeServer, type FakeServer } from './fake-server';

export type FakeZalo = FakeServer & {
  /** Next answers by phone / user id: a Zalo error code to return instead of success. */
  errorFor: Map<string, number>;
  /** Templates the OA registered with Zalo: an unknown id is -109, missing or too-long data -112. */
  templates: Map<string, { name: string; maxLength: number }[]>;
  /** ZNS sends left today; at 0 Zalo answers -144 (daily quota used). Unlimited when undefined. */
  quota: { left?: number };
};

export async function startFakeZalo(token: string): Promise<FakeZalo> {
  const errorFor = new Map<string, number>();
  const templates = new Map<string, { name: string; maxLength: number }[]>();
  const quota: { left?: number } = {};
  let n = 0;
  const server = await startFakeServer((req) => {
    const p = new Problems();
    p.check(req.method === 'POST', 'method must be POST');
    p.check((req.headers['content-type'] ?? '').startsWith('application/json'), 'Content-Type must be application/json');
    if (req.headers.access_token !== token) return { status: 200, json: { error: req.path.includes('/oa/') ? -216 : -124, message: 'Access token is invalid' } };
    const b = req.json;
    if (req.path === '/message/template') {
      p.check(isObject(b), 'body must be a JSON object');
      if (isObject(b)) {
        p.check(typeof b.phone === 'string' && /^84\d{9,10}$/.test(b.phone), `phone must be 84xxxxxxxxx, got ${JSON.stringify(b.phone)}`);
        p.check(typeof b.template_id === 'string' && b.template_id !== '', 'template_id is required');
        p.check(isObject(b.template_data) && Object.keys(b.template_data).length > 0, 'template_data must be a non-empty object');
        if (isObject(b.template_data)) for (const [k, v] of Object.entries(b.template_data)) p.check(typeof v === 'string' || typeof v === 'number', `template_data.${k} must be a string or number`);
        p.check(b.tracking_id === undefined || (typeof b.tracking_id === 'string' && b.tracking_id.length <= 48), 'tracking_id must be a string of at most 48 characters');
        p.check(b.mode === undefined || b.mode === 'development', 'mode must be "development" when given');
      }
      if (p.any) return { status: 200, json: { error: -112, message: p.list.join('; ') } };
      const registered = templates.size > 0 && isObject(b) ? templates.get(String(b.template_id)) : undefined;
      if (templates.size > 0 && !registered) return { status: 200, json: { error: -109, message: 'Template ID invalid' } };
      if (registered && isObject(b) && isObject(b.template_data)) {
        const data = b.template_data;
        for (const param of registered) {
          const value = data[param.name];
          p.check(value !== undefined && String(value) !== '', `template_data.${param.name} is required`);
          p.check(value === undefined || [...String(value)].length <= param.maxLength, `template_data.${param.name} is longer than ${param.maxLength}`);
        }
        if (p.any) return { status: 200, json: { error: -112, message: `Template data invalid: ${p.list.join('; ')}` } };
      }
      if (quota.left !== undefined) {
        if (quota.left <= 0) return { status: 200, json: { error: -144, message: 'OA has exceeded the daily quota' } };
        quota.left--;
      }
      const code = errorFor.get(String((b as Record<string, unknown>).phone));
      if (code !== undefined) return { status: 200, json: { error: code, message: `fake error ${code}` } };
      return { status: 200, json: { error: 0, message: 'Success', data: { msg_id: `zns-${++n}`, sent_time: String(Date.now()), quota: { dailyQuota: '500', remainingQuota: '499' } } } };
    }
    if (req.path === '/v3.0/oa/message/cs') {
      p.check(isObject(b) && isObject(b.recipient) && typeof b.recipient.user_id === 'string' && /^\d+$/.test(b.recipient.user_id), 'recipient.user_id is required');
      p.check(isObject(b) && isObject(b.message) && typeof b.message.text === 'string' && b.message.text.length > 0 && b.message.text.length <= 2000, 'message.text must be 1–2000 characters');
      if (p.any) return { status: 200, json: { error: -201, message: p.list.join('; ') } };
      const userId = String(((b as { recipient: { user_id: string } }).recipient).user_id);
      const code = errorFor.get(userId);
      if (code !== undefined) return { status: 200, json: { error: code, message: `fake error ${code}` } };
      return { status: 200, json: { error: 0, message: 'Success', data: { message_id: `oa-${++n}`, user_id: userId } } };
    }
    return { status: 404, json: { error: 404, message: 'not found' } };
  });
  return Object.assign(server, { errorFor, templates, quota });
}
