// Identifiers are normalised, then SHA-256 hashed, before they leave Braid; each platform
// documents its own normalisation, and a hash of a differently written value never matches.
import { createHash } from 'node:crypto';
import { toE164 } from '../phone/phone-number';

export const sha256Hex = (value: string): string => createHash('sha256').update(value, 'utf8').digest('hex');

/**
 * Meta: https://developers.facebook.com/docs/marketing-api/audiences/guides/custom-audiences#hash
 * EMAIL trimmed and lowercased; PHONE digits only, with the country code, no "+" or leading zeros.
 */
export function metaEmail(email: string): string | null {
  const e = email.trim().toLowerCase();
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(e) ? e : null;
}
export function metaPhone(phone: string): string | null {
  const e164 = toE164(phone);
  return e164 ? e164.slice(1) : null;
}

/**
 * Google Customer Match: https://developers.google.com/google-ads/api/docs/remarketing/audience-segments/customer-match/get-started
 * email trimmed and lowercased (periods before @ removed for gmail.com / googlemail.com);
 * phone in E.164 with the "+".
 */
export function googleEmail(email: string): string | null {
  const e = metaEmail(email);
  if (!e) return null;
  const [local, domain] = e.split('@') as [string, string];
  return domain === 'gmail.com' || domain === 'googlemail.com' ? `${local.replace(/\./g, '')}@${domain}` : e;
}
export const googlePhone = (phone: string): string | null => toE164(phone);

/** First valid normalised value of a list, or null. */
export function firstNormalised(values: string[], normalise: (v: string) => string | null): string | null {
  for (const v of values) {
    const n = normalise(v);
    if (n) return n;
  }
  return null;
}
