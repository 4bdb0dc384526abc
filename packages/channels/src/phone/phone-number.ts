// Phone numbers as Vietnamese customers type them ("0909 908 089", "+84 909908089", "84909908089")
// turned into the one form each provider wants.
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

export const DEFAULT_PHONE_REGION: CountryCode = 'VN';

/** E.164 ("+84909908089"), or null when the input is not a valid number. */
export function toE164(input: string, region: CountryCode = DEFAULT_PHONE_REGION): string | null {
  const trimmed = input.trim();
  if (trimmed === '') return null;
  // "84909908089" without the plus is how Zalo and eSMS write numbers: read it as international.
  const candidates = /^84\d{9,10}$/.test(trimmed) ? [`+${trimmed}`, trimmed] : [trimmed];
  for (const candidate of candidates) {
    const parsed = parsePhoneNumberFromString(candidate, region);
    if (parsed?.isValid()) return parsed.number;
  }
  return null;
}

/** Digits only with the country code and no plus ("84909908089"): Zalo ZNS, eSMS, Meta's hashing. */
export function toInternationalDigits(input: string, region: CountryCode = DEFAULT_PHONE_REGION): string | null {
  const e164 = toE164(input, region);
  return e164 ? e164.slice(1) : null;
}
