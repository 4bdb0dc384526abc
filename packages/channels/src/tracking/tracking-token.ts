// Signed tokens for open pixels and click links. The token carries the message id (and, for a
// click, the destination), HMAC-SHA256 signed: nobody can mark someone else's message or turn
// Braid's link into a redirect to a URL that was not in the message.
import { createHmac, timingSafeEqual } from 'node:crypto';

export type TrackingClaim = { kind: 'open'; messageId: string } | { kind: 'click'; messageId: string; url: string };

const VERSION = 't1';
/** 128 bits of the MAC: plenty against forgery, keeps links short. */
const MAC_BYTES = 16;

const mac = (secret: string, data: string) => createHmac('sha256', secret).update(data).digest().subarray(0, MAC_BYTES);

export function signTrackingToken(secret: string, claim: TrackingClaim): string {
  const body = Buffer.from(JSON.stringify(claim.kind === 'open' ? { k: 'o', m: claim.messageId } : { k: 'c', m: claim.messageId, u: claim.url })).toString('base64url');
  const data = `${VERSION}.${body}`;
  return `${data}.${mac(secret, data).toString('base64url')}`;
}

/** The claim when the token is intact and signed with `secret`; null for anything else. */
export function verifyTrackingToken(secret: string, token: string): TrackingClaim | null {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== VERSION) return null;
  const data = `${parts[0]}.${parts[1]}`;
  const given = Buffer.from(parts[2]!, 'base64url');
  const expected = mac(secret, data);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  const c = decoded as { k?: unknown; m?: unknown; u?: unknown };
  if (typeof c.m !== 'string' || c.m === '') return null;
  if (c.k === 'o') return { kind: 'open', messageId: c.m };
  if (c.k === 'c' && typeof c.u === 'string' && isHttpUrl(c.u)) return { kind: 'click', messageId: c.m, url: c.u };
  return null;
}

export function isHttpUrl(value: string): boolean {
  try {
    const u = new URL(value);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}
