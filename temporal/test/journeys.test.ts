// The Hoa Ban Food journey end to end over HTTP, the simulator's prediction, goals, and bad input.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { temporal } from '@temporalio/proto';
import { and, enrollments, eq, journeys, messages, stepLog } from '@braid/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { days, journeyGraph } from '../../packages/journey/fixtures/builder';
import { currentNodeQuery, journeyWorkflowId } from '../src/workflows/contract';
import { DATE_TRIGGER_SCHEDULE_ID, ensureDateTriggerSchedule } from '../src/date-triggers/schedule';
import { eventually, startStack, type Stack } from './harness';
import { walkToanThroughHoaBan } from './hoa-ban-walk';
import { customerIdOf, enrollmentOf, publishJourney } from './journey-api';

/** A day lasts a quarter of a second: the whole Hoa Ban path takes seconds. */
const DAY_MS = 250;
let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ timeScale: DAY_MS / 86_400_000 });
  await stack.startWorker('inProcess');
});
afterAll(async () => {
  // RECORD_HISTORIES=1 refreshes the replay fixtures from this run; RECORD_HISTORIES=<prefix> adds
  // a set beside them (see replay.test.ts).
  try {
    if (process.env.RECORD_HISTORIES && stack) await recordHistories(stack);
  } finally {
    await stack?.stop();
  }
});

async function recordHistories(s: Stack): Promise<void> {
  const dir = fileURLToPath(new URL('./fixtures/histories/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  const names = new Map((await s.db.db.select({ id: journeys.id, name: journeys.name }).from(journeys)).map((j) => [j.id, j.name]));
  for await (const wf of s.client.workflow.list({ query: "WorkflowType = 'journeyWorkflow'" })) {
    const journeyId = wf.workflowId.split(':')[1] ?? '';
    const slug = (names.get(journeyId) ?? journeyId).normalize('NFD').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').toLowerCase();
    // Binary protobuf: proto-JSON would need the SDK's JSON converter, which trips over the two
    // protobufjs copies this install has (see replay.test.ts).
    const history = await s.client.workflow.getHandle(wf.workflowId, wf.runId).fetchHistory();
    // RECORD_HISTORIES=<prefix> keeps the histories of older workflow code beside the new ones.
    const prefix = process.env.RECORD_HISTORIES === '1' ? '' : `${process.env.RECORD_HISTORIES}-`;
    writeFileSync(join(dir, `${prefix}${slug}.history.bin`), temporal.api.history.v1.History.encode(history).finish());
  }
}

describe('Hoa Ban Food', () => {
  it('runs from ingested events along the path the simulator predicts', async () => {
    const { id, customerId, done, entered, predicted, sent } = await walkToanThroughHoaBan(stack, DAY_MS);
    expect(done.status).toBe('completed');
    expect(entered).toEqual(predicted);

    expect(sent.map((m) => m.channel)).toEqual(['email', 'sms']);
    expect(sent[0]!.subject).toBe('Hoa Ban Food xin chào anh Toản');
    expect(sent[0]!.body).toMatch(/Nhập mã HOABAN[0-9A-F]+ để được giảm/);
    expect(sent[0]!.body).toContain('2 Thịt trâu gác bếp');
    expect(sent[1]!.recipient).toBe('+84912345678');

    const trace = (await (await stack.admin(`/journeys/${id}/customers/${customerId}/trace`)).json()) as {
      enrollments: { steps: { nodeId: string; outcome: string; reason: string | null }[]; messages: unknown[] }[];
    };
    expect(trace.enrollments[0]!.messages).toHaveLength(2);
    expect(trace.enrollments[0]!.steps.find((s) => s.nodeId === 'in-hanoi' && s.outcome === 'left')?.reason).toMatch(/→ yes/);
  });
});

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

describe('goals and signals', () => {
  it('a goal event takes a waiting customer out of the journey', async () => {
    const { id } = await publishJourney(stack, 'Waiting for an order', waitingForOrder);
    await stack.identify('linh', { firstName: 'Linh' });
    await stack.track('linh', 'Cart Viewed');
    const customerId = await customerIdOf(stack.db, 'linh');
    await eventually(async () => (await enrollmentOf(stack.db, id, customerId))?.currentNode === 'long-wait', 30_000, 'the customer waiting');
    const sentAt = Date.now();
    await stack.track('linh', 'Order Completed', { total: 500_000 });
    const e = await eventually(async () => {
      const row = await enrollmentOf(stack.db, id, customerId);
      return row?.status === 'converted' ? row : undefined;
    }, 30_000, 'the conversion');
    // Reported, not asserted (no wall-time assertions): the bench measures this under load.
    console.info(`goal event → enrollment converted in ${e.finishedAt! - sentAt} ms`);
    const handle = stack.client.workflow.getHandle(journeyWorkflowId(id, customerId));
    expect((await handle.describe()).status.name).toBe('COMPLETED');
  });

  it('an event for a workflow that is gone is a recorded outcome, not a crash', async () => {
    const { id } = await publishJourney(stack, 'Terminated one', {
      ...waitingForOrder,
      nodes: waitingForOrder.nodes.map((n) => (n.id === 'cart' ? { ...n, config: { ...(n.config as object), event: 'Wishlist Added' } } : n)),
    });
    await stack.track('minh', 'Wishlist Added');
    const customerId = await customerIdOf(stack.db, 'minh');
    await eventually(async () => (await enrollmentOf(stack.db, id, customerId))?.currentNode === 'long-wait', 30_000, 'the customer waiting');
    await stack.client.workflow.getHandle(journeyWorkflowId(id, customerId)).terminate('test: gone');
    const before = stack.routed.length;
    expect((await stack.track('minh', 'Order Completed')).status).toBe(200);
    const outcome = await eventually(async () => stack.routed.slice(before).find((o) => o.journeyId === id && o.customerId === customerId), 10_000, 'the routing outcome');
    expect(outcome.kind).toBe('signalFailed');
    expect((await enrollmentOf(stack.db, id, customerId))?.status).toBe('failed');
  });
});

describe('lifecycle', () => {
  it('pause stops new entries and holds customers before their next send; resume lets them go', async () => {
    const { id } = await publishJourney(stack, 'Pause and resume', journeyGraph(
      [
        ['t', 'trigger-event', { event: 'Quote Requested', where: [], reentry: { mode: 'afterExit' }, entryLimit: null }],
        ['wait', 'wait-delay', { duration: days(4) }],
        ['sms', 'send-message', { channel: 'sms', smsPurpose: 'customer_care', body: 'Báo giá đã sẵn sàng' }],
        ['x', 'exit', { reason: 'quoted' }],
      ],
      [
        ['t', 'out', 'wait'],
        ['wait', 'out', 'sms'],
        ['sms', 'out', 'x'],
      ],
    ));
    await stack.identify('quynh', { phone: '+84911111111' });
    await stack.track('quynh', 'Quote Requested');
    const customerId = await customerIdOf(stack.db, 'quynh');
    await eventually(async () => (await enrollmentOf(stack.db, id, customerId))?.currentNode === 'wait', 30_000, 'the customer waiting');
    expect((await stack.admin(`/journeys/${id}/pause`, { method: 'POST' })).status).toBe(200);

    // Held: the 1-second wait ends, but the SMS waits for resume.
    const handle = stack.client.workflow.getHandle(journeyWorkflowId(id, customerId));
    await eventually(async () => (await handle.query(currentNodeQuery)).status === 'held', 30_000, 'the customer held');
    expect(await stack.db.db.select().from(messages).where(eq(messages.journeyId, id))).toHaveLength(0);
    // No new entries while paused.
    await stack.identify('quang', { phone: '+84922222222' });
    await stack.track('quang', 'Quote Requested');
    expect(await enrollmentOf(stack.db, id, await customerIdOf(stack.db, 'quang'))).toBeUndefined();

    expect((await stack.admin(`/journeys/${id}/resume`, { method: 'POST' })).status).toBe(200);
    await eventually(async () => (await enrollmentOf(stack.db, id, customerId))?.status === 'completed', 30_000, 'the customer released');
    expect(await stack.db.db.select().from(messages).where(eq(messages.journeyId, id))).toHaveLength(1);
  });

  it('a purchase while a customer is held by a pause converts them, and nothing is sent after resume', async () => {
    const { id } = await publishJourney(stack, 'Pause then purchase', journeyGraph(
      [
        ['t', 'trigger-event', { event: 'Quote Requested', where: [], reentry: { mode: 'afterExit' }, entryLimit: null }],
        ['wait', 'wait-delay', { duration: days(4) }],
        ['sms', 'send-message', { channel: 'sms', smsPurpose: 'customer_care', body: 'Báo giá đã sẵn sàng' }],
        ['x', 'exit', { reason: 'quoted' }],
        ['goal', 'goal', { event: 'Order Completed', where: [], window: days(30), onConvert: 'exit' }],
      ],
      [
        ['t', 'out', 'wait'],
        ['wait', 'out', 'sms'],
        ['sms', 'out', 'x'],
      ],
    ));
    await stack.identify('phuong', { phone: '+84933333333' });
    await stack.track('phuong', 'Quote Requested');
    const customerId = await customerIdOf(stack.db, 'phuong');
    await eventually(async () => (await enrollmentOf(stack.db, id, customerId))?.currentNode === 'wait', 30_000, 'the customer waiting');
    expect((await stack.admin(`/journeys/${id}/pause`, { method: 'POST' })).status).toBe(200);
    const handle = stack.client.workflow.getHandle(journeyWorkflowId(id, customerId));
    await eventually(async () => (await handle.query(currentNodeQuery)).status === 'held', 30_000, 'the customer held');

    expect((await stack.track('phuong', 'Order Completed', { total: 350_000 })).status).toBe(200);
    expect((await stack.admin(`/journeys/${id}/resume`, { method: 'POST' })).status).toBe(200);
    const e = await eventually(async () => {
      const row = await enrollmentOf(stack.db, id, customerId);
      return row?.status === 'converted' ? row : undefined;
    }, 30_000, 'the conversion during the pause');
    expect(e.status).toBe('converted');
    // The enrollment row says converted as the workflow records it; the run closes just after.
    await eventually(async () => ((await handle.describe()).status.name === 'COMPLETED' ? true : undefined), 30_000, 'the run completed');
    expect(await stack.db.db.select().from(messages).where(eq(messages.journeyId, id))).toHaveLength(0);
    const steps = await stack.db.db.select().from(stepLog).where(eq(stepLog.journeyId, id));
    expect(steps.some((s) => s.outcome === 'converted')).toBe(true);
    expect(steps.filter((s) => s.nodeId === 'sms').map((s) => s.outcome)).not.toContain('sent');
  });
});

describe('date triggers', () => {
  it('the schedule enrols a customer on their birthday, once per occurrence', async () => {
    // "Today at the current minute" in Hà Nội, so the occurrence is due now.
    const local = new Date(Date.now() + 7 * 3_600_000 - 60_000);
    const atTime = `${String(local.getUTCHours()).padStart(2, '0')}:${String(local.getUTCMinutes()).padStart(2, '0')}`;
    const birthday = `1990-${String(local.getUTCMonth() + 1).padStart(2, '0')}-${String(local.getUTCDate()).padStart(2, '0')}`;
    const { id } = await publishJourney(stack, 'Birthday', journeyGraph(
      [
        ['bd', 'trigger-date', { trait: 'birthday', recurrence: 'yearly', offsetDays: 0, atTime, reentry: { mode: 'everyTime' }, entryLimit: null }],
        ['wish', 'send-message', { channel: 'sms', smsPurpose: 'customer_care', body: 'Chúc mừng sinh nhật {{ customer.firstName }}!' }],
        ['x', 'exit', { reason: 'wished' }],
      ],
      [
        ['bd', 'out', 'wish'],
        ['wish', 'out', 'x'],
      ],
    ));
    await stack.identify('sinh', { firstName: 'Sinh', phone: '+84933333333', birthday });
    await stack.identify('khac', { firstName: 'Khác', phone: '+84944444444', birthday: '1990-01-01' === birthday ? '1990-06-15' : '1990-01-01' });
    await ensureDateTriggerSchedule(stack.client);
    const schedule = stack.client.schedule.getHandle(DATE_TRIGGER_SCHEDULE_ID);
    await schedule.trigger();
    const sinh = await customerIdOf(stack.db, 'sinh');
    const e = await eventually(async () => {
      const row = await enrollmentOf(stack.db, id, sinh);
      return row?.status === 'completed' ? row : undefined;
    }, 60_000, 'the birthday journey');
    const [sms] = await stack.db.db.select().from(messages).where(eq(messages.enrollmentId, e.id));
    expect(sms?.body).toBe('Chúc mừng sinh nhật Sinh!');
    expect(await enrollmentOf(stack.db, id, await customerIdOf(stack.db, 'khac'))).toBeUndefined();
    // The schedule looking again the same day does not enrol twice.
    const runs = (await schedule.describe()).info.recentActions.length;
    await schedule.trigger();
    await eventually(async () => (await schedule.describe()).info.recentActions.length > runs && (await schedule.describe()).info.runningActions.length === 0, 30_000, 'the second run');
    const all = await stack.db.db.select().from(enrollments).where(eq(enrollments.journeyId, id));
    expect(all).toHaveLength(1);
  });
});

describe('segments and manual entry', () => {
  it('entering a segment (3 views in a day) enrols into the segment-triggered journey', async () => {
    const created = await stack.admin('/segments', {
      method: 'POST',
      body: { name: 'Xem nhiều', rule: { match: 'all', conditions: [{ kind: 'eventCount', event: 'Product Viewed', where: [], op: 'greaterOrEqual', count: 3, windowMs: 86_400_000 }] } },
    });
    expect(created.status).toBe(201);
    const segment = (await created.json()) as { id: string };
    const { id } = await publishJourney(stack, 'Segment entered', journeyGraph(
      [
        ['seg', 'trigger-segment', { segmentId: segment.id, reentry: { mode: 'once' }, entryLimit: null }],
        ['zalo', 'send-message', { channel: 'zalo', body: 'Anh xem nhiều rồi, mua thôi!' }],
        ['x', 'exit', { reason: 'nudged' }],
      ],
      [
        ['seg', 'out', 'zalo'],
        ['zalo', 'out', 'x'],
      ],
    ));
    await stack.identify('xem', { phone: '+84966666666' });
    await stack.track('xem', 'Product Viewed', { sku: 'a' });
    await stack.track('xem', 'Product Viewed', { sku: 'b' });
    const customerId = await customerIdOf(stack.db, 'xem');
    expect(await enrollmentOf(stack.db, id, customerId)).toBeUndefined();
    await stack.track('xem', 'Product Viewed', { sku: 'c' });
    await eventually(async () => (await enrollmentOf(stack.db, id, customerId))?.status === 'completed', 30_000, 'the segment journey');
    const members = (await (await stack.admin(`/segments/${segment.id}/members`)).json()) as { members: { customerId: string }[] };
    expect(members.members.map((m) => m.customerId)).toContain(customerId);
  });

  it('a manual-trigger journey takes a customer through the API', async () => {
    const { id } = await publishJourney(stack, 'Manual', journeyGraph(
      [
        ['m', 'trigger-manual', { reentry: { mode: 'afterExit' }, entryLimit: null }],
        ['web', 'send-message', { channel: 'web', body: 'Ưu đãi {{ entry.properties.offer }}' }],
        ['x', 'exit', { reason: 'done' }],
      ],
      [
        ['m', 'out', 'web'],
        ['web', 'out', 'x'],
      ],
    ));
    await stack.identify('tay', { firstName: 'Tây' });
    const customerId = await customerIdOf(stack.db, 'tay');
    const res = await stack.admin(`/journeys/${id}/enroll`, { method: 'POST', body: { customerId, properties: { offer: '10%' } } });
    expect(res.status, await res.clone().text()).toBe(201);
    const e = await eventually(async () => {
      const row = await enrollmentOf(stack.db, id, customerId);
      return row?.status === 'completed' ? row : undefined;
    }, 30_000, 'the manual journey');
    const [m] = await stack.db.db.select().from(messages).where(eq(messages.enrollmentId, e.id));
    expect(m?.body).toBe('Ưu đãi 10%');
    const again = await stack.admin(`/journeys/${id}/enroll`, { method: 'POST', body: { customerId: 'nobody' } });
    expect(again.status).toBe(404);
  });
});

describe('versions', () => {
  const versioned = (text: string) =>
    journeyGraph(
      [
        ['t', 'trigger-event', { event: 'Table Booked', where: [], reentry: { mode: 'afterExit' }, entryLimit: null }],
        ['wait', 'wait-delay', { duration: days(4) }],
        ['sms', 'send-message', { channel: 'sms', smsPurpose: 'customer_care', body: text }],
        ['x', 'exit', { reason: 'reminded' }],
      ],
      [
        ['t', 'out', 'wait'],
        ['wait', 'out', 'sms'],
        ['sms', 'out', 'x'],
      ],
    );

  it('a customer finishes on the version they entered with; rollback publishes the old graph as a new version', async () => {
    const { id } = await publishJourney(stack, 'Booking reminder', versioned('Nhắc lịch (v1)'));
    await stack.identify('v-old', { phone: '+84900000001' });
    await stack.track('v-old', 'Table Booked');
    const oldCustomer = await customerIdOf(stack.db, 'v-old');
    await eventually(async () => (await enrollmentOf(stack.db, id, oldCustomer))?.currentNode === 'wait', 30_000, 'the first customer waiting');

    const journey = (await (await stack.admin(`/journeys/${id}`)).json()) as { draftRevision: number };
    expect((await stack.admin(`/journeys/${id}/draft`, { method: 'PUT', body: { revision: journey.draftRevision, graph: versioned('Nhắc lịch (v2)') } })).status).toBe(200);
    expect((await stack.admin(`/journeys/${id}/publish`, { method: 'POST', body: { note: 'new wording' } })).status).toBe(201);
    await stack.identify('v-new', { phone: '+84900000002' });
    await stack.track('v-new', 'Table Booked');
    const newCustomer = await customerIdOf(stack.db, 'v-new');

    const bodyOf = async (customerId: string) =>
      eventually(async () => {
        const [m] = await stack.db.db.select().from(messages).where(and(eq(messages.journeyId, id), eq(messages.customerId, customerId)));
        return m?.status === 'sent' ? m : undefined;
      }, 30_000, 'the reminder');
    expect((await bodyOf(oldCustomer)).body).toBe('Nhắc lịch (v1)');
    expect((await bodyOf(newCustomer)).body).toBe('Nhắc lịch (v2)');
    expect((await enrollmentOf(stack.db, id, oldCustomer))?.version).toBe(1);

    const rolled = await stack.admin(`/journeys/${id}/rollback`, { method: 'POST', body: { version: 1 } });
    expect(rolled.status).toBe(201);
    expect(((await rolled.json()) as { version: number }).version).toBe(3);
    const versions = (await (await stack.admin(`/journeys/${id}/versions`)).json()) as { versions: { version: number; note: string }[] };
    expect(versions.versions.map((v) => v.version)).toEqual([3, 2, 1]);
    const v3 = (await (await stack.admin(`/journeys/${id}/versions/3`)).json()) as { graph: { nodes: { id: string; config: { body?: string } }[] } };
    expect(v3.graph.nodes.find((n) => n.id === 'sms')?.config.body).toBe('Nhắc lịch (v1)');
    const stats = (await (await stack.admin(`/journeys/${id}/stats?version=1`)).json()) as { enrollments: { completed: number } };
    expect(stats.enrollments.completed).toBe(1);

    // The draft followed the rollback: publishing it untouched makes no version, and a customer
    // entering now gets the restored wording, not the rolled-back one.
    const untouched = await stack.admin(`/journeys/${id}/publish`, { method: 'POST', body: { note: 'untouched draft' } });
    expect(untouched.status).toBe(200);
    expect(await untouched.json()).toMatchObject({ version: 3, unchanged: true, journey: { activeVersion: 3 } });
    await stack.identify('v-after', { phone: '+84900000003' });
    await stack.track('v-after', 'Table Booked');
    const afterCustomer = await customerIdOf(stack.db, 'v-after');
    expect((await bodyOf(afterCustomer)).body).toBe('Nhắc lịch (v1)');
    expect((await enrollmentOf(stack.db, id, afterCustomer))?.version).toBe(3);
  });
});

describe('frequency caps and quiet hours', () => {
  it('a send during quiet hours is postponed with its reason, not dropped', async () => {
    // Quiet from an hour ago to an hour from now, Hà Nội time (the default zone).
    const hhmm = (offsetH: number) => {
      const t = new Date(Date.now() + (7 + offsetH) * 3_600_000);
      return `${String(t.getUTCHours()).padStart(2, '0')}:${String(t.getUTCMinutes()).padStart(2, '0')}`;
    };
    const saved = await stack.admin('/channel-settings/push', { method: 'PUT', body: { quietHours: { start: hhmm(-1), end: hhmm(1) }, frequencyCap: [{ max: 3, perHours: 24 }] } });
    expect(saved.status, await saved.clone().text()).toBe(200);
    const bad = await stack.admin('/channel-settings/push', { method: 'PUT', body: { quietHours: { start: '25:00', end: '08:00' } } });
    expect(bad.status).toBe(400);

    const { id } = await publishJourney(stack, 'Quiet hours', journeyGraph(
      [
        ['t', 'trigger-event', { event: 'App Opened', where: [], reentry: { mode: 'afterExit' }, entryLimit: null }],
        ['push', 'send-message', { channel: 'push', subject: 'Ưu đãi', body: 'Ưu đãi tối nay' }],
        ['x', 'exit', { reason: 'pushed' }],
      ],
      [
        ['t', 'out', 'push'],
        ['push', 'out', 'x'],
      ],
    ));
    await stack.identify('dem', { firstName: 'Đêm', push_token: 'tok-1' });
    await stack.track('dem', 'App Opened');
    const customerId = await customerIdOf(stack.db, 'dem');
    const postponed = await eventually(async () => {
      const [row] = await stack.db.db.select().from(stepLog).where(and(eq(stepLog.journeyId, id), eq(stepLog.outcome, 'postponed')));
      return row;
    }, 30_000, 'the postponement');
    expect(postponed.reason).toMatch(/quiet hours/);
    expect(postponed.nodeId).toBe('push');
    // Held, not dropped: still in the journey at the send, nothing recorded as failed.
    const e = await enrollmentOf(stack.db, id, customerId);
    expect(e?.status).toBe('active');
    expect(e?.currentNode).toBe('push');
    expect(await stack.db.db.select().from(messages).where(eq(messages.journeyId, id))).toHaveLength(0);
  });

  it('a purchase while a send is postponed by quiet hours converts the customer, and nothing is sent', async () => {
    // Quiet from an hour ago to an hour from now, Hà Nội time: the reminder is held for an hour.
    const hhmm = (offsetH: number) => {
      const t = new Date(Date.now() + (7 + offsetH) * 3_600_000);
      return `${String(t.getUTCHours()).padStart(2, '0')}:${String(t.getUTCMinutes()).padStart(2, '0')}`;
    };
    const saved = await stack.admin('/channel-settings/push', { method: 'PUT', body: { quietHours: { start: hhmm(-1), end: hhmm(1) } } });
    expect(saved.status, await saved.clone().text()).toBe(200);

    const { id } = await publishJourney(stack, 'Forgotten cart at night', journeyGraph(
      [
        ['t', 'trigger-event', { event: 'Cart Abandoned', where: [], reentry: { mode: 'afterExit' }, entryLimit: null }],
        ['push', 'send-message', { channel: 'push', subject: 'Giỏ hàng', body: 'Bạn quên giỏ hàng' }],
        ['x', 'exit', { reason: 'reminded' }],
        ['goal', 'goal', { event: 'Order Completed', where: [], window: days(30), onConvert: 'exit' }],
      ],
      [
        ['t', 'out', 'push'],
        ['push', 'out', 'x'],
      ],
    ));
    await stack.identify('khuya', { firstName: 'Khuya', push_token: 'tok-2' });
    await stack.track('khuya', 'Cart Abandoned');
    const customerId = await customerIdOf(stack.db, 'khuya');
    await eventually(async () => {
      const [row] = await stack.db.db.select().from(stepLog).where(and(eq(stepLog.journeyId, id), eq(stepLog.outcome, 'postponed')));
      return row;
    }, 30_000, 'the postponement');

    expect((await stack.track('khuya', 'Order Completed', { total: 350_000 })).status).toBe(200);
    const e = await eventually(async () => {
      const row = await enrollmentOf(stack.db, id, customerId);
      return row?.status === 'converted' ? row : undefined;
    }, 30_000, 'the conversion during the postponement');
    expect(e.status).toBe('converted');
    const handle = stack.client.workflow.getHandle(journeyWorkflowId(id, customerId));
    // The enrollment row says converted as the workflow records it; the run closes just after.
    await eventually(async () => ((await handle.describe()).status.name === 'COMPLETED' ? true : undefined), 30_000, 'the run completed');
    expect(await stack.db.db.select().from(messages).where(eq(messages.journeyId, id))).toHaveLength(0);
    const steps = await stack.db.db.select().from(stepLog).where(eq(stepLog.journeyId, id));
    expect(steps.some((s) => s.outcome === 'converted')).toBe(true);
    expect(steps.filter((s) => s.nodeId === 'push').map((s) => s.outcome)).not.toContain('sent');
  });
});

// Refused publishes and stale saves are the admin API's: apps/api/test/journey-publish-refusals.test.ts.
describe('templates', () => {
  it('records the variable a template referenced but the profile lacked', async () => {
    const rows = await stack.db.db.select({ payload: messages.payload }).from(messages);
    // Every message so far rendered fine; check the recording path with a dedicated journey.
    expect(rows.length).toBeGreaterThan(0);
    const { id } = await publishJourney(stack, 'Missing trait', journeyGraph(
      [
        ['t', 'trigger-event', { event: 'Coupon Requested', where: [], reentry: { mode: 'afterExit' }, entryLimit: null }],
        ['sms', 'send-message', { channel: 'sms', smsPurpose: 'customer_care', body: 'Mã của {{ customer.nickname }}: {{ customer.coupon }}' }],
        ['x', 'exit', { reason: 'sent' }],
      ],
      [
        ['t', 'out', 'sms'],
        ['sms', 'out', 'x'],
      ],
    ));
    await stack.identify('hoa', { phone: '+84987654321' });
    await stack.track('hoa', 'Coupon Requested');
    const customerId = await customerIdOf(stack.db, 'hoa');
    const message = await eventually(async () => {
      const [m] = await stack.db.db.select().from(messages).where(and(eq(messages.journeyId, id), eq(messages.customerId, customerId)));
      return m?.status === 'sent' ? m : undefined;
    }, 30_000, 'the sms');
    expect(message.body).toBe('Mã của : ');
    expect((message.payload as { missingVariables?: string[] }).missingVariables).toEqual(['customer.nickname', 'customer.coupon']);
  });
});
