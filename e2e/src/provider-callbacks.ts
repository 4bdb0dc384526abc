// What Messenger and Zalo post to Braid's webhook routes when a customer writes to the shop's
// page or Official Account, signed as each platform's docs describe (Messenger: X-Hub-Signature-256,
// HMAC-SHA256 of the body with the app secret; Zalo: X-ZEvent-Signature, "mac=" +
// sha256(appId + body + timestamp + OA secret key)); and a click on a tracked link in an email.
import { createHash, createHmac } from 'node:crypto';

export type ProviderSecrets = { messengerAppSecret: string; zaloAppId: string; zaloOaSecretKey: string };

export const PAGE_ID = '104857600000001';
export const OA_ID = '2901234567890000001';

async function post(url: string, body: string, headers: Record<string, string>): Promise<void> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  if (!res.ok) throw new Error(`${url} → ${res.status} ${await res.text()}`);
}

/** The customer (by their page-scoped id) writes a text to the shop's Facebook page. */
export async function messengerMessage(apiUrl: string, secrets: ProviderSecrets, psid: string, text: string): Promise<void> {
  const now = Date.now();
  const body = JSON.stringify({
    object: 'page',
    entry: [{ id: PAGE_ID, time: now, messaging: [{ sender: { id: psid }, recipient: { id: PAGE_ID }, timestamp: now, message: { mid: `m_${psid}_${now}`, text } }] }],
  });
  await post(`${apiUrl}/t/webhooks/messenger`, body, { 'x-hub-signature-256': `sha256=${createHmac('sha256', secrets.messengerAppSecret).update(body).digest('hex')}` });
}

/** The follower (by their Zalo user id) writes a text to the shop's Official Account. */
export async function zaloMessage(apiUrl: string, secrets: ProviderSecrets, zaloUserId: string, text: string): Promise<void> {
  const timestamp = String(Date.now());
  const body = JSON.stringify({
    app_id: secrets.zaloAppId,
    oa_id: OA_ID,
    event_name: 'user_send_text',
    timestamp,
    sender: { id: zaloUserId },
    recipient: { id: OA_ID },
    message: { msg_id: `zmsg-${zaloUserId}-${timestamp}`, text },
  });
  const mac = createHash('sha256').update(`${secrets.zaloAppId}${body}${timestamp}${secrets.zaloOaSecretKey}`).digest('hex');
  await post(`${apiUrl}/t/webhooks/zalo`, body, { 'x-zevent-signature': `mac=${mac}` });
}

/** The customer clicks the first link of a message's text: Braid's signed /t/c/ link, followed to the shop. */
export async function clickLink(apiUrl: string, body: string): Promise<string> {
  const path = /\/t\/c\/[^\s"'<>)]+/.exec(body)?.[0];
  if (!path) throw new Error('the message has no tracked link (is BRAID_TRACKING_SECRET set?)');
  const res = await fetch(`${apiUrl}${path}`, { redirect: 'manual' });
  if (res.status !== 302) throw new Error(`click link → ${res.status}`);
  return res.headers.get('location') ?? '';
}
