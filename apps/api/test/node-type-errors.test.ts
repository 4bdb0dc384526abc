// A node type that throws while compiling (a bug, often in an installed package) makes publishing
// answer 422 naming the step and its type, over real HTTP on a real libSQL file: never a 500,
// and no version is written.
import { builtinNodeTypes } from '@braid/nodes';
import { createRegistry, defineNodeType } from '@braid/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createJourneyRuntime } from '../src/journeys/runtime';
import { startTestApi, type TestApi } from './helpers';

const brokenPoints = defineNodeType({
  id: 'broken-points',
  category: 'action',
  version: 1,
  label: { vi: 'Cộng điểm (hỏng)', en: 'Add points (broken)' },
  description: { vi: 'Một bước lỗi khi biên dịch.', en: 'A step that fails to compile.' },
  icon: 'star',
  configSchema: z.object({ points: z.number().int().positive() }),
  defaultConfig: { points: 10 },
  form: { points: { label: { vi: 'Số điểm', en: 'Points' }, widget: 'number' } },
  ports: [{ id: 'out', label: { vi: 'Tiếp theo', en: 'Next' } }],
  summary: (c) => ({ vi: `Cộng ${c.points} điểm`, en: `Add ${c.points} points` }),
  compile: () => {
    throw new Error('the loyalty service is not configured');
  },
});

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi((db) => ({
    registerRoutes: createJourneyRuntime({ db, client: null, registry: createRegistry([...builtinNodeTypes, brokenPoints]) }).registerRoutes,
  }));
});
afterAll(() => api.stop());

describe('a node type that throws while compiling', () => {
  it('is a 422 naming the step and the step type, and nothing is published', async () => {
    const graph = {
      nodes: [
        { id: 'ordered', type: 'trigger-event', typeVersion: 1, position: { x: 0, y: 0 }, config: { event: 'Order Completed', where: [], reentry: { mode: 'once' }, entryLimit: null } },
        { id: 'award', type: 'broken-points', typeVersion: 1, position: { x: 0, y: 120 }, config: { points: 50 } },
        { id: 'done', type: 'exit', typeVersion: 1, position: { x: 0, y: 240 }, config: { reason: 'Đã cộng điểm' } },
      ],
      edges: [
        { id: 'e1', source: 'ordered', sourcePort: 'out', target: 'award' },
        { id: 'e2', source: 'award', sourcePort: 'out', target: 'done' },
      ],
    };
    const created = await api.admin('/api/journeys', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Điểm thưởng', graph }) });
    expect(created.status, await created.clone().text()).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const res = await api.admin(`/api/journeys/${id}/publish`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: { code: string; details: { field: string; message: string }[] } };
    expect(body.error.code).toBe('journey_invalid');
    expect(body.error.details[0]).toMatchObject({ field: 'nodes.award', message: expect.stringContaining('"broken-points"') });
    expect(body.error.details[0]!.message).toContain('the loyalty service is not configured');
    const versions = await api.db.client.execute({ sql: 'SELECT count(*) AS n FROM journey_versions WHERE journey_id = ?', args: [id] });
    expect(Number(versions.rows[0]?.n)).toBe(0);
  });
});
