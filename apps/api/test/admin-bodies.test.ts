// Every /api route that takes a body, fed a missing, mistyped, malformed or hostile one: a 4xx
// naming the problem in {error: {code, message, details}}, never a 500, nothing written.
import { createJourneyRuntime } from '../src/journeys';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from './helpers';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi((db) => ({ registerRoutes: createJourneyRuntime({ db, client: null }).registerRoutes }));
});
afterAll(() => api.stop());

interface Operation {
  method: string;
  path: string;
  requestBody?: { required?: boolean };
}

async function operationsWithBody(): Promise<Operation[]> {
  const doc = (await (await fetch(`${api.url}/api/openapi.json`)).json()) as { paths: Record<string, Record<string, Omit<Operation, 'method' | 'path'>>> };
  return Object.entries(doc.paths)
    .filter(([path]) => path.startsWith('/api/'))
    .flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ ...op, method: method.toUpperCase(), path })))
    .filter((op) => op.requestBody);
}

const concrete = (path: string) => path.replace('{channel}', 'email').replace('{version}', '1').replace(/\{[^}]+\}/g, 'missing-id');

async function tableRows(): Promise<string> {
  const tables = ['workspaces', 'api_keys', 'users', 'sessions', 'journeys', 'journey_versions', 'segments', 'channel_settings'];
  const counts = [];
  for (const t of tables) counts.push(Number((await api.db.client.execute(`SELECT count(*) AS n FROM ${t}`)).rows[0]?.n));
  return counts.join(':');
}

type ErrorJson = { error: { code: string; message: string; details: Array<{ field: string; message: string }> } };

async function send(op: Operation, body: string | undefined, contentType?: string): Promise<{ status: number; json: ErrorJson; text: string }> {
  const headers: Record<string, string> = { authorization: 'Bearer bat_test_admin_token' };
  if (contentType) headers['content-type'] = contentType;
  const res = await fetch(`${api.url}${concrete(op.path)}`, { method: op.method, headers, body });
  const text = await res.text();
  return { status: res.status, json: JSON.parse(text) as ErrorJson, text };
}

/** Bodies every route must refuse, with the status and the field or code named. */
const hostile: Array<{ name: string; body: string | undefined; type?: string; status: number; field?: string; code?: string }> = [
  { name: 'text/plain', body: 'pause it', type: 'text/plain', status: 415, field: 'Content-Type' },
  { name: 'a form', body: 'name=x', type: 'application/x-www-form-urlencoded', status: 415, field: 'Content-Type' },
  { name: 'untyped bytes', body: '{"name":"x"}', type: undefined, status: 415, field: 'Content-Type' },
  { name: 'malformed JSON', body: '{"name":', type: 'application/json', status: 400, code: 'invalid_json' },
  { name: '10,000 levels', body: `{"name":${'['.repeat(10_000)}${']'.repeat(10_000)}}`, type: 'application/json', status: 400, field: 'name' },
  { name: 'a lone surrogate', body: '{"name":"x\\ud800"}', type: 'application/json', status: 400, field: 'name' },
];

describe('admin request bodies', () => {
  it('declares every JSON body required in the OpenAPI document', async () => {
    const ops = await operationsWithBody();
    expect(ops.length).toBeGreaterThanOrEqual(12);
    for (const op of ops) expect(op.requestBody?.required, `${op.method} ${op.path}`).toBe(true);
  });

  it('answers a POST / PUT / PATCH without a body with 400 naming the missing fields (or accepts it when nothing is required)', async () => {
    for (const op of await operationsWithBody()) {
      for (const [body, type] of [[undefined, undefined], ['', 'application/json'], ['   ', 'application/json; charset=utf-8']] as const) {
        const before = await tableRows();
        const { status, json, text } = await send(op, body, type);
        expect(status, `${op.method} ${op.path} ${type ?? 'no type'}: ${text}`).toBeLessThan(500);
        if (status < 400) continue; // e.g. channel settings: every field has a default
        expect(json.error).toMatchObject({ code: expect.any(String), message: expect.any(String), details: expect.any(Array) });
        if (status === 400) expect(json.error.details.length, text).toBeGreaterThan(0);
        expect(await tableRows()).toBe(before);
      }
    }
  });

  it('names the missing fields of login, API keys, workspaces, journeys, segments', async () => {
    const cases: Array<[string, string, string]> = [
      ['POST', '/api/auth/login', 'email'],
      ['POST', '/api/api-keys', 'kind'],
      ['POST', '/api/workspaces', 'name'],
      ['POST', '/api/journeys', 'name'],
      ['PUT', '/api/journeys/missing-id/draft', 'revision'],
      ['POST', '/api/journeys/missing-id/rollback', 'version'],
      ['POST', '/api/journeys/missing-id/enroll', 'customerId'],
      ['POST', '/api/segments', 'name'],
      ['PUT', '/api/segments/missing-id', 'rule'],
    ];
    for (const [method, path, field] of cases) {
      const { status, json, text } = await send({ method, path }, undefined);
      expect(status, `${method} ${path}: ${text}`).toBe(400);
      expect(json.error.details.map((d) => d.field)).toContain(field);
    }
  });

  for (const h of hostile) {
    it(`refuses ${h.name} on every route with ${h.status}`, async () => {
      const before = await tableRows();
      for (const op of await operationsWithBody()) {
        const { status, json, text } = await send(op, h.body, h.type);
        expect(status, `${op.method} ${op.path}: ${text.slice(0, 300)}`).toBe(h.status);
        if (h.field) expect(json.error.details.map((d) => d.field)).toContain(h.field);
        if (h.code) expect(json.error.code).toBe(h.code);
      }
      expect(await tableRows()).toBe(before);
    });
  }
});
