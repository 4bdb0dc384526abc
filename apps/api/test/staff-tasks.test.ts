// The task inbox over real HTTP on a real libSQL file: tasks journeys made, listed per
// workspace with the customer and the step that made them; claim; complete with an outcome,
// which becomes the customer's `Staff Task Completed` event, stored and handed to routing.
import { newId, staffTasks } from '@braid/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IngestedEvent } from '../src/app';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestApi, type TestApi } from './helpers';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let api: TestApi;
const routed: IngestedEvent[] = [];
beforeAll(async () => {
  api = await startTestApi({ onEventsIngested: (events) => void routed.push(...events) });
});
afterAll(() => api.stop());

async function call(method: string, path: string, body?: unknown, init: { token?: string; cookie?: string } = {}) {
  const headers: Record<string, string> = {};
  if (init.cookie) {
    headers.cookie = init.cookie;
    headers.origin = api.url;
  }
  const res = await api.admin(path, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}), ...(init.cookie ? { token: '' } : init.token ? { token: init.token } : {}) });
  return { status: res.status, body: (await res.json()) as Json };
}

async function login(email: string, password: string): Promise<string> {
  const res = await fetch(`${api.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  expect(res.status).toBe(200);
  return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
}

let workspaceId: string;
let toan: string;
const taskIds: string[] = [];

async function seedTask(ws: string, customerId: string, title: string, extra: Partial<typeof staffTasks.$inferInsert> = {}) {
  const now = Date.now();
  const id = newId(now);
  await api.db.db.insert(staffTasks).values({ id, workspaceId: ws, customerId, kind: 'call', title, note: 'Khách hỏi mật ong rừng', dueAt: now + 86_400_000, idempotencyKey: `test:${id}`, createdAt: now, ...extra });
  return id;
}

beforeAll(async () => {
  await api.post('/v1/identify', { userId: 'toan-thi', traits: { firstName: 'Toán', lastName: 'Trần Thị', phone: '0912345678' } });
  const r = await api.db.client.execute("SELECT customer_id, workspace_id FROM customer_identities WHERE type = 'user_id' AND value = 'toan-thi'");
  toan = String(r.rows[0]!.customer_id);
  workspaceId = String(r.rows[0]!.workspace_id);
  // A published journey with a named step, as the worker's "create a staff task" leaves it.
  const now = Date.now();
  await api.db.client.execute({ sql: "INSERT INTO journeys (id, workspace_id, name, status, draft_graph, active_version, created_at, updated_at) VALUES ('j_hotline', ?, 'Khách gọi hotline', 'active', '{}', 1, ?, ?)", args: [workspaceId, now, now] });
  await api.db.client.execute({
    sql: "INSERT INTO journey_versions (id, journey_id, workspace_id, version, ir, graph, created_at) VALUES ('jv_hotline_1', 'j_hotline', ?, 1, '{}', ?, ?)",
    args: [workspaceId, JSON.stringify({ nodes: [{ id: 'call', type: 'create-staff-task', label: 'Gọi cho khách', typeVersion: 1, config: {}, position: { x: 0, y: 0 } }], edges: [] }), now],
  });
  taskIds.push(await seedTask(workspaceId, toan, 'Gọi cho Toán', { journeyId: 'j_hotline', journeyVersion: 1, nodeId: 'call', assignee: 'hotline' }));
  taskIds.push(await seedTask(workspaceId, toan, 'Mời Toán đến showroom', { kind: 'showroomInvite', assignee: ADMIN_EMAIL }));
});

describe('the task inbox', () => {
  it('lists open tasks with the customer and why (journey and step name)', async () => {
    const { status, body } = await call('GET', '/api/staff-tasks');
    expect(status).toBe(200);
    expect(body.tasks.map((t: Json) => t.title)).toEqual(['Gọi cho Toán', 'Mời Toán đến showroom']);
    expect(body.tasks[0]).toMatchObject({
      kind: 'call',
      status: 'open',
      assignee: 'hotline',
      customer: { id: toan, name: 'Toán Trần Thị', phone: '+84912345678' },
      why: { journeyId: 'j_hotline', journeyName: 'Khách gọi hotline', version: 1, nodeId: 'call', stepName: 'Gọi cho khách' },
      claimedBy: null,
      outcome: null,
    });
    expect(body.tasks[0].dueAt).toBeGreaterThan(Date.now());
  });

  it('says when the customer’s stay in that journey has ended meanwhile (they bought: no need to call)', async () => {
    expect((await call('GET', `/api/staff-tasks/${taskIds[0]}`)).body.why.journeyStatus).toBeNull();
    const entered = Date.now() - 60_000;
    await api.db.client.execute({
      sql: "INSERT INTO enrollments (id, workspace_id, journey_id, version, customer_id, workflow_id, status, current_node, entered_at) VALUES ('enr_toan', ?, 'j_hotline', 1, ?, 'wf', 'active', 'answer', ?)",
      args: [workspaceId, toan, entered],
    });
    expect((await call('GET', `/api/staff-tasks/${taskIds[0]}`)).body.why.journeyStatus).toBe('active');
    await api.db.client.execute("UPDATE enrollments SET status = 'converted' WHERE id = 'enr_toan'");
    expect((await call('GET', `/api/staff-tasks/${taskIds[0]}`)).body.why.journeyStatus).toBe('converted');
  });

  it('shows a staff member only their own workspace’s tasks, and lets nobody else touch them', async () => {
    const other = await call('POST', '/api/workspaces', { name: 'Another shop' });
    const token = other.body.adminToken as string;
    expect((await call('GET', '/api/staff-tasks?filter=all', undefined, { token })).body.tasks).toEqual([]);
    expect((await call('GET', `/api/staff-tasks/${taskIds[0]}`, undefined, { token })).status).toBe(404);
    expect((await call('POST', `/api/staff-tasks/${taskIds[0]}/claim`, undefined, { token })).status).toBe(404);
    expect((await call('POST', `/api/staff-tasks/${taskIds[0]}/complete`, { outcome: 'booked' }, { token })).status).toBe(404);
  });

  it('"mine" holds the tasks assigned to my email and those I claimed', async () => {
    const cookie = await login(ADMIN_EMAIL, ADMIN_PASSWORD);
    const mine = await call('GET', '/api/staff-tasks?filter=mine', undefined, { cookie });
    expect(mine.body.tasks.map((t: Json) => t.title)).toEqual(['Mời Toán đến showroom']);
    const claimed = await call('POST', `/api/staff-tasks/${taskIds[0]}/claim`, {}, { cookie });
    expect(claimed.status).toBe(200);
    expect(claimed.body.claimedBy.label).toBe(ADMIN_EMAIL);
    const after = await call('GET', '/api/staff-tasks?filter=mine', undefined, { cookie });
    expect(after.body.tasks.map((t: Json) => t.title)).toEqual(['Gọi cho Toán', 'Mời Toán đến showroom']);
    // Claimed by someone else: an admin token is another person.
    expect((await call('POST', `/api/staff-tasks/${taskIds[0]}/claim`, {})).status).toBe(409);
    expect((await call('POST', `/api/staff-tasks/${taskIds[0]}/complete`, { outcome: 'booked' })).status).toBe(409);
  });

  it('completing with an outcome closes the task and gives the customer a Staff Task Completed event', async () => {
    const cookie = await login(ADMIN_EMAIL, ADMIN_PASSWORD);
    routed.length = 0;
    const done = await call('POST', `/api/staff-tasks/${taskIds[0]}/complete`, { outcome: 'booked', note: 'Hẹn thứ bảy đến showroom' }, { cookie });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'done', outcome: 'booked', outcomeNote: 'Hẹn thứ bảy đến showroom', completedBy: { label: ADMIN_EMAIL } });
    const ev = await api.db.client.execute("SELECT customer_id, properties, context FROM events WHERE name = 'Staff Task Completed'");
    expect(ev.rows).toHaveLength(1);
    expect(ev.rows[0]!.customer_id).toBe(toan);
    expect(JSON.parse(String(ev.rows[0]!.properties))).toEqual({ outcome: 'booked', taskId: taskIds[0], journeyId: 'j_hotline', kind: 'call', note: 'Hẹn thứ bảy đến showroom' });
    // Handed to routing with its durable intent, like an ingested event.
    expect(routed).toHaveLength(1);
    expect(routed[0]).toMatchObject({ customerId: toan, event: { name: 'Staff Task Completed' }, intentId: expect.any(String) });
    expect((await call('GET', '/api/staff-tasks?filter=done')).body.tasks.map((t: Json) => t.id)).toEqual([taskIds[0]]);
    expect((await call('GET', '/api/staff-tasks')).body.tasks.map((t: Json) => t.id)).toEqual([taskIds[1]]);
  });

  it('refuses a second completion and names a bad outcome, writing nothing', async () => {
    const again = await call('POST', `/api/staff-tasks/${taskIds[0]}/complete`, { outcome: 'reached' });
    expect(again.status).toBe(409);
    const bad = await call('POST', `/api/staff-tasks/${taskIds[1]}/complete`, { outcome: 'maybe', note: 5 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: Json) => d.field).sort()).toEqual(['note', 'outcome']);
    expect((await call('GET', `/api/staff-tasks/${taskIds[1]}`)).body.status).toBe('open');
    const ev = await api.db.client.execute("SELECT count(*) AS n FROM events WHERE name = 'Staff Task Completed'");
    expect(Number(ev.rows[0]!.n)).toBe(1);
    expect((await call('GET', '/api/staff-tasks?filter=everything')).status).toBe(400);
  });
});
