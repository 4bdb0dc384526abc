// Publishing a journey that names another workspace's segment is refused (422) with the step and
// field, like any other publish issue; its own segments publish fine.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJourneyRuntime } from '../src/journeys';
import { startTestApi, type TestApi } from './helpers';

let api: TestApi;
let otherToken: string;
beforeAll(async () => {
  api = await startTestApi((db) => ({ registerRoutes: createJourneyRuntime({ db, client: null }).registerRoutes }));
  const res = await api.admin('/api/workspaces', { method: 'POST', body: JSON.stringify({ name: 'Someone else' }) });
  otherToken = ((await res.json()) as { adminToken: string }).adminToken;
});
afterAll(() => api.stop());

const rule = { match: 'all', conditions: [{ kind: 'eventCount', event: 'Viewed', where: [], op: 'greaterOrEqual', count: 3, windowMs: 86_400_000 }] };

async function segment(token: string, name: string): Promise<string> {
  const res = await api.admin('/api/segments', { method: 'POST', token, body: JSON.stringify({ name, rule }) });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

/** Segment trigger → "in segment?" branch → exits. */
function graph(triggerSegment: string, branchSegment: string) {
  const node = (id: string, type: string, config: Record<string, unknown>, x: number) => ({ id, type, typeVersion: 1, config, position: { x, y: 0 } });
  return {
    nodes: [
      node('enter', 'trigger-segment', { segmentId: triggerSegment, reentry: { mode: 'once' }, entryLimit: null }, 0),
      node('vip', 'condition-segment', { segmentId: branchSegment }, 300),
      node('done', 'exit', { reason: 'checked' }, 600),
      node('other', 'exit', { reason: 'not vip' }, 600),
    ],
    edges: [
      { id: 'e1', source: 'enter', sourcePort: 'out', target: 'vip' },
      { id: 'e2', source: 'vip', sourcePort: 'yes', target: 'done' },
      { id: 'e3', source: 'vip', sourcePort: 'no', target: 'other' },
    ],
  };
}

async function publish(g: unknown): Promise<Response> {
  const created = await api.admin('/api/journeys', { method: 'POST', body: JSON.stringify({ name: 'Refs', graph: g }) });
  const { id } = (await created.json()) as { id: string };
  return api.admin(`/api/journeys/${id}/publish`, { method: 'POST', body: JSON.stringify({ note: 'test' }) });
}

describe('cross-workspace references at publish', () => {
  it("refuses another workspace's segment, naming each step and field; nothing is published", async () => {
    const theirs = await segment(otherToken, 'Their VIPs');
    const ours = await segment('bat_test_admin_token', 'Our VIPs');
    const before = Number((await api.db.client.execute('SELECT count(*) AS n FROM journey_versions')).rows[0]?.n);

    const res = await publish(graph(theirs, theirs));
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: { code: string; details: Array<{ nodeId: string | null; field: string; message: string }> } };
    expect(body.error.code).toBe('journey_invalid');
    expect(body.error.details.map((d) => [d.nodeId, d.field])).toEqual(
      expect.arrayContaining([
        ['enter', 'nodes.enter.segmentId'],
        ['vip', 'nodes.vip.segmentId'],
      ]),
    );
    // One foreign reference among own ones is still refused.
    expect((await publish(graph(ours, theirs))).status).toBe(422);
    // A made-up id reads the same as another workspace's (their ids are not confirmed).
    const made = (await (await publish(graph(ours, 'no-such-segment'))).json()) as { error: { details: Array<{ message: string }> } };
    expect(made.error.details[0]?.message).toContain('no segment');
    const after = Number((await api.db.client.execute('SELECT count(*) AS n FROM journey_versions')).rows[0]?.n);
    expect(after).toBe(before);
  });

  it('publishes with its own segments', async () => {
    const ours = await segment('bat_test_admin_token', 'Ours again');
    const res = await publish(graph(ours, ours));
    expect(res.status, await res.clone().text()).toBe(201);
  });
});
