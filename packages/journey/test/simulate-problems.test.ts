// The simulator says why a run could not go on with a code, params and the canvas node, so the
// editor can word it in the marketer's language instead of showing the engine's English.
import { describe, expect, it } from 'vitest';
import type { JourneyIR } from '@braid/sdk';
import { simulate } from '../src/index';
import { journeyGraph } from '../fixtures/builder';
import { compiled } from './helpers';

const base = (): JourneyIR => compiled(journeyGraph([['t', 'trigger-manual', {}], ['x', 'exit', { reason: 'Done' }]], [['t', 'out', 'x']]));

describe('simulation problems', () => {
  it('names a loop without a wait by its node', () => {
    const ir: JourneyIR = {
      ...base(),
      start: 'a',
      steps: {
        a: { type: 'branch', id: 'a', condition: { kind: 'randomSplit', weights: [1] }, outputs: [{ port: 'path0', next: 'b' }] },
        b: { type: 'branch', id: 'b', condition: { kind: 'randomSplit', weights: [1] }, outputs: [{ port: 'path0', next: 'a' }] },
      },
      nodeOf: { a: 'split-a', b: 'split-b' },
    };
    const r = simulate(ir, {});
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ code: 'loopWithoutWait', nodeId: expect.stringMatching(/^split-[ab]$/), params: { stepId: expect.stringMatching(/^[ab]$/) } });
    expect(r.errors).toEqual([r.problems[0]!.message]);
  });

  it('says which condition it had no answer for', () => {
    const ir: JourneyIR = {
      ...base(),
      start: 'c',
      steps: {
        c: { type: 'branch', id: 'c', condition: { kind: 'lookup', name: 'crm-score', config: {} } as never, outputs: [{ port: 'yes', next: 'x' }, { port: 'no', next: 'x' }] },
        x: { type: 'end', id: 'x', reason: 'Done' } as never,
      },
      nodeOf: { c: 'score', x: 'done' },
    };
    const r = simulate(ir, {});
    expect(r.problems.map((p) => p.code)).toContain('noAnswer');
  });

  it('has no problems on a journey that runs through', () => {
    expect(simulate(base(), {}).problems).toEqual([]);
  });
});
