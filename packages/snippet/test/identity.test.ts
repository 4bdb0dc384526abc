// identify(userId, traits, { userHash }): the signature the shop's server made for the user id
// travels with that user's every event, survives a page load with the user id, and goes away with
// reset() or when another user is named without one.
import { beforeEach, describe, expect, it } from 'vitest';

// What a page gives the snippet here: a cookie jar, localStorage, the page's address.
const cookies = new Map<string, string>();
const storage = new Map<string, string>();
Object.assign(globalThis, {
  isSecureContext: true,
  location: { protocol: 'https:', pathname: '/gio-hang', search: '', href: 'https://hoabanfood.vn/gio-hang' },
  navigator: { userAgent: 'test', language: 'vi-VN' },
  localStorage: {
    getItem: (k: string) => storage.get(k) ?? null,
    setItem: (k: string, v: string) => void storage.set(k, v),
    removeItem: (k: string) => void storage.delete(k),
  },
  document: {
    referrer: '',
    title: 'Giỏ hàng',
    get cookie() {
      return [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    },
    set cookie(line: string) {
      const [pair] = line.split(';');
      const at = pair!.indexOf('=');
      cookies.set(pair!.slice(0, at), pair!.slice(at + 1));
    },
  },
});
const { Identity } = await import('../src/identity');
const { identifyEvent, trackEvent, pageEvent } = await import('../src/events');

const HASH = 'a'.repeat(64);

beforeEach(() => {
  cookies.clear();
  storage.clear();
});

describe('identify with a userHash', () => {
  it('sends the hash with the identify call and every later event of that user', () => {
    const identity = new Identity();
    const anonymous = pageEvent(identity, []);
    expect(anonymous).not.toHaveProperty('userHash');
    const identify = identifyEvent(identity, ['toan', { firstName: 'Toản' }, { userHash: HASH }]);
    expect(identify).toMatchObject({ type: 'identify', userId: 'toan', userHash: HASH, traits: { firstName: 'Toản' } });
    expect(trackEvent(identity, ['Product Viewed', { sku: 'BT-01' }])).toMatchObject({ userId: 'toan', userHash: HASH });
  });

  it('keeps the hash across page loads, with the user id', () => {
    identifyEvent(new Identity(), ['toan', {}, { userHash: HASH }]);
    const nextPage = new Identity();
    expect(trackEvent(nextPage, ['Cart Viewed'])).toMatchObject({ userId: 'toan', userHash: HASH });
    // identify() again without options on the next page keeps the same user's hash.
    expect(identifyEvent(nextPage, ['toan'])).toMatchObject({ userHash: HASH });
  });

  it('drops the hash when another user is named without one, and on reset', () => {
    const identity = new Identity();
    identifyEvent(identity, ['toan', {}, { userHash: HASH }]);
    const other = identifyEvent(identity, ['lan']);
    expect(other.userId).toBe('lan');
    expect(other).not.toHaveProperty('userHash');
    identifyEvent(identity, ['lan', {}, { userHash: 'b'.repeat(64) }]);
    identity.reset();
    const after = trackEvent(identity, ['Product Viewed']);
    expect(after).not.toHaveProperty('userId');
    expect(after).not.toHaveProperty('userHash');
    expect(new Identity().userHash).toBeNull();
  });

  it('reads the options after traits, or first when identify names no user', () => {
    const identity = new Identity();
    const traitsOnly = identifyEvent(identity, [{ email: 'toan@example.vn' }, { userHash: HASH }]);
    expect(traitsOnly).not.toHaveProperty('userHash');
    expect(traitsOnly.traits).toEqual({ email: 'toan@example.vn' });
  });
});
