// The shape every signed link token shares: "<version>.<base64url JSON>.<MAC>", the MAC being the
// first 16 bytes of HMAC-SHA256 over "<version>.<body>". 128 bits are plenty against forgery and
// keep links short.
import { createHmac, timingSafeEqual } from 'node:crypto';

const MAC_BYTES = 16;

const macOf = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest().subarray(0, MAC_BYTES);

export function signToken(version: string, fields: Record<string, string>, key: string | Buffer): string {
  const data = `${version}.${Buffer.from(JSON.stringify(fields)).toString('base64url')}`;
  return `${data}.${macOf(key, data).toString('base64url')}`;
}

export type ReadToken = {
  fields: Record<string, unknown>;
  /** True when the token's MAC was made with `key`. */
  signedWith(key: string | Buffer): boolean;
};

/** The token's fields, not yet trusted: the caller picks the key from them, then asks signedWith(). */
export function readToken(token: string, version: string): ReadToken | null {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== version || !parts[1] || !parts[2]) return null;
  let fields: unknown;
  try {
    fields = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!fields || typeof fields !== 'object' || Array.isArray(fields)) return null;
  const data = `${parts[0]}.${parts[1]}`;
  const given = Buffer.from(parts[2], 'base64url');
  return {
    fields: fields as Record<string, unknown>,
    signedWith(key) {
      const expected = macOf(key, data);
      return given.length === expected.length && timingSafeEqual(given, expected);
    },
  };
}

export const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
