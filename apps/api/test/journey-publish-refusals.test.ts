// The journeys API refuses what cannot be published or saved, over real HTTP with the real
// validator and compiler (no Temporal needed: nobody enters a journey here).
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

const waitingForOrder = journeyGraph(
  [
    ['cart', 'trigger-event', { event: 'Cart Viewed', where: [], reentry: { mode: 'afterExit' }, entryLimit: null }],
    ['long-wait', 'wait-delay', { duration: days(3650) }],
    ['gave-up', 'exit', { reason: 'Never ordered' }],
    ['goal', 'goal', { event: 'Order Completed', where: [], window: days(36500), onConvert: 'exit' }],
  ],
  [
    ['cart', 'out', 'long-wait'],
    ['long-wait', 'out', 'gave-up'],
  ],
);

describe('journeys API: bad input', () => {
  it('describes the journeys API in the OpenAPI document', async () => {
    const doc = (await (await fetch(`${api.url}/api/openapi.json`)).json()) as { paths: Record<string, unknown> };
    for (const path of ['/api/journeys/{id}/publish', '/api/journeys/{id}/stats', '/api/journeys/{id}/customers/{customerId}/trace', '/api/outbox', '/api/segments', '/api/channel-settings/{channel}']) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
  });

  it('refuses to publish an invalid journey and lists every issue with its node id', async () => {
    const broken = journeyGraph(
      [
        ['t', 'trigger-event', { event: '', where: [], reentry: { mode: 'afterExit' }, entryLimit: null }],
        ['send', 'send-message', { channel: 'email', subject: '', body: '' }],
        ['orphan', 'wait-delay', { duration: days(1) }],
      ],
      [['t', 'out', 'send']],
    );
    const created = (await (await admin('/journeys', { method: 'POST', body: { name: 'Broken', graph: broken } })).json()) as { id: string };
    const res = await admin(`/journeys/${created.id}/publish`, { method: 'POST', body: {} });
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: { code: string; details: { nodeId: string | null; field: string; message: string }[] } };
    expect(body.error.code).toBe('journey_invalid');
    const nodes = new Set(body.error.details.map((d) => d.nodeId));
    expect(nodes).toEqual(new Set(['t', 'send', 'orphan']));
    expect(body.error.details.length).toBeGreaterThanOrEqual(4);
    const versions = (await (await admin(`/journeys/${created.id}/versions`)).json()) as { versions: unknown[] };
    expect(versions.versions).toHaveLength(0);
  });

  it('refuses an SMS step that does not say whether it is advertising (Decree 91), naming the step and nodes.<id>.smsPurpose in both languages', async () => {
    const withSms = (config: Record<string, unknown>) =>
      journeyGraph(
        [
          ['cart', 'trigger-event', { event: 'Cart Viewed', where: [], reentry: { mode: 'afterExit' }, entryLimit: null }],
          ['invite', 'send-message', { channel: 'sms', body: 'Hoa Ban Food mời anh ghé showroom Hàng Giấy', ...config }, 'SMS mời showroom'],
          ['done', 'exit', { reason: 'Invited' }],
        ],
        [
          ['cart', 'out', 'invite'],
          ['invite', 'out', 'done'],
        ],
      );
    const created = (await (await admin('/journeys', { method: 'POST', body: { name: 'SMS mời showroom', graph: withSms({}) } })).json()) as { id: string; draftRevision: number };
    const refused = await admin(`/journeys/${created.id}/publish`, { method: 'POST', body: {} });
    expect(refused.status).toBe(422);
    const { error } = (await refused.json()) as { error: { details: { nodeId: string | null; field: string; text?: { vi: string; en: string } }[] } };
    expect(error.details.map((d) => [d.nodeId, d.field])).toEqual([['invite', 'nodes.invite.smsPurpose']]);
    expect(error.details[0]!.text).toEqual({
      vi: '"SMS mời showroom": hãy chọn loại SMS (quảng cáo theo Nghị định 91, hoặc chăm sóc khách hàng) trước khi xuất bản',
      en: '"SMS mời showroom": pick the SMS kind (advertising under Decree 91, or customer care) before publishing',
    });
    const saved = await admin(`/journeys/${created.id}/draft`, { method: 'PUT', body: { revision: created.draftRevision, graph: withSms({ smsPurpose: 'advertising' }) } });
    expect(saved.status).toBe(200);
    expect((await admin(`/journeys/${created.id}/publish`, { method: 'POST', body: {} })).status).toBe(201);
  });

  it('refuses a stale draft save with 409', async () => {
    const created = (await (await admin('/journeys', { method: 'POST', body: { name: 'Draft' } })).json()) as { id: string; draftRevision: number };
    const first = await admin(`/journeys/${created.id}/draft`, { method: 'PUT', body: { revision: created.draftRevision, graph: waitingForOrder } });
    expect(first.status).toBe(200);
    const stale = await admin(`/journeys/${created.id}/draft`, { method: 'PUT', body: { revision: created.draftRevision, graph: waitingForOrder } });
    expect(stale.status).toBe(409);
    expect(((await stale.json()) as { error: { details: { field: string }[] } }).error.details[0]!.field).toBe('revision');
  });
});
