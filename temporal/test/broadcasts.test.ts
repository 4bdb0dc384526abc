// Broadcasts on the real Temporal dev server, through the API: a running journey sent to the
// 250 members of a segment, paused and resumed on the way, enrols each member exactly once;
// re-running pages enrols nobody again; a page run again after a crash midway counts everyone
// once and asks the trigger's rules of the whole page at once; bad requests are refused naming the field.
import { and, broadcasts, count, enrollments, eq, journeys, messages, newId } from '@braid/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { days, hours, journeyGraph } from '../../packages/journey/fixtures/builder';
import { enrolBroadcastPage } from '../src/broadcasts/enrol-page';
import { enrolMembers } from '../src/broadcasts/enrol-members';
import { json, publish as publishJourney, runningBroadcast, segmentWith as segmentOf, tetCampaign as tetGreeting, type BroadcastView } from './broadcast-fixtures';
import { eventually, startStack, type Stack, type WorkerHandle } from './harness';

const MEMBERS = 250;
let stack: Stack;
let worker: WorkerHandle;
beforeAll(async () => {
  stack = await startStack({ timeScale: 1 / 86_400 });
  worker = await stack.startWorker('inProcess');
});
afterAll(async () => {
  await worker?.kill();
  await stack?.stop();
});

const publish = (name: string, graph: unknown) => publishJourney(stack, name, graph);
const segmentWith = (name: string, n: number) => segmentOf(stack, name, n);
const tetCampaign = tetGreeting();

describe('broadcasts', () => {
  it('sends a journey to every member of a segment once, through a pause and a resume', async () => {
    const journeyId = await publish('Tết', tetCampaign);
    const segmentId = await segmentWith('tet', MEMBERS);
    const started = await json<BroadcastView>(await stack.admin(`/journeys/${journeyId}/broadcasts`, { method: 'POST', body: { segmentId, ratePerSecond: 50 } }), 201);
    expect(started).toMatchObject({ status: 'running', total: MEMBERS });

    // A second broadcast of the same journey while one runs: one clear 409.
    const again = await stack.admin(`/journeys/${journeyId}/broadcasts`, { method: 'POST', body: { segmentId } });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe('broadcast_running');

    // The first page (200) goes at once, then the rate holds the next one back: pause then.
    await eventually(async () => (await json<BroadcastView>(await stack.admin(`/broadcasts/${started.id}`), 200)).enrolled >= 200, 60_000, 'the first page');
    const paused = await json<BroadcastView>(await stack.admin(`/broadcasts/${started.id}/pause`, { method: 'POST', body: {} }), 200);
    expect(paused.status).toBe('paused');
    await new Promise((r) => setTimeout(r, 5_000));
    const held = await json<BroadcastView>(await stack.admin(`/broadcasts/${started.id}`), 200);
    expect(held.status).toBe('paused');
    expect(held.enrolled).toBe(200);
    expect(held.etaSeconds).toBeNull();
    expect((await stack.admin(`/broadcasts/${started.id}/pause`, { method: 'POST', body: {} })).status).toBe(409);

    await json(await stack.admin(`/broadcasts/${started.id}/resume`, { method: 'POST', body: {} }), 200);
    const done = await eventually(async () => {
      const b = await json<BroadcastView>(await stack.admin(`/broadcasts/${started.id}`), 200);
      return b.status === 'completed' ? b : undefined;
    }, 60_000, 'the broadcast to complete');
    expect(done).toMatchObject({ enrolled: MEMBERS, skipped: 0, processed: MEMBERS });
    await eventually(async () => {
      const [row] = await stack.db.db.select({ n: count() }).from(messages).where(eq(messages.journeyId, journeyId));
      return row?.n === MEMBERS;
    }, 60_000, 'one message per member');
    const perCustomer = await stack.db.client.execute({ sql: 'SELECT customer_id, count(*) AS n FROM enrollments WHERE journey_id = ? GROUP BY customer_id HAVING n > 1', args: [journeyId] });
    expect(perCustomer.rows).toEqual([]);

    // Pages run again (a retry after a crash mid-page) enrol nobody twice.
    await stack.db.client.execute({ sql: "UPDATE broadcasts SET status = 'running', cursor = '' WHERE id = ?", args: [started.id] });
    const deps = { db: stack.db.db, client: stack.client, index: stack.runtime.router!.index };
    const first = await enrolBroadcastPage(deps, started.id);
    const second = await enrolBroadcastPage(deps, started.id);
    expect([first.enrolled, second.enrolled]).toEqual([0, 0]);
    const [n] = await stack.db.db.select({ n: count() }).from(enrollments).where(eq(enrollments.journeyId, journeyId));
    expect(n?.n).toBe(MEMBERS);
    await stack.db.client.execute({ sql: "UPDATE broadcasts SET status = 'completed' WHERE id = ?", args: [started.id] });

    // Listed with the journey; a finished broadcast cannot be cancelled.
    const listed = await json<{ broadcasts: BroadcastView[] }>(await stack.admin(`/journeys/${journeyId}/broadcasts`), 200);
    expect(listed.broadcasts.map((b) => b.id)).toEqual([started.id]);
    expect((await stack.admin(`/broadcasts/${started.id}/cancel`, { method: 'POST', body: {} })).status).toBe(409);
  });

  it('a cancelled broadcast enrols nobody more; customers already in carry on', async () => {
    const journeyId = await publish('Tết huỷ', tetCampaign);
    const segmentId = await segmentWith('huy', 220);
    const started = await json<BroadcastView>(await stack.admin(`/journeys/${journeyId}/broadcasts`, { method: 'POST', body: { segmentId, ratePerSecond: 20 } }), 201);
    await eventually(async () => (await json<BroadcastView>(await stack.admin(`/broadcasts/${started.id}`), 200)).enrolled >= 200, 60_000, 'the first page');
    await json(await stack.admin(`/broadcasts/${started.id}/cancel`, { method: 'POST', body: {} }), 200);
    await new Promise((r) => setTimeout(r, 3_000));
    const after = await json<BroadcastView>(await stack.admin(`/broadcasts/${started.id}`), 200);
    expect(after).toMatchObject({ status: 'cancelled', enrolled: 200 });
    const [n] = await stack.db.db.select({ n: count() }).from(enrollments).where(and(eq(enrollments.journeyId, journeyId)));
    expect(n?.n).toBe(200);
  });

  it('refuses, naming the field: unknown or empty segment, an event-triggered journey, an unknown journey', async () => {
    const journeyId = await publish('Tết lỗi', tetCampaign);
    const unknown = await stack.admin(`/journeys/${journeyId}/broadcasts`, { method: 'POST', body: { segmentId: 'nope' } });
    expect(unknown.status).toBe(422);
    expect(((await unknown.json()) as { error: { details: { field: string }[] } }).error.details[0]!.field).toBe('segmentId');
    const empty = await segmentWith('empty', 0);
    const emptyRes = await stack.admin(`/journeys/${journeyId}/broadcasts`, { method: 'POST', body: { segmentId: empty } });
    expect(emptyRes.status).toBe(422);
    expect(((await emptyRes.json()) as { error: { code: string } }).error.code).toBe('segment_empty');
    const noSegment = await stack.admin(`/journeys/${journeyId}/broadcasts`, { method: 'POST', body: {} });
    expect(noSegment.status).toBe(422);
    const eventJourney = await publish(
      'Theo sự kiện',
      journeyGraph(
        [
          ['t', 'trigger-event', { event: 'Order Placed', where: [], reentry: { mode: 'once' }, entryLimit: null }],
          ['x', 'exit', { reason: 'x' }],
        ],
        [['t', 'out', 'x']],
      ),
    );
    const seg = await segmentWith('ev', 1);
    expect((await stack.admin(`/journeys/${eventJourney}/broadcasts`, { method: 'POST', body: { segmentId: seg } })).status).toBe(422);
    expect((await stack.admin('/journeys/nope/broadcasts', { method: 'POST', body: { segmentId: seg } })).status).toBe(404);
    expect((await stack.admin(`/journeys/${journeyId}/broadcasts`, { method: 'POST', body: { segmentId: seg, ratePerSecond: 0 } })).status).toBe(400);
  });

  it('a page run again after a crash midway enrols nobody twice and counts everyone once; the rules skip who they must', async () => {
    const journeyId = await publish('Tết một lần', tetGreeting('once'));
    const segmentId = await segmentWith('lan', 30);
    const [journey] = await stack.db.db.select().from(journeys).where(eq(journeys.id, journeyId));
    const members = (await stack.db.client.execute({ sql: 'SELECT customer_id FROM segment_members WHERE segment_id = ? ORDER BY customer_id', args: [segmentId] })).rows.map((r) => String(r.customer_id));
    const at = Date.now();
    const row = (customerId: string, status: 'completed' | 'active') => ({
      id: newId(at),
      workspaceId: journey!.workspaceId,
      journeyId,
      version: journey!.activeVersion!,
      customerId,
      workflowId: `elsewhere:${customerId}`,
      status,
      currentNode: status === 'active' ? 'wish' : null,
      enteredAt: at - 60_000,
    });
    // Member 0 went through this journey before (it lets a customer in once); member 1 is in it now.
    await stack.db.db.insert(enrollments).values([row(members[0]!, 'completed'), row(members[1]!, 'active')]);
    const id = newId(at);
    await runningBroadcast(stack, { id, journeyId, segmentId, total: 30, at });
    const deps = { db: stack.db.db, client: stack.client, index: stack.runtime.router!.index };
    const published = await deps.index.version(journeyId, journey!.activeVersion!);
    // An earlier run of the page enrolled ten members, then died before it counted them.
    const earlier = await enrolMembers(deps, { workspaceId: journey!.workspaceId, journeyId, version: journey!.activeVersion!, versionId: published!.versionId, ir: published!.ir }, id, members.slice(2, 12), at);
    expect(earlier).toMatchObject({ enrolled: 10, replayed: 0, skipped: 0 });

    const page = await enrolBroadcastPage(deps, id);
    expect(page).toMatchObject({ done: true, enrolled: 18, replayed: 10, skipped: 2 });
    const [after] = await stack.db.db.select().from(broadcasts).where(eq(broadcasts.id, id));
    expect(after).toMatchObject({ status: 'completed', enrolled: 28, skipped: 2 });
    expect(after!.lastSkipReason).toMatch(/^(alreadyIn|reentry): /);
    const perCustomer = await stack.db.client.execute({ sql: 'SELECT customer_id, count(*) AS n FROM enrollments WHERE journey_id = ? GROUP BY customer_id', args: [journeyId] });
    expect(perCustomer.rows.length).toBe(30);
    expect(perCustomer.rows.every((r) => Number(r.n) === 1)).toBe(true);
    const skipped = await stack.db.client.execute({ sql: 'SELECT count(*) AS n FROM enrollments WHERE journey_id = ? AND entry_event_id IS NULL', args: [journeyId] });
    expect(Number(skipped.rows[0]!.n)).toBe(2);
    await eventually(async () => {
      const [sent] = await stack.db.db.select({ n: count() }).from(messages).where(eq(messages.journeyId, journeyId));
      return sent?.n === 28;
    }, 60_000, 'one greeting per enrolled member');
  });

  it('a page asks the re-entry gap and the entry limit of every member at once, as an event would', async () => {
    const journeyId = await publish(
      'Tết mỗi lần',
      journeyGraph(
        [
          ['start', 'trigger-manual', { reentry: { mode: 'everyTime', minGap: hours(1) }, entryLimit: { max: 2, per: days(1) } }],
          ['wish', 'send-message', { channel: 'web', body: 'Chúc mừng năm mới {{ customer.firstName }}!' }],
          ['done', 'exit', { reason: 'Tết' }],
        ],
        [
          ['start', 'out', 'wish'],
          ['wish', 'out', 'done'],
        ],
      ),
    );
    const segmentId = await segmentWith('gioihan', 5);
    const [journey] = await stack.db.db.select().from(journeys).where(eq(journeys.id, journeyId));
    const deps = { db: stack.db.db, client: stack.client, index: stack.runtime.router!.index };
    // The published trigger, as this stack's time scale compiled it.
    const { trigger } = (await deps.index.version(journeyId, journey!.activeVersion!))!.ir;
    if (trigger.reentry.mode !== 'everyTime' || !trigger.entryLimit) throw new Error('unexpected trigger');
    const period = trigger.entryLimit.periodMs;
    const gap = trigger.reentry.minGapMs;
    const at = Date.now();
    const members = (await stack.db.client.execute({ sql: 'SELECT customer_id FROM segment_members WHERE segment_id = ? ORDER BY customer_id', args: [segmentId] })).rows.map((r) => String(r.customer_id));
    const earlier = (member: number, ago: number) => ({
      id: newId(at),
      workspaceId: journey!.workspaceId,
      journeyId,
      version: journey!.activeVersion!,
      customerId: members[member]!,
      workflowId: `earlier:${member}:${ago}`,
      status: 'completed' as const,
      enteredAt: at - ago,
      finishedAt: at - ago,
    });
    await stack.db.db.insert(enrollments).values([
      // Twice within the period: the limit.
      earlier(0, period / 2),
      earlier(0, period / 4),
      // Once within it: in.
      earlier(1, period / 4),
      // Twice long ago and once within it: in.
      earlier(2, 3 * period),
      earlier(2, 2 * period),
      earlier(2, period / 4),
      // Within the re-entry gap: not yet.
      earlier(3, gap / 2),
      // Member 4 never entered: in.
    ]);
    const id = newId(at);
    await runningBroadcast(stack, { id, journeyId, segmentId, total: 5, at });
    const page = await enrolBroadcastPage({ ...deps, now: () => at }, id);
    expect(page).toMatchObject({ done: true, enrolled: 3, skipped: 2 });
    const entered = await stack.db.client.execute({ sql: 'SELECT customer_id FROM enrollments WHERE journey_id = ? AND entry_event_id IS NOT NULL ORDER BY customer_id', args: [journeyId] });
    expect(entered.rows.map((r) => String(r.customer_id))).toEqual([members[1], members[2], members[4]]);
  });
});
