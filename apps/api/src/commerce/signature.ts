// Shopify's webhook signature, which Haravan and Sapo copy: base64(HMAC-SHA256(secret, raw body)).
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export function signBody(secret: string, rawBody: Uint8Array): string {
  return createHmac('sha256', secret).update(rawBody).digest('base64');
}

/** Compared in constant time, so a forger learns nothing from how long a refusal takes. */
export function signatureMatches(secret: string, rawBody: Uint8Array, header: string | undefined): boolean {
  if (!header || header.length > 200) return false;
  const expected = Buffer.from(signBody(secret, rawBody), 'base64');
  const given = Buffer.from(header.trim(), 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** A new signing secret, for shops whose platform lets the merchant choose it. */
export function newSigningSecret(): string {
  return `bcs_${randomBytes(24).toString('base64url')}`;
}
