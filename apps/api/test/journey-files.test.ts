// Journeys as code over real HTTP against a real libSQL file: a journey addressed by its key is
// exported as a file, pushed back (created, then updated in place), dry-run validated with every
// problem named by where it is in the file; the published JSON Schemas match the committed copies
// and the files the API writes; every OpenAPI operation has a unique operationId.
import { readFileSync } from 'node:fs';
import { welcomeSeries } from '@braid/journey/fixtures';
import Ajv2020 from 'ajv/dist/2020';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJourneyRuntime } from '../src/journeys';
import { deriveOperationId } from '../src/openapi-document';
import { startTestApi, type TestApi } from './helpers';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi((db) => ({ registerRoutes: createJourneyRuntime({ db, client: null }).registerRoutes }));
});
afterAll(() => api.stop());

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
async function call(method: string, path: string, body?: unknown): Promise<{ status: number; json: Json }> {
  const res = await api.admin(path, { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  return { status: res.status, json: (await res.json()) as Json };
}
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
const file = (key: string, graph: unknown = welcomeSeries) => ({ key, name: 'Chào mừng khách mới', description: 'Welcome series', graph });

describe('journey keys', () => {
  it('a journey created in the canvas gets a key from its name, unique in the workspace; a copy gets its own', async () => {
    const a = await call('POST', '/api/journeys', { name: 'Chào mừng khách mới' });
    const b = await call('POST', '/api/journeys', { name: 'Chào mừng khách mới' });
    expect(a.json.key).toBe('chao-mung-khach-moi');
    expect(b.json.key).toBe('chao-mung-khach-moi-2');
    const copy = await call('POST', `/api/journeys/${a.json.id}/duplicate`, {});
    expect(copy.status).toBe(201);
    expect(copy.json.key).toBe('chao-mung-khach-moi-copy');
    expect((await call('GET', '/api/journeys')).json.journeys.every((j: Json) => typeof j.key === 'string')).toBe(true);
  });
});

describe('journey keys under concurrency', () => {
  it('journeys created at once with one name each get their own key, never a 500', async () => {
    const made = await Promise.all(Array.from({ length: 6 }, () => call('POST', '/api/journeys', { name: 'Flash sale' })));
    expect(made.map((m) => m.status)).toEqual(Array(6).fill(201));
    expect(new Set(made.map((m) => m.json.key)).size).toBe(6);
    const copies = await Promise.all(Array.from({ length: 4 }, () => call('POST', `/api/journeys/${made[0]!.json.id}/duplicate`, { name: 'Flash sale copy' })));
    expect(copies.map((m) => m.status)).toEqual(Array(4).fill(201));
    expect(new Set(copies.map((m) => m.json.key)).size).toBe(4);
  });
});

describe('push and export by key', () => {
  it('push creates the draft, pushing it again changes nothing, an edit updates the same journey in place', async () => {
    const created = await call('PUT', '/api/journey-files/welcome', file('welcome'));
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ created: true, changed: true, journey: { key: 'welcome', status: 'draft', draftRevision: 1, activeVersion: null } });
    const id = created.json.journey.id as string;

    const again = await call('PUT', '/api/journey-files/welcome', file('welcome'));
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ created: false, changed: false, journey: { id, draftRevision: 1 } });

    const edited = clone(welcomeSeries);
    edited.nodes.find((n) => n.id === 'wait-2-days')!.config = { duration: { amount: 4, unit: 'days' } };
    const updated = await call('PUT', '/api/journey-files/welcome', { ...file('welcome', edited), revision: 1 });
    expect(updated.status).toBe(200);
    expect(updated.json).toMatchObject({ created: false, changed: true, journey: { id, draftRevision: 2 } });

    const exported = await call('GET', '/api/journey-files/welcome');
    expect(exported.status).toBe(200);
    expect(exported.json.file).toEqual({ key: 'welcome', name: 'Chào mừng khách mới', description: 'Welcome series', graph: edited });
    expect(exported.json.journey).toMatchObject({ id, key: 'welcome' });
    expect((await call('GET', '/api/journeys')).json.journeys.filter((j: Json) => j.key === 'welcome')).toHaveLength(1);
  });

  it('exports a published version as well as the draft', async () => {
    const { json } = await call('PUT', '/api/journey-files/published', file('published'));
    expect((await call('POST', `/api/journeys/${json.journey.id}/publish`, {})).status).toBe(201);
    const edited = clone(welcomeSeries);
    edited.nodes.find((n) => n.id === 'welcome-email')!.label = 'Hello email';
    await call('PUT', '/api/journey-files/published', file('published', edited));
    expect((await call('GET', '/api/journey-files/published?version=1')).json.file.graph).toEqual(welcomeSeries);
    expect((await call('GET', '/api/journey-files/published')).json.file.graph).toEqual(edited);
    const missing = await call('GET', '/api/journey-files/published?version=9');
    expect(missing.status).toBe(404);
    expect(missing.json.error.details).toEqual([{ field: 'version', message: 'not found' }]);
  });

  it('refuses, naming the field: a stale revision, a damaged graph, a bad key, a key that differs from the file, an unknown key', async () => {
    await call('PUT', '/api/journey-files/stale', file('stale'));
    const stale = await call('PUT', '/api/journey-files/stale', { ...file('stale', { ...welcomeSeries, nodes: welcomeSeries.nodes.slice(1) }), revision: 0 });
    expect(stale.status).toBe(409);
    expect(stale.json.error).toMatchObject({ code: 'stale_revision', details: [{ field: 'revision' }] });

    const noEdgeId = clone(welcomeSeries) as Json;
    delete noEdgeId.edges[0].id;
    const damaged = await call('PUT', '/api/journey-files/damaged', file('damaged', noEdgeId));
    expect(damaged.status).toBe(400);
    expect(damaged.json.error.details.map((d: Json) => d.field)).toContain('graph.edges.0.id');

    const badKey = await call('PUT', '/api/journey-files/Not%20A%20Key', file('Not A Key'));
    expect(badKey.status).toBe(400);
    expect(badKey.json.error.details[0].field).toBe('key');
    const mismatch = await call('PUT', '/api/journey-files/one', file('two'));
    expect(mismatch.status).toBe(400);
    expect(mismatch.json.error.details[0]).toMatchObject({ field: 'key' });

    const unknown = await call('GET', '/api/journey-files/nobody');
    expect(unknown.status).toBe(404);
    expect(unknown.json.error.details[0].field).toBe('key');
    expect(await countJourneys('damaged')).toBe(0);
  });
});

const countJourneys = async (key: string) => (await call('GET', '/api/journeys')).json.journeys.filter((j: Json) => j.key === key).length;

describe('validate (dry run)', () => {
  it('a good file is valid, and says which journey a push would update', async () => {
    const fresh = await call('POST', '/api/journey-files/validate', file('not-pushed-yet'));
    expect(fresh.json).toEqual({ valid: true, issues: [], journey: null });
    await call('PUT', '/api/journey-files/checked', file('checked'));
    const existing = await call('POST', '/api/journey-files/validate', file('checked'));
    expect(existing.json).toMatchObject({ valid: true, journey: { key: 'checked' } });
  });

  it('lists every problem at once, each named by where it is in the file, and saves nothing', async () => {
    const broken = clone(welcomeSeries) as Json;
    const emailIndex = broken.nodes.findIndex((n: Json) => n.id === 'welcome-email');
    broken.nodes[emailIndex].config.channel = 'pigeon';
    const waitIndex = broken.nodes.findIndex((n: Json) => n.id === 'wait-3-days');
    broken.edges = broken.edges.filter((e: Json) => e.source !== 'wait-3-days');
    const res = await call('POST', '/api/journey-files/validate', { key: 'Bad Key', name: '', graph: broken });
    expect(res.status).toBe(200);
    expect(res.json.valid).toBe(false);
    const fields = res.json.issues.map((i: Json) => i.field);
    expect(fields).toContain('key');
    expect(fields).toContain('name');
    expect(fields).toContain(`graph.nodes.${emailIndex}.config.channel`);
    expect(fields).toContain(`graph.nodes.${waitIndex}`);
    expect(res.json.issues.find((i: Json) => i.field === `graph.nodes.${waitIndex}`)).toMatchObject({ nodeId: 'wait-3-days', code: 'unconnected-port' });
    expect(await countJourneys('bad-key')).toBe(0);
  });

  it('names the graph path of a damaged graph, and a segment of another workspace', async () => {
    const damaged = clone(welcomeSeries) as Json;
    damaged.edges[2].target = 7;
    const res = await call('POST', '/api/journey-files/validate', file('damaged', damaged));
    expect(res.json.issues.map((i: Json) => i.field)).toContain('graph.edges.2.target');

    const notAGraph = await call('POST', '/api/journey-files/validate', { key: 'x', name: 'x', graph: 'nodes' });
    expect(notAGraph.json.valid).toBe(false);
    expect(notAGraph.json.issues.map((i: Json) => i.field)).toContain('graph');
  });
});

describe('published formats', () => {
  it('serves the graph and file JSON Schemas without a token, equal to the committed copies, and they accept what export writes', async () => {
    for (const name of ['journey-graph', 'journey-file']) {
      const res = await fetch(`${api.url}/api/schemas/${name}.json`);
      expect(res.status).toBe(200);
      const committed = JSON.parse(readFileSync(new URL(`../../../docs/schemas/${name}.json`, import.meta.url), 'utf8')) as unknown;
      // Out of date: run `npm run schemas -w @braid/journey` and commit docs/schemas.
      expect(await res.json()).toEqual(committed);
    }
    const ajv = new Ajv2020({ strict: false });
    const fileSchema = ajv.compile((await (await fetch(`${api.url}/api/schemas/journey-file.json`)).json()) as object);
    await call('PUT', '/api/journey-files/schema-check', file('schema-check'));
    const exported = (await call('GET', '/api/journey-files/schema-check')).json.file;
    expect(fileSchema(exported), ajv.errorsText(fileSchema.errors)).toBe(true);
    expect(fileSchema({ ...exported, key: 'Has Spaces' })).toBe(false);
    const noEdgeId = clone(exported);
    delete noEdgeId.graph.edges[0].id;
    expect(fileSchema(noEdgeId)).toBe(false);
  });

  it('the example in docs/journey-format.md is a valid journey file', async () => {
    const doc = readFileSync(new URL('../../../docs/journey-format.md', import.meta.url), 'utf8');
    const example = JSON.parse(/```json\n([\s\S]*?)```/.exec(doc)![1]!) as Json;
    const res = await call('POST', '/api/journey-files/validate', example);
    expect(res.json).toMatchObject({ valid: true, issues: [] });
    const ajv = new Ajv2020({ strict: false });
    const fileSchema = ajv.compile(JSON.parse(readFileSync(new URL('../../../docs/schemas/journey-file.json', import.meta.url), 'utf8')) as object);
    expect(fileSchema(example), ajv.errorsText(fileSchema.errors)).toBe(true);
  });

  it('every OpenAPI operation has an operationId, unique, and the edge schema requires its id', async () => {
    const doc = (await (await fetch(`${api.url}/api/openapi.json`)).json()) as Json;
    const ids: string[] = [];
    for (const [path, item] of Object.entries(doc.paths as Json)) {
      for (const [method, op] of Object.entries(item as Json)) {
        expect(op.operationId, `${method.toUpperCase()} ${path}`).toMatch(/^[a-z][A-Za-z0-9]+$/);
        ids.push(op.operationId);
      }
    }
    expect(ids.length).toBeGreaterThan(50);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    expect(ids).toEqual(expect.arrayContaining(['listJourneys', 'createJourney', 'getJourney', 'publishJourney', 'rollbackJourney', 'listJourneyVersions', 'getJourneyVersion', 'validateJourneyFile', 'pushJourneyFile', 'exportJourneyFile']));
    const edge = doc.components.schemas.JourneyGraph.properties.edges.items;
    expect(edge.required).toContain('id');
  });

  it('derives ids from the method and path', () => {
    expect(deriveOperationId('get', '/api/journeys')).toBe('listJourneys');
    expect(deriveOperationId('post', '/api/journeys')).toBe('createJourney');
    expect(deriveOperationId('get', '/api/journeys/{id}/versions/{version}')).toBe('getJourneyVersion');
    expect(deriveOperationId('post', '/api/journeys/{id}/publish')).toBe('publishJourney');
    expect(deriveOperationId('get', '/api/journeys/{id}/in-flight')).toBe('getJourneyInFlight');
    expect(deriveOperationId('delete', '/api/api-keys/{id}')).toBe('deleteApiKey');
    expect(deriveOperationId('get', '/api/commerce-sources/{id}/deliveries')).toBe('listCommerceSourceDeliveries');
    expect(deriveOperationId('post', '/v1/track')).toBe('ingestTrack');
  });
});
