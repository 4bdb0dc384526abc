// The trace's deep link into the Temporal Web UI: which UI (the configured one, the embedded dev
// server's, or none for a remote cluster), and the link the trace of a real enrollment row carries.
import { enrollments, newId } from '@braid/db';
import { welcomeSeries } from '@braid/journey/fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJourneyRuntime } from '../src/journeys';
import { temporalUiBase, temporalWorkflowLinks } from '../src/temporal-ui/link';
import { startTestApi, type TestApi } from './helpers';

describe('which Temporal Web UI', () => {
  it('the configured one, else the embedded dev server’s on 127.0.0.1, else none', () => {
    expect(temporalUiBase({ BRAID_TEMPORAL_UI_URL: 'https://cloud.temporal.io/' })).toBe('https://cloud.temporal.io');
    expect(temporalUiBase({ BRAID_TEMPORAL_UI_URL: '', TEMPORAL_ADDRESS: '127.0.0.1:7233' })).toBeNull();
    expect(temporalUiBase({})).toBe('http://127.0.0.1:8233');
    expect(temporalUiBase({ TEMPORAL_ADDRESS: '127.0.0.1:7300' })).toBe('http://127.0.0.1:8300');
    expect(temporalUiBase({ TEMPORAL_ADDRESS: 'localhost:7233', TEMPORAL_UI_PORT: '9000' })).toBe('http://127.0.0.1:9000');
    expect(temporalUiBase({ TEMPORAL_ADDRESS: 'my-ns.a1b2c.tmprl.cloud:7233' })).toBeNull();
    const link = temporalWorkflowLinks({ TEMPORAL_NAMESPACE: 'shop', BRAID_TEMPORAL_UI_URL: 'http://temporal.internal:8080' });
    expect(link('journey:J1:customer:C1')).toBe('http://temporal.internal:8080/namespaces/shop/workflows/journey%3AJ1%3Acustomer%3AC1');
  });
});

describe('the trace', () => {
  let api: TestApi;
  const saved = process.env.BRAID_TEMPORAL_UI_URL;
  beforeAll(async () => {
    process.env.BRAID_TEMPORAL_UI_URL = 'http://127.0.0.1:8299';
    api = await startTestApi((db) => ({ registerRoutes: createJourneyRuntime({ db, client: null }).registerRoutes }));
  });
  afterAll(async () => {
    if (saved === undefined) delete process.env.BRAID_TEMPORAL_UI_URL;
    else process.env.BRAID_TEMPORAL_UI_URL = saved;
    await api.stop();
  });

  it('links each enrollment to its workflow in the Temporal Web UI', async () => {
    const res = await api.admin('/api/journeys', { method: 'POST', body: JSON.stringify({ name: 'Welcome', graph: welcomeSeries }) });
    const journey = (await res.json()) as { id: string };
    await api.post('/v1/identify', { userId: 'toan', traits: { email: 'toan@example.vn' } });
    const [customer] = (await api.db.client.execute("SELECT id, workspace_id FROM customers LIMIT 1")).rows;
    const customerId = String(customer!.id);
    // The row the router writes when it enrols (workflow id per docs/ARCHITECTURE.md).
    await api.db.db.insert(enrollments).values({
      id: newId(), workspaceId: String(customer!.workspace_id), journeyId: journey.id, version: 1, customerId,
      workflowId: `journey:${journey.id}:customer:${customerId}`, status: 'active', currentNode: 'wait-2-days', enteredAt: Date.now(),
    });
    const trace = (await (await api.admin(`/api/journeys/${journey.id}/customers/${customerId}/trace`)).json()) as { enrollments: { temporalUrl: string | null }[] };
    expect(trace.enrollments.map((e) => e.temporalUrl)).toEqual([
      `http://127.0.0.1:8299/namespaces/${encodeURIComponent(process.env.TEMPORAL_NAMESPACE || 'default')}/workflows/${encodeURIComponent(`journey:${journey.id}:customer:${customerId}`)}`,
    ]);
  });
});
