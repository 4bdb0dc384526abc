// The migration plan over real HTTP on a real libSQL file: the options the publish dialog shows
// (who waits where, the suggested mapping), and every plan that could not work refused with a
// 422 naming the steps — with nothing published; a plan travels with a publish request and
// lands in the audit log when it is published.
import { enrollments, journeyMigrations, newId, eq } from '@braid/db';
import { days, hours, journeyGraph } from '../../../packages/journey/fixtures/builder';
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

const cart = (coolingHours: number) =>
  journeyGraph(
    [
      ['start', 'trigger-event', { event: 'Cart Viewed', where: [], reentry: { mode: 'afterExit' }, entryLimit: null }, 'Xem giỏ hàng'],
      ['order', 'wait-for-event', { event: 'Order Completed', where: [], timeout: days(1) }, 'Chờ đơn hàng'],
      ['cool', 'wait-delay', { duration: hours(coolingHours) }, 'Nghỉ một chút'],
      ['thanks', 'send-message', { channel: 'email', subject: 'Cảm ơn', body: 'Cảm ơn bạn' }, 'Email cảm ơn'],
      ['done', 'exit', { reason: 'done' }],
    ],
    [
      ['start', 'out', 'order'],
      ['order', 'happened', 'cool'],
      ['order', 'timedOut', 'done'],
      ['cool', 'out', 'thanks'],
      ['thanks', 'out', 'done'],
    ],
  );

async function enrol(journeyId: string, version: number, nodeId: string, n: number) {
  const [ws] = (await api.db.client.execute('SELECT workspace_id FROM journeys WHERE id = ?', [journeyId])).rows;
  const now = Date.now();
  await api.db.db.insert(enrollments).values(
    Array.from({ length: n }, (_, i) => ({
      id: newId(now + i),
      workspaceId: String(ws!.workspace_id),
      journeyId,
      version,
      customerId: `c-${nodeId}-${i}-${Math.random()}`,
      workflowId: `wf-${Math.random()}`,
      status: 'active' as const,
      currentNode: nodeId,
      enteredAt: now,
    })),
  );
}

describe('migration plan', () => {
  let id: string;
  beforeAll(async () => {
    id = (await call('POST', '/api/journeys', { name: 'Giỏ hàng', graph: cart(4) })).json.id;
    expect((await call('POST', `/api/journeys/${id}/publish`, { note: 'v1' })).status).toBe(201);
    await enrol(id, 1, 'order', 3);
    await enrol(id, 1, 'cool', 2);
    const j = await call('GET', `/api/journeys/${id}`);
    expect((await call('PUT', `/api/journeys/${id}/draft`, { revision: j.json.draftRevision, graph: cart(6) })).status).toBe(200);
  });

  it('shows who waits where in each version, the steps they could move to and the suggested mapping', async () => {
    const r = await call('GET', `/api/journeys/${id}/migration-plan`);
    expect(r.status).toBe(200);
    expect(r.json.toVersion).toBe(2);
    expect(r.json.ready).toBe(true);
    expect(r.json.targets).toEqual([
      { stepId: 'order', label: 'Chờ đơn hàng', type: 'wait-for-event', waits: 'event' },
      { stepId: 'cool', label: 'Nghỉ một chút', type: 'wait-delay', waits: 'timer' },
    ]);
    expect(r.json.versions).toEqual([
      {
        version: 1,
        customers: 5,
        steps: [
          { stepId: 'order', label: 'Chờ đơn hàng', type: 'wait-for-event', waits: 'event', customers: 3, suggested: 'order' },
          { stepId: 'cool', label: 'Nghỉ một chút', type: 'wait-delay', waits: 'timer', customers: 2, suggested: 'cool' },
        ],
      },
    ]);
  });

  it('refuses a plan onto a send, a trigger, a missing step or across kinds of waiting, naming the steps; nothing is published', async () => {
    const r = await call('POST', `/api/journeys/${id}/publish`, {
      note: 'v2',
      migration: { versions: [{ version: 1, action: 'move', steps: { order: 'thanks', cool: 'start' } }] },
    });
    expect(r.status).toBe(422);
    expect(r.json.error.code).toBe('migration_invalid');
    expect(r.json.error.details).toEqual([
      expect.objectContaining({ field: 'migration.versions.0.steps.order', message: expect.stringContaining('"Chờ đơn hàng" (version 1) → "Email cảm ơn": "Email cảm ơn" is a send or action step, not a wait') }),
      expect.objectContaining({ field: 'migration.versions.0.steps.cool', message: expect.stringContaining('"Xem giỏ hàng" is the trigger') }),
    ]);

    const across = await call('POST', `/api/journeys/${id}/publish`, { migration: { versions: [{ version: 1, action: 'move', steps: { order: 'cool', cool: 'gone' } }] } });
    expect(across.status).toBe(422);
    expect(across.json.error.details.map((d: Json) => d.message)).toEqual([
      expect.stringContaining('"Chờ đơn hàng" waits for an event and "Nghỉ một chút" waits on a clock'),
      expect.stringContaining('"gone" does not exist in the new version'),
    ]);

    const versions = await call('POST', `/api/journeys/${id}/publish`, {
      migration: { versions: [{ version: 7, action: 'move', steps: {} }, { version: 1, action: 'stay' }, { version: 1, action: 'stay' }] },
    });
    expect(versions.status).toBe(422);
    expect(versions.json.error.details.map((d: Json) => d.field)).toEqual(['migration.versions.0.version', 'migration.versions.2.version']);

    // A malformed plan is a 400 naming the field.
    const malformed = await call('POST', `/api/journeys/${id}/publish`, { migration: { versions: [{ version: 1, action: 'teleport' }] } });
    expect(malformed.status).toBe(400);
    expect(malformed.json.error.details[0].field).toBe('migration.versions.0.action');

    // Nothing was published by any of them.
    expect((await call('GET', `/api/journeys/${id}`)).json.activeVersion).toBe(1);
    expect((await call('GET', `/api/journeys/${id}/versions`)).json.versions).toHaveLength(1);
  });

  it('a publish request with an impossible plan is refused too; a good one travels with it, and publishing records the migration', async () => {
    const j = await call('GET', `/api/journeys/${id}`);
    const bad = await call('POST', `/api/journeys/${id}/publish-requests`, { revision: j.json.draftRevision, migration: { versions: [{ version: 1, action: 'move', steps: { cool: 'thanks' } }] } });
    expect(bad.status).toBe(422);
    expect(bad.json.error.details[0].message).toContain('"Nghỉ một chút" (version 1) → "Email cảm ơn"');

    const plan = { versions: [{ version: 1, action: 'move', steps: { order: 'order', cool: 'cool' } }] };
    const requested = await call('POST', `/api/journeys/${id}/publish-requests`, { revision: j.json.draftRevision, note: 'v2 với kế hoạch', migration: plan });
    expect(requested.status).toBe(201);
    expect(requested.json.migrationPlan).toEqual(plan);

    const approved = await call('POST', `/api/journeys/${id}/publish-requests/${requested.json.id}/approve`, { comment: 'OK' });
    expect(approved.status).toBe(200);
    expect(approved.json.published.version).toBe(2);
    const migrationId = approved.json.published.migrationId as string;
    expect(migrationId).toEqual(expect.any(String));
    const [row] = await api.db.db.select().from(journeyMigrations).where(eq(journeyMigrations.id, migrationId));
    expect(row).toMatchObject({ toVersion: 2, plan: { '1': { order: 'order', cool: 'cool' } } });
    // No runtime in this API: the version is live, and the migration says why it did not run.
    expect(row).toMatchObject({ status: 'failed', error: 'the journey runtime is not connected' });

    const listed = await call('GET', `/api/journeys/${id}/migrations`);
    expect(listed.json.migrations).toEqual([expect.objectContaining({ id: migrationId, toVersion: 2, status: 'failed', signalled: 0, moved: 0 })]);

    const audit = await call('GET', `/api/audit?journeyId=${id}`);
    const actions = (audit.json.entries as Json[]).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['publish.requested', 'publish.approved', 'journey.published', 'journey.migrated']));
    const migrated = (audit.json.entries as Json[]).find((e) => e.action === 'journey.migrated')!;
    expect(migrated.details).toEqual({ version: 2, plan: { '1': { order: 'order', cool: 'cool' } } });
  });
});
