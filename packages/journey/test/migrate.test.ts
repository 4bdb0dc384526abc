// Moving a waiting customer between versions: which mappings are allowed, what is suggested,
// and where the customer's deadline lands.
import { describe, expect, it } from 'vitest';
import type { JourneyIR } from '@braid/sdk';
import { days, hours, journeyGraph, type EdgeSpec, type NodeSpec } from '../fixtures/builder';
import { compile, interpret, moveRefusal, moveState, startEnrollment, suggestMoves } from '../src/index';
import { HOUR, registry } from './helpers';

function version(n: number, cooling: number, extra = false): JourneyIR {
  const graph = journeyGraph(
    [
      ['start', 'trigger-event', { event: 'Cart Viewed', where: [], reentry: { mode: 'afterExit' }, entryLimit: null }],
      ['order', 'wait-for-event', { event: 'Order Completed', where: [], timeout: days(1) }],
      ['cool', 'wait-delay', { duration: hours(cooling) }],
      ['thanks', 'send-message', { channel: 'email', subject: 'Cảm ơn', body: 'Cảm ơn {{ customer.firstName }}' }],
      ...(extra ? [['reminder', 'wait-delay', { duration: hours(2) }] satisfies NodeSpec] : []),
      ['done', 'exit', { reason: 'done' }],
    ],
    [
      ['start', 'out', 'order'],
      ['order', 'happened', 'cool'],
      ['order', 'timedOut', extra ? 'reminder' : 'done'],
      ...(extra ? [['reminder', 'out', 'done'] satisfies EdgeSpec] : []),
      ['cool', 'out', 'thanks'],
      ['thanks', 'out', 'done'],
    ],
  );
  const r = compile(graph, registry, { journeyId: 'j', version: n });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.ir;
}

const v1 = version(1, 4);
const v2 = version(2, 6, true);
const T0 = Date.UTC(2026, 0, 5, 3);

describe('in-flight migration', () => {
  it('suggests each wait step that keeps its id and its way of waiting', () => {
    expect(suggestMoves(v1, v2)).toEqual({ order: 'order', cool: 'cool' });
  });

  it('refuses a mapping onto a send, across kinds of waiting, or to a step that does not exist', () => {
    expect(moveRefusal(v1, v2, 'order', 'thanks')).toMatch(/"thanks" is a send or action step, not a wait/);
    expect(moveRefusal(v1, v2, 'order', 'cool')).toMatch(/waits for an event and "cool" waits on a clock/);
    expect(moveRefusal(v1, v2, 'cool', 'nowhere')).toMatch(/not a step of version 2/);
    expect(moveRefusal(v1, v2, 'thanks', 'cool')).toMatch(/nobody waits at "thanks"/);
    expect(moveRefusal(v1, v2, 'cool', 'reminder')).toBeNull();
  });

  it('keeps a delay counted from when the customer started waiting; a longer delay moves the deadline by the difference', () => {
    let s = startEnrollment(v1, { now: T0, entryEvent: null, traits: {}, seed: 1 }).state;
    s = interpret(v1, s, { kind: 'event', now: T0 + HOUR, event: { id: 'e1', name: 'Order Completed', properties: {}, timestamp: new Date(T0 + HOUR).toISOString() } }).state;
    expect(s.awaiting).toEqual({ kind: 'sleep', stepId: 'cool', until: T0 + 5 * HOUR });
    const moved = moveState(s, v1, v2, 'cool', T0 + 2 * HOUR)!;
    expect(moved.version).toBe(2);
    expect(moved.awaiting).toEqual({ kind: 'sleep', stepId: 'cool', until: T0 + 7 * HOUR });
    // On the new program, the deadline leads on to v2's send.
    const after = interpret(v2, moved, { kind: 'timer', now: T0 + 7 * HOUR });
    expect(after.commands.at(-1)).toMatchObject({ kind: 'runActivity', stepId: 'thanks' });
    // Unchanged length: the very same deadline.
    expect(moveState(s, v1, version(3, 4), 'cool', T0 + 2 * HOUR)!.awaiting).toEqual({ kind: 'sleep', stepId: 'cool', until: T0 + 5 * HOUR });
  });

  it('places nobody who is not waiting, or whose position the new step cannot take', () => {
    const s = startEnrollment(v1, { now: T0, entryEvent: null, traits: {}, seed: 1 }).state;
    expect(moveState(s, v1, v2, 'thanks', T0)).toBeNull();
    expect(moveState(s, v1, v2, 'cool', T0)).toBeNull();
    expect(moveState(s, v1, v2, 'order', T0)!.awaiting).toEqual({ kind: 'event', stepId: 'order', until: T0 + 24 * HOUR });
    // A state of another version is not this migration's to move.
    expect(moveState(s, v2, v1, 'order', T0)).toBeNull();
  });
});
