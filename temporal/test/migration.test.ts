// In-flight migration on the real Temporal dev server, through the API: 200 customers wait at
// three steps of v1; v2 is published with a plan moving two of those steps. Each moved customer
// continues exactly once from its mapped step of v2 (one send each, none from v1, none lost),
// keeping its timer's deadline; the unmapped step's customers finish on v1; signalling the
// plan again moves nobody twice.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { temporal } from '@temporalio/proto';
import { and, eq, journeyMigrations, messages, newId, stepLog } from '@braid/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { days, journeyGraph } from '../../packages/journey/fixtures/builder';
import { JOURNEY_VERSION } from '../src/client/search-attributes';
import { resumeMigrations } from '../src/migrations/control';
import { signalMigrationPage } from '../src/migrations/signal-page';
import { eventually, startStack, type Stack, type WorkerHandle } from './harness';

/** A day lasts a minute: the delay step outlasts enrolment and migration, then ends within the test. */
const DAY_MS = 60_000;
const PER_GROUP = { gold: 70, silver: 70, bronze: 60 } as const;
const CUSTOMERS = PER_GROUP.gold + PER_GROUP.silver + PER_GROUP.bronze;

let stack: Stack;
let worker: WorkerHandle;
beforeAll(async () => {
  stack = await startStack({ timeScale: DAY_MS / 86_400_000 });
  worker = await stack.startWorker('inProcess');
});
afterAll(async () => {
  try {
    // RECORD_HISTORIES=1 adds the replay fixtures of this path: a run that moved, one that stayed.
    if (process.env.RECORD_HISTORIES && stack) await recordHistories();
  } finally {
    await worker?.kill();
    await stack?.stop();
  }
});

async function recordHistories(): Promise<void> {
  const dir = fileURLToPath(new URL('./fixtures/histories/', import.meta.url));
  const wanted: [string, string][] = [
    ['migration-moved', "WorkflowType = 'journeyWorkflow' AND ExecutionStatus = 'ContinuedAsNew'"],
    ['migration-stayed', "WorkflowType = 'journeyWorkflow' AND ExecutionStatus = 'Completed' AND WorkflowId STARTS_WITH 'journey:'"],
  ];
  for (const [name, query] of wanted) {
    for await (const wf of stack.client.workflow.list({ query })) {
      const history = await stack.client.workflow.getHandle(wf.workflowId, wf.runId).fetchHistory();
      // Stayed: a run that received the plan and did not move (not mapped, or already moved).
      if (name === 'migration-stayed' && !JSON.stringify(history).includes('migrate')) continue;
      writeFileSync(`${dir}${name}.history.bin`, temporal.api.history.v1.History.encode(history).finish());
      break;
    }
  }
}

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
async function json(res: Response, status: number): Promise<Json> {
  expect(res.status, await res.clone().text()).toBe(status);
  return (await res.json()) as Json;
}

const tier = (value: string) => ({ filters: [{ path: 'tier', op: 'equals', value }], match: 'all' });

/** Gold customers wait for an order, silver ones sit out a delay, bronze ones wait for an order elsewhere. */
function cart(v: 'v1' | 'v2') {
  const send = (id: string, group: string) => [`${id}${v === 'v2' ? '-v2' : ''}`, 'send-message', { channel: 'web', body: `${group} ${v}` }] as [string, string, Record<string, unknown>];
  const [a, b, c] = [send('thanks-gold', 'gold'), send('thanks-silver', 'silver'), send('thanks-bronze', 'bronze')];
  return journeyGraph(
    [
      ['start', 'trigger-event', { event: 'Cart Viewed', where: [], reentry: { mode: 'afterExit' }, entryLimit: null }],
      ['is-gold', 'condition-trait', tier('gold')],
      ['is-silver', 'condition-trait', tier('silver')],
      ['wait-gold', 'wait-for-event', { event: 'Order Completed', where: [], timeout: days(30) }, 'Chờ đơn hàng (vàng)'],
      ['wait-silver', 'wait-delay', { duration: days(1) }, 'Nghỉ một ngày'],
      ['wait-bronze', 'wait-for-event', { event: 'Order Completed', where: [], timeout: days(30) }, 'Chờ đơn hàng (đồng)'],
      a,
      b,
      c,
      ['done', 'exit', { reason: 'done' }],
    ],
    [
      ['start', 'out', 'is-gold'],
      ['is-gold', 'yes', 'wait-gold'],
      ['is-gold', 'no', 'is-silver'],
      ['is-silver', 'yes', 'wait-silver'],
      ['is-silver', 'no', 'wait-bronze'],
      ['wait-gold', 'happened', a[0]],
      ['wait-gold', 'timedOut', 'done'],
      ['wait-silver', 'out', b[0]],
      ['wait-bronze', 'happened', c[0]],
      ['wait-bronze', 'timedOut', 'done'],
      [a[0], 'out', 'done'],
      [b[0], 'out', 'done'],
      [c[0], 'out', 'done'],
    ],
  );
}

async function rows(sql: string, args: (string | number)[] = []) {
  return (await stack.db.client.execute({ sql, args })).rows;
}

describe('in-flight migration', () => {
  it('moves each mapped customer exactly once onto v2 at the mapped step; the others finish on v1', async () => {
    const { id } = await json(await stack.admin('/journeys', { method: 'POST', body: { name: 'Giỏ hàng', graph: cart('v1') } }), 201);
    await json(await stack.admin(`/journeys/${id}/publish`, { method: 'POST', body: { note: 'v1' } }), 201);

    const people = Object.entries(PER_GROUP).flatMap(([group, n]) => Array.from({ length: n }, (_, i) => ({ userId: `${group}-${i}`, group })));
    for (let i = 0; i < people.length; i += 50) {
      const slice = people.slice(i, i + 50);
      await json(await stack.batch(slice.map((p) => ({ type: 'identify', userId: p.userId, traits: { tier: p.group } }))), 200);
      await json(await stack.batch(slice.map((p) => ({ type: 'track', userId: p.userId, event: 'Cart Viewed', messageId: `view-${p.userId}` }))), 200);
    }
    const waitingAt = async () =>
      Object.fromEntries(
        (await rows("SELECT version, current_node AS node, count(*) AS n FROM enrollments WHERE journey_id = ? AND status = 'active' GROUP BY version, current_node", [id])).map((r) => [
          `v${r.version}:${r.node}`,
          Number(r.n),
        ]),
      );
    await eventually(async () => {
      const at = await waitingAt();
      return at['v1:wait-gold'] === PER_GROUP.gold && at['v1:wait-silver'] === PER_GROUP.silver && at['v1:wait-bronze'] === PER_GROUP.bronze;
    }, 90_000, 'every customer waiting in v1');

    // v2: new sends after each wait; the plan moves gold and silver, bronze stays.
    const journey = await json(await stack.admin(`/journeys/${id}`), 200);
    await json(await stack.admin(`/journeys/${id}/draft`, { method: 'PUT', body: { revision: journey.draftRevision, graph: cart('v2') } }), 200);
    const options = await json(await stack.admin(`/journeys/${id}/migration-plan`), 200);
    const suggested = Object.fromEntries((options.versions[0].steps as Json[]).map((s) => [s.stepId, s.suggested]));
    expect(suggested).toEqual({ 'wait-gold': 'wait-gold', 'wait-silver': 'wait-silver', 'wait-bronze': 'wait-bronze' });
    const published = await json(
      await stack.admin(`/journeys/${id}/publish`, {
        method: 'POST',
        body: { note: 'v2', migration: { versions: [{ version: 1, action: 'move', steps: { 'wait-gold': 'wait-gold', 'wait-silver': 'wait-silver' } }] } },
      }),
      201,
    );
    expect(published.version).toBe(2);
    const migrationId = published.migrationId as string;

    await eventually(async () => {
      const [m] = ((await json(await stack.admin(`/journeys/${id}/migrations`), 200)).migrations as Json[]).filter((x) => x.id === migrationId);
      return m?.status === 'completed' && m.moved === PER_GROUP.gold + PER_GROUP.silver && m;
    }, 90_000, 'the migration to finish');
    expect(await waitingAt()).toEqual({ 'v2:wait-gold': PER_GROUP.gold, 'v2:wait-silver': PER_GROUP.silver, 'v1:wait-bronze': PER_GROUP.bronze });
    // Temporal's visibility follows them: a moved customer's execution is listed under version 2.
    const [gold] = await rows("SELECT workflow_id FROM enrollments WHERE journey_id = ? AND current_node = 'wait-gold' LIMIT 1", [id]);
    expect((await stack.client.workflow.getHandle(String(gold!.workflow_id)).describe()).typedSearchAttributes.get(JOURNEY_VERSION)).toBe(2);

    // The plan signalled again (a driver page re-run after a crash): nobody moves twice.
    await stack.db.db.update(journeyMigrations).set({ status: 'running', cursor: '' }).where(eq(journeyMigrations.id, migrationId));
    const again = await signalMigrationPage({ db: stack.db.db, client: stack.client }, migrationId);
    expect(again.done).toBe(true);
    await new Promise((r) => setTimeout(r, 3_000));
    const movedLines = await stack.db.db.select().from(stepLog).where(and(eq(stepLog.journeyId, id), eq(stepLog.outcome, 'moved')));
    expect(movedLines).toHaveLength(PER_GROUP.gold + PER_GROUP.silver);
    expect(new Set(movedLines.map((l) => l.enrollmentId)).size).toBe(PER_GROUP.gold + PER_GROUP.silver);
    expect(movedLines.every((l) => l.version === 1 && (l.nodeId === 'wait-gold' || l.nodeId === 'wait-silver'))).toBe(true);

    // Gold and bronze customers order; silver ones reach the end of their (unchanged) delay.
    const buyers = people.filter((p) => p.group !== 'silver');
    for (let i = 0; i < buyers.length; i += 50) {
      await json(await stack.batch(buyers.slice(i, i + 50).map((p) => ({ type: 'track', userId: p.userId, event: 'Order Completed', messageId: `order-${p.userId}` }))), 200);
    }
    const sent = await eventually(async () => {
      const all = await stack.db.db.select().from(messages).where(eq(messages.journeyId, id));
      return all.length >= CUSTOMERS && all;
    }, 150_000, 'one message per customer');
    // The moved silver customers kept v1's deadline (a day after they started waiting), not a fresh day from the move.
    const lines = await stack.db.db.select().from(stepLog).where(and(eq(stepLog.journeyId, id), eq(stepLog.nodeId, 'wait-silver')));
    const silverOf = new Map<string, { entered?: number; moved?: number; left?: number }>();
    for (const l of lines) {
      const t = silverOf.get(l.enrollmentId) ?? {};
      if (l.version === 1 && l.outcome === 'entered') t.entered = l.at;
      if (l.outcome === 'moved') t.moved = l.at;
      if (l.version === 2 && l.outcome === 'left') t.left = l.at;
      silverOf.set(l.enrollmentId, t);
    }
    expect(silverOf.size).toBe(PER_GROUP.silver);
    for (const t of silverOf.values()) {
      expect(t.left! - t.entered!).toBeGreaterThanOrEqual(DAY_MS - 50);
      expect(t.left! - t.entered!).toBeLessThan(DAY_MS + 5_000);
      expect(t.moved! - t.entered!).toBeLessThan(DAY_MS);
    }
    await new Promise((r) => setTimeout(r, 2_000));
    const final = await stack.db.db.select().from(messages).where(eq(messages.journeyId, id));
    expect(final).toHaveLength(CUSTOMERS);
    expect(new Set(final.map((m) => m.customerId)).size).toBe(CUSTOMERS);
    const byNode = (node: string, version: number) => final.filter((m) => m.nodeId === node && m.version === version).length;
    expect({
      gold: byNode('thanks-gold-v2', 2),
      silver: byNode('thanks-silver-v2', 2),
      bronze: byNode('thanks-bronze', 1),
    }).toEqual(PER_GROUP);
    expect(sent.length).toBe(CUSTOMERS);

    // Every customer's journey ended; the moved ones on v2.
    await eventually(async () => (await rows("SELECT count(*) AS n FROM enrollments WHERE journey_id = ? AND status = 'active'", [id]))[0]!.n === 0, 30_000, 'every enrollment finished');
    const finished = await rows('SELECT version, count(*) AS n FROM enrollments WHERE journey_id = ? GROUP BY version ORDER BY version', [id]);
    expect(finished.map((r) => [Number(r.version), Number(r.n)])).toEqual([
      [1, PER_GROUP.bronze],
      [2, PER_GROUP.gold + PER_GROUP.silver],
    ]);
  }, 400_000);

  it('a migration committed without its driver (the API stopped at once) is driven when the API starts again', async () => {
    const [journey] = (await rows("SELECT id, workspace_id FROM journeys WHERE name = 'Giỏ hàng'")) as unknown as { id: string; workspace_id: string }[];
    const id = newId(Date.now());
    // Nobody is left in v1's mapped steps: the driver pages, finds no one to move, and completes.
    await stack.db.db.insert(journeyMigrations).values({ id, workspaceId: journey!.workspace_id, journeyId: journey!.id, toVersion: 2, plan: { '1': { 'wait-gold': 'wait-gold' } }, createdAt: Date.now() });
    expect(await resumeMigrations(stack.db.db, stack.client)).toBeGreaterThanOrEqual(1);
    // Resuming again while it runs (or after) starts nothing twice.
    await resumeMigrations(stack.db.db, stack.client);
    await eventually(async () => (await stack.db.db.select().from(journeyMigrations).where(eq(journeyMigrations.id, id)))[0]?.status === 'completed', 60_000, 'the resumed migration');
  }, 120_000);
});
