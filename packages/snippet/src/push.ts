// Web push with the visitor's consent: the browser asks them, then the subscription (endpoint and
// keys, RFC 8030 / 8291) is registered with Braid for this visitor. The service worker must live
// on the shop's origin: a one-line file there imports Braid's (see docs/website-snippet.md).
import type { Identity } from './identity';

function keyBytes(base64url: string): Uint8Array {
  const padded = (base64url + '==='.slice((base64url.length + 3) % 4)).replace(/-/g, '+').replace(/_/g, '/');
  return Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
}

export type PushResult = 'subscribed' | 'denied' | 'unsupported';

export async function enablePush(host: string, writeKey: string, identity: Identity, serviceWorker = '/braid-sw.js'): Promise<PushResult> {
  if (!('serviceWorker' in navigator) || !('PushManager' in window) || typeof Notification === 'undefined') return 'unsupported';
  if ((await Notification.requestPermission()) !== 'granted') return 'denied';
  const registration = await navigator.serviceWorker.register(serviceWorker);
  await navigator.serviceWorker.ready;
  const keyRes = await fetch(`${host}/v1/push/key?${new URLSearchParams({ writeKey })}`, { credentials: 'omit' });
  if (!keyRes.ok) throw new Error(`[braid] push key unavailable (${keyRes.status}): ${await keyRes.text()}`);
  const { publicKey } = (await keyRes.json()) as { publicKey: string };
  const subscription = await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(publicKey) as BufferSource });
  const res = await fetch(`${host}/v1/push/subscriptions`, {
    method: 'POST',
    credentials: 'omit',
    headers: { 'content-type': 'text/plain' },
    body: JSON.stringify({ writeKey, anonymousId: identity.anonymousId, ...(identity.userId ? { userId: identity.userId } : {}), subscription: subscription.toJSON() }),
  });
  if (!res.ok) throw new Error(`[braid] push subscription refused (${res.status}): ${await res.text()}`);
  return 'subscribed';
}
