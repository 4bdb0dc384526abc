// Who the visitor is: an anonymous id kept in a first-party cookie (so the shop's server can read
// it too, as analytics.js does with ajs_anonymous_id), and the user id once identify() names them,
// with the userHash the shop's server signed it with when the workspace verifies identities.
const ANONYMOUS_COOKIE = 'braid_aid';
const USER_KEY = 'braid_uid';
const HASH_KEY = 'braid_uhash';
const YEAR_S = 365 * 24 * 3600;

export function newId(): string {
  // randomUUID needs a secure context; a shop on plain http still gets a random id.
  if (typeof crypto.randomUUID === 'function' && isSecureContext) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b: number) => b.toString(16).padStart(2, '0')).join('');
}

function readCookie(name: string): string | null {
  const match = document.cookie.match(new RegExp(`(?:^|; )${name}=([^;]*)`));
  return match ? decodeURIComponent(match[1]!) : null;
}

function writeCookie(name: string, value: string): void {
  const secure = location.protocol === 'https:' ? '; Secure' : '';
  document.cookie = `${name}=${encodeURIComponent(value)}; Max-Age=${YEAR_S}; Path=/; SameSite=Lax${secure}`;
}

function stored(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null; // storage blocked (private mode, sandboxed iframe)
  }
}

function store(key: string, value: string | null): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    // storage blocked: the id lives for this page only
  }
}

export class Identity {
  anonymousId: string;
  userId: string | null;
  /** Travels with every event naming userId: Braid checks it while the workspace verifies identities. */
  userHash: string | null;

  constructor() {
    this.anonymousId = readCookie(ANONYMOUS_COOKIE) ?? stored(ANONYMOUS_COOKIE) ?? newId();
    this.userId = stored(USER_KEY);
    this.userHash = this.userId ? stored(HASH_KEY) : null;
    this.save();
  }

  /** A hash belongs to one user id: another user named without one has none. */
  identify(userId: string | null, userHash: string | null = null): void {
    if (userId) {
      if (userHash || userId !== this.userId) this.userHash = userHash;
      this.userId = userId;
    }
    this.save();
  }

  /** A new visitor on this browser (the shop's "log out"). */
  reset(): void {
    this.anonymousId = newId();
    this.userId = null;
    this.userHash = null;
    this.save();
  }

  private save(): void {
    writeCookie(ANONYMOUS_COOKIE, this.anonymousId);
    store(ANONYMOUS_COOKIE, this.anonymousId);
    store(USER_KEY, this.userId);
    store(HASH_KEY, this.userHash);
  }
}
