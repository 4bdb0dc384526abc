// A person's UI language is remembered on the server: chosen on one browser, it is the one
// they get after signing in on another. Anything but vi/en is a 400 naming the field.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_EMAIL, ADMIN_PASSWORD, ADMIN_TOKEN, startTestApi } from './helpers';
import type { TestApi } from './helpers';

let api: TestApi;

async function signIn(): Promise<{ cookie: string; body: { language?: string | null } }> {
  const res = await fetch(`${api.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }) });
  expect(res.status).toBe(200);
  return { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0]!, body: (await res.json()) as { language?: string | null } };
}

function put(cookie: string, body: unknown, headers: Record<string, string> = { cookie }): Promise<Response> {
  return fetch(`${api.url}/api/auth/me/language`, { method: 'PUT', headers: { 'content-type': 'application/json', origin: api.url, ...headers }, body: JSON.stringify(body) });
}

describe('a user’s UI language', () => {
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => {
    await api?.close();
  });

  it('is null until chosen, then follows the person to a new session', async () => {
    const first = await signIn();
    expect(first.body.language).toBeNull();
    const saved = await put(first.cookie, { language: 'en' });
    expect(saved.status).toBe(200);
    expect(await saved.json()).toMatchObject({ kind: 'user', email: ADMIN_EMAIL, language: 'en' });

    const second = await signIn();
    expect(second.body.language).toBe('en');
    const me = await fetch(`${api.url}/api/auth/me`, { headers: { cookie: second.cookie } });
    expect(await me.json()).toMatchObject({ language: 'en' });

    expect((await put(second.cookie, { language: 'vi' })).status).toBe(200);
    expect((await signIn()).body.language).toBe('vi');
  });

  it('refuses another language with a 400 naming the field, and changes nothing', async () => {
    const { cookie } = await signIn();
    const res = await put(cookie, { language: 'fr' });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { details: { field: string }[] } };
    expect(body.error.details.map((d) => d.field)).toContain('language');
    expect((await signIn()).body.language).toBe('vi');
    expect((await put(cookie, { language: 'x'.repeat(300_000) })).status).toBe(400);
  });

  it('is for people, not API tokens', async () => {
    const res = await put('', { language: 'en' }, { authorization: `Bearer ${ADMIN_TOKEN}` });
    expect(res.status).toBe(400);
  });
});
