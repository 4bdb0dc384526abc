// Whatever a marketer can draw that validates must compile, and whatever compiles must run:
// random valid journeys (forward paths, plus loops back into a wait) through compile and the
// simulator under random behaviour.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { JourneyGraph } from '../src/index';
import { compile, simulate, validate } from '../src/index';
import { days, hours } from '../fixtures/builder';
import { registry } from './helpers';

const samples: Record<string, Record<string, unknown>> = {
  'wait-delay': { duration: hours(1) },
  'wait-time-window': { from: '19:00', to: '21:00', days: [1, 3, 5] },
  'wait-usual-hour': { fallbackHour: 19 },
  'wait-for-event': { event: 'Order Completed', timeout: hours(2) },
  'condition-trait': { filters: [{ path: 'vip', op: 'equals', value: true }] },
  'condition-event-count': { event: 'Product Viewed', count: 1, within: days(1) },
  'condition-segment': { segmentId: 'vip' },
  'condition-random-split': { branches: [{ label: 'A', percent: 30 }, { label: 'B', percent: 50 }], holdoutPercent: 20 },
  'condition-best-channel': { channels: ['email', 'sms'] },
  'send-message': { channel: 'sms', smsPurpose: 'customer_care', body: 'Xin chào {{ customer.firstName }}' },
  'update-profile': { set: { seen: true } },
  'ad-audience': { platforms: ['facebook', 'zalo'], audience: 'x' },
  'issue-voucher': { amount: 50_000 },
  'create-staff-task': { title: 'Gọi {{ customer.firstName }}' },
};
const types = Object.keys(samples);

const graphArb = fc
  .record({
    picks: fc.array(fc.constantFrom(...types), { minLength: 1, maxLength: 14 }),
    choices: fc.array(fc.nat(), { minLength: 60, maxLength: 60 }),
  })
  .map(({ picks, choices }): JourneyGraph => {
    let c = 0;
    const choose = (n: number) => choices[c++ % choices.length]! % n;
    const nodes: JourneyGraph['nodes'] = [
      { id: 'start', type: 'trigger-event', typeVersion: 1, config: { event: 'Product Added' }, position: { x: 0, y: 0 } },
      { id: 'end', type: 'exit', typeVersion: 1, config: {}, position: { x: 0, y: 0 } },
      { id: 'goal', type: 'goal', typeVersion: 1, config: { event: 'Order Completed', window: days(10) }, position: { x: 0, y: 0 } },
    ];
    const edges: JourneyGraph['edges'] = [];
    const ids = picks.map((_, i) => `n${i}`);
    picks.forEach((type, i) => {
      const t = registry.get(type)!;
      nodes.push({ id: ids[i]!, type, typeVersion: t.version, config: samples[type], position: { x: i, y: 0 } });
    });
    edges.push({ id: 'e0', source: 'start', sourcePort: 'out', target: ids[0]! });
    picks.forEach((type, i) => {
      const t = registry.get(type)!;
      const parsed = t.parseConfig(samples[type]);
      if (!parsed.ok) throw new Error(`sample for ${type} is invalid`);
      t.portsFor(parsed.config).forEach((port, k) => {
        if (port.optional && choose(2) === 0) return;
        let target: string;
        const waitsBefore = picks.slice(0, i + 1).map((p, j) => (p === 'wait-delay' ? ids[j]! : null)).filter((x): x is string => !!x);
        if (k === 0) target = i + 1 < ids.length ? ids[i + 1]! : 'end'; // keeps every step, and the exit, reachable
        else if (waitsBefore.length && choose(5) === 0) target = waitsBefore[choose(waitsBefore.length)]!; // a loop through a wait
        else {
          const later = ids.slice(i + 1);
          target = later.length && choose(3) ? later[choose(later.length)]! : 'end';
        }
        edges.push({ id: `e${edges.length}`, source: ids[i]!, sourcePort: port.id, target });
      });
    });
    return { nodes, edges };
  });

describe('random valid journeys', () => {
  it('validate, compile and run without interpreter errors', () => {
    fc.assert(
      fc.property(
        graphArb,
        fc.array(fc.record({ after: fc.integer({ min: 0, max: 20 * 86_400_000 }), name: fc.constantFrom('Order Completed', 'Product Viewed', 'Other') }), { maxLength: 6 }),
        fc.integer(),
        (graph, events, seed) => {
          expect(validate(graph, registry)).toEqual([]);
          const r = compile(graph, registry, { journeyId: 'random', version: 1 });
          if (!r.ok) throw new Error(JSON.stringify(r.issues));
          const sim = simulate(r.ir, { events, seed, traits: { vip: seed % 2 === 0 }, bestChannel: seed % 3 ? 'sms' : null, horizonMs: 30 * 86_400_000 });
          expect(sim.errors).toEqual([]);
          expect(['completed', 'stillWaiting']).toContain(sim.outcome.status);
        },
      ),
      { numRuns: 300 },
    );
  });
});
