// The Temporal workflow carries the state through continueAsNew as JSON and replays inputs:
// driving the pure interpreter with JSON-copied states must give exactly the simulator's path.
import { describe, expect, it } from 'vitest';
import type { Command, CustomerEvent } from '@braid/sdk';
import { interpret, simulate, startEnrollment } from '../src/index';
import type { JourneyState } from '../src/index';
import { hoaBanFood } from '../fixtures/index';
import { clone, compiled, DAY } from './helpers';

describe('JSON state replay', () => {
  it('matches the simulator on the showroom path', () => {
    const ir = compiled(hoaBanFood);
    const t0 = Date.parse('2026-01-05T03:00:00.000Z');
    const entry: CustomerEvent = { id: 'entry', name: 'Product Added', properties: { cart_id: 'c1' }, timestamp: new Date(t0).toISOString() };
    const script = [
      { after: 8.5 * DAY, name: 'Product Viewed' },
      { after: 9 * DAY, name: 'Checkout Cancelled' },
      { after: 11 * DAY, name: 'Order Completed' },
    ];
    const expected = simulate(ir, { startAt: t0, entryEvent: entry, traits: { address: { city: 'Hà Nội' }, phone: '+84909908089' }, events: script });

    const logs: string[] = [];
    const take = (cs: Command[]) => {
      for (const c of cs) if (c.kind === 'log') logs.push(`${c.stepId}:${c.outcome}`);
      return cs[cs.length - 1]!;
    };
    let r = startEnrollment(ir, { now: t0, entryEvent: entry, traits: {}, seed: 1 });
    let state: JourneyState = clone(r.state);
    let last = take(r.commands);
    const queue = script.map((e, i) => ({ at: t0 + e.after, event: { id: `e${i}`, name: e.name, properties: {}, timestamp: '' } }));
    let now = t0;
    while (last.kind !== 'complete') {
      if (last.kind === 'runActivity') {
        const matched = last.kindName === 'trait';
        r = interpret(ir, state, { kind: 'activityResult', now, stepId: last.stepId, result: { ok: true, output: last.activity === 'lookup' ? { matched } : null } });
      } else if (last.kind === 'sleepUntil' || last.kind === 'waitForEvent') {
        const next = queue[0] && queue[0].at <= last.until ? queue.shift()! : null;
        now = next ? next.at : last.until;
        r = next ? interpret(ir, state, { kind: 'event', now, event: next.event }) : interpret(ir, state, { kind: 'timer', now });
      } else throw new Error(`unexpected ${last.kind}`);
      state = clone(r.state);
      last = take(r.commands);
    }
    const simLogs = expected.path.filter((p) => ['entered', 'left', 'converted', 'exited'].includes(p.what)).map((p) => `${p.stepId}:${p.what}`);
    expect(logs).toEqual(simLogs);
    expect(state.completion).toEqual(expected.finalState.completion);
  });
});
