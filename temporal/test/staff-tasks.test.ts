// Staff tasks on the real Temporal dev server: a journey asks the hotline to call the customer,
// waits for `Staff Task Completed`, and continues on the branch of the outcome the staff member
// reported through the task inbox API.
import { and, asc, customers, eq, stepLog } from '@braid/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { days, journeyGraph } from '../../packages/journey/fixtures/builder';
import { eventually, startStack, type Stack } from './harness';
import { customerIdOf, enrollmentOf } from './journey-api';

/** A day lasts ten seconds: long enough for the test's API calls, short enough for timeouts. */
const DAY_MS = 10_000;
let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ timeScale: DAY_MS / 86_400_000 });
  await stack.startWorker('inProcess');
});
afterAll(async () => {
  await stack?.stop();
});

const hotline = journeyGraph(
  [
    ['hotline', 'trigger-event', { event: 'Hotline Called', where: [], reentry: { mode: 'afterExit' }, entryLimit: null }, 'Khách gọi hotline'],
    ['call', 'create-staff-task', { kind: 'call', title: 'Gọi cho {{ customer.firstName }}', note: 'Khách hỏi mật ong rừng', assignee: 'hotline', dueIn: days(1), onFailure: 'continue' }, 'Gọi lại cho khách'],
    ['answer', 'wait-for-event', { event: 'Staff Task Completed', where: [], timeout: days(30) }, 'Chờ kết quả cuộc gọi'],
    ['booked', 'condition-event-count', { event: 'Staff Task Completed', where: [{ path: 'outcome', op: 'equals', value: 'booked' }], op: 'greaterOrEqual', count: 1, within: days(1) }, 'Đã hẹn đến showroom?'],
    ['mark-booked', 'update-profile', { set: { showroomVisit: 'booked' }, unset: [], onFailure: 'continue' }, 'Ghi nhận lịch hẹn'],
    ['mark-declined', 'update-profile', { set: { showroomVisit: 'declined' }, unset: [], onFailure: 'continue' }, 'Ghi nhận từ chối'],
    ['exit-booked', 'exit', { reason: 'Booked a showroom visit' }],
    ['exit-declined', 'exit', { reason: 'Not now' }],
    ['exit-silent', 'exit', { reason: 'No outcome reported' }],
  ],
  [
    ['hotline', 'out', 'call'],
    ['call', 'out', 'answer'],
    ['answer', 'happened', 'booked'],
    ['answer', 'timedOut', 'exit-silent'],
    ['booked', 'yes', 'mark-booked'],
    ['booked', 'no', 'mark-declined'],
    ['mark-booked', 'out', 'exit-booked'],
    ['mark-declined', 'out', 'exit-declined'],
  ],
);

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function taskFor(customerId: string): Promise<Json | undefined> {
  const res = await stack.admin('/staff-tasks?filter=open');
  const body = (await res.json()) as { tasks: Json[] };
  return body.tasks.find((t) => t.customer.id === customerId);
}

async function visited(enrollmentId: string): Promise<string[]> {
  const rows = await stack.db.db
    .select({ nodeId: stepLog.nodeId })
    .from(stepLog)
    .where(and(eq(stepLog.enrollmentId, enrollmentId), eq(stepLog.outcome, 'entered')))
    .orderBy(asc(stepLog.at), asc(stepLog.id));
  return rows.map((r) => r.nodeId);
}

let journeyId: string;

describe('a call task for the hotline', () => {
  beforeAll(async () => {
    const created = await stack.admin('/journeys', { method: 'POST', body: { name: 'Khách gọi hotline', graph: hotline } });
    expect(created.status).toBe(201);
    journeyId = ((await created.json()) as { id: string }).id;
    const published = await stack.admin(`/journeys/${journeyId}/publish`, { method: 'POST', body: { note: 'hotline' } });
    expect(published.status, await published.clone().text()).toBe(201);
  });

  it.each([
    ['toan', 'Toán', 'booked', 'mark-booked', 'exit-booked'],
    ['thu', 'Thu', 'notInterested', 'mark-declined', 'exit-declined'],
  ] as const)('%s: the journey waits for the outcome and follows its branch (%s)', async (userId, firstName, outcome, step, exit) => {
    expect((await stack.identify(userId, { firstName, phone: userId === 'toan' ? '0912345678' : '0987654321' })).status).toBe(200);
    expect((await stack.track(userId, 'Hotline Called', { topic: 'mật ong rừng' })).status).toBe(200);
    const customerId = await customerIdOf(stack.db, userId);

    // The step lands in the inbox with the customer and why.
    const task = await eventually(() => taskFor(customerId), 30_000, 'the call task in the inbox');
    expect(task).toMatchObject({ kind: 'call', title: `Gọi cho ${firstName}`, note: 'Khách hỏi mật ong rừng', assignee: 'hotline', why: { journeyId, journeyName: 'Khách gọi hotline', nodeId: 'call', stepName: 'Gọi lại cho khách' } });
    await eventually(async () => (await enrollmentOf(stack.db, journeyId, customerId))?.currentNode === 'answer', 30_000, 'the journey waiting for the outcome');

    expect((await stack.admin(`/staff-tasks/${task.id}/claim`, { method: 'POST', body: {} })).status).toBe(200);
    const done = await stack.admin(`/staff-tasks/${task.id}/complete`, { method: 'POST', body: { outcome, note: 'Đã gọi' } });
    expect(done.status, await done.clone().text()).toBe(200);

    const finished = await eventually(async () => {
      const e = await enrollmentOf(stack.db, journeyId, customerId);
      return e && e.status !== 'active' ? e : undefined;
    }, 60_000, 'the journey to continue and finish');
    const path = await visited(finished.id);
    expect(path).toEqual(['call', 'answer', 'booked', step, exit]);
    const [profile] = await stack.db.db.select({ traits: customers.traits }).from(customers).where(eq(customers.id, customerId));
    expect(profile!.traits).toMatchObject({ showroomVisit: outcome === 'booked' ? 'booked' : 'declined' });
  });
});
