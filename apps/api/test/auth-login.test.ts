// Logging in over real HTTP against a real libSQL file: the session cookie is Secure whenever the
// public address is https (directly, behind a trusted TLS proxy, or by BRAID_PUBLIC_URL), and
// repeated wrong passwords for one email from one address are slowed down with 429.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestApi, type TestApi } from './helpers';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.stop());

const ENV_KEYS = ['BRAID_TRUST_PROXY', 'BRAID_PUBLIC_URL'] as const;
const saved = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));
afterEach(() => {
  for (const k of ENV_KEYS) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
});

const login = (email: string, password: string, headers: Record<string, string> = {}) =>
  fetch(`${api.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ email, password }) });
const isSecure = (res: Response) => /;\s*secure/i.test(res.headers.get('set-cookie') ?? '');

describe('session cookie Secure flag', () => {
  it('is not Secure on plain http, and X-Forwarded-Proto is ignored unless the proxy is trusted', async () => {
    for (const k of ENV_KEYS) delete process.env[k];
    const plain = await login(ADMIN_EMAIL, ADMIN_PASSWORD);
    expect(plain.status).toBe(200);
    expect(isSecure(plain)).toBe(false);
    expect(isSecure(await login(ADMIN_EMAIL, ADMIN_PASSWORD, { 'x-forwarded-proto': 'https' }))).toBe(false);
  });

  it('is Secure behind a trusted TLS-terminating proxy (BRAID_TRUST_PROXY=true, X-Forwarded-Proto: https)', async () => {
    delete process.env.BRAID_PUBLIC_URL;
    process.env.BRAID_TRUST_PROXY = 'true';
    const res = await login(ADMIN_EMAIL, ADMIN_PASSWORD, { 'x-forwarded-proto': 'https' });
    expect(res.status).toBe(200);
    expect(isSecure(res)).toBe(true);
    expect(isSecure(await login(ADMIN_EMAIL, ADMIN_PASSWORD, { 'x-forwarded-proto': 'http' }))).toBe(false);
  });

  it('is Secure when BRAID_PUBLIC_URL is https', async () => {
    delete process.env.BRAID_TRUST_PROXY;
    process.env.BRAID_PUBLIC_URL = 'https://braid.hoaban.vn';
    const res = await login(ADMIN_EMAIL, ADMIN_PASSWORD);
    expect(res.status).toBe(200);
    expect(isSecure(res)).toBe(true);
  });
});

describe('login rate limit', () => {
  it('a successful login clears the failures counted so far', async () => {
    for (let i = 0; i < 9; i++) expect((await login(ADMIN_EMAIL, `wrong-${i}`)).status).toBe(401);
    expect((await login(ADMIN_EMAIL, ADMIN_PASSWORD)).status).toBe(200);
    for (let i = 0; i < 9; i++) expect((await login(ADMIN_EMAIL, `wrong-again-${i}`)).status).toBe(401);
    expect((await login(ADMIN_EMAIL, ADMIN_PASSWORD)).status).toBe(200);
  });

  it('after 10 wrong passwords for one email from one address answers 429 with Retry-After, even for the right password', async () => {
    const email = 'owner@hoaban.vn';
    for (let i = 0; i < 10; i++) expect((await login(email, `guess-${i}`)).status).toBe(401);
    const blocked = await login(email, ADMIN_PASSWORD);
    expect(blocked.status).toBe(429);
    const retryAfter = Number(blocked.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(await blocked.json()).toMatchObject({ error: { code: 'too_many_attempts', details: [{ field: 'email' }] } });
    // Another email from the same address is not blocked.
    expect((await login('someone-else@hoaban.vn', 'x')).status).toBe(401);
  });
});
