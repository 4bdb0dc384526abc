import { createHmac, timingSafeEqual } from 'node:crypto';

/** Header carrying `t=<unix seconds>,v1=<hex HMAC-SHA256 of "${t}.${body}">`, Stripe-style. */
export const SIGNATURE_HEADER = 'X-Braid-Signature';

const hmac = (secret: string, t: number, body: string): string => createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');

/** The signature header value for `body` sent at `timestampSec`. */
export function signWebhookBody(body: string, secret: string, timestampSec: number = Math.floor(Date.now() / 1000)): string {
  return `t=${timestampSec},v1=${hmac(secret, timestampSec, body)}`;
}

export type VerifyWebhookInput = {
  /** The raw request body exactly as received (not re-serialised JSON). */
  body: string;
  /** Value of the X-Braid-Signature header. */
  header: string | null | undefined;
  secret: string;
  /** Reject signatures older or newer than this (replay protection); default 300 s. */
  toleranceSec?: number;
  nowSec?: number;
};

/**
 * For receivers: true when the header is a fresh signature of `body` with `secret`. Several v1
 * entries are accepted so a sender can sign with an old and a new secret while rotating.
 */
export function verifyWebhookSignature({ body, header, secret, toleranceSec = 300, nowSec = Math.floor(Date.now() / 1000) }: VerifyWebhookInput): boolean {
  if (!header) return false;
  let t: number | null = null;
  const candidates: string[] = [];
  for (const part of header.split(',')) {
    const [key, value] = part.trim().split('=', 2);
    if (key === 't' && value && /^\d+$/.test(value)) t = Number(value);
    else if (key === 'v1' && value && /^[0-9a-f]{64}$/i.test(value)) candidates.push(value.toLowerCase());
  }
  if (t === null || candidates.length === 0 || Math.abs(nowSec - t) > toleranceSec) return false;
  const expected = Buffer.from(hmac(secret, t, body), 'hex');
  return candidates.some((c) => timingSafeEqual(Buffer.from(c, 'hex'), expected));
}
