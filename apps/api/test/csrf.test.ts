// Cookie-authenticated writes must come from the API's own origin: a page on another port of
// the same host is "same-site" to the browser and gets the session cookie attached, so without
// this check it could pause or archive journeys as the logged-in user. Tokens are unaffected.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createJourneyRuntime } from '../src/journeys';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestApi, type TestApi } from './helpers';

let api: TestApi;
let cookie: string;
beforeAll(async () => {
  api = await startTestApi((db) => ({ registerRoutes: createJourneyRuntime({ db, client: null }).registerRoutes }));
  const res = await fetch(`${api.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }),
  });
  cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
});
afterAll(() => api.stop());
const savedPublicUrl = process.env.BRAID_PUBLIC_URL;
afterEach(() => {
  if (savedPublicUrl === undefined) delete process.env.BRAID_PUBLIC_URL;
  else process.env.BRAID_PUBLIC_URL = savedPublicUrl;
});

async function draftJourney(): Promise<string> {
  const res = await api.admin('/api/journeys', { method: 'POST', body: JSON.stringify({ name: 'CSRF target' }) });
  return ((await res.json()) as { id: string }).id;
}

async function statusOf(id: string): Promise<string> {
  return ((await (await api.admin(`/api/journeys/${id}`)).json()) as { status: string }).status;
}

/** A bodiless POST, as a page's form or fetch(no-cors) sends it: no preflight. */
const archive = (id: string, headers: Record<string, string>) => fetch(`${api.url}/api/journeys/${id}/archive`, { method: 'POST', headers });

describe('same-origin check on cookie-authenticated writes', () => {
  it('refuses a cookie POST from another port of the same host with 403, and changes nothing', async () => {
    const id = await draftJourney();
    const otherPort = `http://127.0.0.1:${api.port === 5999 ? 5998 : 5999}`;
    const attempts: Array<Record<string, string>> = [
      { origin: otherPort, 'sec-fetch-site': 'same-site' },
      { origin: otherPort },
      { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'cross-site' },
      { origin: 'null' },
    ];
    for (const headers of attempts) {
      const res = await archive(id, { cookie, ...headers });
      expect(res.status, JSON.stringify(headers)).toBe(403);
      const body = (await res.json()) as { error: { code: string; details: Array<{ field: string }> } };
      expect(body.error.code).toBe('cross_origin');
      expect(['Origin', 'Sec-Fetch-Site']).toContain(body.error.details[0]?.field);
    }
    expect(await statusOf(id)).toBe('draft');
  });

  it("accepts the app's own pages: Sec-Fetch-Site same-origin, or Origin equal to the API's", async () => {
    const a = await draftJourney();
    expect((await archive(a, { cookie, origin: api.url, 'sec-fetch-site': 'same-origin' })).status).toBe(200);
    const b = await draftJourney();
    expect((await archive(b, { cookie, origin: api.url })).status).toBe(200);
    // The public address the app is served under (behind a proxy) counts as ours.
    process.env.BRAID_PUBLIC_URL = 'https://braid.example.vn/';
    const c = await draftJourney();
    expect((await archive(c, { cookie, origin: 'https://braid.example.vn' })).status).toBe(200);
  });

  it('leaves reads, non-browser clients and bearer tokens alone', async () => {
    expect((await fetch(`${api.url}/api/journeys`, { headers: { cookie, 'sec-fetch-site': 'cross-site' } })).status).toBe(200);
    // No Origin and no Sec-Fetch-Site: not a browser page (curl with a copied cookie).
    const a = await draftJourney();
    expect((await archive(a, { cookie })).status).toBe(200);
    const b = await draftJourney();
    const res = await archive(b, { authorization: 'Bearer bat_test_admin_token', origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' });
    expect(res.status).toBe(200);
  });
});
