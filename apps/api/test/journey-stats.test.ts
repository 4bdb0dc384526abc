// The canvas counts of a published version, over real HTTP on a real libSQL file: the trigger
// counts everyone who entered (the step log starts after it), the goal every conversion, and a
// step that logs twice on one visit still counts one customer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { days, journeyGraph } from '../../../packages/journey/fixtures/builder';
import { createJourneyRuntime } from '../src/journeys/runtime';
import { startTestApi, type TestApi } from './helpers';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi((db) => ({ registerRoutes: createJourneyRuntime({ db, client: null }).registerRoutes }));
});
afterAll(async () => api?.stop());

const admin = (path: string, init: { method?: string; body?: unknown } = {}) =>
  api.admin(`/api${path}`, { method: init.method ?? 'GET', ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}) });

const graph = journeyGraph(
  [
    ['cart', 'trigger-event', { event: 'Cart Viewed', where: [], reentry: { mode: 'afterExit' }, entryLimit: null }],
    ['wait', 'wait-delay', { duration: days(1) }],
    ['bye', 'exit', { reason: 'Hết giờ' }],
    ['goal', 'goal', { event: 'Order Completed', where: [], window: days(30), onConvert: 'exit' }],
  ],
  [
    ['cart', 'out', 'wait'],
    ['wait', 'out', 'bye'],
  ],
);

describe('journey stats', () => {
  it('counts the trigger as everyone who entered, and customers rather than log lines', async () => {
    const created = (await (await admin('/journeys', { method: 'POST', body: { name: 'Giỏ hàng', graph } })).json()) as { id: string };
    expect((await admin(`/journeys/${created.id}/publish`, { method: 'POST', body: {} })).status).toBe(201);
    const ws = String((await api.db.client.execute('SELECT workspace_id FROM journeys WHERE id = ?', [created.id])).rows[0]!.workspace_id);
    // Three customers entered version 1 (the third converted while waiting); the first logged "entered" at the wait twice on one visit.
    for (const [enrollment, status, node] of [['en-a', 'completed', null], ['en-b', 'active', 'wait'], ['en-c', 'converted', null]] as const) {
      await api.db.client.execute({
        sql: `INSERT INTO enrollments (id, workspace_id, journey_id, version, customer_id, workflow_id, status, current_node, entered_at) VALUES (?, ?, ?, 1, ?, ?, ?, ?, 0)`,
        args: [enrollment, ws, created.id, `c-${enrollment}`, `wf-${enrollment}`, status, node],
      });
    }
    const log = [['en-a', 'wait', 'entered'], ['en-a', 'wait', 'entered'], ['en-a', 'bye', 'exited'], ['en-b', 'wait', 'entered'], ['en-c', 'wait', 'entered'], ['en-c', 'wait', 'converted']];
    for (const [i, [enrollment, node, outcome]] of log.entries()) {
      await api.db.client.execute({
        sql: `INSERT INTO step_log (id, workspace_id, enrollment_id, journey_id, version, customer_id, node_id, outcome, reason, at) VALUES (?, ?, ?, ?, 1, ?, ?, ?, NULL, ?)`,
        args: [`st-${i}`, ws, enrollment!, created.id, `c-${enrollment}`, node!, outcome!, i],
      });
    }
    const stats = (await (await admin(`/journeys/${created.id}/stats`)).json()) as { nodes: Array<{ nodeId: string; entered: number; waitingNow: number; exited: number; converted: number }> };
    const at = (id: string) => stats.nodes.find((n) => n.nodeId === id);
    expect(at('cart')).toMatchObject({ entered: 3 });
    expect(at('wait')).toMatchObject({ entered: 3, waitingNow: 1, converted: 1 });
    expect(at('bye')).toMatchObject({ exited: 1 });
    // The goal's card shows the conversion logged at the wait.
    expect(at('goal')).toMatchObject({ converted: 1 });
  });
});
