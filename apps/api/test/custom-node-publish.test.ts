// A developer's node package named in BRAID_NODE_PACKAGES reaches the canvas (GET /api/node-types)
// and can be published: the API validates and compiles against the same installed types the
// worker runs, not the built-ins alone. Real API over HTTP, real libSQL file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb, type BraidDb } from '@braid/db';
import { startApi, type RunningApi } from '@braid/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journeyGraph } from '../../packages/journey/fixtures/builder';
import { createJourneyRuntime } from '../../apps/api/src/journeys/runtime';
import { ADMIN_TOKEN, WRITE_KEY } from './harness';

let dir: string;
let db: BraidDb;
let api: RunningApi;
const previous = process.env.BRAID_NODE_PACKAGES;

const admin = (path: string, init: { method?: string; body?: unknown } = {}) =>
  fetch(`${api.url}/api${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });

beforeAll(async () => {
  process.env.BRAID_NODE_PACKAGES = '@braid/node-notify-chat';
  dir = mkdtempSync(join(tmpdir(), 'braid-node-types-'));
  db = await createDb(`file:${join(dir, 'braid.db')}`);
  const runtime = createJourneyRuntime({ db: db.db, client: null });
  api = await startApi({
    db,
    port: 0,
    log: () => undefined,
    bootstrap: { writeKey: WRITE_KEY, adminToken: ADMIN_TOKEN, adminEmail: 'owner@hoaban.vn', adminPassword: 'correct horse battery' },
    onEventsIngested: runtime.onEventsIngested,
    registerRoutes: runtime.registerRoutes,
  });
});
afterAll(async () => {
  if (previous === undefined) delete process.env.BRAID_NODE_PACKAGES;
  else process.env.BRAID_NODE_PACKAGES = previous;
  await api?.close();
  db?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('installed node types', () => {
  it('GET /api/node-types describes the built-ins and the packages named in BRAID_NODE_PACKAGES', async () => {
    const res = await admin('/node-types');
    expect(res.status, await res.clone().text()).toBe(200);
    const { nodeTypes } = (await res.json()) as { nodeTypes: { id: string; category: string; label: { vi: string; en: string }; ports: { id: string }[]; configJsonSchema: unknown }[] };
    const ids = nodeTypes.map((t) => t.id);
    expect(ids).toEqual(expect.arrayContaining(['trigger-event', 'send-message', 'notify-chat']));
    const chat = nodeTypes.find((t) => t.id === 'notify-chat')!;
    expect(chat).toMatchObject({ category: 'action', label: { vi: 'Báo vào nhóm chat', en: 'Notify a team chat' }, ports: [{ id: 'out' }] });
    expect(chat.configJsonSchema).toBeTruthy();
  });

  it('a journey using a custom node type publishes', async () => {
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
});
