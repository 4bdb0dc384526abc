// Versions that mean what they say, over real HTTP against a real libSQL file: rollback makes the
// draft the restored version, an untouched draft publishes nothing, the live flag follows the
// draft, versions are labelled with a name, and two publishers racing get one version and one 409.
import { join } from 'node:path';
import { createDb } from '@braid/db';
import { welcomeSeries } from '@braid/journey/fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJourneyRuntime } from '../src/journeys';
import { startApi } from '../src/server';
import { ADMIN_TOKEN, count, startTestApi, type TestApi } from './helpers';

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
/** welcomeSeries with the first wait set to `days` days. */
function withWait(days: number) {
  const g = clone(welcomeSeries);
  g.nodes.find((n) => n.id === 'wait-2-days')!.config = { duration: { amount: days, unit: 'days' } };
  return g;
}

async function createJourney(name: string, graph: unknown) {
  const created = await call('POST', '/api/journeys', { name, graph });
  expect(created.status).toBe(201);
  return created.json as { id: string; draftRevision: number };
}
async function saveDraft(id: string, graph: unknown) {
  const current = await call('GET', `/api/journeys/${id}`);
  const saved = await call('PUT', `/api/journeys/${id}/draft`, { revision: current.json.draftRevision, graph });
  expect(saved.status).toBe(200);
  return saved.json;
}
const liveWait = async (id: string) => {
  const j = await call('GET', `/api/journeys/${id}`);
  const v = await call('GET', `/api/journeys/${id}/versions/${j.json.activeVersion}`);
  return (v.json.graph.nodes as Json[]).find((n) => n.id === 'wait-2-days')!.config.duration.amount as number;
};

describe('rollback and publish', () => {
  it('a rollback followed by a publish of the untouched draft does not change the live content', async () => {
    const { id } = await createJourney('Welcome', withWait(2));
    expect((await call('GET', `/api/journeys/${id}`)).json.hasUnpublishedChanges).toBe(true);
    expect((await call('POST', `/api/journeys/${id}/publish`, { note: 'v1' })).status).toBe(201);
    expect((await call('GET', `/api/journeys/${id}`)).json.hasUnpublishedChanges).toBe(false);

    const edited = await saveDraft(id, withWait(5));
    expect(edited.hasUnpublishedChanges).toBe(true);
    const v2 = await call('POST', `/api/journeys/${id}/publish`, { note: 'longer wait' });
    expect(v2.status).toBe(201);
    expect(v2.json).toMatchObject({ version: 2, unchanged: false, journey: { activeVersion: 2, hasUnpublishedChanges: false } });

    const back = await call('POST', `/api/journeys/${id}/rollback`, { version: 1 });
    expect(back.status).toBe(201);
    expect(back.json).toMatchObject({ version: 3, unchanged: false, note: 'Rollback to version 1', journey: { activeVersion: 3, hasUnpublishedChanges: false } });
    // The draft is the restored version, layout included, so the canvas shows what is live.
    const draft = await call('GET', `/api/journeys/${id}`);
    expect(draft.json.draftGraph).toEqual((await call('GET', `/api/journeys/${id}/versions/1`)).json.graph);
    expect(await liveWait(id)).toBe(2);

    const again = await call('POST', `/api/journeys/${id}/publish`, { note: 'untouched' });
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ version: 3, unchanged: true, journey: { activeVersion: 3 } });
    expect((await call('GET', `/api/journeys/${id}/versions`)).json.versions).toHaveLength(3);
    expect(await liveWait(id)).toBe(2);
  });

  it('publishing a draft that only moved cards is a no-op that says so', async () => {
    const { id } = await createJourney('Moved', withWait(2));
    await call('POST', `/api/journeys/${id}/publish`, {});
    const moved = withWait(2);
    for (const n of moved.nodes) n.position = { x: n.position.x + 100, y: n.position.y };
    expect((await saveDraft(id, moved)).hasUnpublishedChanges).toBe(false);
    const res = await call('POST', `/api/journeys/${id}/publish`, { note: 'layout' });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ version: 1, unchanged: true });
  });

  it('rolling back to the content that is live resets the draft without a new version', async () => {
    const { id } = await createJourney('Reset', withWait(2));
    await call('POST', `/api/journeys/${id}/publish`, {});
    await saveDraft(id, withWait(9));
    const res = await call('POST', `/api/journeys/${id}/rollback`, { version: 1 });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ version: 1, unchanged: true, journey: { hasUnpublishedChanges: false } });
    expect((await call('GET', `/api/journeys/${id}`)).json.draftGraph).toEqual(withWait(2));
  });

  it('labels versions and the last editor by name, not by id', async () => {
    const { id } = await createJourney('Labels', withWait(2));
    await call('POST', `/api/journeys/${id}/publish`, {});
    const [v] = (await call('GET', `/api/journeys/${id}/versions`)).json.versions as Json[];
    expect(v!.author).toMatch(/\S/);
    expect(v!.authorName).toMatch(/^API key /);
    const list = (await call('GET', '/api/journeys')).json.journeys as Json[];
    expect(list.find((j) => j.id === id)).toMatchObject({ hasUnpublishedChanges: false, updatedByName: v!.authorName });
  });

  it('refuses rolling back an archived journey (it would come back to life) and a stale revision', async () => {
    const { id } = await createJourney('Stale', withWait(2));
    await call('POST', `/api/journeys/${id}/publish`, {});
    const stale = await call('POST', `/api/journeys/${id}/rollback`, { version: 1, revision: 0 });
    expect(stale.status).toBe(409);
    expect(stale.json.error).toMatchObject({ code: 'stale_revision', details: [{ field: 'revision' }] });
    await call('POST', `/api/journeys/${id}/archive`);
    const archived = await call('POST', `/api/journeys/${id}/rollback`, { version: 1 });
    expect(archived.status).toBe(409);
    expect(archived.json.error.code).toBe('archived');
  });
});

describe('two people publishing at once', () => {
  it('get one version and one clear 409; the database holds exactly one new version', async () => {
    const { id } = await createJourney('Race', withWait(2));
    await call('POST', `/api/journeys/${id}/publish`, {});
    await saveDraft(id, withWait(4));
    const before = await count(api, 'journey_versions');
    const results = await Promise.all([
      call('POST', `/api/journeys/${id}/publish`, { note: 'Lan', activeVersion: 1 }),
      call('POST', `/api/journeys/${id}/publish`, { note: 'Minh', activeVersion: 1 }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    const loser = results.find((r) => r.status === 409)!;
    expect(loser.json.error).toMatchObject({ code: 'publish_conflict', details: [{ field: 'activeVersion' }] });
    expect(loser.json.error.message).toMatch(/Version 2 was published by API key .* while you were reviewing version 1/);
    expect(await count(api, 'journey_versions')).toBe(before + 1);
  });

  it('without an expected version, racing publishes of one draft still make one version; the others say conflict or nothing to publish', async () => {
    const { id } = await createJourney('Race 2', withWait(2));
    await call('POST', `/api/journeys/${id}/publish`, {});
    await saveDraft(id, withWait(6));
    const results = await Promise.all([1, 2, 3].map(() => call('POST', `/api/journeys/${id}/publish`, {})));
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    // A request read after the winner committed sees its own draft live already: nothing to publish.
    for (const r of results.filter((x) => x.status !== 201)) {
      if (r.status === 200) expect(r.json).toMatchObject({ unchanged: true, version: 2 });
      else expect(r.json.error.code).toBe('publish_conflict');
    }
    expect((await call('GET', `/api/journeys/${id}/versions`)).json.versions).toHaveLength(2);
  });

  it('a publisher who reviewed an older live version gets 409 even after the other finished', async () => {
    const { id } = await createJourney('Late', withWait(2));
    await call('POST', `/api/journeys/${id}/publish`, {});
    await saveDraft(id, withWait(3));
    expect((await call('POST', `/api/journeys/${id}/publish`, { activeVersion: 1 })).status).toBe(201);
    const late = await call('POST', `/api/journeys/${id}/publish`, { activeVersion: 1 });
    expect(late.status).toBe(409);
    expect(late.json.error.details[0].field).toBe('activeVersion');
    const bad = await call('POST', `/api/journeys/${id}/publish`, { activeVersion: 'two' });
    expect(bad.status).toBe(400);
    expect(bad.json.error.details[0].field).toBe('activeVersion');
  });
});

describe('two API processes on one database', () => {
  it('publishers on different instances racing for the same live version get one version and one 409', async () => {
    // A second API with its own connection to the same libSQL file, as when API processes scale out.
    const db2 = await createDb(`file:${join(api.dir, 'braid.db')}`);
    const api2 = await startApi({ db: db2, port: 0, log: () => undefined, registerRoutes: createJourneyRuntime({ db: db2.db, client: null }).registerRoutes });
    try {
      const { id } = await createJourney('Two instances', withWait(2));
      await call('POST', `/api/journeys/${id}/publish`, {});
      await saveDraft(id, withWait(8));
      const viaSecond = (body: unknown) =>
        fetch(`${api2.url}/api/journeys/${id}/publish`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(
          async (r) => ({ status: r.status, json: (await r.json()) as Json }),
        );
      const results = await Promise.all([call('POST', `/api/journeys/${id}/publish`, { activeVersion: 1 }), viaSecond({ activeVersion: 1 })]);
      expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
      expect(results.find((r) => r.status === 409)!.json.error.code).toBe('publish_conflict');
      expect((await call('GET', `/api/journeys/${id}/versions`)).json.versions).toHaveLength(2);
    } finally {
      await api2.close();
      db2.close();
    }
  });
});
