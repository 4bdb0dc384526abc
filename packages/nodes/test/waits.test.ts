import { describe, expect, it } from 'vitest';
import { waitDelay, waitForEvent, waitTimeWindow } from '../src/index';
import { compileNode, issuesOf } from './harness';

describe('wait-delay', () => {
  it('compiles to a duration wait, scaled for fast tests', () => {
    expect(compileNode(waitDelay, { duration: { amount: 2, unit: 'days' } })).toEqual({
      steps: [{ type: 'wait', id: 'n1', wait: { kind: 'duration', ms: 172_800_000 }, next: 'next:out' }],
    });
    expect(compileNode(waitDelay, { duration: { amount: 2, unit: 'days' } }, 'n1', 0.001).steps?.[0]).toMatchObject({ wait: { ms: 172_800 } });
  });
  it('refuses zero or missing durations', () => {
    expect(issuesOf(waitDelay, { duration: { amount: 0, unit: 'days' } })[0]).toEqual({ path: 'duration.amount', message: 'Must be more than zero' });
    expect(issuesOf(waitDelay, { duration: { amount: 1, unit: 'weeks' } })[0]?.path).toBe('duration.unit');
  });
  it('migrates v1 { days } configs', () => {
    expect(waitDelay.upgradeConfig(1, { days: 7 })).toEqual({ ok: true, config: { duration: { amount: 7, unit: 'days' } } });
    const p = waitDelay.parseConfig({ duration: { amount: 1, unit: 'days' } });
    expect(p.ok && waitDelay.summary(p.config).en).toBe('Wait 1 day');
  });
});

describe('wait-time-window', () => {
  it('compiles with Asia/Ho_Chi_Minh as the fallback', () => {
    expect(compileNode(waitTimeWindow, { from: '19:00', to: '21:00', days: [5, 1, 1] }).steps?.[0]).toEqual({
      type: 'wait', id: 'n1', next: 'next:out',
      wait: { kind: 'timeWindow', from: '19:00', to: '21:00', days: [1, 5], timezone: 'customer', fallbackTimezone: 'Asia/Ho_Chi_Minh' },
    });
  });
  it('explains bad times and unknown timezones', () => {
    expect(issuesOf(waitTimeWindow, { from: '7pm', to: '21:00' })[0]?.path).toBe('from');
    expect(issuesOf(waitTimeWindow, { from: '19:00', to: '19:00' })[0]?.path).toBe('to');
    expect(issuesOf(waitTimeWindow, { from: '19:00', to: '21:00', timezone: 'Mars/Olympus' })[0]?.message).toContain('not a timezone');
  });
  it('summarises', () => {
    const p = waitTimeWindow.parseConfig({ from: '19:00', to: '21:00', days: [1, 2] });
    expect(p.ok && waitTimeWindow.summary(p.config).en).toBe('Wait until 19:00–21:00 on Mon, Tue (customer’s time)');
  });
});

describe('wait-for-event', () => {
  it('compiles two ports: happened and timed out', () => {
    const out = compileNode(waitForEvent, {
      event: 'Order Completed',
      where: [{ path: 'cart_id', op: 'equals', value: { ref: 'entry.properties.cart_id' } }],
      timeout: { amount: 3, unit: 'hours' },
    });
    expect(out.steps?.[0]).toEqual({
      type: 'wait', id: 'n1', next: 'next:happened', timeoutNext: 'next:timedOut',
      wait: { kind: 'event', match: { event: 'Order Completed', where: [{ path: 'cart_id', op: 'equals', value: { ref: 'entry.properties.cart_id' } }] }, timeoutMs: 3 * 3_600_000 },
    });
  });
  it('says a missing timeout lets customers wait forever', () => {
    expect(issuesOf(waitForEvent, { event: 'Order Completed', timeout: null })[0]).toMatchObject({ path: 'timeout', message: expect.stringContaining('forever') });
  });
});
