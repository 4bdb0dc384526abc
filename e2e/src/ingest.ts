// Sends events the way a website snippet or a Segment client does: HTTP Basic with the write key.
export async function sendEvent(apiUrl: string, writeKey: string, kind: 'track' | 'identify', body: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${apiUrl}/v1/${kind}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}` },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`/v1/${kind} → ${res.status} ${await res.text()}`);
}

/** The admin API as a marketer's session sees it: JSON in and out, an error naming the call otherwise. */
export type Admin = <T>(method: string, path: string, body?: unknown) => Promise<T>;

export function adminCaller(apiUrl: string, token: string): Admin {
  return async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${apiUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
}

export async function adminGet<T>(apiUrl: string, token: string, path: string): Promise<T> {
  const res = await fetch(`${apiUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`${path} → ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Polls until `check` returns a value (not undefined) or the time runs out. */
export async function eventually<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < until) {
    try {
      const v = await check();
      if (v !== undefined) return v;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
}
