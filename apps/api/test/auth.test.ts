import { createRoute, z } from '@hono/zod-openapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerJourneyRoutes } from '../src/journeys';
import { ADMIN_EMAIL, ADMIN_PASSWORD, ADMIN_TOKEN, startTestApi, type TestApi } from './helpers';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi((db) => ({
    // Stands in for the journeys routes another package mounts: it must sit behind auth too.
    registerRoutes: (admin) => {
      // The real journeys routes, as main.ts mounts them; unauthenticated calls never reach deps.
      const never = () => {
        throw new Error('not reached without auth');
      };
      registerJourneyRoutes(admin, { db, validateGraph: never, compileGraph: never, triggerKeyOf: never });
      admin.openapi(
        createRoute({ method: 'get', path: '/plugged-in', responses: { 200: { description: 'ok', content: { 'application/json': { schema: z.object({ workspaceId: z.string() }) } } } } }),
        (c) => c.json({ workspaceId: c.get('workspaceId') }, 200),
      );
    },
  }));
});
afterAll(() => api.stop());

/** Public on purpose: logging in, and the API's description (no data). */
// Accepting an invitation: the link's token is the credential.
const PUBLIC = new Set(['POST /api/auth/login', 'GET /api/openapi.json', 'GET /api/docs', 'GET /api/docs/swagger-ui.css', 'GET /api/docs/swagger-ui-bundle.js', 'GET /api/auth/invitations/:token', 'POST /api/auth/invitations/:token/accept', 'GET /api/schemas/journey-graph.json', 'GET /api/schemas/journey-file.json']);

function concrete(path: string): string {
  return path.replace(/:[A-Za-z0-9_]+/g, 'some-id').replace(/\/\*$/, '/x');
}

describe('every route requires auth', () => {
  const routes = () => {
    const seen = new Set<string>();
    return api.app.routes
      .filter((r) => r.method !== 'ALL' && (r.path.startsWith('/api') || r.path.startsWith('/v1')))
      .map((r) => ({ method: r.method, path: r.path }))
      .filter((r) => {
        const key = `${r.method} ${r.path}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
  };

  it('finds the routes from the app and from the OpenAPI document', async () => {
    const doc = (await (await fetch(`${api.url}/api/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    const fromDoc = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`));
    const fromApp = new Set(routes().map((r) => `${r.method} ${r.path}`));
    for (const op of fromDoc) expect(fromApp, op).toContain(op);
    expect(fromApp).toContain('GET /api/plugged-in');
    expect(fromApp.size).toBeGreaterThan(30);
    expect([...fromApp].some((r) => r.includes('/api/journeys'))).toBe(true);
  });

  it('answers 401 JSON without credentials, with a bad token and with a write key', async () => {
    const checked: string[] = [];
    for (const { method, path } of routes()) {
      const key = `${method} ${path}`;
      if (PUBLIC.has(key)) continue;
      for (const authorization of [undefined, 'Bearer not-a-token', `Bearer bwk_test_write_key`, 'Basic Ym9ndXM6']) {
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (authorization) headers.authorization = authorization;
        const res = await fetch(`${api.url}${concrete(path)}`, {
          method,
          headers,
          body: method === 'GET' || method === 'HEAD' ? undefined : JSON.stringify({ userId: 'x', event: 'e', name: 'n', kind: 'write' }),
        });
        expect(res.status, `${key} with ${authorization ?? 'nothing'}`).toBe(401);
        const body = (await res.json()) as { error: { code: string } };
        expect(body.error.code).toEqual(expect.any(String));
      }
      checked.push(key);
    }
    expect(checked.length).toBeGreaterThan(15);
  });

  it('accepts "Bearer" followed by several spaces or a tab, case-insensitively; still refuses extra words', async () => {
    for (const authorization of [`Bearer   ${ADMIN_TOKEN}`, `bearer\t${ADMIN_TOKEN}`, `  Bearer ${ADMIN_TOKEN}  `]) {
      const res = await fetch(`${api.url}/api/auth/me`, { headers: { authorization } });
      expect(res.status, JSON.stringify(authorization)).toBe(200);
    }
    expect((await fetch(`${api.url}/api/auth/me`, { headers: { authorization: `Bearer ${ADMIN_TOKEN} extra` } })).status).toBe(401);
    expect((await fetch(`${api.url}/api/auth/me`, { headers: { authorization: 'Bearer    ' } })).status).toBe(401);
  });
});

describe('sessions', () => {
  it('logs in with email + password, uses the cookie, logs out', async () => {
    const bad = await fetch(`${api.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: ADMIN_EMAIL, password: 'wrong' }) });
    expect(bad.status).toBe(401);
    const missing = await fetch(`${api.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: ADMIN_EMAIL }) });
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { error: { details: Array<{ field: string }> } }).error.details[0]?.field).toBe('password');

    const ok = await fetch(`${api.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: ADMIN_EMAIL.toUpperCase(), password: ADMIN_PASSWORD }) });
    expect(ok.status).toBe(200);
    const setCookie = ok.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/HttpOnly/i);
    const cookie = setCookie.split(';')[0]!;
    const me = await fetch(`${api.url}/api/auth/me`, { headers: { cookie } });
    expect(await me.json()).toMatchObject({ kind: 'user', email: ADMIN_EMAIL, role: 'owner' });
    expect((await fetch(`${api.url}/api/auth/logout`, { method: 'POST', headers: { cookie } })).status).toBe(200);
    expect((await fetch(`${api.url}/api/auth/me`, { headers: { cookie } })).status).toBe(401);
  });
});

describe('workspace isolation', () => {
  it("never lets workspace A's token read or write B's data", async () => {
    const created = await api.admin('/api/workspaces', { method: 'POST', body: JSON.stringify({ name: 'Other shop' }) });
    expect(created.status).toBe(201);
    const b = (await created.json()) as { workspace: { id: string }; adminToken: string; writeKey: string };

    // Same ids in both workspaces stay two different people.
    await api.post('/v1/identify', { userId: 'same-user', traits: { email: 'a@shop.vn' }, messageId: 'same-msg' });
    await api.post('/v1/identify', { userId: 'same-user', traits: { email: 'b@shop.vn' }, messageId: 'same-msg' }, { writeKey: b.writeKey });

    const listA = (await (await api.admin('/api/customers?q=same-user')).json()) as { customers: Array<{ id: string; traits: { email: string } }> };
    const listB = (await (await api.admin('/api/customers?q=same-user', { token: b.adminToken })).json()) as typeof listA;
    expect(listA.customers.map((c) => c.traits.email)).toEqual(['a@shop.vn']);
    expect(listB.customers.map((c) => c.traits.email)).toEqual(['b@shop.vn']);
    const idB = listB.customers[0]!.id;

    expect((await api.admin(`/api/customers/${idB}`)).status).toBe(404);
    expect((await api.admin(`/api/customers/${idB}/events`)).status).toBe(404);
    const eventsA = (await (await api.admin(`/api/events?customerId=${idB}`)).json()) as { events: unknown[] };
    expect(eventsA.events).toEqual([]);
    const allEventsB = (await (await api.admin('/api/events', { token: b.adminToken })).json()) as { events: Array<{ traits: { email: string } }> };
    expect(allEventsB.events.map((e) => e.traits.email)).toEqual(['b@shop.vn']);

    const keysB = (await (await api.admin('/api/api-keys', { token: b.adminToken })).json()) as { apiKeys: Array<{ id: string; workspaceId: string }> };
    expect(keysB.apiKeys.every((k) => k.workspaceId === b.workspace.id)).toBe(true);
    expect((await api.admin(`/api/api-keys/${keysB.apiKeys[0]!.id}`, { method: 'DELETE' })).status).toBe(404);
    const wsA = (await (await api.admin('/api/workspaces')).json()) as { workspaces: Array<{ id: string }> };
    expect(wsA.workspaces.map((w) => w.id)).not.toContain(b.workspace.id);
    expect(await (await api.admin('/api/plugged-in', { token: b.adminToken })).json()).toEqual({ workspaceId: b.workspace.id });
  });
});
