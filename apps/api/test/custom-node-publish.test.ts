// A developer's node package named in BRAID_NODE_PACKAGES can be published: the API validates and
// compiles against the same installed types the worker runs, not the built-ins alone. Real API
// over HTTP, real libSQL file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journeyGraph } from '../../../packages/journey/fixtures/builder';
import { createJourneyRuntime } from '../src/journeys/runtime';
import { startTestApi, type TestApi } from './helpers';

let api: TestApi;
const previous = process.env.BRAID_NODE_PACKAGES;

const admin = (path: string, init: { method?: string; body?: unknown } = {}) =>
  api.admin(`/api${path}`, { method: init.method ?? 'GET', ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}) });

beforeAll(async () => {
  process.env.BRAID_NODE_PACKAGES = '@braid/node-notify-chat';
  api = await startTestApi((db) => ({ registerRoutes: createJourneyRuntime({ db, client: null }).registerRoutes }));
});
afterAll(async () => {
  if (previous === undefined) delete process.env.BRAID_NODE_PACKAGES;
  else process.env.BRAID_NODE_PACKAGES = previous;
  await api?.stop();
});

describe('installed node types', () => {
  it('a journey using a custom node type publishes, and its version runs that type', async () => {
    const graph = journeyGraph(
      [
        ['cart', 'trigger-event', { event: 'Cart Abandoned', reentry: { mode: 'afterExit' }, entryLimit: null }],
        ['chat', 'notify-chat', { service: 'slack', webhookUrl: 'https://hooks.slack.com/services/T0/B0/x', message: '{{ customer.firstName }} bỏ quên giỏ hàng' }],
        ['x', 'exit', { reason: 'done' }],
      ],
      [
        ['cart', 'out', 'chat'],
        ['chat', 'out', 'x'],
      ],
    );
    const created = await admin('/journeys', { method: 'POST', body: { name: 'Báo Slack', graph } });
    expect(created.status, await created.clone().text()).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const published = await admin(`/journeys/${id}/publish`, { method: 'POST', body: { note: 'custom node' } });
    expect(published.status, await published.clone().text()).toBe(201);
    const version = (await (await admin(`/journeys/${id}/versions/1`)).json()) as { ir: { steps: Record<string, { kind?: string }> } };
    expect(JSON.stringify(version.ir)).toContain('notify-chat');
  });

  it('a custom node with a config its package refuses is a 422 naming the step', async () => {
    const graph = journeyGraph(
      [
        ['cart', 'trigger-event', { event: 'Cart Abandoned', reentry: { mode: 'afterExit' }, entryLimit: null }],
        ['chat', 'notify-chat', { service: 'slack', webhookUrl: 'not a url', message: '' }],
        ['x', 'exit', { reason: 'done' }],
      ],
      [
        ['cart', 'out', 'chat'],
        ['chat', 'out', 'x'],
      ],
    );
    const { id } = (await (await admin('/journeys', { method: 'POST', body: { name: 'Báo Slack hỏng', graph } })).json()) as { id: string };
    const refused = await admin(`/journeys/${id}/publish`, { method: 'POST', body: {} });
    expect(refused.status).toBe(422);
    const body = (await refused.json()) as { error: { details: { nodeId: string | null; field: string }[] } };
    expect(body.error.details.some((d) => d.nodeId === 'chat')).toBe(true);
  });
});
