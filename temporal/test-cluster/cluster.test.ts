// The runtime's core scenarios on a real Temporal cluster (PostgreSQL, 8 history shards) with two
// API processes and two worker processes sharing one database: the Hoa Ban Food journey from HTTP
// events, a worker killed with SIGKILL mid-journey, the Temporal server restarted under waiting
// customers; and the startup refusals an operator meets on a cluster.
import { count, enrollments, eq, messages, sql } from '@braid/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { days, journeyGraph } from '../../packages/journey/fixtures/builder';
import { connectTemporal } from '../src/server/preflight';
import { walkToanThroughHoaBan } from '../test/hoa-ban-walk';
import { publishJourney } from '../test/journey-api';
import { enterOrdering, expectEachSentOnce, journeyCounts, orderFollowUp } from '../test/order-follow-up';
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
    const { id, customerId, done, entered, predicted, sent } = await walkToanThroughHoaBan(cluster, DAY_MS);
    expect(done.status).toBe('completed');
    expect(entered).toEqual(predicted);
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
    const { id } = await publishJourney(cluster, 'Welcome', welcome);
    const sample = () => ({
      server: cpuMs(cluster.temporal.pid() ?? 0),
      postgres: cpuMs(cluster.postgresPid(), true),
      api: cluster.apis.reduce((sum, a) => sum + cpuMs(a.process.pid), 0),
      worker: cluster.workers.reduce((sum, w) => sum + cpuMs(w.pid), 0),
    });
    const before = sample();
    const started = Date.now();
    await enterOrdering(cluster, 'welcome', customers, 'Signed Up');
    await eventually(async () => (await journeyCounts(cluster.db, id)).completed === customers, 240_000, 'every customer welcomed');
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
    const { id } = await publishJourney(cluster, 'Order follow-up', orderFollowUp('Order Placed', 2));
    await enterOrdering(cluster, 'kill', 200, 'Order Placed');
    await eventually(async () => {
      const [row] = await cluster.db.db.select({ n: count() }).from(messages).where(eq(messages.journeyId, id));
      return (row?.n ?? 0) >= 150;
    }, 180_000, 'the first sends');
    const victim = cluster.workers[0]!;
    await victim.kill('SIGKILL');
    expect((await journeyCounts(cluster.db, id)).completed ?? 0).toBeLessThan(200);
    // The surviving worker carries on alone for a while; then a replacement joins.
    await new Promise((r) => setTimeout(r, 3_000));
    await cluster.startWorker();
    await eventually(async () => (await journeyCounts(cluster.db, id)).completed === 200, 240_000, 'every customer to finish');
    await expectEachSentOnce(cluster.db, id, 200);
  });

  it('customers waiting across a Temporal server restart resume and finish', async () => {
    // Waits longer than the restart takes, so every timer is still pending when the server goes.
    const { id } = await publishJourney(cluster, 'Follow-up across a restart', orderFollowUp('Order Shipped', 20));
    await enterOrdering(cluster, 'restart', 20, 'Order Shipped');
    const waiting = async () => {
      const [row] = await cluster.db.db.select({ n: count() }).from(enrollments).where(sql`${enrollments.journeyId} = ${id} AND ${enrollments.currentNode} = 'wait-ship'`);
      return row?.n ?? 0;
    };
    await eventually(async () => (await waiting()) === 20, 60_000, 'everyone waiting');
    await cluster.temporal.restart();
    await eventually(async () => (await journeyCounts(cluster.db, id)).completed === 20, 180_000, 'every customer to finish after the restart');
    await expectEachSentOnce(cluster.db, id, 20);
  });
});
