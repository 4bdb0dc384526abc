// npm run bench -w @braid/journey
// 1. validate + compile of a generated 1,000-node graph (median of many runs; target < 20 ms)
// 2. cohort simulation of 100,000 customers through Hoa Ban Food (target < 5 s)
// 3. the cohort forecast of every template (100,000 customers each), beside trigger → exit
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { builtinRegistry } from '@braid/nodes';
import { compile, journeyGraphSchema, simulateCohort, validate } from '../src/index';
import type { JourneyGraph } from '../src/index';
import { hoaBanFood, journeyTemplates } from '../fixtures/index';
import { templateForecasts } from './template-forecasts';

/** Trigger, then repeated blocks of wait → email (Liquid) → opened? → SMS / Zalo → segment check, until 1,000 nodes. */
function generatedGraph(size: number): JourneyGraph {
  const nodes: JourneyGraph['nodes'] = [];
  const edges: JourneyGraph['edges'] = [];
  let e = 0;
  const add = (id: string, type: string, typeVersion: number, config: unknown) =>
    nodes.push({ id, type, typeVersion, config, position: { x: nodes.length * 10, y: 0 } });
  const link = (source: string, sourcePort: string, target: string) => edges.push({ id: `e${++e}`, source, sourcePort, target });
  add('trigger', 'trigger-event', 1, { event: 'Product Added', where: [{ path: 'price', op: 'greaterThan', value: 0 }] });
  add('goal', 'goal', 1, { event: 'Order Completed', window: { amount: 30, unit: 'days' } });
  add('exit', 'exit', 1, { reason: 'end' });
  let prev = 'trigger';
  let port = 'out';
  let i = 0;
  while (nodes.length + 7 <= size) {
    const b = `b${i++}`;
    add(`${b}-wait`, 'wait-delay', 2, { duration: { amount: 1, unit: 'days' } });
    add(`${b}-voucher`, 'issue-voucher', 1, { amount: 50_000 });
    add(`${b}-email`, 'send-message', 2, { channel: 'email', subject: 'Xin chào {{ customer.firstName }}', body: '{{ entry.properties.product_name }} — {{ voucher.code }}' });
    add(`${b}-opened`, 'condition-engagement', 1, { messageNodeId: `${b}-email`, status: 'opened' });
    add(`${b}-sms`, 'send-message', 2, { channel: 'sms', smsPurpose: 'customer_care', body: 'Chào {{ customer.firstName }}' });
    add(`${b}-zalo`, 'send-message', 2, { channel: 'zalo', body: 'Chào {{ customer.firstName }}' });
    add(`${b}-vip`, 'condition-segment', 1, { segmentId: 'vip' });
    link(prev, port, `${b}-wait`);
    link(`${b}-wait`, 'out', `${b}-voucher`);
    link(`${b}-voucher`, 'out', `${b}-email`);
    link(`${b}-email`, 'out', `${b}-opened`);
    link(`${b}-opened`, 'yes', `${b}-sms`);
    link(`${b}-opened`, 'no', `${b}-zalo`);
    link(`${b}-sms`, 'out', `${b}-vip`);
    link(`${b}-zalo`, 'out', `${b}-vip`);
    link(`${b}-vip`, 'no', 'exit');
    prev = `${b}-vip`;
    port = 'yes';
  }
  while (nodes.length < size) {
    const id = `tail${nodes.length}`;
    add(id, 'wait-delay', 2, { duration: { amount: 1, unit: 'hours' } });
    link(prev, port, id);
    prev = id;
    port = 'out';
  }
  link(prev, port, 'exit');
  return { nodes, edges };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

const graph = generatedGraph(1000);
const issues = validate(graph, builtinRegistry);
if (issues.length) throw new Error(`generated graph has issues: ${JSON.stringify(issues.slice(0, 3))}`);
for (let i = 0; i < 10; i++) compile(graph, builtinRegistry, { journeyId: 'bench', version: 1 }); // warm-up
const validateTimes: number[] = [];
const compileTimes: number[] = [];
for (let i = 0; i < 60; i++) {
  let t = performance.now();
  validate(graph, builtinRegistry);
  validateTimes.push(performance.now() - t);
  t = performance.now();
  const r = compile(graph, builtinRegistry, { journeyId: 'bench', version: 1 });
  compileTimes.push(performance.now() - t);
  if (!r.ok) throw new Error('compile failed');
}
const compileMedian = median(compileTimes);
// Reference in the same run: only reading the graph and each node's config with their schemas.
const schemaTimes: number[] = [];
for (let i = 0; i < 60; i++) {
  const t = performance.now();
  journeyGraphSchema.safeParse(graph);
  for (const n of graph.nodes) builtinRegistry.get(n.type)?.upgradeConfig(n.typeVersion, n.config);
  schemaTimes.push(performance.now() - t);
}
console.log(`load average (1 min) ${loadavg()[0]!.toFixed(1)} on this machine — figures scale with it`);
console.log(`graph: ${graph.nodes.length} nodes, ${graph.edges.length} edges`);
console.log(`reference: schema parsing only  median ${median(schemaTimes).toFixed(2)} ms (same run)`);
console.log(`validate only            median ${median(validateTimes).toFixed(2)} ms (60 runs)`);
console.log(`validate + compile       median ${compileMedian.toFixed(2)} ms (60 runs)   target < 20 ms   ${compileMedian < 20 ? 'OK' : 'OVER'}`);

const hb = compile(hoaBanFood, builtinRegistry, { journeyId: 'hoa-ban-food', version: 1 });
if (!hb.ok) throw new Error('Hoa Ban Food does not compile');
const DAY = 86_400_000;
const customers = Number(process.env.BENCH_CUSTOMERS ?? 100_000);
const t0 = performance.now();
const cohort = simulateCohort(hb.ir, {
  customers,
  seed: 2026,
  entryEvent: { name: 'Product Added', properties: { cart_id: 'c', price: 850_000, product_name: 'thịt trâu gác bếp' } },
  behaviours: [
    { name: 'Checkout Started', probabilityPerDay: 0.2 },
    { name: 'Order Completed', probabilityPerDay: 0.02 },
    { name: 'Product Viewed', probabilityPerDay: 0.15, afterMs: 7 * DAY },
    { name: 'Checkout Cancelled', probabilityPerDay: 0.1, afterMs: 8 * DAY },
    { name: 'Review Submitted', probabilityPerDay: 0.2, properties: { rating: 5 } },
    { name: 'Unsubscribed', probabilityPerDay: 0.002 },
  ],
  engagement: { email: { opened: 0.22, clicked: 0.04 } },
  conditionYes: { 'in-hanoi': 0.4 },
  horizonMs: 60 * DAY,
});
const cohortMs = performance.now() - t0;
console.log(
  `cohort ${customers.toLocaleString('en-US')} customers  ${(cohortMs / 1000).toFixed(2)} s   target < 5 s   ${cohortMs < 5000 ? 'OK' : 'OVER'}   ` +
    `(conversions ${cohort.conversions.toLocaleString('en-US')}, ${(cohort.conversionRate * 100).toFixed(1)}%; errors ${cohort.errors})`,
);
// Reference in the same run: the same number of customers through a trigger → exit journey.
const minimal = compile(
  {
    nodes: [
      { id: 't', type: 'trigger-manual', typeVersion: 1, config: {}, position: { x: 0, y: 0 } },
      { id: 'x', type: 'exit', typeVersion: 1, config: {}, position: { x: 0, y: 0 } },
    ],
    edges: [{ id: 'e', source: 't', sourcePort: 'out', target: 'x' }],
  },
  builtinRegistry,
  { journeyId: 'minimal', version: 1 },
);
if (!minimal.ok) throw new Error('minimal journey does not compile');
const t1 = performance.now();
simulateCohort(minimal.ir, { customers, seed: 1 });
const baselineSeconds = (performance.now() - t1) / 1000;
console.log(`reference: ${customers.toLocaleString('en-US')} customers through trigger → exit  ${baselineSeconds.toFixed(2)} s (same run)`);
const top = Object.entries(cohort.perNode)
  .sort((a, b) => b[1].customers - a[1].customers)
  .slice(0, 8)
  .map(([id, n]) => `${id} ${n.customers}`)
  .join(', ');
console.log(`busiest nodes: ${top}`);
for (const line of templateForecasts(journeyTemplates, customers, baselineSeconds)) console.log(line);
