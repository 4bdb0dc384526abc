import { describe, expect, it } from 'vitest';
import type { Command, CustomerEvent, JourneyIR } from '@braid/sdk';
import { initialState, interpret, matchesEvent, nextWindowStart, startEnrollment } from '../src/index';
import { days, hours, journeyGraph } from '../fixtures/builder';
import { compiled, DAY, HOUR } from './helpers';

const T0 = Date.parse('2026-01-05T03:00:00.000Z');
const ev = (name: string, properties: CustomerEvent['properties'] = {}): CustomerEvent => ({ id: name, name, properties, timestamp: new Date(T0).toISOString() });
const last = (cs: Command[]) => cs[cs.length - 1];

const cartIr = (): JourneyIR =>
  compiled(
    journeyGraph(
      [
        ['t', 'trigger-event', { event: 'Product Added' }],
        ['wfe', 'wait-for-event', { event: 'Order Completed', where: [{ path: 'cart_id', op: 'equals', value: { ref: 'entry.properties.cart_id' } }], timeout: hours(3) }],
        ['v', 'issue-voucher', { amount: 99_000 }],
        ['m', 'send-message', { channel: 'email', subject: 'Mã {{ voucher.code }}', body: 'x' }],
        ['bought', 'exit', { reason: 'Bought' }],
        ['x', 'exit', { reason: 'Done' }],
        ['goal', 'goal', { event: 'Review Submitted', window: days(30) }],
        ['ex', 'exit-criteria', { events: [{ event: 'Unsubscribed' }] }],
      ],
      [
        ['t', 'out', 'wfe'],
        ['wfe', 'happened', 'bought'],
        ['wfe', 'timedOut', 'v'],
        ['v', 'out', 'm'],
        ['m', 'out', 'x'],
      ],
    ),
  );

const start = (ir: JourneyIR, seed = 7) =>
  startEnrollment(ir, { now: T0, entryEvent: ev('Product Added', { cart_id: 'c1' }), traits: { firstName: 'Toản' }, seed });

describe('interpret', () => {
  it('counts visits of a step named like an Object.prototype member as plain numbers', () => {
    const ir = compiled(
      journeyGraph(
        [
          ['t', 'trigger-event', { event: 'Product Added' }],
          ['toString', 'send-message', { channel: 'email', subject: 'Hi', body: 'x' }],
          ['x', 'exit', { reason: 'Done' }],
        ],
        [
          ['t', 'out', 'toString'],
          ['toString', 'out', 'x'],
        ],
      ),
    );
    const r = start(ir);
    expect(last(r.commands)).toMatchObject({ kind: 'runActivity', stepId: 'toString', visit: 1 });
    expect(r.state.visits.toString).toBe(1);
  });
  it('waits for the event, matching the entry cart', () => {
    const ir = cartIr();
    const s0 = start(ir);
    expect(last(s0.commands)).toEqual({ kind: 'waitForEvent', until: T0 + 3 * HOUR, stepId: 'wfe' });
    const other = interpret(ir, s0.state, { kind: 'event', now: T0 + HOUR, event: ev('Order Completed', { cart_id: 'c2' }) });
    expect(other.commands).toEqual([{ kind: 'waitForEvent', until: T0 + 3 * HOUR, stepId: 'wfe' }]);
    const mine = interpret(ir, other.state, { kind: 'event', now: T0 + 2 * HOUR, event: ev('Order Completed', { cart_id: 'c1' }) });
    expect(mine.commands).toEqual([
      { kind: 'log', stepId: 'wfe', outcome: 'left', reason: 'happened: Order Completed' },
      { kind: 'log', stepId: 'bought', outcome: 'entered', reason: 'end' },
      { kind: 'log', stepId: 'bought', outcome: 'exited', reason: 'Bought' },
      { kind: 'complete', reason: 'end', detail: 'Bought' },
    ]);
    expect(mine.state.status).toBe('completed');
  });

  it('times out, runs actions with visits and passes the voucher to later actions', () => {
    const ir = cartIr();
    const s0 = start(ir);
    const t = interpret(ir, s0.state, { kind: 'timer', now: T0 + 3 * HOUR });
    expect(last(t.commands)).toEqual({ kind: 'runActivity', stepId: 'v', activity: 'action', kindName: 'issue-voucher', config: expect.objectContaining({ amount: 99_000 }), visit: 1, variables: {} });
    const v = interpret(ir, t.state, { kind: 'activityResult', now: T0 + 3 * HOUR, stepId: 'v', result: { ok: true, output: { code: 'HOABAN-1' } } });
    expect(last(v.commands)).toMatchObject({ kind: 'runActivity', stepId: 'm', channel: 'email', visit: 1, variables: { voucher: { code: 'HOABAN-1' } } });
    const m = interpret(ir, v.state, { kind: 'activityResult', now: T0 + 3 * HOUR, stepId: 'm', result: { ok: true } });
    expect(last(m.commands)).toEqual({ kind: 'complete', reason: 'end', detail: 'Done' });
  });

  it('does not fire early timers and leaves the input state untouched', () => {
    const ir = cartIr();
    const s0 = start(ir);
    const before = JSON.stringify(s0.state);
    const early = interpret(ir, s0.state, { kind: 'timer', now: T0 + HOUR });
    expect(early.commands).toEqual([{ kind: 'waitForEvent', until: T0 + 3 * HOUR, stepId: 'wfe' }]);
    interpret(ir, s0.state, { kind: 'timer', now: T0 + 3 * HOUR });
    expect(JSON.stringify(s0.state)).toBe(before);
  });

  it('converts on the goal and leaves on exit criteria, from any step', () => {
    const ir = cartIr();
    const goal = interpret(ir, start(ir).state, { kind: 'event', now: T0 + HOUR, event: ev('Review Submitted') });
    expect(goal.state.converted).toBe(true);
    expect(last(goal.commands)).toEqual({ kind: 'complete', reason: 'goal', detail: 'converted: Review Submitted' });
    const exit = interpret(ir, start(ir).state, { kind: 'event', now: T0 + HOUR, event: ev('Unsubscribed') });
    expect(last(exit.commands)).toEqual({ kind: 'complete', reason: 'exitCriteria', detail: 'exit criteria: Unsubscribed' });
  });

  it('ignores conversions after the goal window', () => {
    const ir = cartIr();
    const late = interpret(ir, start(ir).state, { kind: 'event', now: T0 + 31 * DAY, event: ev('Review Submitted') });
    expect(late.state.converted).toBe(false);
  });

  it('returns error commands for stale or unexpected inputs, never throws', () => {
    const ir = cartIr();
    const s0 = start(ir);
    expect(interpret(ir, s0.state, { kind: 'activityResult', now: T0, stepId: 'v', result: { ok: true } }).commands).toEqual([
      { kind: 'error', message: 'No activity is running for step "v"; result ignored', code: 'ignoredInput', params: {} },
      { kind: 'waitForEvent', until: T0 + 3 * HOUR, stepId: 'wfe' },
    ]);
    expect(interpret({ ...ir, version: 2 }, s0.state, { kind: 'timer', now: T0 }).commands[0]).toMatchObject({ kind: 'error', message: expect.stringContaining('not j v2') });
    expect(interpret(ir, { garbage: true } as never, { kind: 'timer', now: T0 }).commands[0]?.kind).toBe('error');
    expect(interpret(ir, s0.state, { kind: 'start', now: T0, entryEvent: null, traits: {}, seed: 1 }).commands[0]?.kind).toBe('error');
    expect(interpret(ir, s0.state, null as never).commands[0]?.kind).toBe('error');
    expect(interpret(ir, initialState(ir), { kind: 'timer', now: T0 }).commands[0]?.kind).toBe('error');
    const broken: JourneyIR = { ...ir, start: 'nowhere' };
    expect(startEnrollment(broken, { now: T0, entryEvent: null, traits: {}, seed: 1 }).commands).toEqual([
      { kind: 'error', message: 'Unknown step "nowhere" in journey j v1', code: 'unknownStep', params: { stepId: 'nowhere' } },
      { kind: 'complete', reason: 'error', detail: 'Unknown step "nowhere" in journey j v1' },
    ]);
  });

  it('stops a loop without a wait with its step budget', () => {
    const ir: JourneyIR = {
      ...cartIr(),
      start: 'a',
      steps: {
        a: { type: 'branch', id: 'a', condition: { kind: 'randomSplit', weights: [1] }, outputs: [{ port: 'path0', next: 'b' }] },
        b: { type: 'branch', id: 'b', condition: { kind: 'randomSplit', weights: [1] }, outputs: [{ port: 'path0', next: 'a' }] },
      },
    };
    const r = startEnrollment(ir, { now: T0, entryEvent: null, traits: {}, seed: 1 }, { log: false });
    expect(r.commands[0]).toMatchObject({ kind: 'error', message: expect.stringContaining('Step budget'), code: 'loopWithoutWait' });
    expect(last(r.commands)).toMatchObject({ kind: 'complete', reason: 'error' });
  });

  it('splits at random, deterministically from the seed', () => {
    const ir = compiled(
      journeyGraph(
        [
          ['t', 'trigger-manual', {}],
          ['s', 'condition-random-split', { branches: [{ label: 'A', percent: 70 }, { label: 'B', percent: 30 }] }],
          ['a', 'exit', { reason: 'A' }],
          ['b', 'exit', { reason: 'B' }],
        ],
        [
          ['t', 'out', 's'],
          ['s', 'path0', 'a'],
          ['s', 'path1', 'b'],
        ],
      ),
    );
    const outcome = (seed: number) => (last(startEnrollment(ir, { now: T0, entryEvent: null, traits: {}, seed }).commands) as { detail: string }).detail;
    expect(outcome(123)).toBe(outcome(123));
    let a = 0;
    for (let seed = 0; seed < 2000; seed++) if (outcome(seed * 2654435761) === 'A') a++;
    expect(a / 2000).toBeGreaterThan(0.65);
    expect(a / 2000).toBeLessThan(0.75);
  });

  it('answers lookups from the runtime, with engagement visits', () => {
    const ir = compiled(
      journeyGraph(
        [
          ['t', 'trigger-manual', {}],
          ['m', 'send-message', { channel: 'zalo', body: 'hi' }],
          ['c', 'condition-engagement', { messageNodeId: 'm', status: 'clicked' }],
          ['best', 'condition-best-channel', { channels: ['email', 'zalo'] }],
          ['x', 'exit', { reason: 'x' }],
          ['y', 'exit', { reason: 'zalo' }],
        ],
        [
          ['t', 'out', 'm'],
          ['m', 'out', 'c'],
          ['c', 'yes', 'best'],
          ['c', 'no', 'x'],
          ['best', 'email', 'x'],
          ['best', 'zalo', 'y'],
          ['best', 'fallback', 'x'],
        ],
      ),
    );
    let r = startEnrollment(ir, { now: T0, entryEvent: null, traits: {}, seed: 1 });
    r = interpret(ir, r.state, { kind: 'activityResult', now: T0, stepId: 'm', result: { ok: true } });
    expect(last(r.commands)).toEqual({ kind: 'runActivity', stepId: 'c', activity: 'lookup', kindName: 'engagement', config: { kind: 'engagement', stepId: 'm', status: 'clicked', visit: 1 }, visit: 1 });
    r = interpret(ir, r.state, { kind: 'activityResult', now: T0, stepId: 'c', result: { ok: true, output: { matched: true } } });
    expect(last(r.commands)).toMatchObject({ activity: 'lookup', kindName: 'bestChannel', config: { kind: 'bestChannel', channels: ['email', 'zalo'] } });
    r = interpret(ir, r.state, { kind: 'activityResult', now: T0, stepId: 'best', result: { ok: true, output: { channel: 'zalo' } } });
    expect(last(r.commands)).toEqual({ kind: 'complete', reason: 'end', detail: 'zalo' });
  });

  it('waits for a time window in the customer’s timezone', () => {
    const ir = compiled(
      journeyGraph(
        [
          ['t', 'trigger-manual', {}],
          ['w', 'wait-time-window', { from: '19:00', to: '21:00', days: [1, 2, 3, 4, 5] }],
          ['x', 'exit', {}],
        ],
        [
          ['t', 'out', 'w'],
          ['w', 'out', 'x'],
        ],
      ),
    );
    // Monday 10:00 in Hà Nội → 19:00 the same day (12:00Z).
    expect(last(startEnrollment(ir, { now: T0, entryEvent: null, traits: {}, seed: 1 }).commands)).toEqual({ kind: 'sleepUntil', until: Date.parse('2026-01-05T12:00:00Z'), stepId: 'w' });
    // A customer in Paris: 19:00 CET = 18:00Z.
    expect(last(startEnrollment(ir, { now: T0, entryEvent: null, traits: { timezone: 'Europe/Paris' }, seed: 1 }).commands)).toMatchObject({ until: Date.parse('2026-01-05T18:00:00Z') });
    // Inside the window: go straight on.
    expect(last(startEnrollment(ir, { now: Date.parse('2026-01-05T12:30:00Z'), entryEvent: null, traits: {}, seed: 1 }).commands)).toMatchObject({ kind: 'complete' });
  });
});

describe('nextWindowStart', () => {
  const HCM = 'Asia/Ho_Chi_Minh';
  it('skips to the next allowed day', () => {
    // Saturday 2026-01-10 22:00 local → Monday 19:00 local.
    expect(nextWindowStart(Date.parse('2026-01-10T15:00:00Z'), '19:00', '21:00', [1, 2, 3, 4, 5], HCM)).toBe(Date.parse('2026-01-12T12:00:00Z'));
  });
  it('handles windows across midnight', () => {
    expect(nextWindowStart(Date.parse('2026-01-05T18:00:00Z'), '22:00', '06:00', [], HCM)).toBe(Date.parse('2026-01-05T18:00:00Z')); // 01:00 local
    expect(nextWindowStart(Date.parse('2026-01-05T03:00:00Z'), '22:00', '06:00', [], HCM)).toBe(Date.parse('2026-01-05T15:00:00Z'));
  });
  it('follows daylight saving time', () => {
    // New York switches to EDT on 2026-03-08: 09:00 local is 13:00Z after, 14:00Z before.
    expect(nextWindowStart(Date.parse('2026-03-07T20:00:00Z'), '09:00', '10:00', [], 'America/New_York')).toBe(Date.parse('2026-03-08T13:00:00Z'));
  });
  it('opens a window starting in a spring-forward gap at the jump, never before it', () => {
    // 02:30 does not exist in New York on 2026-03-08; the clock jumps 02:00 EST → 03:00 EDT (07:00Z).
    expect(nextWindowStart(Date.parse('2026-03-08T05:00:00Z'), '02:30', '04:00', [], 'America/New_York')).toBe(Date.parse('2026-03-08T07:00:00Z'));
  });
});

describe('matchesEvent', () => {
  it('never matches a reference to a value the entry event does not have (missing is not equal to missing)', () => {
    const matcher = { event: 'Order Completed', where: [{ path: 'cart_id', op: 'equals' as const, value: { ref: 'entry.properties.cart_id' } }] };
    const entryWithoutCart = ev('Product Added', {});
    expect(matchesEvent(matcher, ev('Order Completed', {}), entryWithoutCart)).toBe(false);
    expect(matchesEvent(matcher, ev('Order Completed', { cart_id: null }), entryWithoutCart)).toBe(false);
    expect(matchesEvent(matcher, ev('Order Completed', { cart_id: 'c9' }), ev('Product Added', { cart_id: 'c9' }))).toBe(true);
  });
  it('reads only the event’s own properties, never Object.prototype', () => {
    expect(matchesEvent({ event: 'Viewed', where: [{ path: 'constructor', op: 'exists' }] }, ev('Viewed', {}), null)).toBe(false);
    expect(matchesEvent({ event: 'Viewed', where: [{ path: 'toString', op: 'exists' }] }, ev('Viewed', {}), null)).toBe(false);
  });
  it('does not read arbitrary words with a number in them as dates', () => {
    // V8's Date.parse reads "size 2" as February 2001; a size is not a timestamp.
    expect(matchesEvent({ event: 'Viewed', where: [{ path: 'size', op: 'greaterThan', value: 100 }] }, ev('Viewed', { size: 'size 2' }), null)).toBe(false);
    expect(matchesEvent({ event: 'Viewed', where: [{ path: 'at', op: 'greaterThan', value: '2026-01-01' }] }, ev('Viewed', { at: '2026-02-01T00:00:00Z' }), null)).toBe(true);
  });
  const entry = { name: 'Product Added', properties: { cart_id: 'c1' } };
  it('compares numbers, strings loosely and references to the entry event', () => {
    expect(matchesEvent({ event: 'Product Added', where: [{ path: 'price', op: 'greaterThan', value: 0 }] }, { name: 'Product Added', properties: { price: '1700000' } }, null)).toBe(true);
    expect(matchesEvent({ event: 'Checkout Started', where: [{ path: 'address.city', op: 'equals', value: 'hà nội' }] }, { name: 'Checkout Started', properties: { address: { city: 'Hà Nội' } } }, null)).toBe(true);
    expect(matchesEvent({ event: 'Order Completed', where: [{ path: 'properties.cart_id', op: 'equals', value: { ref: 'entry.properties.cart_id' } }] }, { name: 'Order Completed', properties: { cart_id: 'c1' } }, entry)).toBe(true);
    expect(matchesEvent({ event: 'Order Completed', where: [{ path: 'cart_id', op: 'equals', value: { ref: 'entry.properties.cart_id' } }] }, { name: 'Order Completed', properties: { cart_id: 'c2' } }, entry)).toBe(false);
    expect(matchesEvent({ event: 'Order Completed', where: [{ path: 'channel', op: 'in', value: ['pos', 'web'] }] }, { name: 'Order Completed', properties: { channel: 'pos' } }, null)).toBe(true);
    expect(matchesEvent({ event: 'A', where: [{ path: 'tags', op: 'contains', value: 'vip' }] }, { name: 'A', properties: { tags: ['vip'] } }, null)).toBe(true);
    expect(matchesEvent({ event: 'A', where: [{ path: 'x', op: 'notExists' }] }, { name: 'A', properties: {} }, null)).toBe(true);
    expect(matchesEvent({ event: 'A', where: [] }, { name: 'B', properties: {} }, null)).toBe(false);
  });
});
