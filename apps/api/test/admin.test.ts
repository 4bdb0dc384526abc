import { users, newId } from '@braid/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../src/auth/secrets';
import { ADMIN_TOKEN, startTestApi, type TestApi } from './helpers';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
  await api.post('/v1/batch', {
    batch: [
      { type: 'identify', userId: 'c1', traits: { name: 'Nguyễn Thị Lan', email: 'lan@hoaban.vn', phone: '0912345678' } },
      { type: 'identify', userId: 'c2', traits: { firstName: 'Toản', lastName: 'Trần', phone: '0909908089' } },
      { type: 'identify', userId: 'c3', traits: { name: 'Minh' } },
      { type: 'track', userId: 'c1', event: 'Order Completed', properties: { total: 120000 }, timestamp: '2026-01-01T00:00:00Z' },
      { type: 'track', userId: 'c1', event: 'Order Completed', properties: { total: 80000 }, timestamp: '2026-02-01T00:00:00Z' },
      { type: 'track', userId: 'c2', event: 'Visited Store' },
    ],
  });
});
afterAll(() => api.stop());

type Customers = { customers: Array<{ id: string; traits: Record<string, string> }>; nextCursor: string | null };
const names = (r: Customers) => r.customers.map((c) => c.traits.name ?? c.traits.firstName).sort();

describe('customers', () => {
  it('lists newest first with cursor paging', async () => {
    const first = (await (await api.admin('/api/customers?limit=2')).json()) as Customers;
    expect(first.customers).toHaveLength(2);
    const second = (await (await api.admin(`/api/customers?limit=2&cursor=${first.nextCursor}`)).json()) as Customers;
    expect(second.customers).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    expect(new Set([...first.customers, ...second.customers].map((c) => c.id)).size).toBe(3);
  });

  it('searches by email, phone in any spelling, name and id', async () => {
    const q = async (term: string) => names((await (await api.admin(`/api/customers?q=${encodeURIComponent(term)}`)).json()) as Customers);
    expect(await q('LAN@hoaban.vn')).toEqual(['Nguyễn Thị Lan']);
    expect(await q('0909 908 089')).toEqual(['Toản']);
    expect(await q('+84909908089')).toEqual(['Toản']);
    expect(await q('thị lan')).toEqual(['Nguyễn Thị Lan']);
    expect(await q('trần')).toEqual(['Toản']);
    expect(await q('c3')).toEqual(['Minh']);
    expect(await q('%')).toEqual([]);
  });

  it('gets one customer with identities, traits and a timeline', async () => {
    const found = (await (await api.admin('/api/customers?q=lan@hoaban.vn')).json()) as Customers;
    const id = found.customers[0]!.id;
    const res = await api.admin(`/api/customers/${id}?events=2`);
    const body = (await res.json()) as { identities: Array<{ type: string; value: string }>; events: Array<{ name: string; timestamp: number }> };
    expect(body.identities).toEqual(
      expect.arrayContaining([
        { type: 'user_id', value: 'c1' },
        { type: 'email', value: 'lan@hoaban.vn' },
        { type: 'phone', value: '+84912345678' },
      ]),
    );
    // Newest first by when it happened: the identify (now), then February's order.
    expect(body.events).toHaveLength(2);
    expect(body.events[1]!.name).toBe('Order Completed');
    expect(body.events[1]!.timestamp).toBe(Date.parse('2026-02-01T00:00:00Z'));
    const timeline = (await (await api.admin(`/api/customers/${id}/events?limit=2`)).json()) as { events: unknown[]; nextCursor: string | null };
    expect(timeline.events).toHaveLength(2);
    expect(timeline.nextCursor).not.toBeNull();
    const missing = await api.admin('/api/customers/nope');
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { details: Array<{ field: string }> } }).error.details[0]?.field).toBe('id');
  });
});

describe('events query', () => {
  it('filters by name, type and time window, and validates the query', async () => {
    const byName = (await (await api.admin('/api/events?name=Order%20Completed')).json()) as { events: Array<{ properties: { total: number } }> };
    expect(byName.events.map((e) => e.properties.total).sort()).toEqual([120000, 80000].sort());
    const from = Date.parse('2026-01-15T00:00:00Z');
    const to = Date.parse('2026-03-01T00:00:00Z');
    const windowed = (await (await api.admin(`/api/events?name=Order%20Completed&from=${from}&to=${to}`)).json()) as { events: unknown[] };
    expect(windowed.events).toHaveLength(1);
    const identifies = (await (await api.admin('/api/events?type=identify')).json()) as { events: unknown[] };
    expect(identifies.events).toHaveLength(3);
    const bad = await api.admin('/api/events?type=nope&limit=9999');
    expect(bad.status).toBe(400);
    const fields = ((await bad.json()) as { error: { details: Array<{ field: string }> } }).error.details.map((d) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['type', 'limit']));
  });
});

describe('workspace, keys, roles, docs', () => {
  it('updates the workspace and rejects a bad time zone by field', async () => {
    const ok = await api.admin('/api/workspaces/current', { method: 'PATCH', body: JSON.stringify({ name: 'Hoa Ban Food' }) });
    expect(await ok.json()).toMatchObject({ name: 'Hoa Ban Food', timezone: 'Asia/Ho_Chi_Minh', currency: 'VND' });
    const bad = await api.admin('/api/workspaces/current', { method: 'PATCH', body: JSON.stringify({ timezone: 'Mars/Olympus' }) });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { details: Array<{ field: string }> } }).error.details[0]?.field).toBe('timezone');
    const malformed = await api.admin('/api/workspaces/current', { method: 'PATCH', body: '{"name":' });
    expect(malformed.status).toBe(400);
  });

  it('shows a key secret once and never again', async () => {
    const created = (await (await api.admin('/api/api-keys', { method: 'POST', body: JSON.stringify({ kind: 'admin', name: 'CI' }) })).json()) as { secret: string; apiKey: { id: string; prefix: string } };
    expect(created.secret).toMatch(/^bat_/);
    expect(created.secret.startsWith(created.apiKey.prefix)).toBe(true);
    const listing = await (await api.admin('/api/api-keys')).text();
    expect(listing).not.toContain(created.secret);
    expect(listing).not.toContain(ADMIN_TOKEN);
    expect((await api.admin('/api/auth/me', { token: created.secret })).status).toBe(200);
  });

  it('lets a viewer read but not change', async () => {
    const workspaceId = api.bootstrap!.workspaceId;
    await api.db.db.insert(users).values({ id: newId(), workspaceId, email: 'viewer@hoaban.vn', name: 'V', passwordHash: await hashPassword('viewer pass'), role: 'viewer', createdAt: Date.now() });
    const login = await fetch(`${api.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'viewer@hoaban.vn', password: 'viewer pass' }) });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    expect((await fetch(`${api.url}/api/customers`, { headers: { cookie } })).status).toBe(200);
    const denied = await fetch(`${api.url}/api/api-keys`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'write' }) });
    expect(denied.status).toBe(403);
  });

  it('serves the OpenAPI document and a docs page', async () => {
    const doc = (await (await fetch(`${api.url}/api/openapi.json`)).json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/customers', '/api/customers/{id}', '/api/events', '/api/api-keys', '/api/auth/login']));
    const page = await fetch(`${api.url}/api/docs`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('SwaggerUIBundle');
    // Served from the installed package: nothing loads from another host (no internet needed).
    expect(html).not.toMatch(/(src|href)="https?:/);
    for (const [asset, type] of [['swagger-ui-bundle.js', 'javascript'], ['swagger-ui.css', 'css']] as const) {
      const res = await fetch(`${api.url}/api/docs/${asset}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain(type);
      expect((await res.text()).length).toBeGreaterThan(10_000);
    }
  });

  it('answers unknown routes with a JSON 404 and never leaks a stack', async () => {
    const res = await fetch(`${api.url}/nowhere`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: 'not_found' } });
  });
});
