// Slows password guessing: after too many wrong passwords for one email from one address, login
// answers 429 until the window ends. In memory (one process); a success clears the count.

export type LoginLimiter = {
  /** Milliseconds until `key` may try again; 0 when it may try now. */
  retryAfterMs(key: string, now?: number): number;
  failed(key: string, now?: number): void;
  succeeded(key: string): void;
};

export type LoginLimiterOptions = { maxFailures?: number; windowMs?: number; maxKeys?: number };

export function createLoginLimiter(options: LoginLimiterOptions = {}): LoginLimiter {
  const maxFailures = options.maxFailures ?? 10;
  const windowMs = options.windowMs ?? 15 * 60_000;
  // Bounds memory when someone sprays many emails: oldest entries go first.
  const maxKeys = options.maxKeys ?? 10_000;
  const failures = new Map<string, { count: number; since: number }>();

  const current = (key: string, now: number) => {
    const entry = failures.get(key);
    if (entry && now - entry.since >= windowMs) {
      failures.delete(key);
      return undefined;
    }
    return entry;
  };

  return {
    retryAfterMs(key, now = Date.now()) {
      const entry = current(key, now);
      return entry && entry.count >= maxFailures ? entry.since + windowMs - now : 0;
    },
    failed(key, now = Date.now()) {
      const entry = current(key, now);
      if (entry) entry.count += 1;
      else {
        if (failures.size >= maxKeys) {
          for (const [k, e] of failures) if (now - e.since >= windowMs) failures.delete(k);
          if (failures.size >= maxKeys) failures.delete(failures.keys().next().value!);
        }
        failures.set(key, { count: 1, since: now });
      }
    },
    succeeded(key) {
      failures.delete(key);
    },
  };
}
