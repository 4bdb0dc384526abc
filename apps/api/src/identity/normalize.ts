// Turning what a source sent into identity keys: one person, many ids, one canonical spelling.
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

export interface IdentityKey {
  type: string;
  value: string;
}

export const DEFAULT_PHONE_REGION: CountryCode = 'VN';

/** 0909908089 → +84909908089; null when it is not a plausible phone number. */
export function normalizePhone(raw: unknown, region: CountryCode = DEFAULT_PHONE_REGION): string | null {
  if (typeof raw !== 'string' && typeof raw !== 'number') return null;
  const text = String(raw).trim();
  if (text.length < 3 || text.length > 40) return null;
  const parsed = parsePhoneNumberFromString(text, region);
  return parsed && parsed.isValid() ? parsed.number : null;
}

export function normalizeEmail(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const email = raw.trim().toLowerCase();
  if (email.length > 320 || email.includes('\u0000') || !/^[^\s@]+@[^\s@]+$/.test(email)) return null;
  return email;
}

/** Channel ids a source may put in traits, by the names our channels use. */
const channelTraits: Record<string, string> = {
  facebookPsid: 'facebook_psid',
  facebook_psid: 'facebook_psid',
  zaloId: 'zalo_id',
  zalo_id: 'zalo_id',
  posCode: 'pos_code',
  pos_code: 'pos_code',
};

function idValue(raw: unknown): string | null {
  if (typeof raw === 'number' && Number.isFinite(raw)) return String(raw);
  if (typeof raw !== 'string') return null;
  const v = raw.trim();
  // SQLite text would end at a NUL, so such a value cannot be an identity.
  return v.length > 0 && v.length <= 500 && !v.includes('\u0000') ? v : null;
}

/**
 * Identity keys of an event, strongest first: the order decides which profile survives when
 * identities that belonged to different profiles meet (a known user beats an anonymous visitor).
 */
export function identitiesOf(input: {
  userId?: string | undefined;
  anonymousId?: string | undefined;
  traits?: Record<string, unknown> | undefined;
  externalIds?: unknown;
}): IdentityKey[] {
  const keys: IdentityKey[] = [];
  const seen = new Set<string>();
  const add = (type: string, value: string | null) => {
    if (value === null) return;
    const k = `${type}\u0000${value}`;
    if (seen.has(k)) return;
    seen.add(k);
    keys.push({ type, value });
  };
  add('user_id', idValue(input.userId));
  const traits = input.traits;
  if (traits) {
    add('email', normalizeEmail(traits.email));
    add('phone', normalizePhone(traits.phone));
    for (const [trait, type] of Object.entries(channelTraits)) add(type, idValue(traits[trait]));
  }
  if (Array.isArray(input.externalIds)) {
    for (const ext of input.externalIds.slice(0, 20)) {
      if (!ext || typeof ext !== 'object') continue;
      const { id, type } = ext as { id?: unknown; type?: unknown };
      if (typeof type !== 'string' || !/^[A-Za-z0-9_.:-]{1,64}$/.test(type)) continue;
      const t = type.toLowerCase();
      add(t === 'email' ? 'email' : t === 'phone' ? 'phone' : t, t === 'email' ? normalizeEmail(id) : t === 'phone' ? normalizePhone(id) : idValue(id));
    }
  }
  add('anonymous_id', idValue(input.anonymousId));
  return keys;
}
