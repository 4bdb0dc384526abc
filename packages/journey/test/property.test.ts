// Any JSON thrown at validate/compile yields issues, never an exception; the interpreter
// returns error commands for nonsense inputs instead of throwing.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { InterpreterInput } from '@braid/sdk';
import { compile, interpret, startEnrollment, validate } from '../src/index';
import { hoaBanFood, journeyTemplates } from '../fixtures/index';
import { clone, compiled, registry } from './helpers';

const typeIds = registry.list().map((t) => t.id);
const ports = ['out', 'yes', 'no', 'happened', 'timedOut', 'path0', 'path1', 'holdout', 'email', 'fallback', 'converted'];

/** Random graphs that look like the real thing: known types, plausible and broken configs. */
const graphArb = fc
  .record({
    nodes: fc.array(
      fc.record({
        id: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g'),
        type: fc.oneof(fc.constantFrom(...typeIds), fc.string()),
        typeVersion: fc.oneof(fc.constantFrom(0, 1, 2, 3), fc.integer()),
        config: fc.oneof(
          fc.constantFrom(...registry.list().map((t) => t.defaultConfig)),
          fc.anything(),
          fc.dictionary(fc.constantFrom('event', 'duration', 'channel', 'body', 'branches', 'filters', 'timeout', 'messageNodeId', 'subject'), fc.jsonValue()),
        ),
        position: fc.record({ x: fc.double(), y: fc.double() }),
      }),
      { maxLength: 8 },
    ),
    edges: fc.array(
      fc.record({ id: fc.string(), source: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'x'), sourcePort: fc.constantFrom(...ports), target: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'x') }),
      { maxLength: 12 },
    ),
  });

describe('validate and compile never throw', () => {
  it('on arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.anything(), (json) => {
        const issues = validate(json, registry);
        expect(Array.isArray(issues)).toBe(true);
        const r = compile(json, registry, { journeyId: 'j', version: 1 });
        expect(typeof r.ok).toBe('boolean');
      }),
      { numRuns: 300 },
    );
  });

  it('on random graphs, and whatever compiles is closed JSON with resolvable steps', () => {
    fc.assert(
      fc.property(graphArb, (graph) => {
        const issues = validate(graph, registry);
        for (const i of issues) expect(typeof i.message).toBe('string');
        const r = compile(graph, registry, { journeyId: 'j', version: 1 });
        if (r.ok) {
          expect(JSON.parse(JSON.stringify(r.ir))).toEqual(r.ir);
          expect(r.ir.steps[r.ir.start]).toBeDefined();
        } else expect(r.issues.length).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });

  it('on mutated templates', () => {
    const templates = journeyTemplates.map((t) => t.graph);
    fc.assert(
      fc.property(fc.constantFrom(...templates), fc.nat(), fc.jsonValue(), (g, n, junk) => {
        const graph = clone(g);
        const node = graph.nodes[n % graph.nodes.length]!;
        node.config = n % 2 ? junk : { ...(node.config as object), [Object.keys(node.config as object)[0] ?? 'x']: junk };
        if (n % 3 === 0) graph.edges.splice(n % Math.max(1, graph.edges.length), 1);
        validate(graph, registry);
        compile(graph, registry, { journeyId: 'j', version: 1 });
      }),
      { numRuns: 300 },
    );
  });
});

describe('interpret never throws', () => {
  const ir = compiled(hoaBanFood);
  const inputArb = fc.oneof(
    fc.record({ kind: fc.constant('timer' as const), now: fc.oneof(fc.integer(), fc.double()) }),
    fc.record({
      kind: fc.constant('event' as const),
      now: fc.integer({ min: 0, max: 2 ** 42 }),
      event: fc.record({ id: fc.string(), name: fc.constantFrom('Order Completed', 'Product Viewed', 'Checkout Cancelled', 'Unsubscribed', 'x'), properties: fc.dictionary(fc.string(), fc.jsonValue()), timestamp: fc.string() }),
    }),
    fc.record({
      kind: fc.constant('activityResult' as const),
      now: fc.integer({ min: 0, max: 2 ** 42 }),
      stepId: fc.constantFrom(...Object.keys(ir.steps), 'nope'),
      result: fc.oneof(fc.record({ ok: fc.constant(true as const), output: fc.jsonValue() }), fc.record({ ok: fc.constant(false as const), error: fc.string() })),
    }),
    fc.anything(),
  ) as fc.Arbitrary<InterpreterInput>;

  it('on any sequence of inputs', () => {
    fc.assert(
      fc.property(fc.integer(), fc.array(inputArb, { maxLength: 30 }), (seed, inputs) => {
        let { state } = startEnrollment(ir, { now: 0, entryEvent: null, traits: {}, seed });
        for (const input of inputs) {
          const r = interpret(ir, state, input);
          expect(Array.isArray(r.commands)).toBe(true);
          state = r.state;
        }
      }),
      { numRuns: 300 },
    );
  });
});
