// The runtime's core scenarios on a real Temporal cluster (PostgreSQL, 8 history shards) with two
// API processes and two worker processes sharing one database: the Hoa Ban Food journey from HTTP
// events, a worker killed with SIGKILL mid-journey, the Temporal server restarted under waiting
// customers; and the startup refusals an operator meets on a cluster.
import { and, asc, count, enrollments, eq, messages, sql, stepLog } from '@braid/db';
import { simulate } from '@braid/journey';
import type { JourneyIR } from '@braid/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { days, journeyGraph } from '../../packages/journey/fixtures/builder';
import { hoaBanFood } from '../../packages/journey/fixtures/hoa-ban-food';
import { connectTemporal } from '../src/server/preflight';
import { eventually, startCluster, type Cluster } from './cluster';
import { cpuMs } from './cpu';
import { createNamespace, createSearchAttributes } from './namespace';
import { expectRefusal } from './processes';

/** A journey day lasts a second. */
const DAY_MS = 1_000;
let cluster: Cluster;
beforeAll(async () => {
  cluster = await startCluster({ dayMs: DAY_MS });
});
afterAll(async () => cluster?.stop());

async function publish(name: string, graph: unknown): Promise<{ id: string; ir: JourneyIR }> {
  const created = await cluster.admin('/journeys', { method: 'POST', body: { name, graph } });
  expect(created.status, await created.clone().text()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  const published = await cluster.admin(`/journeys/${id}/publish`, { method: 'POST', body: {} });
  expect(published.status, await published.clone().text()).toBe(201);
  const version = (await (await cluster.admin(`/journeys/${id}/versions/1`)).json()) as { ir: JourneyIR };
  return { id, ir: version.ir };
}

async function journeyCounts(journeyId: string): Promise<Record<string, number>> {
  const rows = await cluster.db.db.select({ status: enrollments.status, n: count() }).from(enrollments).where(eq(enrollments.journeyId, journeyId)).groupBy(enrollments.status);
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

/** The one line a refused start printed (the process may print nothing else). */
const lines = (output: string) => output.split('\n').filter((line) => line.trim() !== '');

describe('startup on a cluster', () => {
  it('a worker or an API pointed at a namespace that does not exist exits with one line naming the command that creates it', async () => {
    for (const kind of ['worker', 'api'] as const) {
      const { code, output } = await expectRefusal(kind, cluster.env({ TEMPORAL_NAMESPACE: 'braid-nowhere', PORT: '0' }));
      expect(code, output).toBe(1);
      expect(lines(output), output).toEqual([
        `braid ${kind}: TEMPORAL_NAMESPACE (braid-nowhere): no such namespace on ${cluster.temporal.address}; create it (temporal operator namespace create --namespace braid-nowhere --address ${cluster.temporal.address}) or name an existing one`,
      ]);
    }
  });

  it('a namespace without Braid\'s search attributes gets them from the first processes to start, two at once', async () => {
    const namespace = 'braid-fresh';
    await createNamespace(cluster.temporal.address, namespace);
    const env = { TEMPORAL_ADDRESS: cluster.temporal.address, TEMPORAL_NAMESPACE: namespace };
    // Two replicas starting together race to add them; both must start. Retried until the
    // just-created namespace reaches the frontend's cache.
    await eventually(
      async () => {
        const started = await Promise.allSettled([connectTemporal(env), connectTemporal(env)]);
        for (const s of started) if (s.status === 'fulfilled') await s.value.client.connection.close();
        const failed = started.find((s) => s.status === 'rejected');
        if (failed) throw failed.reason;
        return true;
      },
      30_000,
      'both starts',
    );
    const described = await cluster.client.connection.workflowService.describeNamespace({ namespace });
    // Each name mapped to exactly one column of the SQL visibility store.
    expect(Object.values(described.config?.customSearchAttributeAliases ?? {}).sort()).toEqual(['CustomerId', 'JourneyId', 'JourneyVersion']);
  });

  it('a namespace that cannot take them (its Int attributes all used) stops the worker with the command that adds them and the reason from the server', async () => {
    const namespace = 'braid-full';
    await createNamespace(cluster.temporal.address, namespace);
    // PostgreSQL visibility has three Int columns per namespace: use them all.
    await eventually(
      () => createSearchAttributes(cluster.temporal.address, namespace, { OrderCount: 'Int', VisitCount: 'Int', Points: 'Int' }).then(() => true),
      30_000,
      'the namespace to take search attributes',
    );
    const { code, output } = await expectRefusal('worker', cluster.env({ TEMPORAL_NAMESPACE: namespace }));
    expect(code, output).toBe(1);
    const address = cluster.temporal.address;
    expect(lines(output), output).toEqual([
      expect.stringMatching(
        new RegExp(
          `^braid worker: TEMPORAL_NAMESPACE \\(${namespace}\\): search attributes JourneyId, JourneyVersion, CustomerId missing on ${address} and not added \\(.*cannot have more than 3 search attribute of type Int.*\\); add them: ` +
            `temporal operator search-attribute create --namespace ${namespace} --address ${address} --name JourneyId --type Keyword --name JourneyVersion --type Int --name CustomerId --type Keyword$`,
        ),
      ),
    ]);
  });
});

describe('Hoa Ban Food', () => {
  it('runs from HTTP events spread over two API processes, along the path the simulator predicts', async () => {
    // The evening window would hold the test until 19:00: open it all day.
    const graph = structuredClone(hoaBanFood);
    const evening = graph.nodes.find((n) => n.id === 'evening')!;
    evening.config = { ...(evening.config as object), from: '00:00', to: '23:59' };
    // Decree 91 would hold the advertising SMS from 22:00 to 07:00 in Vietnam: sent here as customer
    // care so the test runs at any hour (the decree has its own tests in send-policy.test.ts).
    const showroom = graph.nodes.find((n) => n.id === 'showroom-sms')!;
    showroom.config = { ...(showroom.config as object), smsPurpose: 'customer_care' };
    const { id, ir } = await publish('Hoa Ban Food – giỏ hàng bỏ quên', graph);

    const traits = { firstName: 'Toản', email: 'toan@hoaban.vn', phone: '+84912345678', address: { city: 'Hà Nội', district: 'Cầu Giấy' } };
    expect((await cluster.ingest('/v1/identify', { userId: 'toan', traits })).status).toBe(200);
    const cart = { cart_id: 'cart-42', price: 1_350_000, quantity: 2, product_name: 'Thịt trâu gác bếp', cart_total: '1.350.000' };
    expect((await cluster.ingest('/v1/track', { userId: 'toan', event: 'Product Added', properties: cart })).status).toBe(200);
    const ids = await cluster.db.client.execute({ sql: "SELECT customer_id FROM customer_identities WHERE type = 'user_id' AND value = 'toan'", args: [] });
    const customerId = String(ids.rows[0]?.customer_id);
    const enrollment = async () => (await cluster.db.db.select().from(enrollments).where(and(eq(enrollments.journeyId, id), eq(enrollments.customerId, customerId))))[0];

    await eventually(async () => (await enrollment())?.currentNode === 'browse-wait', 60_000, 'the customer at browse-wait');
    await cluster.ingest('/v1/track', { userId: 'toan', event: 'Product Viewed', properties: { product_id: 'mac-khen', product_name: 'Mắc Khén' } });
    await eventually(async () => (await enrollment())?.currentNode === 'checkout-cancel-wait', 60_000, 'the customer at checkout-cancel-wait');
    await cluster.ingest('/v1/track', { userId: 'toan', event: 'Checkout Cancelled', properties: { cart_id: 'cart-42' } });
    const done = await eventually(async () => {
      const e = await enrollment();
      return e && e.status !== 'active' ? e : undefined;
    }, 60_000, 'the journey to finish');
    expect(done.status).toBe('completed');

    const entered = await cluster.db.db
      .select({ nodeId: stepLog.nodeId })
      .from(stepLog)
      .where(and(eq(stepLog.enrollmentId, done.id), eq(stepLog.outcome, 'entered')))
      .orderBy(asc(stepLog.at), asc(stepLog.id));
    const predicted = simulate(ir, {
      startAt: Date.now(),
      entryEvent: { name: 'Product Added', properties: cart },
      traits,
      events: [
        { after: 10 * DAY_MS, name: 'Product Viewed', properties: { product_id: 'mac-khen' } },
        { after: 11 * DAY_MS, name: 'Checkout Cancelled', properties: { cart_id: 'cart-42' } },
      ],
    });
    expect(entered.map((e) => e.nodeId)).toEqual(predicted.nodesVisited);
    const sent = await cluster.db.db.select().from(messages).where(eq(messages.enrollmentId, done.id)).orderBy(asc(messages.createdAt));
    expect(sent.map((m) => m.channel)).toEqual(['email', 'sms']);
    expect(sent[0]!.subject).toBe('Hoa Ban Food xin chào anh Toản');
    expect(sent[1]!.recipient).toBe('+84912345678');
    // The execution is listed by Braid's search attributes on the cluster's SQL visibility store.
    const listed = await eventually(async () => {
      const found = [];
      for await (const wf of cluster.client.workflow.list({ query: `JourneyId = '${id}' AND CustomerId = '${customerId}'` })) found.push(wf);
      return found.length === 1 ? found : undefined;
    }, 30_000, 'the execution in visibility');
    expect(listed[0]!.status.name).toBe('COMPLETED');
  });
});

const orderFollowUp = (event: string, waitDays: number) =>
  journeyGraph(
    [
      ['ordered', 'trigger-event', { event, where: [], reentry: { mode: 'once' }, entryLimit: null }],
      ['thanks', 'send-message', { channel: 'email', subject: 'Cảm ơn {{ customer.firstName }}', body: 'Đơn {{ entry.properties.order_id }} đã nhận.' }],
      ['wait-ship', 'wait-delay', { duration: days(waitDays) }],
      ['shipped', 'send-message', { channel: 'sms', smsPurpose: 'customer_care', body: 'Đơn {{ entry.properties.order_id }} đang giao.' }],
      ['wait-review', 'wait-delay', { duration: days(waitDays) }],
      ['review', 'send-message', { channel: 'email', subject: 'Đánh giá', body: 'Anh/chị thấy thế nào?' }],
      ['done', 'exit', { reason: 'Followed up' }],
    ],
    [
      ['ordered', 'out', 'thanks'],
      ['thanks', 'out', 'wait-ship'],
      ['wait-ship', 'out', 'shipped'],
      ['shipped', 'out', 'wait-review'],
      ['wait-review', 'out', 'review'],
      ['review', 'out', 'done'],
    ],
  );

/** `n` customers identified and ordering, 50 per batch, the batches spread over both APIs. */
async function enter(prefix: string, n: number, event: string): Promise<void> {
  for (let start = 0; start < n; start += 50) {
    const batch = [];
    for (let i = start; i < Math.min(n, start + 50); i++) {
      const userId = `${prefix}-${i}`;
      batch.push({ type: 'identify', userId, traits: { firstName: `Khách ${i}`, email: `${userId}@example.vn`, phone: `+8490${String(1_000_000 + i).slice(1)}` }, messageId: `${userId}-id` });
      batch.push({ type: 'track', userId, event, properties: { order_id: `HB-${i}` }, messageId: `${userId}-order` });
    }
    expect((await cluster.ingest('/v1/batch', { batch })).status).toBe(200);
  }
}

/** Every enrollment of the journey completed with exactly its three messages, each sent once. */
async function expectEachSentOnce(journeyId: string, customers: number): Promise<void> {
  expect(await journeyCounts(journeyId)).toEqual({ completed: customers });
  const perKey = await cluster.db.db.select({ key: messages.idempotencyKey, status: messages.status }).from(messages).where(eq(messages.journeyId, journeyId));
  expect(perKey).toHaveLength(3 * customers);
  expect(new Set(perKey.map((m) => m.key)).size).toBe(3 * customers);
  expect(perKey.every((m) => m.status === 'sent')).toBe(true);
  const perEnrollment = await cluster.db.client.execute({
    sql: 'SELECT enrollment_id, count(*) AS n, count(DISTINCT node_id) AS nodes FROM messages WHERE journey_id = ? GROUP BY enrollment_id',
    args: [journeyId],
  });
  expect(perEnrollment.rows).toHaveLength(customers);
  expect(perEnrollment.rows.every((r) => Number(r.n) === 3 && Number(r.nodes) === 3)).toBe(true);
}

const welcome = journeyGraph(
  [
    ['signed-up', 'trigger-event', { event: 'Signed Up', where: [], reentry: { mode: 'once' }, entryLimit: null }],
    ['hello', 'send-message', { channel: 'email', subject: 'Chào {{ customer.firstName }}', body: 'Cảm ơn đã đăng ký.' }],
    ['wait', 'wait-delay', { duration: days(1) }],
    ['tip', 'send-message', { channel: 'sms', smsPurpose: 'customer_care', body: 'Hoa Ban Food: ưu đãi tuần này.' }],
    ['done', 'exit', { reason: 'Welcomed' }],
  ],
  [
    ['signed-up', 'out', 'hello'],
    ['hello', 'out', 'wait'],
    ['wait', 'out', 'tip'],
    ['tip', 'out', 'done'],
  ],
);

describe('cost', () => {
  it('prints CPU milliseconds per customer for each kind of process (trigger → send → wait → send)', async () => {
    const customers = 300;
    const { id } = await publish('Welcome', welcome);
    const sample = () => ({
      server: cpuMs(cluster.temporal.pid() ?? 0),
      postgres: cpuMs(cluster.postgresPid(), true),
      api: cluster.apis.reduce((sum, a) => sum + cpuMs(a.process.pid), 0),
      worker: cluster.workers.reduce((sum, w) => sum + cpuMs(w.pid), 0),
    });
    const before = sample();
    const started = Date.now();
    await enter('welcome', customers, 'Signed Up');
    await eventually(async () => (await journeyCounts(id)).completed === customers, 240_000, 'every customer welcomed');
    const seconds = (Date.now() - started) / 1000;
    const after = sample();
    const per = (k: keyof typeof before) => ((after[k] - before[k]) / customers).toFixed(1);
    console.log(
      `cluster cost per customer (${customers} customers, ${(customers / seconds).toFixed(1)}/s end to end incl. a ${DAY_MS} ms wait): ` +
        `Temporal server ${per('server')} ms, PostgreSQL ${per('postgres')} ms, API ${per('api')} ms, worker ${per('worker')} ms CPU`,
    );
    const [sent] = await cluster.db.db.select({ n: count() }).from(messages).where(eq(messages.journeyId, id));
    expect(sent?.n).toBe(2 * customers);
  });
});

describe('durability', () => {
  it('200 customers survive one of two workers killed with SIGKILL mid-journey: 0 lost, 0 sent twice', async () => {
    const { id } = await publish('Order follow-up', orderFollowUp('Order Placed', 2));
    await enter('kill', 200, 'Order Placed');
    await eventually(async () => {
      const [row] = await cluster.db.db.select({ n: count() }).from(messages).where(eq(messages.journeyId, id));
      return (row?.n ?? 0) >= 150;
    }, 180_000, 'the first sends');
    const victim = cluster.workers[0]!;
    await victim.kill('SIGKILL');
    expect((await journeyCounts(id)).completed ?? 0).toBeLessThan(200);
    // The surviving worker carries on alone for a while; then a replacement joins.
    await new Promise((r) => setTimeout(r, 3_000));
    await cluster.startWorker();
    await eventually(async () => (await journeyCounts(id)).completed === 200, 240_000, 'every customer to finish');
    await expectEachSentOnce(id, 200);
  });

  it('customers waiting across a Temporal server restart resume and finish', async () => {
    // Waits longer than the restart takes, so every timer is still pending when the server goes.
    const { id } = await publish('Follow-up across a restart', orderFollowUp('Order Shipped', 20));
    await enter('restart', 20, 'Order Shipped');
    const waiting = async () => {
      const [row] = await cluster.db.db.select({ n: count() }).from(enrollments).where(sql`${enrollments.journeyId} = ${id} AND ${enrollments.currentNode} = 'wait-ship'`);
      return row?.n ?? 0;
    };
    await eventually(async () => (await waiting()) === 20, 60_000, 'everyone waiting');
    await cluster.temporal.restart();
    await eventually(async () => (await journeyCounts(id)).completed === 20, 180_000, 'every customer to finish after the restart');
    await expectEachSentOnce(id, 20);
  });
});
