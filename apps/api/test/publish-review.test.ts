// The publish review over real HTTP against a real libSQL file: the change from the live version
// field by field, customers inside each version and where they wait, the forecast beside the
// live one; the diff between any two versions; bad references named.
import { enrollments, newId } from '@braid/db';
import { welcomeSeries } from '@braid/journey/fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJourneyRuntime } from '../src/journeys';
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

async function enrol(journeyId: string, version: number, nodeId: string | null, n: number, status: 'active' | 'completed' = 'active') {
  const [ws] = (await api.db.client.execute('SELECT workspace_id FROM journeys WHERE id = ?', [journeyId])).rows;
  const now = Date.now();
  await api.db.db.insert(enrollments).values(
    Array.from({ length: n }, (_, i) => ({
      id: newId(now + i),
      workspaceId: String(ws!.workspace_id),
      journeyId,
      version,
      customerId: `c-${version}-${nodeId}-${i}-${Math.random()}`,
      workflowId: `wf-${Math.random()}`,
      status,
      currentNode: nodeId,
      enteredAt: now,
    })),
  );
}

describe('publish review', () => {
  let id: string;
  beforeAll(async () => {
    id = ((await call('POST', '/api/journeys', { name: 'Welcome', graph: welcomeSeries })).json as { id: string }).id;
  });

  it('before the first publish: everything is new, nobody inside, a forecast of the draft alone', async () => {
    const r = await call('GET', `/api/journeys/${id}/publish-review`);
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ live: null, hasChanges: true, problems: 0, inFlight: { customers: 0, versions: [] } });
    expect(r.json.changes.added).toHaveLength(welcomeSeries.nodes.length);
    expect(r.json.forecast.live).toBeNull();
    expect(r.json.forecast.next.customers).toBe(1000);
    expect(r.json.forecast.next.perNode.find((n: Json) => n.nodeId === 'welcome-email').customers).toBe(1000);
  });

  it('after edits: each changed field old → new, customers per version and step, and both forecasts', async () => {
    await call('POST', `/api/journeys/${id}/publish`, { note: 'v1' });
    await enrol(id, 1, 'wait-2-days', 3);
    await enrol(id, 1, 'wait-3-days', 2);
    await enrol(id, 1, null, 1);
    await enrol(id, 1, 'wait-2-days', 4, 'completed');
    const g = clone(welcomeSeries);
    g.nodes.find((n) => n.id === 'wait-2-days')!.config = { duration: { amount: 1, unit: 'days' } };
    const j = await call('GET', `/api/journeys/${id}`);
    expect((await call('PUT', `/api/journeys/${id}/draft`, { revision: j.json.draftRevision, graph: g })).status).toBe(200);

    const r = await call('GET', `/api/journeys/${id}/publish-review`);
    expect(r.json.live).toMatchObject({ version: 1, authorName: expect.stringMatching(/^API key /) });
    expect(r.json.hasChanges).toBe(true);
    expect(r.json.changes).toEqual({
      added: [],
      removed: [],
      changed: [{ nodeId: 'wait-2-days', type: 'wait-delay', fields: [{ field: 'duration', before: { amount: 2, unit: 'days' }, after: { amount: 1, unit: 'days' } }] }],
      rewired: [],
      same: false,
    });
    expect(r.json.inFlight).toEqual({
      customers: 6,
      versions: [{ version: 1, customers: 6, waiting: [{ nodeId: 'wait-2-days', customers: 3 }, { nodeId: 'wait-3-days', customers: 2 }, { nodeId: null, customers: 1 }] }],
    });
    expect(r.json.forecast.next.customers).toBe(1000);
    expect(r.json.forecast.live.customers).toBe(1000);
    expect((await call('GET', `/api/journeys/${id}/in-flight`)).json).toEqual(r.json.inFlight);
  });

  it('says there is nothing to publish when the draft equals the live version', async () => {
    await call('POST', `/api/journeys/${id}/rollback`, { version: 1 });
    const r = await call('GET', `/api/journeys/${id}/publish-review`);
    expect(r.json).toMatchObject({ hasChanges: false, changes: { same: true } });
  });

  it('a draft with problems is counted and has no forecast', async () => {
    const broken = await call('POST', '/api/journeys', { name: 'Broken' });
    const r = await call('GET', `/api/journeys/${broken.json.id}/publish-review`);
    expect(r.json.problems).toBeGreaterThan(0);
    expect(r.json.forecast).toBeNull();
  });
});

describe('diff', () => {
  it('compares two versions, or a version and the draft, and names a missing version', async () => {
    const { json } = await call('POST', '/api/journeys', { name: 'Diff', graph: welcomeSeries });
    await call('POST', `/api/journeys/${json.id}/publish`, {});
    const g = clone(welcomeSeries);
    g.nodes = g.nodes.filter((n) => n.id !== 'exit-criteria');
    await call('PUT', `/api/journeys/${json.id}/draft`, { revision: json.draftRevision, graph: g });
    await call('POST', `/api/journeys/${json.id}/publish`, {});

    const d = await call('GET', `/api/journeys/${json.id}/diff?from=1&to=2`);
    expect(d.status).toBe(200);
    expect(d.json).toMatchObject({ from: 1, to: 2, diff: { removed: [{ nodeId: 'exit-criteria', type: 'exit-criteria' }], same: false } });
    expect((await call('GET', `/api/journeys/${json.id}/diff?from=2`)).json).toMatchObject({ to: 'draft', diff: { same: true } });

    const missing = await call('GET', `/api/journeys/${json.id}/diff?from=1&to=7`);
    expect(missing.status).toBe(404);
    expect(missing.json.error.details).toEqual([{ field: 'to', message: 'not found' }]);
    const bad = await call('GET', `/api/journeys/${json.id}/diff?from=latest`);
    expect(bad.status).toBe(400);
    expect(bad.json.error.details[0].field).toBe('from');
  });
});
